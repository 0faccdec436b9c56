// Importing parts from CSV: UTF-8 (with BOM) and GBK files, Chinese and English headers, money
// exact to the fen and litres in thousandths, codes (a GTIN's check digit checked), bins and
// fitment; a known SKU updates its part; any bad row imports nothing and every bad row is named
// with its line and column; a dry run writes nothing; every write is captured for sync.
#include "shared/stock/part_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "shared/core/barcode.hpp"
#include "shared/services.hpp"
#include "shared/stock/part_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

using test::toGb18030;

// A valid GTIN-13 for a 12-digit body.
std::string gtin(const std::string& body) { return body + gtinCheckDigit(body); }

class PartImportTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        // The registered service once the stock domain lists it; until then one made here.
        importer = s->services().find<PartImport>();
        if (!importer) importer = &own.emplace(s->store(), parts());
        by.emplace(signIn(clerk, "161803"));
        binA = parts().createBin(*by, {.code = "A-01-01", .zone = "A"}).value();
        binB = parts().createBin(*by, {.code = "B-02-01", .zone = "B"}).value();
    }
    PartService& parts() { return s->get<PartService>(); }
    Result<PartImportReport> run(const std::string& bytes, PartImportOptions opt = {}) {
        return importer->importCsvBytes(*by, bytes, "parts.csv", opt);
    }
    Part partBySku(const std::string& sku) {
        auto m = parts().findByCode(sku);
        EXPECT_TRUE(m.ok() && m->size() == 1) << sku;
        if (!m.ok() || m->empty()) return {};
        return parts().get((*m)[0].partId).value();
    }
    std::vector<std::string> codesOf(const std::string& partId) {
        std::vector<std::string> out;
        const std::vector<PartCode> codes = parts().codesOf(partId).value();
        for (const PartCode& c : codes) out.push_back(c.kind + ":" + c.code);
        return out;
    }
    // Every issue as line, column and a fragment of the reason is easier to assert on.
    static bool hasIssue(const PartImportReport& r, size_t line, const std::string& column, const std::string& fragment) {
        for (const auto& e : r.errors)
            if (e.line == line && e.column == column && e.reason.find(fragment) != std::string::npos) return true;
        return false;
    }
    static std::string issues(const PartImportReport& r) {
        std::string out;
        for (const auto& e : r.errors) out += formatPartIssue(r.file, e) + "\n";
        return out;
    }
    // The rows of a synced table that have no insert captured in the outbox.
    int64_t uncaptured(const std::string& table) {
        return count("SELECT count(*) FROM " + table + " WHERE id NOT IN (SELECT row_id FROM outbox WHERE tbl = '" +
                     table + "' AND op = 1)");
    }

    std::optional<PartImport> own;
    PartImport* importer = nullptr;
    std::optional<Session> by;
    std::string clerk, tech, binA, binB;
};

const std::string kHeaderZh = "编码,名称,英文名称,品牌,类别,单位,OE号,进价,售价,税率,安全库存,补货量,供应商,跟踪,条码,库位,适用车型\n";

