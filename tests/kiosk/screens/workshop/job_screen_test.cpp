// The technician's tablet on a seeded store with an open work order (刹车片更换, assigned to 王强):
// he signs in, sees the job first in My jobs, opens it by scanning its number, clocks on, ticks the
// checklist, types an in-range reading and an out-of-range one (confirmed, flagged), records a red
// finding with a note, adds a photo of the step from a picture file (the tablet has no camera),
// finishes a step and clocks off with a reason — and WorkOrderService reads
// every fact back. An unknown number is refused with a toast; work another tablet did shows after
// the change news; a warehouse clerk is not offered the feature; Ready once every step is done.
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <filesystem>

#include "kiosk/screens/workshop/job_screen.hpp"
#include "kiosk/screens/workshop/my_jobs_screen.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class WorkshopTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // The advisor opens a work order for a car checked in today, with a brake_pads line
        // assigned to 王强 (on another connection: the office PC, as sync would bring it).
        auto s = core::StoreServices::open(dbPath, clock, 555);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto staff = (*s)->get<core::StaffService>().list();
        ASSERT_TRUE(staff.ok());
        for (const auto& m : *staff)
            if (m.name == "王强") wangId = m.id;
        ASSERT_FALSE(wangId.empty());
        auto& sessions = (*s)->get<core::SessionManager>();
        auto advisor = sessions.signInByPinOnly("314159");
        ASSERT_TRUE(advisor.ok()) << advisor.error().message;
        auto visits = (*s)->get<core::FrontDeskQueries>().todaysVisits();
        ASSERT_TRUE(visits.ok());
        ASSERT_FALSE(visits->empty());
        core::NewWorkOrder in;
        in.customerId = (*visits)[0].customerId;
        in.vehicleId = (*visits)[0].vehicleId;
        in.concerns = "刹车有异响";
        in.services = {"brake_pads"};
        in.promisedAt = clock.nowMs() + 3 * 3600 * 1000;
        auto& orders = (*s)->get<core::WorkOrderService>();
        auto id = orders.open(*advisor, in);
        ASSERT_TRUE(id.ok()) << id.error().message;
        orderId = *id;
        auto v = orders.get(orderId);
        ASSERT_TRUE(v.ok());
        number = v->provisionalNo;
        ASSERT_FALSE(v->lines.empty());
        ASSERT_TRUE(orders.assignTechnicians(*advisor, v->lines[0].id, {{wangId, 100}}).ok());
        // A second open order nobody is assigned to: listed after his.
        in.services = {"oil_filter"};
        in.promisedAt = clock.nowMs() + 3600 * 1000;
        auto other = orders.open(*advisor, in);
        ASSERT_TRUE(other.ok()) << other.error().message;
        otherId = *other;
        ASSERT_TRUE(sessions.signOut().ok());
    }

    core::WorkOrderView order(App& app) {
        auto v = app.services().get<core::WorkOrderService>().get(orderId);
        EXPECT_TRUE(v.ok());
        return v ? *v : core::WorkOrderView{};
    }

    static void signIn(HeadlessDriver& d, const char* name, const char* pin) {
        d.frame(3);
        EXPECT_TRUE(d.click(name));
        d.type(pin);
        d.press(ImGuiKey_Enter);
        d.frame(2);
    }

    MyJobsScreen* openMyJobs(App& app, HeadlessDriver& d) {
        signIn(d, "王强", "271828");
        EXPECT_TRUE(app.staff().has_value());
        EXPECT_TRUE(d.click(tr("workshop.home.my_jobs")));
        d.frame(2);
        return dynamic_cast<MyJobsScreen*>(app.router().top());
    }

    // Scrolls the open step until the widget is wholly on screen (a step can be taller than the
    // tablet): the wheel over something inside the step's parts (checklist, readings, finding).
    static bool reveal(HeadlessDriver& d, std::string_view label, std::string_view scope) {
        const std::string step(scope.substr(0, scope.find('/')));
        for (int i = 0; i < 40; ++i) {
            const WidgetRecord* r = d.find(label, scope);
            if (r && r->fullyVisible()) return true;
            const WidgetRecord* inside = nullptr;
            for (const WidgetRecord& w : d.registry().lastFrame())
                if (w.scope.find(step + "/") != std::string::npos) inside = &w;
            if (!inside) return false;
            const bool up = r && r->itemMin.y < r->min.y - 1;  // cut off at the top
            const std::string l = inside->label, s = inside->scope;
            d.scroll(l, up ? 1.0f : -1.0f, s);
            d.frame();
        }
        return false;
    }

    static std::string dump(HeadlessDriver& d) {
        std::string out;
        for (const WidgetRecord& w : d.registry().lastFrame())
            out += "\n  '" + w.label + "' [" + w.scope + "] " + std::to_string(int(w.min.y)) + "-" + std::to_string(int(w.max.y)) +
                   (w.fullyVisible() ? "" : " (clipped)");
        return out;
    }

    static void typeOnPad(HeadlessDriver& d, std::string_view digits) {
        for (char c : digits) EXPECT_TRUE(d.click(std::string(1, c), "reading-pad")) << c;
        EXPECT_TRUE(d.click(tr("keypad.ok"), "reading-pad"));
        d.frame(2);
    }

    std::string wangId;
    std::string orderId;
    std::string otherId;
    std::string number;
};

