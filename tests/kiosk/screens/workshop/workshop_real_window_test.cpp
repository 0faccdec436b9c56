// The technician's tablet in the real `forecourt` binary on Xvfb (tests/kiosk/support/
// real_window.hpp), landscape and portrait: 王强 signs in with his PIN on the keypad, opens My jobs,
// scans the job's number, clocks on, works through the first step (checklist, a reading on the
// pad, done) and starts the second, adding a photo of it from a picture file (the tablet has no
// camera: the real child process makes the JPEG). The header and action buttons are never cut
// off. Set FC_SCREENSHOT_DIR (e.g. docs/screenshots) to keep workshop-<size>-my-jobs.png,
// workshop-<size>-reading-pad.png, workshop-<size>-job.png and workshop-<size>-job-photo.png.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <stb_image_write.h>

#include "kiosk/i18n/i18n.hpp"
#include "shared/bays/bay_service.hpp"
#include "shared/demo/seed.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"
#include "tests/kiosk/support/real_window.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {
namespace {

using ui::tr;

class WorkshopRealWindow : public ::testing::Test {
protected:
    void SetUp() override {
        std::string missing;
        if (!haveRealWindowTools(missing)) GTEST_SKIP() << "missing Debian packages:" << missing;
        i18n = testCatalogs();
        ui::setCurrentI18n(&i18n);
        // One store per window size, so each starts from the same open job.
        for (const char* name : {"landscape.db", "portrait.db"}) {
            dbs.push_back(dir.file(name));
            makeStore(dbs.back());
            if (HasFatalFailure()) return;
        }
    }
    void TearDown() override { ui::setCurrentI18n(nullptr); }

    void makeStore(const std::string& db) {
        core::ManualClock seedClock(core::SystemClock().nowMs());  // "today" for the real app's clock
        core::InitOptions opt;
        opt.storeName = "深圳南山旗舰店";
        auto s = core::StoreServices::init(db, seedClock, opt);
        ASSERT_TRUE(s.ok()) << s.error().message;
        ASSERT_TRUE(core::seedDemo(**s, {.seed = 11, .customers = 40, .staff = true, .appointmentsToday = 6}).ok());
        auto& sessions = (*s)->get<core::SessionManager>();
        auto advisor = sessions.signInByPinOnly("314159");
        ASSERT_TRUE(advisor.ok()) << advisor.error().message;
        std::string wang;
        auto staff = (*s)->get<core::StaffService>().list();
        ASSERT_TRUE(staff.ok());
        for (const auto& m : *staff)
            if (m.name == "王强") wang = m.id;
        auto visits = (*s)->get<core::FrontDeskQueries>().todaysVisits();
        ASSERT_TRUE(visits.ok());
        ASSERT_FALSE(visits->empty());
        auto& orders = (*s)->get<core::WorkOrderService>();
        auto bays = (*s)->get<core::BayService>().listActive();
        ASSERT_TRUE(bays.ok());
        ASSERT_GE(bays->size(), 2u);
        const char* const concerns[] = {"刹车有异响，踩刹车时方向盘抖动", "保养到期", "空调不够凉"};
        const std::vector<std::string> services[] = {{"brake_pads"}, {"oil_filter"}, {"ac_service"}};
        for (size_t i = 0; i < 3; ++i) {
            core::NewWorkOrder in;
            in.customerId = (*visits)[i % visits->size()].customerId;
            in.vehicleId = (*visits)[i % visits->size()].vehicleId;
            in.concerns = concerns[i];
            in.services = services[i];
            in.promisedAt = seedClock.nowMs() + static_cast<int64_t>(i + 2) * 3'600'000;
            in.bayId = (*bays)[i % 2].id;
            auto id = orders.open(*advisor, in);
            ASSERT_TRUE(id.ok()) << id.error().message;
            auto v = orders.get(*id);
            ASSERT_TRUE(v.ok());
            if (i == 0) {
                number = v->provisionalNo;
                orderIds.push_back(*id);
                ASSERT_TRUE(orders.assignTechnicians(*advisor, v->lines[0].id, {{wang, 100}}).ok());
            }
            if (i == 1) {
                ready = v->provisionalNo;
                readyId = *id;
                ASSERT_TRUE(orders.assignTechnicians(*advisor, v->lines[0].id, {{wang, 100}}).ok());
                ASSERT_TRUE(orders.addPart(*advisor, *id, "机油滤清器", 1000, 4800).ok());
                ASSERT_TRUE(orders.addPart(*advisor, *id, "全合成机油 5W-30（升）", 4000, 9800).ok());
            }
        }
        ASSERT_TRUE(sessions.signOut().ok());
        // 王强 did the oil change: clocked on and off, a yellow finding, ready to hand over.
        auto tech = sessions.signInByPinOnly("271828");
        ASSERT_TRUE(tech.ok()) << tech.error().message;
        ASSERT_TRUE(orders.clockOn(*tech, readyId).ok());
        ASSERT_TRUE(orders.recordFinding(*tech, readyId, "inspect", "yellow", "前轮胎纹深 2.5 mm，建议近期更换").ok());
        ASSERT_TRUE(orders.clockOff(*tech, readyId, "done").ok());
        ASSERT_TRUE(orders.changeStatus(*tech, readyId, core::WorkOrderStatus::kReady).ok());
        ASSERT_TRUE(sessions.signOut().ok());
    }

