// Columns a migration added to an existing table (appointments.bay_id and visits.called_* in v6):
// an insert written before the upgrade — still in a device's outbox, or in the hub's log — has
// the table's earlier shape and must still sync, with the new columns null.
#include <gtest/gtest.h>

#include "sync/protocol.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using nlohmann::json;
using test::SimWorld;

json v5Appointment() {
    return json::array({"store-1", "c-1", "v-1", 1767230000000, "[\"oil_filter\"]", "booked",
                        "phone", "AAAAAAAAAAAAAAAAAAAAAAAA", "", 1767220000000, nullptr});
}

json change(const std::string& table, const std::string& op, json data) {
    return {{"seq", 1},      {"hlc", uint64_t{5}}, {"table", table},
            {"id", "row-1"}, {"op", op},           {"data", std::move(data)}};
}

TEST(SchemaUpgrade, AnInsertOfTheOldShapeGetsTheNewColumnsAsNull) {
    const auto& appts = core::tables::kAppointments;
    auto c = decodeChange(change("appointments", "insert", v5Appointment()), false, 0);
    ASSERT_TRUE(c.ok()) << c.error().message;
    ASSERT_EQ(c->data.size(), appts.columns.size());
    EXPECT_TRUE(c->data[static_cast<size_t>(appts.columnIndex("bay_id"))].is_null());
    EXPECT_EQ(c->data[static_cast<size_t>(appts.columnIndex("notes"))], "");
    EXPECT_EQ(c->data[static_cast<size_t>(appts.columnIndex("created_at"))], 1767220000000);
    EXPECT_TRUE(c->data.back().is_null()) << "deleted_at stays last";

    json visit = json::array();
    for (const auto& col : core::tables::kVisits.columns)
        if (col.since == 0) visit.push_back(col.integer ? json(1) : json("x"));
    visit.back() = nullptr;  // deleted_at
    ASSERT_EQ(visit.size(), 17u) << "visits had 17 columns at v5";
    auto v = decodeChange(change("visits", "insert", visit), false, 0);
    ASSERT_TRUE(v.ok()) << v.error().message;
    const auto& visits = core::tables::kVisits;
    ASSERT_EQ(v->data.size(), visits.columns.size());
    for (const char* col : {"called_at", "called_by", "called_desk", "deleted_at"})
        EXPECT_TRUE(v->data[static_cast<size_t>(visits.columnIndex(col))].is_null()) << col;
    EXPECT_EQ(v->data[static_cast<size_t>(visits.columnIndex("checked_in_by"))], "x");
}

TEST(SchemaUpgrade, OtherShapesAreStillRefused) {
    json short10 = v5Appointment();
    short10.erase(short10.size() - 1);
    auto c = decodeChange(change("appointments", "insert", short10), false, 0);
    ASSERT_FALSE(c.ok());
    EXPECT_NE(c.error().message.find("data must be an array of 12 values for appointments"),
              std::string::npos)
        << c.error().message;
    // A table no migration widened keeps its one shape.
    auto customers =
        decodeChange(change("customers", "insert", json::array({"store-1", "王芳"})), false, 0);
    EXPECT_FALSE(customers.ok());
    // Updates name their columns: nothing to widen.
    json data = v5Appointment();
    EXPECT_FALSE(decodeChange(change("appointments", "update", data), false, 0).ok());
}

// A booking captured before the device upgraded, and one the hub logged before it did, both reach
// every replica.
TEST(SchemaUpgrade, OldShapedChangesInAnOutboxAndInTheHubLogSync) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    auto& office = *w.device(0).services;
    auto c = office.get<core::CustomerService>().createCustomer(
        {.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(c.ok());
    auto v = office.get<core::CustomerService>().addVehicle(*c, {.plate = "京A12345"});
    ASSERT_TRUE(v.ok());
    w.settle();
    auto book = [&](int64_t at) {
        auto id = office.get<core::AppointmentService>().book(
            {.customerId = *c, .vehicleId = *v, .scheduledAt = at, .services = {"oil_filter"}});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? *id : "";
    };
    // As captured by v5: the insert array without bay_id (the element before deleted_at).
    auto toV5 = [](const std::string& text) {
        json a = json::parse(text);
        a.erase(a.size() - 2);
        return a.dump();
    };
    const std::string inOutbox = book(w.clock().nowMs() + 3'600'000);
    {
        core::Db& db = office.db();
        auto payload =
            db.queryText("SELECT payload FROM outbox WHERE row_id = '" + inOutbox + "' AND op = 1");
        ASSERT_TRUE(payload.ok() && payload->has_value());
        auto st = db.prepare("UPDATE outbox SET payload = ? WHERE row_id = ? AND op = 1");
        ASSERT_TRUE(st.ok());
        st->bindAll(toV5(**payload), inOutbox);
        ASSERT_TRUE(st->run().ok());
    }
    auto pushed = w.device(0).client->push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_TRUE(pushed->refusals.empty()) << pushed->refusals[0].reason;
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb
                  .queryInt("SELECT json_array_length(data) FROM hub_log WHERE row_id = '" +
                            inOutbox + "'")
                  ->value_or(0),
              12)
        << "the hub logs the widened array";

    const std::string inLog = book(w.clock().nowMs() + 7'200'000);
    ASSERT_TRUE(w.device(0).client->push().ok());
    {
        auto data = hubDb.queryText("SELECT data FROM hub_log WHERE row_id = '" + inLog + "'");
        ASSERT_TRUE(data.ok() && data->has_value());
        auto st = hubDb.prepare("UPDATE hub_log SET data = ? WHERE row_id = ?");
        ASSERT_TRUE(st.ok());
        st->bindAll(toV5(**data), inLog);
        ASSERT_TRUE(st->run().ok());
    }
    auto pulled = w.device(1).client->pull();
    ASSERT_TRUE(pulled.ok()) << pulled.error().message;
    auto& other = *w.device(1).services;
    for (const std::string& id : {inOutbox, inLog}) {
        auto a = other.get<core::AppointmentService>().get(id);
        ASSERT_TRUE(a.ok()) << a.error().message;
        EXPECT_FALSE(a->bayId.has_value());
        EXPECT_EQ(a->status, core::AppointmentStatus::kBooked);
    }
    w.settle();
    EXPECT_EQ(test::dumpSynced(other.db()), test::dumpSynced(hubDb));
    EXPECT_EQ(test::dumpSynced(office.db()), test::dumpSynced(hubDb));
}

}  // namespace
}  // namespace fc::sync