TEST_F(WorkshopTest, TechnicianWorksThroughTheJobAndTheFactsAreWritten) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    MyJobsScreen* list = openMyJobs(*app, d);
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->rows().size(), 2u);
    EXPECT_EQ(list->rows()[0].id, orderId) << "his job first, though the other is promised earlier";
    EXPECT_TRUE(list->rows()[0].mine);
    EXPECT_FALSE(list->rows()[1].mine);
    EXPECT_TRUE(d.visible(number, "jobs"));
    EXPECT_TRUE(d.visible(tr("workshop.status.open"), "jobs"));
    EXPECT_TRUE(d.visible(tr("workshop.jobs.mine"), "jobs"));

    // Scan the work-order sheet's barcode.
    ASSERT_TRUE(d.scan(number));
    d.frame(2);
    auto* job = dynamic_cast<JobScreen*>(app->router().top());
    ASSERT_NE(job, nullptr);
    EXPECT_EQ(job->orderId(), orderId);
    ASSERT_EQ(job->steps().size(), 5u);
    EXPECT_TRUE(d.visible(tr("workshop.job.concerns", {{"text", "刹车有异响"}})));

    // Clock on.
    ASSERT_TRUE(d.click(tr("workshop.job.clock_on"), "actions"));
    d.frame(2);
    EXPECT_TRUE(order(*app).job.clockedOn.contains(wangId));
    EXPECT_EQ(order(*app).job.status, core::WorkOrderStatus::kInProgress);
    EXPECT_TRUE(d.visible(tr("workshop.job.clock_off"), "actions"));

    // Step 1: the checklist, the odometer, done.
    const core::JobStep& first = *job->steps()[0].step;
    ASSERT_EQ(first.key, "road_test_check");
    ASSERT_NE(d.find(tr("workshop.step.finish"), "road_test_check"), nullptr) << dump(d);
    EXPECT_FALSE(d.find(tr("workshop.step.finish"), "road_test_check")->enabled) << "nothing ticked yet";
    for (const auto& item : first.checklist) {
        ASSERT_TRUE(reveal(d, item.zh, "road_test_check/checklist")) << item.zh;
        ASSERT_TRUE(d.click(item.zh, "road_test_check/checklist")) << item.zh;
    }
    d.frame(2);
    ASSERT_TRUE(reveal(d, tr("workshop.reading.enter"), "road_test_check/readings/odometer_km")) << dump(d);
    ASSERT_TRUE(d.click(tr("workshop.reading.enter"), "road_test_check/readings/odometer_km"));
    d.frame();
    typeOnPad(d, "52000");
    ASSERT_TRUE(reveal(d, tr("workshop.step.finish"), "road_test_check"));
    ASSERT_TRUE(d.click(tr("workshop.step.finish"), "road_test_check"));
    d.frame(2);
    {
        const core::WorkOrderView v = order(*app);
        for (int i = 0; i < 3; ++i) EXPECT_TRUE(v.job.checksDone.contains("road_test_check/" + std::to_string(i))) << i;
        EXPECT_EQ(v.job.readings.at("road_test_check/odometer_km"), "52000");
        EXPECT_TRUE(v.job.stepsDone.contains("road_test_check"));
    }

    // Step 2 opens by itself: a pad in range (2.5 mm, under the attention line) and one out of
    // range (1.5 mm: confirmed, then flagged).
    ASSERT_TRUE(reveal(d, tr("workshop.reading.enter"), "measure_pads/readings/front_left_mm"));
    ASSERT_TRUE(d.click(tr("workshop.reading.enter"), "measure_pads/readings/front_left_mm"));
    d.frame();
    typeOnPad(d, "2.5");
    EXPECT_FALSE(d.visible(tr("workshop.reading.confirm_title")));
    EXPECT_EQ(order(*app).job.readings.at("measure_pads/front_left_mm"), "25");

    ASSERT_TRUE(reveal(d, tr("workshop.reading.enter"), "measure_pads/readings/front_right_mm"));
    ASSERT_TRUE(d.click(tr("workshop.reading.enter"), "measure_pads/readings/front_right_mm"));
    d.frame();
    typeOnPad(d, "1.5");
    EXPECT_TRUE(d.visible(tr("workshop.reading.confirm_title")));
    EXPECT_FALSE(order(*app).job.readings.contains("measure_pads/front_right_mm")) << "not saved before the answer";
    ASSERT_TRUE(d.click(tr("workshop.reading.confirm_yes")));
    d.frame(2);
    EXPECT_EQ(order(*app).job.readings.at("measure_pads/front_right_mm"), "15");
    EXPECT_TRUE(d.visible(tr("workshop.reading.out_of_range_flag", {{"value", "1.5 mm"}}),
                          "measure_pads/readings/front_right_mm"));
    {
        auto facts = core::WorkOrderService::factsOf(app->services().db(), orderId);
        ASSERT_TRUE(facts.ok());
        int flagged = 0;
        for (const auto& f : *facts)
            if (f.kind == "reading" && f.item == "front_right_mm") flagged += f.note == "out_of_range" ? 1 : 0;
        EXPECT_EQ(flagged, 1) << "the out-of-range reading is stored flagged";
    }

    // A red finding needs a note; with one it is recorded.
    ASSERT_TRUE(reveal(d, tr("workshop.finding.red"), "measure_pads/finding"));
    ASSERT_TRUE(d.click(tr("workshop.finding.red"), "measure_pads/finding"));
    ASSERT_TRUE(reveal(d, tr("workshop.finding.save"), "measure_pads/finding"));
    ASSERT_TRUE(d.click(tr("workshop.finding.save"), "measure_pads/finding"));
    d.frame();
    EXPECT_TRUE(d.visible(tr("workshop.finding.note_needed"), "measure_pads/finding"));
    EXPECT_TRUE(order(*app).job.findings.empty());
    ASSERT_TRUE(reveal(d, tr("workshop.finding.note"), "measure_pads/finding"));
    ASSERT_TRUE(d.click(tr("workshop.finding.note"), "measure_pads/finding"));
    d.type("右前刹车片 1.5 mm 需更换");
    d.press(ImGuiKey_Enter);  // 完成: the keyboard closes
    d.frame(2);
    ASSERT_TRUE(reveal(d, tr("workshop.finding.save"), "measure_pads/finding"));
    ASSERT_TRUE(d.click(tr("workshop.finding.save"), "measure_pads/finding"));
    d.frame(2);
    {
        const core::WorkOrderView v = order(*app);
        ASSERT_EQ(v.job.findings.size(), 1u);
        EXPECT_EQ(v.job.findings[0].level, "red");
        EXPECT_EQ(v.job.findings[0].stepKey, "measure_pads");
        EXPECT_EQ(v.job.findings[0].note, "右前刹车片 1.5 mm 需更换");
    }

    // The step wants a photo: none yet, so it cannot be finished for that reason too. This tablet
    // has no camera: 拍照 offers the picture files in the photo folder, newest first.
    {
        std::filesystem::create_directories(dbPath + ".photos");
        std::vector<unsigned char> rgb(1600 * 1200 * 3);
        for (size_t i = 0; i < rgb.size(); i += 3) {
            const size_t x = (i / 3) % 1600;
            rgb[i] = x < 800 ? 200 : 40, rgb[i + 1] = 60, rgb[i + 2] = x < 800 ? 40 : 200;
        }
        ASSERT_TRUE(stbi_write_png((dbPath + ".photos/pads-1600.png").c_str(), 1600, 1200, 3, rgb.data(), 1600 * 3));
    }
    ASSERT_TRUE(reveal(d, tr("workshop.photo.take"), "measure_pads/photos")) << dump(d);
    ASSERT_TRUE(d.click(tr("workshop.photo.take"), "measure_pads/photos"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("workshop.photo.no_camera"), "pictures")) << dump(d);
    ASSERT_NE(d.find("pads-1600.png", "pictures"), nullptr) << dump(d);
    ASSERT_TRUE(d.click("pads-1600.png", "pictures"));
    d.frame();
    app->settleBackground();  // the file is made into a photo in a child process
    d.frame(2);
    {
        auto photos = app->services().get<core::JobPhotoService>().list(orderId);
        ASSERT_TRUE(photos.ok());
        ASSERT_EQ(photos->size(), 1u) << dump(d);
        EXPECT_EQ((*photos)[0].stepKey, "measure_pads");
        EXPECT_EQ((*photos)[0].width, 1280) << "made small for syncing";
        EXPECT_EQ((*photos)[0].height, 960);
        EXPECT_EQ((*photos)[0].staffId, wangId);
        auto jpeg = app->services().get<core::JobPhotoService>().jpeg((*photos)[0].id);
        ASSERT_TRUE(jpeg.ok());
        EXPECT_TRUE(core::looksLikeJpeg(*jpeg));
    }
    EXPECT_TRUE(d.visible(tr("workshop.photo.count", {{"count", 1}}), "measure_pads/photos")) << dump(d);
    EXPECT_TRUE(d.visible(tr("workshop.photo.saved")));
    // A file that is not a picture is refused by name and nothing is stored.
    fc::test::writeFile(dbPath + ".photos/notes.jpg", "not a picture");
    ASSERT_TRUE(reveal(d, tr("workshop.photo.from_file"), "measure_pads/photos"));
    ASSERT_TRUE(d.click(tr("workshop.photo.from_file"), "measure_pads/photos"));
    d.frame(2);
    ASSERT_NE(d.find("notes.jpg", "pictures"), nullptr) << dump(d);
    ASSERT_TRUE(d.click("notes.jpg", "pictures"));
    d.frame();
    app->settleBackground();
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("workshop.photo.not_a_picture", {{"name", "notes.jpg"}}))) << dump(d);
    EXPECT_EQ(app->services().get<core::JobPhotoService>().list(orderId)->size(), 1u);

    // Pause for lunch.
    ASSERT_TRUE(d.click(tr("workshop.job.clock_off"), "actions"));
    d.frame();
    ASSERT_TRUE(d.click(tr("workshop.pause.reason.lunch"), "pause"));
    d.frame(2);
    {
        const core::WorkOrderView v = order(*app);
        EXPECT_TRUE(v.job.clockedOn.empty());
        auto facts = core::WorkOrderService::factsOf(app->services().db(), orderId);
        ASSERT_TRUE(facts.ok());
        bool lunch = false;
        for (const auto& f : *facts)
            lunch |= f.source == core::JobFact::Source::kTime && f.kind == "off" && f.note == "lunch" && f.staffId == wangId;
        EXPECT_TRUE(lunch);
    }
    EXPECT_TRUE(d.visible(tr("workshop.job.clock_on"), "actions"));
    auto on = app->services().get<core::WorkOrderService>().clockedOnTo(wangId);
    ASSERT_TRUE(on.ok());
    EXPECT_FALSE(on->has_value());
}

