#include "shared/customers/customer_import.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "shared/services.hpp"
#include "shared/verify.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using test::toGb18030;

class ImportTest : public test::StoreTest {
protected:
    Result<ImportReport> run(const std::string& bytes, ImportOptions opt = {}) {
        return s->get<CustomerImport>().importCsvBytes(bytes, "customers.csv", opt);
    }
    int64_t count(const char* table) {
        return s->db().queryInt(std::string("SELECT count(*) FROM ") + table)->value();
    }
    // Every issue as "line:column:reason-fragment" is easier to assert on.
    static bool hasIssue(const ImportReport& r, size_t line, const std::string& column,
                         const std::string& fragment) {
        for (const auto& e : r.errors)
            if (e.line == line && e.column == column && e.reason.find(fragment) != std::string::npos)
                return true;
        return false;
    }
};

const std::string kGood =
    "姓名,手机,地址,车牌,VIN,品牌,车型,年份,里程,备注\n"
    "王芳,13800138000,\"广东省深圳市南山区科技园路1号,A座\",粤B12345,LFV2A21K0A3123453,大众,朗逸,"
    "2021,\"1.2万\",\"喜欢周末保养\n下午到店\"\n"
    "赟鬯犇,\"13900139000;13700137000\",,沪AD54321,,比亚迪,汉,2023,8000,\n"
    "李雷,186 0000 1234,,,,,,,,\n";

TEST_F(ImportTest, AGoodUtf8FileImportsEverythingInOneGo) {
    auto r = run(kGood);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->errors.empty()) << formatIssue("customers.csv", r->errors[0]);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->rows, 3u);
    EXPECT_EQ(r->customers, 3u);
    EXPECT_EQ(r->vehicles, 2u);
    EXPECT_EQ(r->encoding, TextEncoding::kUtf8);
    auto id = s->get<CustomerService>().findCustomerByPhone("13700137000");
    ASSERT_TRUE(id.ok() && id->has_value());
    auto c = s->get<CustomerService>().getCustomer(**id);
    EXPECT_EQ(c->name, "赟鬯犇");
    EXPECT_EQ(c->phones.size(), 2u);
    EXPECT_EQ(c->source, "import");
    EXPECT_EQ(c->segment, "owner");
    auto wang = s->get<CustomerService>().findCustomerByPhone("13800138000");
    auto w = s->get<CustomerService>().getCustomer(**wang);
    EXPECT_EQ(w->address, "广东省深圳市南山区科技园路1号,A座");
    EXPECT_EQ(w->notes, "喜欢周末保养 下午到店");
    auto car = s->get<CustomerService>().findVehicleByPlate("粤B12345");
    auto v = s->get<CustomerService>().getVehicle(**car);
    EXPECT_EQ(v->odometerKm, 12000);
    EXPECT_EQ(v->year, 2021);
    auto hits = s->get<CustomerSearch>().search("赟鬯");
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(hits->size(), 1u) << "the search index is brought up to date by the import";
}

TEST_F(ImportTest, GbkWithCrLfAndEnglishHeadersWithBom) {
    auto gbk = run(toGb18030("姓名,手机号码,车牌号\r\n张伟,13800138000,京A12345\r\n"));
    ASSERT_TRUE(gbk.ok()) << gbk.error().message;
    EXPECT_TRUE(gbk->imported);
    EXPECT_EQ(gbk->encoding, TextEncoding::kGb18030);
    EXPECT_TRUE(s->get<CustomerService>().findCustomerByPhone("13800138000")->has_value());

    auto bom = run("\xEF\xBB\xBFName,Phone,Plate,Segment\nAlice Wong,13900139000,粤A88888,VIP\n");
    ASSERT_TRUE(bom.ok()) << bom.error().message;
    EXPECT_TRUE(bom->imported);
    EXPECT_EQ(bom->encoding, TextEncoding::kUtf8Bom);
    auto id = s->get<CustomerService>().findCustomerByPhone("13900139000");
    EXPECT_EQ(s->get<CustomerService>().getCustomer(**id)->segment, "high-value");
}

TEST_F(ImportTest, OneBadRowImportsNothingAndEveryBadRowIsReported) {
    const std::string csv =
        "姓名,手机,车牌,VIN,年份\n"
        "王芳,13800138000,粤B12345,,2021\n"          // line 2: good
        ",13900139000,,,\n"                          // line 3: no name
        "李雷,1390013900,,,\n"                       // line 4: phone too short
        "韩梅梅,13800138000,,,\n"                    // line 5: phone also on line 2
        "张伟,13700137000,粤BO1234,,\n"              // line 6: letter O in plate
        "赵敏,13600136000,京A12345,LSVAU2180N2183294,\n"  // line 7: VIN check digit
        "钱多多,13500135000,,,20x1\n"                // line 8: bad year
        "孙悟空,13400134000\n";                      // line 9: too few fields
    auto r = run(csv);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->imported);
    EXPECT_EQ(r->rows, 8u);
    EXPECT_TRUE(hasIssue(*r, 3, "姓名", "name is empty"));
    EXPECT_TRUE(hasIssue(*r, 4, "手机", "10 digits"));
    EXPECT_TRUE(hasIssue(*r, 5, "手机", "also on line 2"));
    EXPECT_TRUE(hasIssue(*r, 6, "车牌", "did you mean 0"));
    EXPECT_TRUE(hasIssue(*r, 7, "VIN", "check digit"));
    EXPECT_TRUE(hasIssue(*r, 8, "年份", "not a model year"));
    EXPECT_TRUE(hasIssue(*r, 8, "车牌", "needs its plate"));
    EXPECT_TRUE(hasIssue(*r, 9, "", "2 fields, the header has 5"));
    EXPECT_EQ(r->errors.size(), 8u);
    EXPECT_EQ(count("customers"), 0);
    EXPECT_EQ(count("vehicles"), 0);
    EXPECT_EQ(count("outbox") - count("services"), 1) << "only the store record (and its service menu)";
}

