// Screens and the router. A screen is a class holding its own view state with a draw(); it calls
// services in shared/ (through AppContext) and never contains SQL. The router keeps a stack of
// screens; push/pop/reset asked for during a frame are applied after the frame is drawn.
//
//   class CheckInScreen final : public Screen {
//   public:
//       explicit CheckInScreen(AppContext& app) : m_app(app) {}
//       std::string title() const override { return tr("checkin.title"); }
//       void draw(Ui& ui) override;   // if (done) m_app.router.pop();
//   };
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/app/store_info.hpp"
#include "kiosk/ui/ui.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"

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
    // A scanned code (USB scanner burst or camera), already normalised (platform/scan/codes.hpp).
    // Returns whether this screen used it; an unused scan may get a "not expected here" toast.
    virtual bool onScan(const std::string& text) {
        (void)text;
        return false;
    }
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
    size_t depth() const { return m_stack.size(); }
    bool canGoBack() const { return m_stack.size() > 1; }
    // Applies what was asked during the frame. Returns whether anything changed.
    bool apply();

private:
    std::vector<std::unique_ptr<Screen>> m_stack;
    std::vector<std::function<void()>> m_pending;
};

// What screens reach the rest of the app through.
struct AppContext {
    core::StoreServices& services;
    Router& router;
    MainThreadQueue& queue;
    const StoreInfo& store;
    Mode mode;
    // Call after saving something: pushes it to the hub now (no-op without sync) and bumps
    // dataVersion so lists reload.
    std::function<void()> saved;
    // Who is signed in on this device (kept current by the App each frame; empty: nobody).
    const std::optional<core::Session>& staff;
    // Bumped whenever data may have changed under the screens: sync applied pulled changes, a
    // local save. Lists remember the version they loaded and reload when it moves.
    const uint64_t& dataVersion;
    // Signs the staff member out; staff modes go back to the sign-in screen.
    std::function<void()> signOut;
    // Switches the app to another mode after this frame (the kiosk's "leave kiosk mode").
    std::function<void(Mode)> switchMode;
};

}  // namespace fc::ui
