// Index
//   [SECTION] creation
//   [SECTION] frames
//   [SECTION] change news
//   [SECTION] staff sessions and modes
//   [SECTION] keyboard and scanners
//   [SECTION] state
#include "kiosk/app/app.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "kiosk/app/sync_link.hpp"
#include "kiosk/screens/common/feature_home_screen.hpp"
#include "kiosk/screens/common/kit_gallery_screen.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/toast_view.hpp"
#include "platform/gfx/font_files.hpp"
#include "platform/scan/pipeline.hpp"
#include "shared/readmodel/charset.hpp"
#include "shared/staff/session.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/workorders/job_templates.hpp"

namespace fc::ui {

using core::Errc;
using core::Error;

// [SECTION] creation

App::App(const AppConfig& config, const core::Clock& clock, I18n i18n)
    : m_config(config), m_clock(clock), m_i18n(std::move(i18n)), m_startLanguage(config.language),
      m_theme(Theme::make(config.mode, config.contentScale)), m_homeMode(config.mode),
      m_wedge(platform::WedgeDetector::Options{.maxGapMs = config.scannerGapMs}) {}

core::Result<std::unique_ptr<App>> App::create(const AppConfig& configIn, const core::Clock& clock) {
    AppConfig config = configIn;
    if (config.assetsDir.empty()) config.assetsDir = assetsDir();
    FC_ASSIGN(I18n i18n, I18n::load(config.assetsDir, config.language));
    std::unique_ptr<App> app(new App(config, clock, std::move(i18n)));
    FC_TRY(app->init());
    return app;
}

core::Status App::initFonts() {
    // The font first: without one nothing can be shown, and the message names the package.
    std::string fontPath = m_config.fontPath;
    int fontIndex = m_config.fontIndex;
    if (fontPath.empty()) {
        FC_ASSIGN(platform::FontFile f, platform::findCjkFont());
        fontPath = f.path;
        fontIndex = f.index;
    } else if (fontPath == "-") {
        fontPath.clear();
    }
    m_fonts = std::make_unique<FontManager>(fontPath, fontIndex, FontSizes{m_theme.fontBody, m_theme.fontLarge});
    FC_TRY(m_fonts->loadFace());
    m_fonts->addUiText(m_i18n.allText());
    if (m_config.commonCharacters) FC_TRY(m_fonts->loadCommon(m_config.assetsDir));
    return {};
}

void App::initImGui() {
    m_ui = std::make_unique<Ui>(m_theme, *m_fonts, m_clock);
    m_imgui = ImGui::CreateContext(&m_fonts->atlas());
    ImGui::SetCurrentContext(m_imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to remember between runs; no files next to the binary
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = true;
    m_theme.apply(ImGui::GetStyle());
    applyFonts();
    setCurrentI18n(&m_i18n);
}

core::Status App::init() {
    FC_TRY(initFonts());
    struct stat st {};
    if (::stat(m_config.dbPath.c_str(), &st) != 0)
        return Error(Errc::kNotFound, "no store database at " + m_config.dbPath +
                                          ": create one with `forecourtctl --db " + m_config.dbPath + " init`");
    FC_ASSIGN(m_services, core::StoreServices::open(m_config.dbPath, m_clock));
    // A save from a screen never waits for a WAL checkpoint (see shared/db/checkpointer.hpp).
    FC_TRY(m_services->checkpointInBackground());
    m_news = std::make_unique<core::NewsCollector>(m_services->store().writer());
    FC_ASSIGN(m_store, readStoreInfo(*m_services));
    m_fonts->addText(m_store.storeName, true);
    // What assets can put on screen: the service menu's names in both languages (钣金喷漆 has
    // characters beyond the common set).
    if (auto menu = m_services->get<core::ServiceCatalog>().menu()) {
        for (const core::ServiceItem& item : (*menu)->items()) {
            m_fonts->addUiText(item.nameZh);
            m_fonts->addUiText(item.nameEn);
        }
        // The job templates' steps, checklists, readings and units (a technician's screen).
        if (auto jobs = core::loadJobTemplates(core::defaultJobTemplatesDir(), core::serviceCodes(**menu)))
            for (const core::JobTemplate& t : jobs->all())
                for (const core::JobStep& step : t.steps) {
                    m_fonts->addUiText(step.titleZh + step.titleEn);
                    for (const auto& c : step.checklist) m_fonts->addUiText(c.zh + c.en);
                    for (const auto& r : step.readings)
                        m_fonts->addUiText(r.labelZh + r.labelEn + core::readingUnitSymbol(r.unit));
                }
    }
    m_background = std::make_unique<BackgroundWorker>();
    if (m_config.scanDataBeforeFirstFrame) {
        FC_ASSIGN(core::DataCharset cs, core::dataCharset(m_services->db()));
        m_fonts->addData(cs.all, cs.names);
    } else {
        scanDataCharacters();
    }
    FC_TRY(m_fonts->rebuild());
    initImGui();

    m_keyboard = std::make_unique<TextKeyboard>(m_config.imeDir.empty() ? m_config.dbPath + ".ime" : m_config.imeDir);
    applyKeyboard();

    registerFeatures(m_features);
    m_context = std::make_unique<AppContext>(AppContext{
        m_router, m_queue, m_store, m_config.mode, m_staff, m_data,
        [this] {
            if (auto r = m_services->get<core::SessionManager>().signOut(); !r)
                m_ui->toasts().show(r.error().message, ToastKind::kError);
        },
        [this](Mode mode) { switchMode(mode); }, m_config.dbPath + ".documents",
        [this](AppContext::PhotoDone done) -> bool {
            if (!m_cameraFeed || !m_camera || !m_camera->live()) return false;
            // The still is compressed on the camera's thread (one frame, on purpose) and only the
            // JPEG leaves it; the frame itself is dropped there.
            return m_cameraFeed->requestStill([this, done](core::Result<platform::Frame> frame) {
                core::Result<platform::Photo> photo =
                    frame ? platform::encodePhoto(frame.value()) : core::Result<platform::Photo>(frame.error());
                m_queue.post([done, photo = std::move(photo)] { done(photo); });
            });
        },
        [this](const std::string& path, AppContext::PhotoDone done) {
            m_background->run([this, path, done] {
                auto photo = platform::photoFromFileIsolated(path);
                m_queue.post([done, photo = std::move(photo)] { done(photo); });
            });
        },
        m_config.photosDir.empty() ? m_config.dbPath + ".photos" : m_config.photosDir});
    makeStartScreen();
    m_router.apply();
    startSync();
    m_lastInputMs = m_clock.nowMs();
    return {};
}

void App::startSync() {
    const std::string hub = m_config.hubUrl.empty() ? m_store.hubUrl : m_config.hubUrl;
    if (hub.empty() || !m_config.startSync) return;
    m_syncView.state = SyncState::kConnecting;
    m_sync = std::make_unique<SyncLink>(m_config.dbPath, hub, m_store.hubPin, m_clock, m_queue,
                                        SyncLink::Handlers{
                                            .status = [this](const SyncView& v) {
                                                m_syncView = v;
                                                requestFrames(2);
                                            },
                                            .pulled = [this](const core::ChangeNews& news) { applyNews(news, false); },
                                        },
                                        m_config.syncLongPollMs);
    (void)m_sync->start();  // a failure is shown in the strip; the app works offline
}

App::~App() {
    m_cameraFeed.reset();  // the camera thread stops before the pipeline and the queue go
    m_scans.reset();
    m_sync.reset();        // stops the worker threads before anything they post to goes away
    m_background.reset();
    if (m_imgui) {
        ImGui::SetCurrentContext(m_imgui);
        m_router = Router();
        ImGui::DestroyContext(m_imgui);
    }
    if (currentI18n() == &m_i18n) setCurrentI18n(nullptr);
}

std::unique_ptr<Screen> App::makeHome() {
    FeatureEnv env{*m_context, m_services->services()};
    if (const auto* home = m_features.home(m_config.mode)) return (*home)(env);
    return std::make_unique<FeatureHomeScreen>(*m_context, m_features, m_services->services(),
                                               m_services->registry(), m_services->store().device().role);
}

void App::makeStartScreen() {
    m_router.replaceRoot(makeHome());
    m_gateShown = false;
    // A developer screen (--screen gallery) sits under the sign-in gate, never in front of it.
    const std::string_view start = m_config.startScreen;
    if (start.rfind("gallery", 0) == 0)
        m_router.push(makeKitGalleryScreen(*m_context, start.size() > 8 ? start.substr(8) : std::string_view()));
    if (staffMode() && !m_staff) pushStaffGate();
}

void App::applyFonts() {
    ImGui::GetIO().FontDefault = m_fonts->body();
}

// [SECTION] frames

void App::beginFrame() {
    ImGui::SetCurrentContext(m_imgui);
    setCurrentI18n(&m_i18n);
    if (m_queue.drain() > 0) requestFrames(2);
    takeLocalNews();  // saves made outside a frame (tests, a scan handled between frames)
    if (m_pendingMode) applyMode();
    m_wedge.tick(m_clock.nowMs());
    drainWedge();
    if (m_pendingLanguage) {
        (void)m_i18n.setLanguage(*m_pendingLanguage);
        m_pendingLanguage.reset();
        requestFrames(2);
    }
    if (m_fonts->needsRebuild()) {
        if (auto r = m_fonts->rebuild(); !r) m_ui->toasts().show(r.error().message, ToastKind::kError);
        applyFonts();
        requestFrames(2);
    }
}

void App::frame() {
    ImGui::SetCurrentContext(m_imgui);
    ImGui::NewFrame();
    m_ui->beginFrame();
    trackIdle();
    drawShell();
    if (m_ui->keyboard()) m_keyboard->draw(*m_ui);  // on in this mode: over the screen
    drawIdleWarning();
    drawToasts(*m_ui);
    m_ui->endFrame();
    ImGui::Render();
    if (m_releaseEnter) {  // a given-back Enter was down for exactly this frame
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = false;
        m_releaseEnter = false;
        requestFrames(2);
    }
    if (m_router.apply()) {
        requestFrames(2);
        endCustomerSession();
    }
    takeLocalNews();  // what the screens saved this frame
    if (m_framesOwed > 0) --m_framesOwed;
    settle();
    ++m_frames;
}

namespace {

// A 64-bit signature of what a frame drew: vertices, indices, clip rectangles and textures.
uint64_t drawSignature(const ImDrawData* data) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](const void* p, size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            std::memcpy(&w, b + i, 8);
            h = (h ^ w) * 0x100000001B3ull;
            h ^= h >> 29;
        }
        for (; i < n; ++i) h = (h ^ b[i]) * 0x100000001B3ull;
    };
    if (!data || !data->Valid) return h;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        mix(list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            mix(&cmd.ClipRect, sizeof cmd.ClipRect);
            mix(&cmd.TextureId, sizeof cmd.TextureId);
            mix(&cmd.ElemCount, sizeof cmd.ElemCount);
        }
    }
    return h;
}

}  // namespace