TEST_F(ImportTest, VinCheckDigitCanBeAcceptedExplicitly) {
    const std::string csv = "姓名,手机,车牌,VIN\n赵敏,13600136000,京A12345,LSVAU2180N2183294\n";
    ImportOptions opt;
    opt.acceptVinCheckDigit = true;
    auto r = run(csv, opt);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->imported);
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_NE(r->warnings[0].reason.find("accepted"), std::string::npos);
}

TEST_F(ImportTest, ConflictsWithTheDatabaseAreReported) {
    ASSERT_TRUE(run(kGood)->imported);
    auto again = run(kGood);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->imported);
    EXPECT_TRUE(hasIssue(*again, 2, "手机", "already belongs to an existing customer"));
    EXPECT_TRUE(hasIssue(*again, 2, "车牌", "already registered"));
    EXPECT_EQ(count("customers"), 3);
}

TEST_F(ImportTest, FileLevelProblemsAreErrorsNamingTheFile) {
    auto noPhone = run("姓名,地址\n王芳,深圳\n");
    ASSERT_FALSE(noPhone.ok());
    EXPECT_NE(noPhone.error().message.find("customers.csv: line 1: required column 手机"),
              std::string::npos)
        << noPhone.error().message;
    EXPECT_NE(noPhone.error().message.find("the header has: 姓名, 地址"), std::string::npos);

    auto unbalanced = run("姓名,手机\n\"王芳,13800138000\n李雷,13900139000\n");
    ASSERT_FALSE(unbalanced.ok());
    EXPECT_NE(unbalanced.error().message.find("line 2"), std::string::npos)
        << unbalanced.error().message;

    auto png = run(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    ASSERT_FALSE(png.ok());
    EXPECT_NE(png.error().message.find("customers.csv"), std::string::npos);

    auto xlsx = run(std::string("PK\x03\x04\x14\0\x06\0", 8));
    ASSERT_FALSE(xlsx.ok());
    EXPECT_NE(xlsx.error().message.find("xlsx"), std::string::npos) << xlsx.error().message;

    auto neither = run("姓名,手机\n\xff\xfe\xfd\x80\x81,13800138000\n");
    ASSERT_FALSE(neither.ok());

    auto dupHeader = run("姓名,Name,手机\n");
    ASSERT_FALSE(dupHeader.ok());
    EXPECT_NE(dupHeader.error().message.find("both mean name"), std::string::npos);

    auto headerOnly = run("姓名,手机\n\n,\n");
    ASSERT_TRUE(headerOnly.ok());
    EXPECT_FALSE(headerOnly->imported);
    ASSERT_EQ(headerOnly->errors.size(), 1u);
    EXPECT_NE(headerOnly->errors[0].reason.find("no data rows"), std::string::npos);
    EXPECT_EQ(count("customers"), 0);

    auto missing = s->get<CustomerImport>().importCsv(dir.file("nope.csv"), {});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nope.csv"), std::string::npos);
}

TEST_F(ImportTest, AFileTooLargeToImportIsRefusedBeforeItIsRead) {
    // A sparse file: its size is what counts, no disk is used and nothing is read.
    const std::string big = dir.file("huge.csv");
    {
        std::ofstream out(big);
        out << "姓名,手机\n";
    }
    std::filesystem::resize_file(big, CustomerImport::kMaxFileBytes + 1);
    ImportOptions opt;
    opt.dryRun = true;
    auto r = s->get<CustomerImport>().importCsv(big, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    EXPECT_NE(r.error().message.find("huge.csv"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("split"), std::string::npos) << "says what to do";
    EXPECT_EQ(count("customers"), 0);
}

TEST_F(ImportTest, DryRunValidatesWithoutWriting) {
    ImportOptions opt;
    opt.dryRun = true;
    auto r = run(kGood, opt);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->errors.empty());
    EXPECT_FALSE(r->imported);
    EXPECT_EQ(count("customers"), 0);
}

TEST_F(ImportTest, UnknownColumnsAreWarnedAboutAndIgnored) {
    auto r = run("姓名,手机,生日\n王芳,13800138000,1990-01-01\n");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->imported);
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_EQ(r->warnings[0].column, "生日");
}

}  // namespace
}  // namespace fc::core

namespace fc::core {
namespace {

// The template shipped to users imports as it is.
TEST_F(ImportTest, TheShippedTemplateImports) {
    auto r = s->get<CustomerImport>().importCsv(std::string(FC_ASSETS_DIR) + "/templates/customers-import-template.csv", {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const auto& e : r->errors) ADD_FAILURE() << formatIssue(r->file, e);
    EXPECT_TRUE(r->imported);
    EXPECT_EQ(r->customers, 2u);
    EXPECT_EQ(r->vehicles, 1u);
    EXPECT_TRUE(r->warnings.empty());
    auto id = s->get<CustomerService>().findCustomerByPhone("13700137000");
    ASSERT_TRUE(id.ok() && id->has_value());
    auto c = s->get<CustomerService>().getCustomer(**id);
    EXPECT_EQ(c->source, "referral");
    EXPECT_TRUE(c->consentContact);
    EXPECT_FALSE(c->consentData);
    EXPECT_TRUE(c->consentDataAt.has_value()) << "a refusal is recorded with its time too";
}

}  // namespace
}  // namespace fc::core
