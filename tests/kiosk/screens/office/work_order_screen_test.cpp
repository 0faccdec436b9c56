// The advisor's day with a work order, driven through the office app: open it from today's
// check-in (one tap; the chosen services become labour lines), add a part, assign the technician,
// see the technician's red finding arrive (another device, as sync brings it) and propose it as
// extra work, record the customer's yes with how they answered, mark the job ready, close it out
// into an invoice, take part of the payment and see what is owed, and save the invoice as a PDF.
// The workshop board shows the job under its bay, and a card opens the same editor.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/screens/office/assignment_text.hpp"
#include "kiosk/screens/office/close_out_screen.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "kiosk/screens/office/work_order_screen.hpp"
#include "kiosk/screens/workshop/bay_board_screen.hpp"
#include "shared/core/money.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class WorkOrderScreenTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // Whatever day and hour the test runs at: 王强 and 张伟 are on shift, 黄磊 is not.
        auto s = core::StoreServices::open(dbPath, clock, 776);
        ASSERT_TRUE(s.ok());
        auto admin = (*s)->get<core::SessionManager>().signInByPinOnly("246810");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        auto& staff = (*s)->get<core::StaffService>();
        auto people = staff.list();
        ASSERT_TRUE(people.ok());
        for (const auto& m : *people) {
            const std::string shift = m.name == "王强" || m.name == "张伟" ? "1-7 00:00-23:59" : "";
            if (m.name == "王强" || m.name == "张伟" || m.name == "黄磊") {
                ASSERT_TRUE(staff.setShift(*admin, m.id, shift).ok()) << m.name;
            }
        }
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }

    void signIn(App& app, HeadlessDriver& d) {
        d.frame(3);
        EXPECT_TRUE(d.click("李娜"));
        d.type("314159");
        d.press(ImGuiKey_Enter);
        d.frame(2);
        EXPECT_TRUE(app.staff().has_value());
    }

    // The technician's tablet, as sync would bring its facts: another connection to the store.
    template <class F>
    void onTablet(F&& work) {
        clock.advance(1000);  // each visit to the tablet a second later, with its own id seed
        auto s = core::StoreServices::open(dbPath, clock, 777 + ++m_tabletVisits);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto staff = (*s)->get<core::StaffService>().list();
        ASSERT_TRUE(staff.ok());
        for (const auto& m : *staff)
            if (m.name == "王强") wangId = m.id;
        auto& sessions = (*s)->get<core::SessionManager>();
        auto tech = sessions.signInByPinOnly("271828");
        ASSERT_TRUE(tech.ok()) << tech.error().message;
        work((*s)->get<core::WorkOrderService>(), *tech);
        ASSERT_TRUE(sessions.signOut().ok());
    }

    static core::WorkOrderView view(App& app, const std::string& id) {
        auto v = app.services().get<core::WorkOrderService>().get(id);
        EXPECT_TRUE(v.ok());
        return v ? *v : core::WorkOrderView{};
    }

    std::string wangId;
    int m_tabletVisits = 0;
};