TEST_F(PartImportTest, AUtf8FileWithBomAndChineseHeadersImportsEveryColumn) {
    const std::string csv = "\xEF\xBB\xBF" + kHeaderZh +
                            "flt-oil-0042,机油滤清器,Oil filter,曼牌,滤清器,个,06j115403q|03C115561H,18.00,45.50,13%,5,20,"
                            "博远汽配,无,6901234567892|label:FC-P-0042,A-01-01,丰田 卡罗拉 2014-2018|本田 思域 2016-\n"
                            "OIL-5W30-4L,全合成机油 5W-30,Engine oil,美孚,机油,升,,0.29,\"1,280.99\",9%,12.5,40.250,,批次,"
                            "036000291452；supplier:MOB-5W30,B-02-01；a-01-01,大众\n"
                            "BRK-PAD-F01,前刹车片,,博世,刹车,套,,19.9,¥420,0.13,2,,,序列号,,,\n";
    auto r = run(csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << issues(*r);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->encoding, TextEncoding::kUtf8Bom);
    EXPECT_EQ(r->rows, 3u);
    EXPECT_EQ(r->created, 3u);
    EXPECT_EQ(r->updated, 0u);
    EXPECT_EQ(r->codes, 4u);
    EXPECT_EQ(r->placements, 3u);
    EXPECT_EQ(r->fitments, 3u);

    const Part filter = partBySku("FLT-OIL-0042");
    EXPECT_EQ(filter.nameZh, "机油滤清器");
    EXPECT_EQ(filter.nameEn, "Oil filter");
    EXPECT_EQ(filter.brand, "曼牌");
    EXPECT_EQ(filter.category, "filter");
    EXPECT_EQ(filter.unit, "piece");
    EXPECT_EQ(filter.oeNumbers, "06J115403Q,03C115561H");
    EXPECT_EQ(filter.costFen, 1800);
    EXPECT_EQ(filter.priceFen, 4550);
    EXPECT_EQ(filter.taxRateBp, 1300);
    EXPECT_EQ(filter.safetyMilli, 5000);
    EXPECT_EQ(filter.reorderMilli, 20'000);
    EXPECT_EQ(filter.supplier, "博远汽配");
    EXPECT_EQ(filter.tracking, "none");
    EXPECT_EQ(codesOf(filter.id), (std::vector<std::string>{"gtin:6901234567892", "label:FC-P-0042"}));
    ASSERT_EQ(parts().binsOf(filter.id)->size(), 1u);
    EXPECT_EQ(parts().binsOf(filter.id)->at(0).id, binA);
    auto fits = parts().fitmentOf(filter.id).value();
    ASSERT_EQ(fits.size(), 2u);
    EXPECT_EQ(fits[0].make, "丰田");
    EXPECT_EQ(fits[0].model, "卡罗拉");
    EXPECT_EQ(fits[0].yearFrom, 2014);
    EXPECT_EQ(fits[0].yearTo, 2018);
    EXPECT_EQ(fits[1].make, "本田");
    EXPECT_EQ(fits[1].yearFrom, 2016);
    EXPECT_EQ(fits[1].yearTo, 0) << "open-ended";

    const Part oil = partBySku("OIL-5W30-4L");
    EXPECT_EQ(oil.unit, "litre");
    EXPECT_EQ(oil.category, "oil");
    EXPECT_EQ(oil.costFen, 29) << "0.29 yuan is 29 fen exactly (no floating point)";
    EXPECT_EQ(oil.priceFen, 128'099);
    EXPECT_EQ(oil.taxRateBp, 900);
    EXPECT_EQ(oil.safetyMilli, 12'500) << "litres in thousandths";
    EXPECT_EQ(oil.reorderMilli, 40'250);
    EXPECT_EQ(oil.tracking, "batch");
    EXPECT_EQ(codesOf(oil.id), (std::vector<std::string>{"gtin:0036000291452", "supplier:MOB-5W30"}))
        << "a UPC-A is kept as its GTIN-13, as the scanner reports it";
    auto oilBins = parts().binsOf(oil.id).value();
    ASSERT_EQ(oilBins.size(), 2u);
    EXPECT_EQ(oilBins[0].id, binB) << "the first bin listed is where it is received";
    auto anyVw = parts().fitmentOf(oil.id).value();
    ASSERT_EQ(anyVw.size(), 1u);
    EXPECT_EQ(anyVw[0].make, "大众");
    EXPECT_EQ(anyVw[0].model, "") << "any model of the make";

    const Part pads = partBySku("BRK-PAD-F01");
    EXPECT_EQ(pads.unit, "set");
    EXPECT_EQ(pads.costFen, 1990);
    EXPECT_EQ(pads.priceFen, 42'000);
    EXPECT_EQ(pads.taxRateBp, 1300) << "0.13 is a fraction";
    EXPECT_EQ(pads.tracking, "serial");
    EXPECT_EQ((*parts().findByCode("6901234567892"))[0].sku, "FLT-OIL-0042") << "a scan finds the imported part";
}

TEST_F(PartImportTest, AGbkFileWithEnglishHeadersAndCrLf) {
    auto r = run(toGb18030("SKU,Name_ZH,Category,Unit,Cost,Price,Tax Rate,Safety,Barcodes,Bins,Fitment\r\n"
                           "BRK-PAD-F01,前刹车片,brake,set,120,420.00,9%,2,4006381333931,B-02-01,丰田 RAV4 荣放 2016-2019\r\n"
                           "CLT-G12-1L,冷却液 G12,防冻液,L,15.5,39.9,13 %,0.5,,,\r\n"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << issues(*r);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
    const Part pads = partBySku("BRK-PAD-F01");
    EXPECT_EQ(pads.nameZh, "前刹车片");
    EXPECT_EQ(pads.category, "brake");
    EXPECT_EQ(pads.costFen, 12'000);
    EXPECT_EQ(pads.priceFen, 42'000);
    EXPECT_EQ(pads.taxRateBp, 900);
    EXPECT_EQ(pads.safetyMilli, 2000);
    auto fits = parts().fitmentOf(pads.id).value();
    ASSERT_EQ(fits.size(), 1u);
    EXPECT_EQ(fits[0].model, "RAV4 荣放");
    EXPECT_EQ(fits[0].yearTo, 2019);
    const Part coolant = partBySku("CLT-G12-1L");
    EXPECT_EQ(coolant.nameZh, "冷却液 G12");
    EXPECT_EQ(coolant.category, "coolant");
    EXPECT_EQ(coolant.unit, "litre");
    EXPECT_EQ(coolant.priceFen, 3990);
    EXPECT_EQ(coolant.safetyMilli, 500);
}

TEST_F(PartImportTest, OneBadRowImportsNothingAndEveryBadRowIsNamedWithItsColumn) {
    ASSERT_TRUE(parts().create(*by, {.sku = "EXIST-001", .nameZh = "已有配件"}, {{gtin("692000000000"), "gtin"}}).ok());
    const int64_t partsBefore = count("SELECT count(*) FROM parts");
    const int64_t outboxBefore = count("SELECT count(*) FROM outbox");
    const std::string csv =
        "编码,名称,类别,单位,售价,税率,安全库存,条码,库位,适用车型\n"
        "FLT-001,机油滤清器,滤清器,个,45.50,13%,5,6901234567892,A-01-01,丰田 卡罗拉 2014-2018\n"  // 2: good
        "FLT-002,空气滤清器,滤清器,个,45.5.0,,,,,\n"                    // 3: price
        "flt-001,机油滤清器（重复）,,,,,,,,\n"                          // 4: SKU also on line 2
        "FLT-003,空调滤清器,,,,,,,Z-99-99,\n"                           // 5: unknown bin
        "FLT-004,燃油滤清器,,,,,,6901234567893,,\n"                     // 6: GTIN check digit
        "OIL-001,机油,,桶,,,,,,\n"                                      // 7: unknown unit
        "FLT-005,滤芯,,个,,,2.5,,,\n"                                   // 8: half a piece
        "FLT-006,,,,,,,,,\n"                                            // 9: a new part without a name
        "FLT-007,滤清器,,,,,,,,丰田 卡罗拉 2018-2014\n"                 // 10: years the wrong way round
        "FLT-008,滤清器,,,,10%,,,,\n"                                   // 11: not a VAT rate
        "FLT-009,滤清器,火箭,,,,,,,\n"                                  // 12: unknown category
        "FLT-010,滤清器,,,,,," + gtin("692000000000") + ",,\n"          // 13: code on another part
        "FLT-011,滤清器,,,,,,6901234567892,,\n"                         // 14: code also on line 2
        "FLT-012,滤清器\n";                                             // 15: too few fields
    auto r = run(csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->imported);
    EXPECT_EQ(r->rows, 14u);
    EXPECT_TRUE(hasIssue(*r, 3, "售价", "not an amount in yuan")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 4, "编码", "SKU FLT-001 is also on line 2")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 5, "库位", "no bin Z-99-99")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 6, "条码", "check digit '3', expected '2'")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 7, "单位", "unknown unit '桶'")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 8, "安全库存", "whole units")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 9, "名称", "a new part needs its name")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 10, "适用车型", "first year is after the last")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 11, "税率", "not a VAT rate")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 12, "类别", "unknown category '火箭'")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 13, "条码", "already on part EXIST-001")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 14, "条码", "also on line 2")) << issues(*r);
    EXPECT_TRUE(hasIssue(*r, 15, "", "2 fields, the header has 10")) << issues(*r);
    EXPECT_EQ(r->errors.size(), 13u) << issues(*r);
    EXPECT_EQ(formatPartIssue("parts.csv", r->errors[0]).rfind("parts.csv:3: 售价: '45.5.0'", 0), 0u)
        << formatPartIssue("parts.csv", r->errors[0]);
    EXPECT_EQ(count("SELECT count(*) FROM parts"), partsBefore) << "nothing half-written";
    EXPECT_EQ(count("SELECT count(*) FROM part_fitments"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outboxBefore) << "nothing captured either";
}

