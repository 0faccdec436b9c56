// A device with a valid token sending what no honest device sends (issue 12, items 4, 5 and 8),
// against the real hub routes (HubApi, the hub's state machine and database): deeply nested data,
// a clock stamp at the end of time, integers that do not fit, requests that make the hub fail.
// The hub refuses each with an honest answer, keeps serving, and tells nothing of its insides.
#include <gtest/gtest.h>

#include <climits>
#include <string>

#include "sync/hub_api.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using nlohmann::json;
using test::SimWorld;

json pushBody(SimWorld& w, size_t d, json changes) {
    return {{"device", w.device(d).services->store().device().deviceId},
            {"schema", core::storeRegistry().schema().version()},
            {"changes", std::move(changes)}};
}

int64_t nextSeq(SimWorld& w, size_t d) {
    auto dev = w.hub().authenticate(w.device(d).token);
    EXPECT_TRUE(dev.ok());
    return dev.ok() ? dev->lastSeq + 1 : 1;
}

std::string customer(SimWorld& w, size_t d, const std::string& name) {
    auto id = w.device(d).services->get<core::CustomerService>().createCustomer({.name = name, .phones = {"13800138000"}});
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : "";
}

// [SECTION] item 4: depth and size are bounded while parsing

TEST(HostileDevice, DataNestedTwoHundredThousandDeepIsRefusedWhileParsing) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    const std::string id = customer(w, 0, "王芳");
    w.settle();
    // ~400 KB: one update whose value is 200,000 nested arrays. Copying it once decoded recursed
    // 200,000 frames deep and took the hub down.
    const std::string nested = std::string(200'000, '[') + std::string(200'000, ']');
    const std::string body = R"({"device":")" + w.device(0).services->store().device().deviceId +
                             R"(","schema":)" + std::to_string(core::storeRegistry().schema().version()) +
                             R"(,"changes":[{"seq":)" + std::to_string(nextSeq(w, 0)) +
                             R"(,"hlc":1,"table":"customers","id":")" + id +
                             R"(","op":"update","known":0,"data":{"name":)" + nested + "}}]}";
    auto r = w.direct().request("POST", "/v1/push", body, w.device(0).token);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 400) << r->body.substr(0, 300);
    EXPECT_NE(r->body.find("nested deeper"), std::string::npos) << r->body.substr(0, 300);
    // The same depth anywhere else in a body the hub reads: enrolment.
    const std::string enrol = R"({"code":"1234-5678-9012","device":"d1","name":)" + nested + "}";
    auto e = w.direct().request("POST", "/v1/enroll", enrol, "");
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->status, 400);
    EXPECT_EQ(w.direct().request("GET", "/v1/health", "", "")->status, 200) << "the hub keeps serving";
}

TEST(HostileDevice, TheJsonReaderBoundsDepthAndValueCountBeforeBuildingThem) {
    JsonLimits limits;
    limits.maxDepth = 4;
    limits.maxValues = 100;
    EXPECT_TRUE(parseJson("[[[[1]]]]", "t", limits).ok());
    auto deep = parseJson("[[[[[1]]]]]", "t", limits);
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(deep.error().message.find("nested deeper than 4"), std::string::npos) << deep.error().message;
    std::string many = "[";
    for (int i = 0; i < 200; ++i) many += i ? ",1" : "1";
    many += "]";
    auto wide = parseJson(many, "t", limits);
    ASSERT_FALSE(wide.ok());
    EXPECT_NE(wide.error().message.find("more than 100 values"), std::string::npos);
    limits.maxBytes = 8;
    EXPECT_FALSE(parseJson("[1,2,3,4,5]", "t", limits).ok()) << "the text's size too";
    EXPECT_FALSE(parseJson("{\"a\":", "t").ok());
    EXPECT_FALSE(parseJson("[1] trailing", "t").ok());
}

// [SECTION] item 5: stamps far ahead of the hub's clock