TEST_F(WorkOrderScreenTest, AdvisorOpensPricesAssignsProposesClosesAndTakesPayment) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(*app, d);
    ASSERT_TRUE(d.click(tr("office.home.front_desk")));
    d.frame(2);
    auto* desk = dynamic_cast<FrontDeskScreen*>(app->router().top());
    ASSERT_NE(desk, nullptr);
    ASSERT_FALSE(desk->visits().empty());

    // One tap from the check-in: the editor opens on the new order.
    ASSERT_TRUE(d.click(tr("desk.visit.open_work_order")));
    d.frame(3);
    auto* editor = dynamic_cast<WorkOrderScreen*>(app->router().top());
    ASSERT_NE(editor, nullptr);
    ASSERT_TRUE(editor->order().has_value());
    const std::string id = editor->order()->id;
    const size_t standard = editor->order()->lines.size();
    ASSERT_GT(standard, 0u) << "the visit's services are labour lines";
    EXPECT_TRUE(d.visible(tr("wo.history"))) << "the car's history beside the order";

    // A part, typed: a bad price is refused naming it, then a good one is added.
    ASSERT_TRUE(d.click(tr("wo.add_part")));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("wo.part.name")));
    d.type("前刹车片（一套）");
    ASSERT_TRUE(d.click(tr("wo.part.price")));
    d.type("abc");
    ASSERT_TRUE(d.click(tr("wo.part.add"), "add-part"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("wo.part.bad_price", {{"text", "abc"}})));
    EXPECT_EQ(view(*app, id).lines.size(), standard) << "nothing half-written";
    ASSERT_TRUE(d.click(tr("wo.part.price")));
    for (int i = 0; i < 3; ++i) d.press(ImGuiKey_Backspace);
    d.type("380.00");
    ASSERT_TRUE(d.click(tr("wo.part.add"), "add-part"));
    d.frame(3);
    auto v = view(*app, id);
    ASSERT_EQ(v.lines.size(), standard + 1);
    EXPECT_EQ(v.lines.back().kind, core::LineKind::kPart);
    EXPECT_EQ(v.lines.back().unitPriceFen, 38000);

    // The first labour line: a tap on its row opens its dialog, which suggests who should do it
    // (skill, load, shift) in one line each; the advisor overrides and gives it to 王强 and 张伟
    // together (commission split 50/50), then takes the suggestion with one tap.
    onTablet([&](core::WorkOrderService&, const core::Session&) {});
    ASSERT_TRUE(d.click(v.lines[0].description, "lines"));
    d.frame(2);
    ASSERT_TRUE(editor->advice().has_value());
    ASSERT_FALSE(editor->advice()->candidates.empty());
    const core::AssignmentCandidate& top = editor->advice()->candidates.front();
    EXPECT_NE(top.name, "");
    ASSERT_TRUE(d.click("王强", "technicians"));
    ASSERT_TRUE(d.click("张伟", "technicians"));
    d.frame();
    ASSERT_TRUE(d.click(tr("wo.line.assign"), "technicians"));
    d.frame(2);
    v = view(*app, id);
    ASSERT_EQ(v.lines[0].technicians.size(), 2u);
    EXPECT_EQ(v.lines[0].technicians[0].staffId, wangId);
    EXPECT_EQ(v.lines[0].technicians[0].pct + v.lines[0].technicians[1].pct, 100);
    // One tap takes the suggestion (the line goes to that person alone); then back to 王强 alone,
    // whose tablet the rest of the story uses.
    ASSERT_TRUE(editor->advice()->suggested() != nullptr) << noneQualifiedText(editor->advice()->skill);
    const core::AssignmentCandidate suggested = *editor->advice()->suggested();
    ASSERT_TRUE(d.click(tr("assign.pick_suggested", {{"reason", assignmentReasonText(suggested.reason)}}),
                        "technicians"));
    d.frame(2);
    v = view(*app, id);
    ASSERT_EQ(v.lines[0].technicians.size(), 1u);
    EXPECT_EQ(v.lines[0].technicians[0], (core::TechnicianShare{suggested.staffId, 100}));
    if (suggested.staffId != wangId) {
        ASSERT_TRUE(d.click(suggested.name, "technicians"));
        ASSERT_TRUE(d.click("王强", "technicians"));
        d.frame();
        ASSERT_TRUE(d.click(tr("wo.line.assign"), "technicians"));
        d.frame(2);
    }
    ASSERT_TRUE(d.click(tr("common.close")));
    d.frame(2);
    v = view(*app, id);
    ASSERT_EQ(v.lines[0].technicians.size(), 1u);
    EXPECT_EQ(v.lines[0].technicians[0], (core::TechnicianShare{wangId, 100}));

    // The technician works and finds worn discs (his tablet; the editor hears of it).
    onTablet([&](core::WorkOrderService& wo, const core::Session& tech) {
        ASSERT_TRUE(wo.clockOn(tech, id).ok());
        ASSERT_TRUE(wo.recordFinding(tech, id, "inspect", "red", "刹车盘磨损严重").ok());
    });
    { core::ChangeNews news; news.addAll("job_events"); news.addAll("time_entries"); app->dataChanged(news); }
    d.frame(3);
    EXPECT_TRUE(d.visible(tr("wo.finding_red", {{"note", "刹车盘磨损严重"}}), "findings"));
    ASSERT_TRUE(d.click(tr("wo.propose"), "findings"));
    d.frame(2);
    ASSERT_TRUE(d.click("刹车片更换", "menu"));
    d.frame(3);
    v = view(*app, id);
    ASSERT_EQ(v.lines.size(), standard + 2);
    const core::WorkOrderLine extra = v.lines.back();
    EXPECT_EQ(extra.approval, core::LineApproval::kProposed);
    EXPECT_FALSE(extra.findingEventId.empty());
    EXPECT_TRUE(d.visible(tr("wo.finding_proposed"), "findings"));

    // The customer agrees on the phone.
    ASSERT_TRUE(d.click(extra.description, "lines"));
    d.frame(2);
    EXPECT_FALSE(d.find(tr("wo.line.approve"), "answer")->enabled) << "how they answered comes first";
    ASSERT_TRUE(d.click(tr("wo.how.phone"), "answer"));
    d.frame();
    ASSERT_TRUE(d.click(tr("wo.line.approve"), "answer"));
    d.frame(3);
    v = view(*app, id);
    EXPECT_EQ(v.lines.back().approval, core::LineApproval::kApproved);
    EXPECT_NE(v.lines.back().approvalNote.find(tr("wo.how.phone")), std::string::npos) << v.lines.back().approvalNote;

    // Close-out waits for the job: refused while not ready.
    EXPECT_FALSE(d.find(tr("wo.close_out"), "status")->enabled);
    onTablet([&](core::WorkOrderService& wo, const core::Session& tech) {
        ASSERT_TRUE(wo.clockOff(tech, id, "done").ok());
    });
    { core::ChangeNews news; news.addAll("time_entries"); app->dataChanged(news); }
    d.frame(2);
    ASSERT_TRUE(d.click(tr("wo.move.ready"), "status"));
    d.frame(3);
    ASSERT_EQ(view(*app, id).job.status, core::WorkOrderStatus::kReady);
    ASSERT_TRUE(d.click(tr("wo.close_out"), "status"));
    d.frame(3);
    auto* close = dynamic_cast<CloseOutScreen*>(app->router().top());
    ASSERT_NE(close, nullptr);
    ASSERT_TRUE(close->draft().has_value());
    auto preview = app->services().get<core::InvoiceService>().preview(id);
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(close->draft()->totalFen, preview->totals.amountFen);
    EXPECT_EQ(close->draft()->lines.size(), standard + 2) << "the approved extra work is billed";
    ASSERT_TRUE(d.click(tr("close.issue"), "close"));
    d.frame(3);
    ASSERT_TRUE(close->invoice().has_value());
    const int64_t total = close->invoice()->totalFen;
    EXPECT_EQ(total, preview->totals.amountFen);
    EXPECT_EQ(view(*app, id).job.status, core::WorkOrderStatus::kClosed);

    // A first payment by WeChat with its reference; what is owed shows.
    ASSERT_TRUE(d.click(tr("close.method.wechat"), "payments"));
    ASSERT_TRUE(d.click(tr("close.amount"), "payments"));
    for (int i = 0; i < 16; ++i) d.press(ImGuiKey_Backspace);
    d.type("100");
    ASSERT_TRUE(d.click(tr("close.reference"), "payments"));
    d.type("4200001234");
    ASSERT_TRUE(d.click(tr("close.take_payment"), "payments"));
    d.frame(3);
    ASSERT_EQ(close->invoice()->payments.size(), 1u);
    EXPECT_EQ(close->invoice()->payments[0].amountFen, 10000);
    EXPECT_EQ(close->invoice()->payments[0].reference, "4200001234");
    EXPECT_EQ(close->invoice()->owedFen, total - 10000);
    EXPECT_TRUE(d.visible(tr("close.owed", {{"amount", core::Money::fen(total - 10000).format()}}), "payments"));

    // More than is owed is refused, and nothing is recorded.
    ASSERT_TRUE(d.click(tr("close.amount"), "payments"));
    for (int i = 0; i < 16; ++i) d.press(ImGuiKey_Backspace);
    d.type("999999");
    ASSERT_TRUE(d.click(tr("close.take_payment"), "payments"));
    d.frame(3);
    EXPECT_EQ(close->invoice()->payments.size(), 1u);

    // The invoice as a PDF in the documents folder.
    ASSERT_TRUE(d.click(tr("print.invoice"), "payments"));
    d.frame(2);
    ASSERT_FALSE(close->lastPdf().empty());
    std::ifstream pdf(close->lastPdf(), std::ios::binary);
    std::string head(5, '\0');
    pdf.read(head.data(), 5);
    EXPECT_EQ(head, "%PDF-");
}