TEST_F(PartImportTest, AKnownSkuUpdatesItsPartAndAddsWhatItLacks) {
    auto id = parts().create(*by,
                             {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .brand = "曼牌", .category = "filter",
                              .costFen = 1800, .priceFen = 4800, .safetyMilli = 5000},
                             {{"6901234567892", "gtin"}}, {binA});
    ASSERT_TRUE(id.ok()) << id.error().message;
    const std::string csv = "SKU,Price,Barcodes,Bins,Fitment,Name_ZH\n"
                            "flt-oil-0042,52.00,6901234567892|label:FC-NEW-1,A-01-01|B-02-01,大众 朗逸 2013-2022,\n"
                            "FLT-AIR-0007,,,B-02-01,,空气滤清器\n";
    auto r = run(csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << issues(*r);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->created, 1u);
    EXPECT_EQ(r->updated, 1u);
    EXPECT_EQ(r->codes, 1u) << "the code the part already has is not added again";
    EXPECT_EQ(r->placements, 2u);
    const Part p = parts().get(*id).value();
    EXPECT_EQ(p.priceFen, 5200);
    EXPECT_EQ(p.costFen, 1800) << "a column the file lacks keeps its value";
    EXPECT_EQ(p.nameZh, "机油滤清器") << "an empty cell keeps its value";
    EXPECT_EQ(p.brand, "曼牌");
    EXPECT_EQ(p.safetyMilli, 5000);
    EXPECT_EQ(codesOf(*id), (std::vector<std::string>{"gtin:6901234567892", "label:FC-NEW-1"}));
    EXPECT_EQ(parts().binsOf(*id)->size(), 2u);
    EXPECT_EQ(parts().fitmentOf(*id)->size(), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'parts' AND op = 2 AND row_id = '" + *id +
                    "' AND payload LIKE '%5200%'"),
              1)
        << "the price change is captured for sync";

    // The same file again: nothing left to do.
    const int64_t outbox = count("SELECT count(*) FROM outbox");
    auto again = run(csv);
    ASSERT_TRUE(again.ok()) << again.error().message;
    ASSERT_TRUE(again->errors.empty()) << issues(*again);
    EXPECT_TRUE(again->imported);
    EXPECT_EQ(again->created, 0u);
    EXPECT_EQ(again->updated, 0u);
    EXPECT_EQ(again->unchanged, 2u);
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outbox) << "an unchanged part writes nothing";
    EXPECT_EQ(parts().fitmentOf(*id)->size(), 1u) << "fitment it has is not added twice";
}

