// Screens and the router. A screen is a class holding its own view state with a draw(); it is
// given the services of its feature (features.hpp) and the app's shell (AppContext), never the
// whole store, and contains no SQL. The router keeps a stack of screens; push/pop/reset asked for
// during a frame are applied after the frame is drawn.
//
//   class CheckInScreen final : public Screen {
//   public:
//       CheckInScreen(AppContext& app, core::CheckInService& checkIn) : m_app(app), m_checkIn(checkIn) {}
//       std::string title() const override { return tr("checkin.title"); }
//       void draw(Ui& ui) override;   // if (done) m_app.router.pop();
//   };
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/app/store_info.hpp"
#include "kiosk/ui/ui.hpp"
#include "platform/scan/photo.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::ui {

class Screen {
public:
    virtual ~Screen() = default;
    // The header's title, translated (called every frame: the language can change).
    virtual std::string title() const = 0;
    virtual void draw(Ui& ui) = 0;
    // Called when the screen becomes the top of the stack / stops being it.
    virtual void onShow() {}
    virtual void onHide() {}
    // A scanned code (USB scanner burst or camera), already normalised (shared/core/barcode.hpp),
    // between frames. Returns whether this screen used it; an unused scan gets a "not expected
    // here" toast.
    virtual bool onScan(Ui& ui, const std::string& text) {
        (void)ui;
        (void)text;
        return false;
    }
    // Kiosk: how long this screen may sit untouched before the app warns and then goes back to
    // the welcome screen (`usual`: the app's setting). A step that sends the customer away to
    // look something up (the odometer) allows longer.
    virtual int64_t idleResetMs(int64_t usual) const { return usual; }
    // False: the header shows no back button (the staff sign-in in front of a staff mode).
    virtual bool allowsBack() const { return true; }
};

class Router {
public:
    void push(std::unique_ptr<Screen> screen);
    void pop();
    // Back to the first screen (the mode's home): everything above it is destroyed, with
    // whatever was typed into it (the kiosk's idle timeout uses this).
    void popToRoot();
    void replaceRoot(std::unique_ptr<Screen> screen);

    Screen* top() const { return m_stack.empty() ? nullptr : m_stack.back().get(); }
    // A number given to each screen when it is pushed, never reused: the ImGui id the shell draws
    // it under, so a new screen starts with fresh scroll positions and widget state even when it
    // lands at the address of one that went (the next customer never sees the last one's list).
    uint64_t topSerial() const { return m_serials.empty() ? 0 : m_serials.back(); }
    size_t depth() const { return m_stack.size(); }
    bool canGoBack() const { return m_stack.size() > 1; }
    // Applies what was asked during the frame. Returns whether anything changed.
    bool apply();

private:
    std::vector<std::unique_ptr<Screen>> m_stack;
    std::vector<uint64_t> m_serials;  // one per screen on the stack
    uint64_t m_nextSerial = 0;
    std::vector<std::function<void()>> m_pending;
};

// The app's shell as screens reach it: navigation, the main-thread queue, what the store and
// this device are, who is signed in, and the per-table versions of the data (a local save or a
// pulled sync page moves them; screens reload what they show when a table they read moved).
// Saving needs nothing more: the app hears of every write and pushes it to the hub itself.
struct AppContext {
    Router& router;
    MainThreadQueue& queue;
    const StoreInfo& store;
    Mode mode;
    // Who is signed in on this device (kept current by the App each frame; empty: nobody).
    const std::optional<core::Session>& staff;
    const DataVersions& data;
    // Signs the staff member out; staff modes go back to the sign-in screen.
    std::function<void()> signOut;
    // Switches the app to another mode after this frame (the kiosk's "leave kiosk mode").
    std::function<void(Mode)> switchMode;
    // Where printed documents are saved as PDF ("<store file>.documents"; made when first used).
    std::string documentsDir = {};
    // Job photos (platform/scan/photo.hpp). A still from the camera: false when there is none
    // (or it stopped); else `done` runs on the UI thread with the compressed photo or why not.
    using PhotoDone = std::function<void(core::Result<platform::Photo>)>;
    std::function<bool(PhotoDone done)> cameraPhoto = {};
    // A picture file made into a photo on a worker (in a child process); `done` on the UI thread.
    std::function<void(const std::string& path, PhotoDone done)> filePhoto = {};
    // Where picture files are picked from when there is no camera.
    std::string photosDir = {};
};

}  // namespace fc::ui
