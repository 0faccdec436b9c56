// Work orders across devices: the hub gives each order the store's gap-free number when it first
// merges it; two workshop tablets and the office PC working on one order while partitioned, then
// syncing in random orders, lose no event, derive the same state everywhere, and a transition
// that was illegal once merged (closed on the PC while a tablet had clocked on) is a conflict on
// every replica — never a silent winner.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/verify.hpp"
#include "shared/capture/row.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using core::WorkOrderService;
using core::WorkOrderStatus;
using test::SimWorld;

struct Shop {
    std::string customer, vehicle, admin, tech1, tech2;
};

Shop setUp(SimWorld& w) {
    auto& office = *w.device(0).services;
    Shop s;
    s.customer = office.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}}).value();
    s.vehicle = office.get<core::CustomerService>().addVehicle(s.customer, {.plate = "粤B12345"}).value();
    auto& staff = office.get<core::StaffService>();
    staff.setHashLimits(core::PinHashLimits::minimum());
    s.admin = staff.bootstrapAdmin("赵敏", "246810").value();
    auto by = office.get<core::SessionManager>().signInByPin(s.admin, "246810").value();
    s.tech1 = staff.createStaff(by, {.name = "王强", .role = core::StaffRole::kTechnician, .pin = "271828"}).value();
    s.tech2 = staff.createStaff(by, {.name = "张伟", .role = core::StaffRole::kTechnician, .pin = "583920"}).value();
    w.settle();
    return s;
}

core::Session signIn(test::SimDevice& d, const std::string& id, const std::string& pin) {
    return d.services->get<core::SessionManager>().signInByPin(id, pin).value();
}

std::string dumpJob(core::StoreServices& s, const std::string& order) {
    auto j = s.get<WorkOrderService>().job(order).value();
    std::string out = core::workOrderStatusKey(j.status);
    for (const auto& c : j.clockedOn) out += " on:" + c;
    for (const auto& st : j.stepsDone) out += " step:" + st;
    for (const auto& f : j.illegal) out += " illegal:" + f.factId;
    return out;
}

TEST(WorkOrderSync, TheHubNumbersOrdersWithoutGapsInTheOrderItMergesThem) {
    fc::test::TempDir dir;
    SimWorld w(dir, 3, 1, {"office", "workshop", "office"});
    const Shop s = setUp(w);
    std::vector<std::string> ids;
    for (size_t dev : {0u, 2u, 0u, 2u}) {
        auto& d = w.device(dev);
        auto by = signIn(d, s.admin, "246810");
        auto id = d.services->get<WorkOrderService>().open(
            by, {.customerId = s.customer, .vehicleId = s.vehicle, .services = {"diagnosis"}});
        ASSERT_TRUE(id.ok()) << id.error().message;
        ids.push_back(*id);
    }
    // Device 2 reaches the hub first.
    ASSERT_TRUE(w.device(2).client->exchange().ok());
    w.settle();
    for (size_t i = 0; i < w.size(); ++i) {
        auto& wo = w.device(i).services->get<WorkOrderService>();
        EXPECT_EQ(wo.get(ids[1])->number, 1) << i;
        EXPECT_EQ(wo.get(ids[3])->number, 2) << i;
        EXPECT_EQ(wo.get(ids[0])->number, 3) << i;
        EXPECT_EQ(wo.get(ids[2])->number, 4) << i;
        EXPECT_EQ(*wo.findByNumber("3"), ids[0]) << "the hub's number finds the order on every device";
        EXPECT_EQ(*wo.findByNumber(wo.get(ids[2])->provisionalNo), ids[2]);
    }
}