TEST_F(PartImportTest, FitmentIsReadAsPeopleWriteIt) {
    auto r = run("编码,名称,适用车型\n"
                 "FLT-001,滤清器,\"大众 朗逸 2013 - 2022|标致 3008 -2019；本田 思域 2016 -，丰田 卡罗拉 2014年-2018年|"
                 "宝马 3系 2019款|长城 哈弗 H6 2011～2020\"\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << issues(*r);
    std::vector<std::string> got;
    const std::vector<Fitment> fits = parts().fitmentOf(partBySku("FLT-001").id).value();
    for (const Fitment& f : fits)
        got.push_back(f.make + "/" + f.model + "/" + std::to_string(f.yearFrom) + "/" + std::to_string(f.yearTo));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::string>{"丰田/卡罗拉/2014/2018", "大众/朗逸/2013/2022", "宝马/3系/2019/2019",
                                             "本田/思域/2016/0", "标致/3008/0/2019", "长城/哈弗 H6/2011/2020"}));
}

TEST_F(PartImportTest, UnknownBinsAreAnErrorUnlessTheImportMayCreateThem) {
    const std::string csv = "编码,名称,库位\nFLT-001,机油滤清器,C-03-01\nFLT-002,空气滤清器,c-03-01|A-01-01\n";
    auto refused = run(csv);
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(refused->imported);
    EXPECT_TRUE(hasIssue(*refused, 2, "库位", "no bin C-03-01")) << issues(*refused);
    EXPECT_TRUE(hasIssue(*refused, 3, "库位", "no bin C-03-01")) << issues(*refused);
    EXPECT_EQ(count("SELECT count(*) FROM bins"), 2);

    auto bad = run("编码,名称,库位\nFLT-001,机油滤清器,C 03 01!\n", {.createMissingBins = true});
    ASSERT_TRUE(bad.ok());
    EXPECT_TRUE(hasIssue(*bad, 2, "库位", "letters, digits")) << issues(*bad);

    auto made = run(csv, {.createMissingBins = true});
    ASSERT_TRUE(made.ok()) << made.error().message;
    ASSERT_TRUE(made->errors.empty()) << issues(*made);
    EXPECT_TRUE(made->imported);
    EXPECT_EQ(made->binsCreated, 1u) << "one bin, however many rows name it";
    auto bin = parts().binByCode("C-03-01").value();
    ASSERT_TRUE(bin.has_value());
    EXPECT_EQ(bin->zone, "C");
    EXPECT_EQ(parts().partsIn(bin->id)->size(), 2u);
}