TEST_F(WorkOrderScreenTest, TheWorkshopBoardShowsOpenJobsByBayAndOpensTheEditor) {
    // Two orders opened at the desk's PC (another connection), one overdue.
    std::string late;
    {
        auto s = core::StoreServices::open(dbPath, clock, 778);
        ASSERT_TRUE(s.ok());
        auto advisor = (*s)->get<core::SessionManager>().signInByPinOnly("314159");
        ASSERT_TRUE(advisor.ok());
        auto visits = (*s)->get<core::FrontDeskQueries>().todaysVisits();
        ASSERT_TRUE(visits.ok());
        ASSERT_GE(visits->size(), 2u);
        auto& wo = (*s)->get<core::WorkOrderService>();
        auto a = wo.openFromVisit(*advisor, (*visits)[0].id, clock.nowMs() - 600'000);
        auto b = wo.openFromVisit(*advisor, (*visits)[1].id, clock.nowMs() + 3'600'000);
        ASSERT_TRUE(a.ok() && b.ok());
        late = *a;
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(*app, d);
    ASSERT_TRUE(d.click(tr("office.home.workshop_board")));
    d.frame(3);
    auto* board = dynamic_cast<BayBoardScreen*>(app->router().top());
    ASSERT_NE(board, nullptr);
    ASSERT_EQ(board->jobs().size(), 2u);
    EXPECT_TRUE(d.visible(tr("workshop.board.summary", {{"count", 2}, {"overdue", 1}, {"waiting", 0}})));
    ASSERT_TRUE(d.click(tr("workshop.board.filter.overdue"), "filters"));
    d.frame(2);
    const auto shown = board->shown(clock.nowMs());
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0]->id, late);
    ASSERT_TRUE(d.click(shown[0]->provisionalNo, "board"));
    d.frame(3);
    auto* editor = dynamic_cast<WorkOrderScreen*>(app->router().top());
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->order()->id, late);
}

}  // namespace
}  // namespace fc::ui
