#include "shared/visits/service_menu.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

TEST(ServiceMenu, TheShippedMenuLoadsWithWhatAChineseStoreOffers) {
    auto menu = ServiceMenu::load(ServiceMenu::defaultPath());
    ASSERT_TRUE(menu.ok()) << menu.error().message;
    EXPECT_EQ(menu->version(), 1);
    EXPECT_EQ(menu->currency(), "CNY");
    EXPECT_GE(menu->items().size(), 10u);
    EXPECT_LE(menu->items().size(), 15u);
    for (const char* zh : {"常规保养", "更换机油机滤", "轮胎更换", "四轮定位", "刹车片更换",
                           "空调检修", "故障诊断", "钣金喷漆", "洗车美容", "年检代办"}) {
        bool found = false;
        for (const auto& item : menu->items()) found |= item.nameZh == zh;
        EXPECT_TRUE(found) << zh;
    }
    for (const auto& item : menu->items()) {
        EXPECT_FALSE(item.nameEn.empty()) << item.code;
        EXPECT_GT(item.minutes, 0) << item.code;
        EXPECT_GT(item.priceFen, 0) << item.code;
    }
    const ServiceItem* oil = menu->find("oil_filter");
    ASSERT_NE(oil, nullptr);
    EXPECT_EQ(oil->nameZh, "更换机油机滤");
    EXPECT_EQ(menu->totalMinutes({"oil_filter", "wash_detail"}),
              oil->minutes + menu->find("wash_detail")->minutes);
    EXPECT_EQ(menu->totalPriceFen({"oil_filter"}), oil->priceFen);
}

TEST(ServiceMenu, CodesAreValidatedAndDeduplicated) {
    auto menu = ServiceMenu::load(ServiceMenu::defaultPath());
    ASSERT_TRUE(menu.ok());
    auto codes = menu->validateCodes({" oil_filter", "wash_detail", "oil_filter", ""});
    ASSERT_TRUE(codes.ok());
    EXPECT_EQ(*codes, (std::vector<std::string>{"oil_filter", "wash_detail"}));
    auto bad = menu->validateCodes({"oil_filter", "teleport"});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("'teleport' is not on the service menu"), std::string::npos);
}

TEST(ServiceMenu, ErrorsNameTheFileAndTheField) {
    const std::string good =
        R"({"code": "oil_filter", "name_zh": "更换机油机滤", "name_en": "Oil", "minutes": 30, "price_fen": 29800})";
    struct Case {
        std::string json;
        std::string expect;
    };
    const Case cases[] = {
        {"not json", "menu.json: not valid JSON"},
        {"[]", "menu.json: expected a JSON object"},
        {R"({"version": 2, "services": []})", "menu.json: version: must be 1"},
        {R"({"version": 1})", "menu.json: services: must be a list"},
        {R"({"version": 1, "services": []})", "menu.json: services: the menu is empty"},
        {R"({"version": 1, "currency": "RMB¥", "services": [)" + good + "]}",
         "menu.json: currency"},
        {R"({"version": 1, "services": [)" + good + R"(, {"code": "Oil Change"}]})",
         "menu.json: services[1].code: 'Oil Change' must be"},
        {R"({"version": 1, "services": [)" + good + "," + good + "]}",
         "menu.json: services[1].code: 'oil_filter' appears twice"},
        {R"({"version": 1, "services": [{"code": "wash", "name_en": "Wash", "minutes": 30, "price_fen": 1}]})",
         "menu.json: services[0].name_zh: must be text"},
        {R"({"version": 1, "services": [{"code": "wash", "name_zh": " ", "name_en": "Wash", "minutes": 30, "price_fen": 1}]})",
         "menu.json: services[0].name_zh: is empty"},
        {R"({"version": 1, "services": [{"code": "wash", "name_zh": "洗车", "name_en": "Wash", "minutes": 2, "price_fen": 1}]})",
         "menu.json: services[0].minutes: must be a whole number of minutes"},
        {R"({"version": 1, "services": [{"code": "wash", "name_zh": "洗车", "name_en": "Wash", "minutes": 30, "price_fen": 12.5}]})",
         "menu.json: services[0].price_fen: must be a whole number of fen"},
        {R"({"version": 1, "services": [{"code": "wash", "name_zh": "洗车", "name_en": "Wash", "minutes": 30, "price_fen": -1}]})",
         "menu.json: services[0].price_fen"},
    };
    for (const auto& c : cases) {
        auto r = ServiceMenu::parse(c.json, "menu.json");
        ASSERT_FALSE(r.ok()) << c.json;
        EXPECT_EQ(r.error().code, Errc::kInvalid);
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos)
            << "expected '" << c.expect << "' in: " << r.error().message;
    }
    auto ok = ServiceMenu::parse(R"({"version": 1, "services": [)" + good + "]}", "menu.json");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->items().size(), 1u);
}

TEST(ServiceMenu, AMissingFileIsAnIoErrorNamingThePathAndTheCatalogReportsIt) {
    test::TempDir dir;
    auto r = ServiceMenu::load(dir.file("nope.json"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kIo);
    EXPECT_NE(r.error().message.find("nope.json"), std::string::npos);
    ServiceCatalog catalog(dir.file("nope.json"));
    EXPECT_FALSE(catalog.menu().ok());
    test::writeFile(
        dir.file("menu.json"),
        R"({"version": 1, "services": [{"code": "x1", "name_zh": "项目", "name_en": "Item", "minutes": 5, "price_fen": 0}]})");
    ServiceCatalog loaded(dir.file("menu.json"));
    auto m = loaded.menu();
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_NE((*m)->find("x1"), nullptr);
}

TEST(ServiceMenu, StoredCodesRoundTripAndBadTextGivesNone) {
    EXPECT_EQ(encodeServiceCodes({"oil_filter", "wash_detail"}), R"(["oil_filter","wash_detail"])");
    EXPECT_EQ(decodeServiceCodes(R"(["oil_filter","wash_detail"])"),
              (std::vector<std::string>{"oil_filter", "wash_detail"}));
    EXPECT_TRUE(decodeServiceCodes("").empty());
    EXPECT_TRUE(decodeServiceCodes("{}").empty());
    EXPECT_EQ(decodeServiceCodes(R"(["a", 1, "b"])"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace fc::core