TEST(WorkOrderSync, PartitionedTabletsAndTheOfficeConvergeAndAnIllegalCloseIsAConflict) {
    for (uint64_t seed = 1; seed <= 6; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        fc::test::TempDir dir;
        SimWorld w(dir, 3, seed, {"office", "workshop", "workshop"});
        const Shop s = setUp(w);
        auto& office = w.device(0);
        auto& tabA = w.device(1);
        auto& tabB = w.device(2);
        auto order = office.services->get<WorkOrderService>().open(
            signIn(office, s.admin, "246810"),
            {.customerId = s.customer, .vehicleId = s.vehicle, .services = {"brake_pads"}});
        ASSERT_TRUE(order.ok()) << order.error().message;
        w.settle();
        // Tablet A works the job to ready.
        auto& woA = tabA.services->get<WorkOrderService>();
        auto a = signIn(tabA, s.tech1, "271828");
        ASSERT_TRUE(woA.clockOn(a, *order).ok());
        w.clock().advance(60'000);
        ASSERT_TRUE(woA.recordStep(a, *order, "measure_pads").ok());
        ASSERT_TRUE(woA.clockOff(a, *order, "done").ok());
        ASSERT_TRUE(woA.changeStatus(a, *order, WorkOrderStatus::kReady).ok());
        w.settle();
        // The partition: the office closes the order; tablet B, offline, clocks on to rework it
        // (before or after the close, by the seed) and records a step.
        for (size_t i = 0; i < w.size(); ++i) w.device(i).transport->offline = true;
        const bool tabletFirst = seed % 2 == 0;
        auto& woB = tabB.services->get<WorkOrderService>();
        auto b = signIn(tabB, s.tech2, "583920");
        auto tablet = [&] {
            ASSERT_TRUE(woB.clockOn(b, *order).ok());
            ASSERT_TRUE(woB.recordStep(b, *order, "replace_pads").ok());
        };
        auto close = [&] {
            ASSERT_TRUE(office.services->get<WorkOrderService>()
                            .changeStatus(signIn(office, s.admin, "246810"), *order, WorkOrderStatus::kClosed)
                            .ok());
        };
        if (tabletFirst) tablet(); else close();
        w.clock().advance(30'000);
        if (tabletFirst) close(); else tablet();
        // Tablet A records a note meanwhile (a fact on its own).
        // Heal, and exchange in a random order.
        std::vector<size_t> order3 = {0, 1, 2};
        std::mt19937 rng(static_cast<unsigned>(seed));
        std::shuffle(order3.begin(), order3.end(), rng);
        for (size_t i : order3) {
            w.device(i).transport->offline = false;
            ASSERT_TRUE(w.device(i).client->exchange().ok());
        }
        w.settle();
        // No event lost: every replica has every fact, and derives the same state.
        core::Db& hubDb = w.hub().services().db();
        const int64_t events = hubDb.queryInt("SELECT count(*) FROM job_events").value().value_or(0);
        const int64_t times = hubDb.queryInt("SELECT count(*) FROM time_entries").value().value_or(0);
        EXPECT_EQ(events, 4) << "step, ready, close, step";
        EXPECT_EQ(times, 3) << "on, off, on";
        const std::string hubState = dumpJob(w.hub().services(), *order);
        EXPECT_EQ(hubState.rfind("closed", 0), 0u) << hubState << [&] {
            std::string out;
            const auto facts = WorkOrderService::factsOf(hubDb, *order).value();
            for (const auto& f : facts)
                out += "\n" + std::to_string(f.at) + " " + f.id + " " + f.kind + " " + f.value + " " + f.staffId;
            return out;
        }();
        for (size_t i = 0; i < w.size(); ++i) {
            core::Db& db = w.device(i).services->db();
            EXPECT_EQ(db.queryInt("SELECT count(*) FROM job_events").value().value_or(-1), events) << i;
            EXPECT_EQ(db.queryInt("SELECT count(*) FROM time_entries").value().value_or(-1), times) << i;
            EXPECT_EQ(dumpJob(*w.device(i).services, *order), hubState) << i;
            // The stored derived state (what the boards read) kept up with the merged facts.
            EXPECT_EQ(db.queryText("SELECT status FROM local_job_state WHERE work_order_id = '" + *order + "'")
                          .value()
                          .value_or("?"),
                      "closed")
                << i;
            EXPECT_TRUE(w.device(i).services->get<WorkOrderService>().openOrders()->empty()) << i;
            // The illegal transition is a conflict for the advisor, on every replica.
            EXPECT_GE(db.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'work-order-transition' AND row_id = '" +
                                  *order + "'")
                          .value()
                          .value_or(0),
                      1)
                << i;
            auto v = core::verifyStore(*w.device(i).services);
            ASSERT_TRUE(v.ok());
            for (const auto& p : v->problems) ADD_FAILURE() << "device " << i << ": " << p;
        }
        const auto job = w.hub().services().get<WorkOrderService>().job(*order).value();
        ASSERT_FALSE(job.illegal.empty());
        if (tabletFirst)
            EXPECT_NE(job.illegal.front().reason.find("closed while clocked on"), std::string::npos)
                << job.illegal.front().reason;
        else
            EXPECT_NE(job.illegal.front().reason.find("clocked on to a closed order"), std::string::npos)
                << job.illegal.front().reason;
    }
}

TEST(WorkOrderSync, PaymentsTakenOnTwoPcsOfflineThatOverpayAreAConflictNotLost) {
    fc::test::TempDir dir;
    SimWorld w(dir, 3, 1, {"office", "office", "workshop"});
    const Shop s = setUp(w);
    auto& pc1 = w.device(0);
    auto& pc2 = w.device(1);
    auto order = pc1.services->get<WorkOrderService>().open(
        signIn(pc1, s.admin, "246810"), {.customerId = s.customer, .vehicleId = s.vehicle, .services = {"wipers"}});
    ASSERT_TRUE(order.ok());
    auto t = signIn(pc1, s.tech1, "271828");
    ASSERT_TRUE(pc1.services->get<WorkOrderService>().clockOn(t, *order).ok());
    ASSERT_TRUE(pc1.services->get<WorkOrderService>().clockOff(t, *order, "done").ok());
    ASSERT_TRUE(pc1.services->get<WorkOrderService>().changeStatus(t, *order, WorkOrderStatus::kReady).ok());
    auto invoice = pc1.services->get<core::InvoiceService>().closeOut(signIn(pc1, s.admin, "246810"), *order);
    ASSERT_TRUE(invoice.ok()) << invoice.error().message;
    w.settle();
    const int64_t total = pc2.services->get<core::InvoiceService>().get(*invoice)->totalFen;
    ASSERT_GT(total, 0);
    // Both PCs offline take the whole amount.
    pc1.transport->offline = pc2.transport->offline = true;
    ASSERT_TRUE(pc1.services->get<core::InvoiceService>()
                    .recordPayment(signIn(pc1, s.admin, "246810"), *invoice, core::PaymentMethod::kCash, total, "")
                    .ok());
    ASSERT_TRUE(pc2.services->get<core::InvoiceService>()
                    .recordPayment(signIn(pc2, s.admin, "246810"), *invoice, core::PaymentMethod::kWechat, total, "WX1")
                    .ok());
    w.settle();
    for (size_t i = 0; i < w.size(); ++i) {
        core::Db& db = w.device(i).services->db();
        EXPECT_EQ(db.queryInt("SELECT count(*) FROM payments").value().value_or(-1), 2) << "no payment lost, " << i;
        EXPECT_EQ(db.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'overpaid'").value().value_or(-1), 1) << i;
    }
    // Invoices and payments are the office's: a workshop tablet writes neither.
    auto& tab = w.device(2);
    auto refused = tab.services->get<core::InvoiceService>().recordPayment(signIn(tab, s.admin, "246810"), *invoice,
                                                                           core::PaymentMethod::kCash, 1, "");
    ASSERT_FALSE(refused.ok());
}

TEST(WorkOrderSync, AWorkshopTabletMayNotPriceOrEditOrders) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "workshop"});
    const Shop s = setUp(w);
    auto order = w.device(0).services->get<WorkOrderService>().open(
        signIn(w.device(0), s.admin, "246810"),
        {.customerId = s.customer, .vehicleId = s.vehicle, .services = {"brake_pads"}});
    ASSERT_TRUE(order.ok());
    w.settle();
    // Even an admin signed in at the tablet: the device's role does not write lines.
    auto& tab = w.device(1);
    auto r = tab.services->get<WorkOrderService>().addPart(signIn(tab, s.admin, "246810"), *order, "刹车片", 1000, 28000);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("workshop devices may not"), std::string::npos) << r.error().message;
}