TEST(HostileDevice, AStampFarAheadOfTheHubsClockIsRefusedAndTheOfficesNextEditWins) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "office"});
    const std::string id = customer(w, 0, "王芳");
    w.settle();
    // A stolen office device stamps its edit 2^64-1: it would win every later edit for ever.
    json changes = json::array();
    const int64_t seq = nextSeq(w, 1);
    changes.push_back({{"seq", seq}, {"hlc", UINT64_MAX}, {"table", "customers"}, {"id", id},
                       {"op", "update"}, {"known", 0}, {"data", {{"name", "永远是我"}}}});
    // …and one three days ahead.
    const uint64_t dayAhead = static_cast<uint64_t>(w.clock().nowMs() + kMaxStampAheadMs + 86'400'000) << 16;
    changes.push_back({{"seq", seq + 1}, {"hlc", dayAhead}, {"table", "customers"}, {"id", id},
                       {"op", "update"}, {"known", 0}, {"data", {{"notes", "明天的我"}}}});
    auto r = w.direct().request("POST", "/v1/push", pushBody(w, 1, changes).dump(), w.device(1).token);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->status, 200) << r->body;
    auto resp = decodePushResponse(r->body);
    ASSERT_TRUE(resp.ok()) << resp.error().message;
    EXPECT_EQ(resp->acceptedThrough, seq + 1);
    ASSERT_EQ(resp->refused.size(), 2u) << r->body;
    for (const auto& refusal : resp->refused)
        EXPECT_NE(refusal.reason.find("ahead of the hub's clock"), std::string::npos) << refusal.reason;
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryText("SELECT name FROM customers WHERE id = '" + id + "'")->value(), "王芳");
    EXPECT_LT(w.hub().services().store().hlc().last().ms(), static_cast<uint64_t>(w.clock().nowMs()) + 60'000)
        << "the hub's own clock was not dragged forward";

    // The office's next edit of that column is stamped now, and it is what everyone ends with.
    ASSERT_TRUE(w.device(0).services->get<core::CustomerService>().updateCustomer(id, {.name = "王芳芳"}).ok());
    const core::Hlc stamped = w.device(0).services->store().hlc().last();
    EXPECT_GT(stamped.ms(), 0u);
    EXPECT_LT(stamped.ms(), static_cast<uint64_t>(w.clock().nowMs()) + 60'000);
    w.settle();
    EXPECT_EQ(hubDb.queryText("SELECT name FROM customers WHERE id = '" + id + "'")->value(), "王芳芳");
    EXPECT_EQ(test::dumpSynced(w.device(1).services->db()), test::dumpSynced(hubDb));
}

TEST(HostileDevice, AStampADayAheadIsAcceptedAsFromATabletADayOff) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    const std::string id = customer(w, 0, "王芳");
    w.settle();
    const uint64_t ahead = static_cast<uint64_t>(w.clock().nowMs() + 86'400'000) << 16;  // a day fast
    json changes = json::array();
    changes.push_back({{"seq", nextSeq(w, 0)}, {"hlc", ahead}, {"table", "customers"}, {"id", id},
                       {"op", "update"}, {"known", 0}, {"data", {{"notes", "快一天"}}}});
    auto r = w.direct().request("POST", "/v1/push", pushBody(w, 0, changes).dump(), w.device(0).token);
    ASSERT_TRUE(r.ok());
    auto resp = decodePushResponse(r->body);
    ASSERT_TRUE(resp.ok()) << r->body;
    EXPECT_TRUE(resp->refused.empty()) << r->body;
}

// [SECTION] item 8: strict integers, honest codes, no internals