TEST_F(PartImportTest, DryRunReportsWhatItWouldDoAndWritesNothing) {
    const int64_t outbox = count("SELECT count(*) FROM outbox");
    const std::string csv = "编码,名称,条码,库位\nFLT-001,机油滤清器,6901234567892,D-01-01\n";
    auto dry = run(csv, {.dryRun = true, .createMissingBins = true});
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_TRUE(dry->errors.empty()) << issues(*dry);
    EXPECT_FALSE(dry->imported);
    EXPECT_EQ(dry->created, 1u);
    EXPECT_EQ(dry->codes, 1u);
    EXPECT_EQ(dry->binsCreated, 1u);
    // The same check with nobody signed in.
    auto check = importer->checkCsvBytes(csv, "parts.csv", {.createMissingBins = true});
    ASSERT_TRUE(check.ok()) << check.error().message;
    EXPECT_FALSE(check->imported);
    EXPECT_EQ(check->created, 1u);
    EXPECT_EQ(count("SELECT count(*) FROM parts"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM bins"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outbox);
}

TEST_F(PartImportTest, EveryWriteIsCapturedForSync) {
    const std::string csv = kHeaderZh +
                            "FLT-OIL-0042,机油滤清器,,,滤清器,个,,18,45.5,,,,,,6901234567892|label:FC-1,A-01-01|E-01-01,"
                            "丰田 卡罗拉 2014-2018\n"
                            "OIL-5W30-4L,机油,,,机油,升,,,,,1.5,,,,,E-01-01,大众 朗逸|大众 速腾\n";
    auto r = run(csv, {.createMissingBins = true});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->imported) << issues(*r);
    EXPECT_EQ(count("SELECT count(*) FROM parts"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM part_codes"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM part_bins"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM part_fitments"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM bins"), 3);
    for (const char* table : {"parts", "part_codes", "part_bins", "part_fitments", "bins"})
        EXPECT_EQ(uncaptured(table), 0) << table << " rows written without capture";
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl IN ('parts', 'part_codes', 'part_bins', 'part_fitments') "
                    "AND op = 1"),
              10)
        << "one insert each, nothing else";
}

TEST_F(PartImportTest, AWriteRefusedAfterEveryRowPassedLeavesNothing) {
    // A warehouse tablet may add parts but not change a price: the third row's update is refused
    // by the device's role after the first rows were written; the transaction rolls them back.
    auto id = parts().create(*by, {.sku = "EXIST-001", .nameZh = "已有配件", .priceFen = 1000});
    ASSERT_TRUE(id.ok()) << id.error().message;
    ASSERT_TRUE(s->setIdentity(DeviceRole::kWarehouse, "仓库平板").ok());
    const int64_t partsBefore = count("SELECT count(*) FROM parts");
    const int64_t outboxBefore = count("SELECT count(*) FROM outbox");
    auto r = run("编码,名称,售价\nNEW-001,新配件,12\nNEW-002,新配件二,13\nEXIST-001,,20.00\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->imported);
    ASSERT_EQ(r->errors.size(), 1u) << issues(*r);
    EXPECT_EQ(r->errors[0].line, 4u);
    EXPECT_NE(r->errors[0].reason.find("price_fen"), std::string::npos) << r->errors[0].reason;
    EXPECT_EQ(count("SELECT count(*) FROM parts"), partsBefore);
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outboxBefore);
    EXPECT_EQ(parts().get(*id)->priceFen, 1000);
}