    void keep(RealWindow& app, const std::string& name) {
        const char* out = std::getenv("FC_SCREENSHOT_DIR");
        if (!out || !*out) return;
        std::filesystem::create_directories(out);
        EXPECT_TRUE(app.screenshot(std::string(out) + "/" + name + ".png")) << name;
    }

    // Nothing outside the steps' scrolling list is cut off (the list scrolls by design).
    static void expectHeaderVisible(const Probe& p, const std::string& what) {
        std::string cut;
        for (const ProbeWidget& w : p.widgets)
            if (!w.full && w.scope.find("road_test_check") == std::string::npos &&
                w.scope.find("measure_pads") == std::string::npos && w.scope.find("jobs") == std::string::npos &&
                w.scope.find("replace_pads") == std::string::npos && w.scope.find("refit_wheels") == std::string::npos &&
                w.scope.find("bed_in_road_test") == std::string::npos && w.kind != "toast")
                cut += " '" + w.label + "' (" + w.scope + ")";
        EXPECT_TRUE(cut.empty()) << what << ": cut off:" << cut;
    }

    // The first item of step 2's checklist.
    static std::string item2() { return "举升车辆，拆下车轮"; }

    // Signs a person in with their PIN on the sign-in keypad.
    static void signIn(RealWindow& app, const char* name, const char* pin) {
        ASSERT_TRUE(app.tap(name)) << app.why();
        for (const char* p = pin; *p; ++p) ASSERT_TRUE(app.tap(std::string(1, *p), "pin")) << app.why();
        ASSERT_TRUE(app.tap(tr("keypad.ok"), "pin")) << app.why();
        ASSERT_TRUE(app.waitFor([](const Probe& p) { return p.signedIn; }));
    }