TEST(HostileDevice, IntegersAreReadAsTheNumbersTheyAre) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    const std::string id = customer(w, 0, "王芳");
    w.settle();
    // -(2^32)+5 is not schema 5 (it was read through an int and told to upgrade).
    json body = pushBody(w, 0, json::array());
    body["schema"] = -(int64_t{1} << 32) + core::storeRegistry().schema().version();
    auto r = w.direct().request("POST", "/v1/push", body.dump(), w.device(0).token);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_NE(r->body.find("\"invalid\""), std::string::npos) << r->body;
    auto decoded = decodePushRequest(body.dump());
    EXPECT_FALSE(decoded.ok());

    // An integer column given 2^64-1 (an unsigned JSON number) is not -1.
    json changes = json::array();
    changes.push_back({{"seq", nextSeq(w, 0)}, {"hlc", 1}, {"table", "customers"}, {"id", id},
                       {"op", "update"}, {"known", 0}, {"data", {{"consent_contact", UINT64_MAX}}}});
    auto big = w.direct().request("POST", "/v1/push", pushBody(w, 0, changes).dump(), w.device(0).token);
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big->status, 400) << big->body;
    EXPECT_NE(big->body.find("consent_contact must be an integer"), std::string::npos) << big->body;
    // A known or seq beyond int64 likewise.
    changes[0]["data"] = {{"notes", "x"}};
    changes[0]["known"] = UINT64_MAX;
    auto known = w.direct().request("POST", "/v1/push", pushBody(w, 0, changes).dump(), w.device(0).token);
    ASSERT_TRUE(known.ok());
    EXPECT_EQ(known->status, 400) << known->body;
}

TEST(HostileDevice, AnswersNameTheRightErrorAndNothingOfTheHubsInsides) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    customer(w, 0, "王芳");
    w.settle();
    // A path that is not UTF-8 made the answer itself throw, and the exception's text went out.
    auto odd = w.direct().request("GET", "/v1/\xff\xfe", "", "");
    ASSERT_TRUE(odd.ok());
    EXPECT_EQ(odd->status, 404) << odd->body;
    EXPECT_EQ(odd->body.find("exception"), std::string::npos) << odd->body;
    EXPECT_NE(odd->body.find("\"not_found\""), std::string::npos) << odd->body;

    // A change the database refuses: the reason names the column and the rule, not the SQL.
    auto& kiosk = w.device(1);
    json changes = json::array();
    changes.push_back({{"seq", nextSeq(w, 1)}, {"hlc", 1}, {"table", "customers"}, {"id", "c-new"}, {"op", "insert"},
                       {"data", {w.hub().storeId(), nullptr, "13900139000", "", "", "kiosk", "prospect", 0, nullptr,
                                 0, nullptr, "", 1, nullptr}}});
    auto r = w.direct().request("POST", "/v1/push", pushBody(w, 1, changes).dump(), kiosk.token);
    ASSERT_TRUE(r.ok());
    auto resp = decodePushResponse(r->body);
    ASSERT_TRUE(resp.ok()) << r->body;
    ASSERT_EQ(resp->refused.size(), 1u) << r->body;
    const std::string& reason = resp->refused[0].reason;
    EXPECT_NE(reason.find("customers.name"), std::string::npos) << reason;
    for (const char* internal : {"sqlite", "INSERT", "SELECT", "VALUES", "main."})
        EXPECT_EQ(reason.find(internal), std::string::npos) << internal << " in: " << reason;
    auto audit = w.hub().audit(5);
    ASSERT_TRUE(audit.ok());
    for (const auto& line : *audit) EXPECT_EQ(line.find("sqlite"), std::string::npos) << line;

    // What the server answers before a route runs (a malformed request, a body too large) is
    // labelled for what it is.
    EXPECT_STREQ(errorCodeFor(400), "invalid");
    EXPECT_STREQ(errorCodeFor(404), "not_found");
    EXPECT_STREQ(errorCodeFor(413), "too_large");
    EXPECT_STREQ(errorCodeFor(500), "internal");
    const json malformed = json::parse(errorBodyFor(400, 1));
    EXPECT_EQ(malformed["error"], "invalid");
    EXPECT_EQ(malformed["message"], "malformed request");
    const json failed = json::parse(errorBodyFor(500, 1));
    EXPECT_EQ(failed["error"], "internal");
}

}  // namespace
}  // namespace fc::sync