TEST_F(WorkshopTest, AnUnknownNumberIsRefusedWithAToast) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    ASSERT_NE(openMyJobs(*app, d), nullptr);
    ASSERT_TRUE(d.scan("W9-9999"));
    EXPECT_TRUE(d.visible(tr("workshop.jobs.unknown_number", {{"number", "W9-9999"}})));
    EXPECT_NE(dynamic_cast<MyJobsScreen*>(app->router().top()), nullptr) << "nothing opened";
    // Tapping a row opens it, too.
    ASSERT_TRUE(d.click(number, "jobs"));
    d.frame(2);
    auto* job = dynamic_cast<JobScreen*>(app->router().top());
    ASSERT_NE(job, nullptr);
    EXPECT_EQ(job->orderId(), orderId);
}

TEST_F(WorkshopTest, AnotherTabletsWorkShowsAfterTheNewsAndReadyFollowsTheLastStep) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    MyJobsScreen* list = openMyJobs(*app, d);
    ASSERT_NE(list, nullptr);
    ASSERT_TRUE(d.click(number, "jobs"));
    d.frame(2);
    auto* job = dynamic_cast<JobScreen*>(app->router().top());
    ASSERT_NE(job, nullptr);
    EXPECT_FALSE(d.find(tr("workshop.job.ready"), "actions")->enabled);

    // The other tablet (another connection) clocks 王强 on and does every step.
    {
        auto s = core::StoreServices::open(dbPath, clock, 556);
        ASSERT_TRUE(s.ok());
        auto& sessions = (*s)->get<core::SessionManager>();
        auto tech = sessions.signInByPinOnly("271828");
        ASSERT_TRUE(tech.ok()) << tech.error().message;
        auto& orders = (*s)->get<core::WorkOrderService>();
        ASSERT_TRUE(orders.clockOn(*tech, orderId).ok());
        for (const JobStepRef& ref : job->steps()) ASSERT_TRUE(orders.recordStep(*tech, orderId, ref.step->key).ok());
        ASSERT_TRUE(sessions.signOut().ok());
    }
    clock.advance(60'000);  // the other tablet's facts came first
    d.frame(2);
    EXPECT_FALSE(d.find(tr("workshop.job.ready"), "actions")->enabled) << "no news yet";
    core::ChangeNews news;
    news.addAll("job_events");
    news.addAll("time_entries");
    app->dataChanged(news);
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("workshop.job.steps", {{"done", 5}, {"total", 5}})));
    EXPECT_TRUE(d.visible(tr("workshop.job.clock_off"), "actions")) << "clocked on from the other tablet";
    ASSERT_TRUE(d.find(tr("workshop.job.ready"), "actions")->enabled);
    ASSERT_TRUE(d.click(tr("workshop.job.ready"), "actions"));
    d.frame(2);
    const core::WorkOrderView v = order(*app);
    EXPECT_EQ(v.job.status, core::WorkOrderStatus::kReady) << dump(d);
    EXPECT_TRUE(v.job.clockedOn.empty()) << "ready stops the clock";

    // Back in the list, the job shows as ready.
    ASSERT_TRUE(d.click(tr("shell.back"), "header"));
    d.frame(2);
    ASSERT_NE(dynamic_cast<MyJobsScreen*>(app->router().top()), nullptr);
    EXPECT_TRUE(d.visible(tr("workshop.status.ready"), "jobs"));
}

TEST_F(WorkshopTest, AWarehouseClerkIsNotOfferedTheJobs) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "刘洋", "161803");
    ASSERT_TRUE(app->staff().has_value());
    EXPECT_FALSE(d.visible(tr("workshop.home.my_jobs")));
    // And the screen itself refuses someone without the capability (pushed by hand).
    WorkshopServices s = WorkshopServices::from(app->services().services());
    EXPECT_TRUE(s.templatesError.empty()) << s.templatesError;
    EXPECT_NE(s.templates->find("brake_pads"), nullptr);
}

}  // namespace
}  // namespace fc::ui