    TempDir dir;
    std::vector<std::string> dbs;
    std::string number;                 // 王强's brake job (the same number in both stores)
    std::vector<std::string> orderIds;  // its id in each store
    std::string ready, readyId;
    ui::I18n i18n;
};

TEST_F(WorkshopRealWindow, ATechnicianOpensAJobAndWorksTheFirstStep) {
    // The technician's pictures: a 1600×1200 PNG of the brake pads in the tablet's photo folder.
    const std::string photos = dir.file("photos");
    std::filesystem::create_directories(photos);
    {
        std::vector<unsigned char> rgb(1600 * 1200 * 3);
        for (size_t p = 0; p < rgb.size(); p += 3) {
            const size_t x = (p / 3) % 1600, y = (p / 3) / 1600;
            rgb[p] = static_cast<unsigned char>(60 + x % 160), rgb[p + 1] = static_cast<unsigned char>(50 + y % 120);
            rgb[p + 2] = 40;
        }
        ASSERT_TRUE(stbi_write_png((photos + "/pads-front-left.png").c_str(), 1600, 1200, 3, rgb.data(), 1600 * 3));
    }
    const std::pair<int, int> sizes[] = {{1280, 800}, {800, 1280}};
    for (size_t i = 0; i < 2; ++i) {
        const auto [w, h] = sizes[i];
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        SCOPED_TRACE(size);
        XDisplay x(w, h);
        ASSERT_TRUE(x.ok()) << x.error();
        RealWindow app(x, {.db = dbs[i], .mode = "workshop", .width = w, .height = h, .extra = {"--photos", photos}},
                       dir.path());
        ASSERT_TRUE(app.ok()) << app.error();
        ASSERT_TRUE(app.tap("王强")) << app.why();
        for (const char* digit : {"2", "7", "1", "8", "2", "8"}) ASSERT_TRUE(app.tap(digit, "pin")) << app.why();
        ASSERT_TRUE(app.tap(tr("keypad.ok"), "pin")) << app.why();
        ASSERT_TRUE(app.waitFor([](const Probe& p) { return p.signedIn; }));
        ASSERT_TRUE(app.tap(tr("workshop.home.my_jobs"))) << app.why();
        auto list = app.waitForLabel(number, "jobs");
        ASSERT_TRUE(list.has_value()) << app.log();
        expectHeaderVisible(*list, "my jobs");
        keep(app, "workshop-" + size + "-my-jobs");

        app.scanBurst(number);
        ASSERT_TRUE(app.waitForLabel(tr("workshop.job.clock_on"), "actions")) << app.log();
        ASSERT_TRUE(app.tap(tr("workshop.job.clock_on"), "actions")) << app.why();
        ASSERT_TRUE(app.waitForLabel(tr("workshop.job.clock_off"), "actions"));
        for (const char* item : {"铺好座椅套、方向盘套、脚垫（三件套）", "试车确认刹车异响、跑偏、抖动",
                                 "记录刹车片磨损报警灯是否亮起"})
            ASSERT_TRUE(app.tap(item, "road_test_check/checklist")) << app.why();
        ASSERT_TRUE(app.tap(tr("workshop.reading.enter"), "road_test_check/readings/odometer_km")) << app.why();
        for (const char* digit : {"4", "8", "2", "0", "0"}) ASSERT_TRUE(app.tap(digit, "reading-pad")) << app.why();
        keep(app, "workshop-" + size + "-reading-pad");
        ASSERT_TRUE(app.tap(tr("keypad.ok"), "reading-pad")) << app.why();
        ASSERT_TRUE(app.tap(tr("workshop.step.finish"), "road_test_check")) << app.why();
        // Step 2 opens by itself; the first step shows done with its reading.
        auto job = app.waitForLabel(tr("workshop.job.steps", {{"done", 1}, {"total", 5}}));
        ASSERT_TRUE(job.has_value()) << app.log();
        ASSERT_TRUE(app.tap(item2(), "measure_pads/checklist")) << app.why();
        job = app.waitFor([](const Probe&) { return true; });
        ASSERT_TRUE(job.has_value());
        expectHeaderVisible(*job, "job");
        // The picture for the README without the step's toasts over it.
        if (std::getenv("FC_SCREENSHOT_DIR"))
            (void)app.waitFor([](const Probe& p) {
                for (const ProbeWidget& pw : p.widgets)
                    if (pw.kind == "toast") return false;
                return true;
            });
        keep(app, "workshop-" + size + "-job");

        // A photo of the pads: the step is taller than the screen, so it is scrolled to its photos
        // (the wheel over the step: a drag would start on a checkbox); 选择图片 and the picture;
        // the app makes it a JPEG in a child process.
        auto photoButtonShown = [&] {
            const Probe p = app.probe();
            const ProbeWidget* b = p.find(tr("workshop.photo.from_file"), "measure_pads/photos");
            return b && b->full;
        };
        for (int notch = 0; notch < 12 && !photoButtonShown(); ++notch) {
            const Probe p = app.probe();
            const ProbeWidget* over = nullptr;  // the lowest part of the open step on screen
            for (const ProbeWidget& pw : p.widgets)
                if (pw.full && pw.scope.rfind("measure_pads/", 0) == 0 && (!over || pw.y0 > over->y0)) over = &pw;
            ASSERT_NE(over, nullptr);
            ASSERT_TRUE(app.wheel(over->label, 2, over->scope));
        }
        ASSERT_TRUE(app.tap(tr("workshop.photo.from_file"), "measure_pads/photos")) << app.why();
        ASSERT_TRUE(app.tap("pads-front-left.png", "pictures")) << app.why() << app.log();
        ASSERT_TRUE(app.waitForLabel(tr("workshop.photo.saved"))) << app.log();
        ASSERT_TRUE(app.waitForLabel(tr("workshop.photo.count", {{"count", 1}}), "measure_pads/photos")) << app.log();
        keep(app, "workshop-" + size + "-job-photo");
        auto store = core::StoreServices::open(dbs[i], core::SystemClock(), 777);
        ASSERT_TRUE(store.ok()) << store.error().message;
        auto kept = (*store)->get<core::JobPhotoService>().list(orderIds[i]);
        ASSERT_TRUE(kept.ok());
        ASSERT_EQ(kept->size(), 1u) << "the photo is in the store file";
        EXPECT_EQ((*kept)[0].stepKey, "measure_pads");
        EXPECT_EQ((*kept)[0].width, 1280);
        EXPECT_EQ((*kept)[0].height, 960);
    }
}

// The bay board on the tablet (both ways up), then in the office: the workshop board, the ready
// order's editor and its invoice preview. Cards and headers are never cut off outside the board's
// own scrolling; FC_SCREENSHOT_DIR keeps workshop-<size>-bay-board.png,
// office-1280x800-workshop-board.png, office-1280x800-work-order.png and
// office-1280x800-invoice-preview.png.
TEST_F(WorkshopRealWindow, TheBayBoardAndTheAdvisorsCloseOutPreview) {
    const std::pair<int, int> sizes[] = {{1280, 800}, {800, 1280}};
    for (size_t i = 0; i < 2; ++i) {
        const auto [w, h] = sizes[i];
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        SCOPED_TRACE(size);
        XDisplay x(w, h);
        ASSERT_TRUE(x.ok()) << x.error();
        RealWindow app(x, {.db = dbs[i], .mode = "workshop", .width = w, .height = h}, dir.path());
        ASSERT_TRUE(app.ok()) << app.error();
        signIn(app, "王强", "271828");
        ASSERT_TRUE(app.tap(tr("workshop.home.bay_board"))) << app.why();
        auto board = app.waitForLabel(number, "board");
        ASSERT_TRUE(board.has_value()) << app.log();
        EXPECT_TRUE(board->has(ready, "board"));
        std::string cut;
        for (const ProbeWidget& pw : board->widgets)
            if (!pw.full && pw.scope.find("board") == std::string::npos && pw.kind != "toast") cut += " '" + pw.label + "'";
        EXPECT_TRUE(cut.empty()) << "cut off:" << cut;
        keep(app, "workshop-" + size + "-bay-board");
    }
    XDisplay x(1280, 800);
    ASSERT_TRUE(x.ok()) << x.error();
    RealWindow app(x, {.db = dbs[0], .mode = "office", .width = 1280, .height = 800}, dir.path());
    ASSERT_TRUE(app.ok()) << app.error();
    signIn(app, "李娜", "314159");
    ASSERT_TRUE(app.tap(tr("office.home.workshop_board"))) << app.why();
    ASSERT_TRUE(app.waitForLabel(ready, "board")) << app.log();
    keep(app, "office-1280x800-workshop-board");
    ASSERT_TRUE(app.tap(ready, "board")) << app.why();
    auto editor = app.waitForLabel(tr("wo.close_out"), "status");
    ASSERT_TRUE(editor.has_value()) << app.log();
    EXPECT_TRUE(editor->find(tr("wo.close_out"), "status")->enabled) << "the job is ready";
    keep(app, "office-1280x800-work-order");
    ASSERT_TRUE(app.tap(tr("wo.close_out"), "status")) << app.why();
    auto preview = app.waitForLabel(tr("close.issue"), "close");
    ASSERT_TRUE(preview.has_value()) << app.log();
    EXPECT_TRUE(preview->has(tr("wo.part_prefix") + std::string("机油滤清器"), "invoice-lines"));
    keep(app, "office-1280x800-invoice-preview");
}

// The manager's service catalogue in the office (服务项目): every service of the menu listed with
// its minutes, price and VAT, and the editor of a new one; the list's first rows and the editor's
// buttons are on screen. FC_SCREENSHOT_DIR keeps
// office-1280x800-catalogue.png and office-1280x800-catalogue-edit.png.
TEST_F(WorkshopRealWindow, TheManagersServiceCatalogue) {
    XDisplay x(1280, 800);
    ASSERT_TRUE(x.ok()) << x.error();
    RealWindow app(x, {.db = dbs[0], .mode = "office", .width = 1280, .height = 800}, dir.path());
    ASSERT_TRUE(app.ok()) << app.error();
    signIn(app, "陈建国", "135790");
    ASSERT_TRUE(app.tap(tr("office.home.catalogue"))) << app.why();
    auto list = app.waitForLabel("brake_pads", "catalogue");  // a row's edit button, by its code
    ASSERT_TRUE(list.has_value()) << app.log();
    ASSERT_TRUE(list->has(tr("catalogue.add"), "catalogue"));
    EXPECT_TRUE(list->find(tr("catalogue.add"), "catalogue")->full);
    EXPECT_TRUE(list->find("oil_filter", "catalogue")->full) << "the first rows are on screen";
    keep(app, "office-1280x800-catalogue");
    ASSERT_TRUE(app.tap(tr("catalogue.add"), "catalogue")) << app.why();
    auto editor = app.waitForLabel(tr("catalogue.save"), "service-edit");
    ASSERT_TRUE(editor.has_value()) << app.log();
    EXPECT_TRUE(editor->find(tr("catalogue.save"), "service-edit")->full) << "the editor's buttons fit";
    keep(app, "office-1280x800-catalogue-edit");
}

}  // namespace
}  // namespace fc::test