// A photo taken at a workshop tablet while offline reaches the hub and the office byte for byte;
// rows a tampered tablet writes past its own checks (not a JPEG, not base64, another device named
// as author) are refused by the hub naming the column, and the honest photo between them lands.
TEST(WorkOrderSync, APhotoFromATabletReachesTheOfficeAndTheHubRefusesWhatIsNotAPhoto) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "workshop"});
    const Shop s = setUp(w);
    auto order = w.device(0).services->get<WorkOrderService>().open(
        signIn(w.device(0), s.admin, "246810"),
        {.customerId = s.customer, .vehicleId = s.vehicle, .services = {"brake_pads"}});
    ASSERT_TRUE(order.ok());
    w.settle();
    auto& tab = w.device(1);
    std::string jpeg = "\xFF\xD8\xFF\xE0";
    for (int i = 0; i < 120'000; ++i) jpeg += static_cast<char>(i * 7 % 251);
    jpeg += "\xFF\xD9";
    auto photo = tab.services->get<core::JobPhotoService>().add(signIn(tab, s.tech1, "271828"), *order,
                                                               "measure_pads", jpeg, 1280, 960);
    ASSERT_TRUE(photo.ok()) << photo.error().message;

    // The tampered rows, written with the tablet's checks off.
    core::Store& st = tab.services->store();
    const std::string officeId = w.device(0).services->store().device().deviceId;
    auto row = [&](const std::string& text, const std::string& device) {
        return core::RowBuilder(core::tables::kJobPhotos)
            .set("store_id", st.storeId())
            .set("work_order_id", *order)
            .set("step_key", "measure_pads")
            .set("width", 100)
            .set("height", 100)
            .set("jpeg", text)
            .set("staff_id", s.tech1)
            .set("device_id", device)
            .set("at", w.clock().nowMs())
            .build()
            .value();
    };
    st.writer().setPolicy(nullptr);
    {
        core::Tx tx(st.db());
        ASSERT_TRUE(tx.begin().ok());
        ASSERT_TRUE(st.writer().insert(core::tables::kJobPhotos, "bad-png", row(core::encodePhotoText("\x89PNG\r\n\x1a\n....."), st.device().deviceId)).ok());
        ASSERT_TRUE(st.writer().insert(core::tables::kJobPhotos, "bad-text", row("not base64 at all!", st.device().deviceId)).ok());
        ASSERT_TRUE(st.writer().insert(core::tables::kJobPhotos, "bad-author", row(core::encodePhotoText(jpeg), officeId)).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    st.writer().setPolicy(&core::storeRegistry().policy(st.device().role));
    auto pushed = tab.client->push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    ASSERT_EQ(pushed->refusals.size(), 3u);
    EXPECT_EQ(pushed->refusals[0].reason.rfind("job_photos bad-png: jpeg ", 0), 0u) << pushed->refusals[0].reason;
    EXPECT_EQ(pushed->refusals[1].reason.rfind("job_photos bad-text: jpeg ", 0), 0u) << pushed->refusals[1].reason;
    EXPECT_EQ(pushed->refusals[2].reason.rfind("job_photos bad-author: device_id ", 0), 0u) << pushed->refusals[2].reason;
    w.settle();

    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM job_photos")->value(), 1);
    auto& office = *w.device(0).services;
    auto list = office.get<core::JobPhotoService>().list(*order);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].id, *photo);
    EXPECT_EQ((*list)[0].staffId, s.tech1);
    EXPECT_EQ(office.get<core::JobPhotoService>().jpeg(*photo).value(), jpeg);
    auto v = core::verifyStore(office);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << "office: verify: " << p;
}

}  // namespace
}  // namespace fc::sync