void App::settle() {
    // A tap is pressed on one frame and released on the next; what it did is drawn only on the
    // frame after that, and a new screen may size itself over one more. So the picture is
    // "settled" only when a frame draws exactly what the one before drew: until then draw again
    // (bounded, in case something changes every frame without saying it animates).
    const uint64_t sig = drawSignature(ImGui::GetDrawData());
    if (sig == m_drawSignature) {
        m_unsettledFrames = 0;
        return;
    }
    m_drawSignature = sig;
    if (++m_unsettledFrames <= kMaxSettleFrames) m_framesOwed = std::max(m_framesOwed, 1);
}

bool App::wantsFrameSoon() const {
    return m_framesOwed > 0 || m_ui->animating() || !m_queue.empty() || m_fonts->needsRebuild() ||
           m_pendingLanguage.has_value();
}

int64_t App::nextWakeMs() const {
    const int64_t now = m_clock.nowMs();
    const int64_t nextMinute = (now / 60'000 + 1) * 60'000;  // the header clock
    int64_t wake = std::min(m_ui->nextWakeMs(), nextMinute);
    if (auto held = m_wedge.releaseDeadline()) wake = std::min(wake, *held);  // typed keys held
    return wake;
}

void App::trackIdle() {
    const ImGuiIO& io = ImGui::GetIO();
    const int64_t now = m_clock.nowMs();
    bool input = !io.InputQueueCharacters.empty() || io.MouseWheel != 0.0f ||
                 io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f;
    for (bool down : io.MouseDown) input = input || down;
    for (bool down : io.KeysDown) input = input || down;
    if (input) m_lastInputMs = now;
    trackSession(input);
    m_idleResetAt = 0;
    // A kiosk staff took into another mode is a kiosk again, signed out, after the kiosk's idle
    // time: an advisor who walks away never leaves the front desk open to the next customer.
    if (m_homeMode == Mode::kKiosk && m_config.mode != Mode::kKiosk && m_config.kioskIdleResetMs > 0 &&
        now - m_lastInputMs >= m_config.kioskIdleResetMs && !m_pendingMode) {
        if (m_staff) (void)m_services->get<core::SessionManager>().signOut();
        switchMode(Mode::kKiosk);
        return;
    }
    if (m_config.mode != Mode::kKiosk || !m_router.canGoBack() || m_config.kioskIdleResetMs <= 0) return;
    const int64_t allowance = m_router.top() ? m_router.top()->idleResetMs(m_config.kioskIdleResetMs)
                                             : m_config.kioskIdleResetMs;
    const int64_t resetAt = m_lastInputMs + allowance;
    if (now >= resetAt) {
        m_router.popToRoot();  // customer-facing: back to the welcome screen, typed data wiped
        if (m_staff) (void)m_services->get<core::SessionManager>().signOut();  // a staff member walked away
        return;
    }
    // The last seconds are counted down on screen, with a way to stay.
    const int64_t warnAt = resetAt - std::min<int64_t>(kIdleWarningMs, allowance / 3);
    if (now >= warnAt) {
        m_idleResetAt = resetAt;
        m_ui->wakeAt(std::min(resetAt, now + 1000 - (resetAt - now) % 1000));
    } else {
        m_ui->wakeAt(warnAt);
    }
}

void App::endCustomerSession() {
    // The kiosk back at its welcome screen: one customer's session is over, and nothing of it —
    // typed text, scroll positions (the router's serials), the language they picked — reaches
    // the next customer.
    const size_t depth = m_router.depth();
    const bool ended = m_config.mode == Mode::kKiosk && depth == 1 && m_lastDepth > 1;
    m_lastDepth = depth;
    if (ended && m_i18n.language() != m_startLanguage) setLanguage(m_startLanguage);
}

// [SECTION] change news

void App::dataChanged(const core::ChangeNews& news) { applyNews(news, false); }

void App::takeLocalNews() {
    if (!m_news->pending()) return;
    applyNews(m_news->take(), true);
}

void App::applyNews(const core::ChangeNews& news, bool local) {
    if (news.empty()) return;
    m_data.bump(news);
    // The service menu is kept in memory: a change pulled on the sync connection reaches it here.
    m_services->get<core::ServiceCatalog>().noteNews(news);
    requestFrames(2);
    if (local && m_sync) m_sync->wake();  // push it to the hub now
    if (!core::touchesCharset(news)) return;
    // New characters reach the atlas from the changed rows only; a bulk (an import, a snapshot)
    // names too many rows to list and the whole store is scanned on the worker thread instead.
    bool bulk = false;
    for (const auto& [table, t] : news.tables) bulk |= t.allRows;
    if (bulk) {
        scanDataCharacters();
        return;
    }
    auto cs = core::dataCharsetOf(m_services->db(), news);
    if (cs) m_fonts->addData(cs->all, cs->names);
    else m_ui->toasts().show(cs.error().message, ToastKind::kError);
}

// [SECTION] staff sessions and modes

void App::pushStaffGate() {
    if (m_gateShown) return;
    m_gateShown = true;
    m_router.push(makeStaffGateScreen(*m_context, m_services->get<core::StaffService>(),
                                      m_services->get<core::SessionManager>()));
}

void App::trackSession(bool input) {
    core::SessionManager& sessions = m_services->get<core::SessionManager>();
    if (input) (void)sessions.touch();
    auto cur = sessions.current();  // in memory; expires (and records) an idle session
    const bool was = m_staff.has_value();
    m_staff = cur ? *cur : std::nullopt;
    if (m_staff) {
        if (m_gateShown) {  // signed in some other way than on the gate (a test, a service)
            Screen* top = m_router.top();
            if (top && !top->allowsBack()) m_router.pop();
            m_gateShown = false;
        }
        m_ui->wakeAt(m_staff->lastActivityAt() + sessions.options().inactivityMs);
    }
    if (was && !m_staff) {
        // Signed out (by hand or after inactivity): whatever was open goes with the person.
        m_router.popToRoot();
        if (staffMode()) pushStaffGate();
    }
}

void App::applyMode() {
    const Mode mode = *m_pendingMode;
    m_pendingMode.reset();
    if (mode == m_config.mode) return;
    m_config.mode = mode;
    m_theme = Theme::make(mode, m_config.contentScale);  // the Ui points at m_theme
    m_theme.apply(ImGui::GetStyle());
    m_context->mode = mode;
    applyKeyboard();
    makeStartScreen();
    requestFrames(2);
}

void App::applyKeyboard() {
    const bool on = m_config.onScreenKeyboard.value_or(m_config.mode != Mode::kOffice);
    if (!on) m_keyboard->close();
    m_ui->setKeyboard(on ? m_keyboard.get() : nullptr);
    if (on && m_config.prepareIme && !m_imePrepared) {
        // Rime's first start in a directory takes a moment: done before the first letter.
        m_imePrepared = true;
        m_background->run([keyboard = m_keyboard.get()] { keyboard->prepare(); });
    }
}

// [SECTION] keyboard and scanners

void App::keyChar(char32_t c) {
    m_wedge.feed(platform::KeyInput::character(c, m_clock.nowMs()));
    drainWedge();
    requestFrames(2);
}

void App::keyEnter() {
    m_wedge.feed(platform::KeyInput::enter(m_clock.nowMs()));
    drainWedge();
    requestFrames(2);
}

void App::keyOther() {
    m_wedge.feed(platform::KeyInput::other(0, m_clock.nowMs()));
    drainWedge();
    requestFrames(2);
}

void App::pumpKeys() {
    m_wedge.tick(m_clock.nowMs());
    drainWedge();
}

void App::drainWedge() {
    ImGui::SetCurrentContext(m_imgui);
    ImGuiIO& io = ImGui::GetIO();
    for (platform::WedgeOutput& out : m_wedge.take()) {
        if (out.kind == platform::WedgeOutput::Kind::kScan) {
            routeScan(out.scan);
            continue;
        }
        switch (out.key.kind) {
            case platform::KeyInput::Kind::kChar:
                io.AddInputCharacter(static_cast<unsigned int>(out.key.ch));
                break;
            case platform::KeyInput::Kind::kEnter:
                io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = true;
                m_releaseEnter = true;
                break;
            case platform::KeyInput::Kind::kTab:
            case platform::KeyInput::Kind::kOther:
                break;  // the window gave those to ImGui itself
        }
        requestFrames(2);
    }
}

void App::routeScan(const std::string& text) {
    m_lastInputMs = m_clock.nowMs();
    (void)m_services->get<core::SessionManager>().touch();
    requestFrames(2);
    Screen* top = m_router.top();
    if (top && top->onScan(*m_ui, text)) return;
    m_ui->toasts().show(tr("app.scan_not_here"));
}

core::Status App::attachCamera(std::unique_ptr<platform::FrameSource> source) {
    m_cameraFeed.reset();
    m_camera = std::move(source);
    if (!m_scans)
        m_scans = std::make_unique<platform::ScanPipeline>(platform::ScanPipeline::Options{}, [this] {
            m_queue.post([this] { drainCamera(); });
        });
    m_cameraFeed = std::make_unique<platform::CameraFeed>(*m_camera, *m_scans);
    if (auto r = m_cameraFeed->start(); !r) {
        m_cameraFeed.reset();
        m_ui->toasts().show(tr("app.camera_unavailable", {{"reason", r.error().message}}), ToastKind::kError, 8000);
        return r;
    }
    return {};
}

void App::drainCamera() {
    if (!m_scans) return;
    for (platform::ScanEvent& e : m_scans->drain()) {
        if (e.error)  // the camera was unplugged, or a frame could not be read
            m_ui->toasts().show(tr("app.camera_unavailable", {{"reason", e.error->message}}), ToastKind::kError, 8000);
        for (const platform::Code& code : e.codes) routeScan(code.text);
    }
}

// [SECTION] state

void App::setLanguage(const std::string& language) { m_pendingLanguage = language; }

void App::scanDataCharacters() {
    if (m_scanQueued) {
        m_rescanAfter = true;
        return;
    }
    m_scanQueued = true;
    const std::string path = m_config.dbPath;
    m_background->run([this, path] {
        core::Db::Options o;
        o.create = false;
        o.readOnly = true;
        o.cacheKiB = 8 * 1024;
        auto db = core::Db::open(path, o);
        core::Result<core::DataCharset> cs = db ? core::dataCharset(*db) : core::Result<core::DataCharset>(db.error());
        m_queue.post([this, cs = std::move(cs)] {
            m_scanQueued = false;
            if (cs) m_fonts->addData(cs->all, cs->names);
            if (m_rescanAfter) {
                m_rescanAfter = false;
                scanDataCharacters();
            }
        });
    });
}

void App::settleBackground() {
    if (m_cameraFeed && m_camera && !m_camera->live()) m_cameraFeed->waitForEnd();  // picture files
    for (int i = 0; i < 8; ++i) {
        m_background->waitIdle();
        if (m_scans) (void)m_scans->waitIdle(std::chrono::seconds(30));
        if (m_queue.drain() == 0 && !m_scanQueued) return;
    }
}

}  // namespace fc::ui