TEST_F(PartImportTest, ThousandsOfRowsImportInOneTransaction) {
    std::string csv = "编码,名称,类别,单位,进价,售价,安全库存,条码,库位,适用车型\n";
    for (int i = 0; i < 2'000; ++i) {
        const std::string n = std::to_string(i);
        const std::string body = "6930" + std::string(8 - n.size(), '0') + n;
        csv += "P-" + std::to_string(100000 + i) + ",配件" + std::to_string(i) + ",滤清器,个,12.34,56.78,2," +
               gtin(body) + "," + (i % 2 ? "A-01-01" : "B-02-01") + ",丰田 卡罗拉 2014-2018\n";
    }
    auto r = run(csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << issues(*r);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->created, 2'000u);
    EXPECT_EQ(count("SELECT count(*) FROM parts"), 2'000);
    EXPECT_EQ(count("SELECT count(*) FROM part_codes"), 2'000);
    EXPECT_EQ(count("SELECT count(*) FROM parts WHERE price_fen = 5678 AND cost_fen = 1234"), 2'000);
    EXPECT_EQ(uncaptured("parts"), 0);
    // The same file again: every row an existing part, nothing to change.
    auto again = run(csv);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->unchanged, 2'000u) << issues(*again);
}

TEST_F(PartImportTest, FileLevelProblemsAreErrorsNamingTheFile) {
    auto noSku = run("名称,售价\n机油滤清器,45\n");
    ASSERT_FALSE(noSku.ok());
    EXPECT_NE(noSku.error().message.find("parts.csv: line 1: required column 编码 (SKU)"), std::string::npos)
        << noSku.error().message;
    auto twice = run("编码,SKU,名称\n");
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().message.find("'编码' and 'SKU' mean the same"), std::string::npos) << twice.error().message;
    auto headerOnly = run("编码,名称\n,\n");
    ASSERT_TRUE(headerOnly.ok());
    EXPECT_FALSE(headerOnly->imported);
    ASSERT_EQ(headerOnly->errors.size(), 1u);
    EXPECT_NE(headerOnly->errors[0].reason.find("no data rows"), std::string::npos);
    auto xlsx = run(std::string("PK\x03\x04\x14\0\x06\0", 8));
    ASSERT_FALSE(xlsx.ok());
    EXPECT_NE(xlsx.error().message.find("parts.csv"), std::string::npos);
    auto missing = importer->importCsv(*by, dir.file("nope.csv"), {});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nope.csv"), std::string::npos);
    // Someone who may not manage stock imports nothing, whatever the file.
    auto technician = importer->importCsvBytes(signIn(tech, "271828"), "编码,名称\nFLT-1,滤清器\n", "parts.csv", {});
    ASSERT_FALSE(technician.ok());
    EXPECT_EQ(technician.error().code, Errc::kPermission);
    EXPECT_EQ(count("SELECT count(*) FROM parts"), 0);
}

TEST_F(PartImportTest, UnknownColumnsAreWarnedAboutAndIgnored) {
    auto r = run("编码,名称,颜色\nFLT-1,滤清器,蓝\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->imported);
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_EQ(r->warnings[0].column, "颜色");
}

TEST_F(PartImportTest, TheShippedTemplateImports) {
    auto r = importer->importCsv(*by, std::string(FC_ASSETS_DIR) + "/templates/parts-import-template.csv",
                                 {.createMissingBins = true});
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const auto& e : r->errors) ADD_FAILURE() << formatPartIssue(r->file, e);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->created, 3u);
    EXPECT_TRUE(r->warnings.empty());
    EXPECT_EQ(partBySku("OIL-5W30-4L").safetyMilli, 12'500);
}

TEST(PartImportNames, CategoriesAndUnitsInChineseOrAsKeys) {
    EXPECT_EQ(partCategoryFromText("滤清器"), "filter");
    EXPECT_EQ(partCategoryFromText(" Brake "), "brake");
    EXPECT_EQ(partCategoryFromText("防冻液"), "coolant");
    EXPECT_EQ(partCategoryFromText("火箭"), "");
    for (const std::string& key : partCategories()) EXPECT_EQ(partCategoryFromText(key), key);
    EXPECT_EQ(partUnitFromText("个"), "piece");
    EXPECT_EQ(partUnitFromText("升"), "litre");
    EXPECT_EQ(partUnitFromText("套"), "set");
    EXPECT_EQ(partUnitFromText("米"), "metre");
    EXPECT_EQ(partUnitFromText("Litre"), "litre");
    EXPECT_EQ(partUnitFromText("桶"), "");
}

}  // namespace
}  // namespace fc::core
