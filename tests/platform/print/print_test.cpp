// The printed documents as a person gets them: each PDF is turned into a picture (pdftoppm, 150
// dpi) that must have ink on it, into text (pdftotext) that must hold its Chinese words, the plate
// and the totals — and never the customer's full phone — and its barcode must scan back to the
// work order's number through the real `forecourtctl scan`. `forecourtctl print` is run on a store
// database too, with its errors: an unknown number, an unwritable file, a usage mistake.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"
#include "platform/scan/image_load.hpp"
#include "shared/core/money.hpp"
#include "tests/shared/readmodel/print_fixture.hpp"
#include "tests/support/command.hpp"

namespace fc::platform {
namespace {

namespace fs = std::filesystem;
using fc::test::PrintTest;

// [SECTION] helpers

using Ran = fc::test::CommandResult;

Ran run(const std::string& command, const fc::test::TempDir& dir) {
    return fc::test::runCommand(command, dir.file("stderr.txt"));
}

Ran ctl(const std::string& args, const fc::test::TempDir& dir) {
    return run(std::string(FC_CTL_PATH) + " " + args, dir);
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Without spaces and line breaks: pdftotext guesses where they go from the glyphs' positions.
std::string squeeze(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out += c;
    return out;
}

// The PDF's text, as pdftotext reads it, squeezed.
std::string pdfText(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdftotext -enc UTF-8 " + fc::test::shellQuote(pdf) + " -", dir);
    EXPECT_EQ(r.status, 0) << r.err;
    return squeeze(r.out);
}

// True when the PDF's (squeezed) text holds `words`.
bool mentions(const std::string& text, const std::string& words) {
    return has(text, squeeze(words));
}

int pdfPages(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdfinfo " + fc::test::shellQuote(pdf), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    const size_t at = r.out.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 6));
}

// The first page as a PNG at 150 dpi.
std::string pdfPicture(const std::string& pdf, const fc::test::TempDir& dir) {
    const std::string prefix = pdf.substr(0, pdf.size() - 4);
    Ran r = run("pdftoppm -r 150 -png -singlefile " + fc::test::shellQuote(pdf) + " " + fc::test::shellQuote(prefix), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    return prefix + ".png";
}

struct Ink {
    int width = 0, height = 0;
    double dark = 0;   // share of pixels darker than 96
    double light = 0;  // share lighter than 200
};

Ink inkOf(const std::string& png) {
    Ink ink;
    auto f = loadImageFile(png);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    if (!f.ok()) return ink;
    ink.width = f->width;
    ink.height = f->height;
    int64_t dark = 0, light = 0;
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x) {
            const uint8_t v = f->row(y)[x];
            dark += v < 96;
            light += v > 200;
        }
    const double n = static_cast<double>(f->width) * f->height;
    ink.dark = static_cast<double>(dark) / n;
    ink.light = static_cast<double>(light) / n;
    return ink;
}

// What `forecourtctl scan` reads in the picture.
std::string scanned(const std::string& png, const fc::test::TempDir& dir) {
    Ran r = ctl("scan " + fc::test::shellQuote(png), dir);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    return r.out;
}

// Saves a copy of a rendered page for the README when FC_PRINT_SCREENSHOTS names a folder.
void keepPicture(const std::string& png, const std::string& name) {
    if (const char* to = std::getenv("FC_PRINT_SCREENSHOTS"))
        fs::copy_file(png, fs::path(to) / name, fs::copy_options::overwrite_existing);
}

// [SECTION] the work-order sheet

TEST_F(PrintTest, WorkOrderSheetRendersWithItsChineseTextAMaskedPhoneAndABarcodeThatScansBack) {
    auto doc = docs().workOrderSheet(order);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const std::string pdf = dir.file("work-order.pdf");
    auto written = renderWorkOrderSheet(*doc, pdf);
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(readFile(pdf).rfind("%PDF-", 0), 0u);
    EXPECT_EQ(pdfPages(pdf, dir), 1);

    const std::string text = pdfText(pdf, dir);
    for (const char* words : {"维修工单",
                              "测试门店",
                              "粤B·12345",
                              "王芳",
                              "138****5678",
                              "大众 朗逸",
                              "45,210 km",
                              "2026-01-15 09:30",
                              "2026-01-15 17:30",
                              "李娜",
                              "B1 举升机1",
                              "冷车启动有异响",
                              "刹车片更换",
                              "机油 5W-30",
                              "王强",
                              "460.00",
                              "300.00",
                              "预估合计",
                              "¥760.00",
                              "客户暂不维修的项目",
                              "空调检修",
                              "前轮刹车盘磨损到限",
                              "待客户确认的追加项目",
                              "四轮定位",
                              "客户签字",
                              "服务顾问",
                              "第 1 页 / 共 1 页"})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    EXPECT_TRUE(mentions(text, doc->provisionalNo)) << text;
    EXPECT_FALSE(has(text, kPhone)) << "the full phone is never printed";

    const std::string png = pdfPicture(pdf, dir);
    const Ink ink = inkOf(png);
    EXPECT_NEAR(ink.width, 1240, 2) << "A4 at 150 dpi";
    EXPECT_NEAR(ink.height, 1754, 2);
    EXPECT_GT(ink.dark, 0.01) << "text, rules and the barcode are on the page";
    EXPECT_GT(ink.light, 0.80) << "on white paper";
    const std::string codes = scanned(png, dir);
    EXPECT_TRUE(has(codes, "Code128 " + doc->provisionalNo + "\n")) << codes;
    keepPicture(png, "print-work-order.png");
}

TEST_F(PrintTest, WorkOrderSheetInEnglishAndOverSeveralPages) {
    auto& wo = s->get<core::WorkOrderService>();
    for (int i = 0; i < 40; ++i)
        ASSERT_TRUE(wo.addPart(adv(), order, "配件 " + std::to_string(i + 1), 1000, 1000 + i).ok());
    auto doc = docs().workOrderSheet(order);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const std::string pdf = dir.file("long.pdf");
    ASSERT_TRUE(renderWorkOrderSheet(*doc, pdf).ok());
    const int pages = pdfPages(pdf, dir);
    EXPECT_GE(pages, 2) << "42 lines do not fit one page";
    const std::string n = std::to_string(pages);
    const std::string text = pdfText(pdf, dir);
    EXPECT_TRUE(mentions(text, "第 2 页 / 共 " + n + " 页")) << text;
    EXPECT_TRUE(mentions(text, "第 " + n + " 页 / 共 " + n + " 页")) << text;
    EXPECT_TRUE(mentions(text, "维修工单 " + doc->provisionalNo + "（续）"))
        << "a later page says what it continues";
    EXPECT_TRUE(mentions(text, "配件 40")) << text;
    EXPECT_TRUE(mentions(text, "客户签字")) << "the signatures come after the last line";
    EXPECT_LT(text.find(squeeze("配件 40")), text.find("客户签字"));

    const std::string en = dir.file("en.pdf");
    ASSERT_TRUE(renderWorkOrderSheet(*doc, en, PrintLang::kEn).ok());
    const std::string enText = pdfText(en, dir);
    for (const std::string& words :
         {std::string("Work order"), std::string("Customer's concerns"),
          std::string("Estimated total"), "Page 1 of " + n, std::string("王芳")})
        EXPECT_TRUE(mentions(enText, words)) << "missing '" << words << "' in:\n" << enText;
}

// [SECTION] the key tag

TEST_F(PrintTest, KeyTagIsASmallLabelWithABigBarcodeAndNothingPersonal) {
    auto doc = docs().keyTag(order);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const std::string pdf = dir.file("key-tag.pdf");
    ASSERT_TRUE(renderKeyTag(*doc, pdf).ok());
    const std::string text = pdfText(pdf, dir);
    for (const std::string& words : {doc->provisionalNo, std::string("粤B·12345"),
                                     std::string("大众 朗逸 白"), std::string("01-15 17:30")})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    EXPECT_FALSE(has(text, "王芳")) << "it hangs on the keys in the lot: no name";
    EXPECT_FALSE(has(text, "138")) << "and no phone, not even masked";

    const std::string png = pdfPicture(pdf, dir);
    const Ink ink = inkOf(png);
    EXPECT_NEAR(ink.width, 354, 2) << "60 mm at 150 dpi";
    EXPECT_NEAR(ink.height, 236, 2) << "40 mm";
    EXPECT_GT(ink.dark, 0.15) << "mostly barcode";
    EXPECT_GT(ink.light, 0.40);
    const std::string codes = scanned(png, dir);
    EXPECT_TRUE(has(codes, "Code128 " + doc->provisionalNo + "\n")) << codes;
    keepPicture(png, "print-key-tag.png");
}

// [SECTION] the invoice

TEST_F(PrintTest, InvoiceShowsTheStoredTotalsPaymentsAndWhatIsOwed) {
    closeOut();
    auto doc = docs().invoice(invoice);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const std::string pdf = dir.file("invoice.pdf");
    ASSERT_TRUE(renderInvoice(*doc, pdf).ok());
    const std::string text = pdfText(pdf, dir);
    for (const std::string& words : {std::string("结算单"),
                                     doc->number,
                                     provisionalNo,
                                     std::string("王芳"),
                                     std::string("138****5678"),
                                     std::string("粤B·12345"),
                                     std::string("刹车片更换"),
                                     std::string("13%"),
                                     std::string("整单优惠"),
                                     std::string("-¥10.00"),
                                     std::string("小计"),
                                     std::string("¥760.00"),
                                     std::string("合计"),
                                     std::string("¥750.00"),
                                     std::string("柒佰伍拾元整"),
                                     std::string("其中增值税额（13%）"),
                                     std::string("微信支付"),
                                     std::string("4200001234"),
                                     std::string("已付"),
                                     std::string("¥500.00"),
                                     std::string("待付"),
                                     std::string("¥250.00"),
                                     std::string("收款人"),
                                     std::string("不作为增值税发票")})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    EXPECT_TRUE(mentions(text, core::Money::fen(doc->taxFen).format()))
        << "the stored tax " << doc->taxFen << "\n"
        << text;
    EXPECT_FALSE(has(text, "空调检修")) << "declined work is not billed";
    EXPECT_FALSE(has(text, kPhone));

    const std::string png = pdfPicture(pdf, dir);
    const Ink ink = inkOf(png);
    EXPECT_GT(ink.dark, 0.005);
    EXPECT_GT(ink.light, 0.80);
    keepPicture(png, "print-invoice.png");
}

TEST_F(PrintTest, AnInvoiceWithTwoVatRatesListsTheTaxOfEach) {
    ASSERT_TRUE(s->get<core::WorkOrderService>()
                    .addPart(adv(), order, "检测服务费", 1000, 10600, 600)
                    .ok());
    closeOut();
    auto doc = docs().invoice(invoice);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    ASSERT_EQ(doc->byRate.size(), 2u);
    EXPECT_EQ(doc->byRate[0].taxRateBp, 600);
    EXPECT_EQ(doc->byRate[1].taxRateBp, 1300);
    EXPECT_EQ(doc->byRate[0].taxFen + doc->byRate[1].taxFen, doc->taxFen)
        << "the stored tax is the lines' tax";
    EXPECT_EQ(doc->byRate[0].amountFen + doc->byRate[1].amountFen, doc->totalFen);
    const std::string pdf = dir.file("two-rates.pdf");
    ASSERT_TRUE(renderInvoice(*doc, pdf).ok());
    const std::string text = pdfText(pdf, dir);
    for (const std::string& words :
         {"其中增值税 6%" + core::Money::fen(doc->byRate[0].taxFen).format(),
          "其中增值税 13%" + core::Money::fen(doc->byRate[1].taxFen).format(),
          "增值税额合计" + core::Money::fen(doc->taxFen).format()})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
}

TEST_F(PrintTest, ACreditNotePrintsAsRedInkNamingTheInvoiceItReverses) {
    closeOut();
    auto credit = s->get<core::InvoiceService>().creditNote(admin(), invoice, "开票信息有误");
    ASSERT_TRUE(credit.ok()) << credit.error().message;
    auto doc = docs().invoice(*credit);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    auto original = docs().invoice(invoice);
    ASSERT_TRUE(original.ok());
    const std::string pdf = dir.file("credit.pdf");
    ASSERT_TRUE(renderInvoice(*doc, pdf).ok());
    const std::string text = pdfText(pdf, dir);
    for (const std::string& words :
         {std::string("红字结算单"), std::string("冲销"), doc->number, original->number,
          std::string("开票信息有误"), std::string("-¥750.00"), std::string("负柒佰伍拾元整")})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    // The reversed invoice, printed again, says so.
    const std::string again = dir.file("reversed.pdf");
    ASSERT_TRUE(renderInvoice(*original, again).ok());
    EXPECT_TRUE(mentions(pdfText(again, dir), "本单已由红字结算单 " + doc->number))
        << pdfText(again, dir);
}

// [SECTION] files

TEST_F(PrintTest, AnUnwritableFileIsNamedAndNothingIsLeftBehind) {
    auto doc = docs().keyTag(order);
    ASSERT_TRUE(doc.ok());
    const std::string nowhere = dir.file("no-such-folder/tag.pdf");
    auto r = renderKeyTag(*doc, nowhere);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::Errc::kIo);
    EXPECT_TRUE(has(r.error().message, nowhere)) << r.error().message;
    EXPECT_TRUE(has(r.error().message, "No such file or directory")) << r.error().message;
    // Over a folder: refused, the folder untouched, no temporary file left.
    fs::create_directory(dir.file("folder.pdf"));
    auto over = renderKeyTag(*doc, dir.file("folder.pdf"));
    ASSERT_FALSE(over.ok());
    EXPECT_TRUE(fs::is_directory(dir.file("folder.pdf")));
    for (const auto& e : fs::directory_iterator(dir.path()))
        EXPECT_FALSE(has(e.path().filename().string(), ".part-")) << e.path();
}

TEST(PrintText, AmountsInCapitalNumeralsAsReceiptsPrintThem) {
    EXPECT_EQ(chineseCapitalAmount(0), "零元整");
    EXPECT_EQ(chineseCapitalAmount(75000), "柒佰伍拾元整");
    EXPECT_EQ(chineseCapitalAmount(-75000), "负柒佰伍拾元整");
    EXPECT_EQ(chineseCapitalAmount(1), "壹分");
    EXPECT_EQ(chineseCapitalAmount(50), "伍角");
    EXPECT_EQ(chineseCapitalAmount(105), "壹元零伍分");
    EXPECT_EQ(chineseCapitalAmount(100050), "壹仟元伍角");
    EXPECT_EQ(chineseCapitalAmount(128050), "壹仟贰佰捌拾元伍角");
    EXPECT_EQ(chineseCapitalAmount(10500000), "壹拾万伍仟元整");
    EXPECT_EQ(chineseCapitalAmount(100050000), "壹佰万零伍佰元整");
    EXPECT_EQ(chineseCapitalAmount(10000000100), "壹亿零壹元整");
    EXPECT_EQ(chineseCapitalAmount(10005000000), "壹亿零伍万元整");
    EXPECT_EQ(chineseCapitalAmount(1000000000000), "壹佰亿元整");
}

// Every character a store's data commonly holds prints with ink — the GB 2312 level-1 set, the
// rare surname characters the demo data uses, digits, Latin letters and CJK punctuation — in both
// weights (cairo 1.16 embeds 如 blank in Noto Sans CJK Regular; the canvas outlines it again).
TEST(PrintText, EveryCommonCharacterHasInk) {
    std::ifstream in(std::string(FC_ASSETS_DIR) + "/i18n/common-chars.txt");
    std::string line, all;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') all += line;
    all += "赟鬯犇0123456789ABCXYZabcxyz¥%，。、：；（）·—";
    std::vector<std::string> chars;
    for (size_t i = 0; i < all.size();) {
        const auto c = static_cast<unsigned char>(all[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        chars.push_back(all.substr(i, n));
        i += n;
    }
    ASSERT_GT(chars.size(), 3755u);
    fc::test::TempDir dir;
    constexpr int kCols = 26, kRows = 38;
    constexpr double kCell = 7;
    const auto cellOf = [&](size_t i, double& x, double& y) {
        const size_t k = i % (kCols * kRows);
        x = 10 + static_cast<double>(k % kCols) * kCell;
        y = 10 + static_cast<double>(k / kCols) * kCell;
    };
    for (bool bold : {false, true}) {
        print::PdfCanvas c(210, 297, "glyphs");
        for (size_t i = 0; i < chars.size(); ++i) {
            if (i > 0 && i % (kCols * kRows) == 0) c.newPage();
            double x, y;
            cellOf(i, x, y);
            c.text(x, y, kCell, chars[i], {.sizePt = 11, .bold = bold, .colour = print::kBlack});
        }
        const int pages = c.page();
        auto pdf = c.finish();
        ASSERT_TRUE(pdf.ok()) << pdf.error().message;
        const std::string file = dir.file(bold ? "bold.pdf" : "regular.pdf");
        fc::test::writeFile(file, *pdf);
        std::string blank;
        for (int page = 1; page <= pages; ++page) {
            const std::string prefix = dir.file("page");
            Ran r = run("pdftoppm -r 72 -png -singlefile -f " + std::to_string(page) + " -l " +
                            std::to_string(page) + " " + fc::test::shellQuote(file) + " " + fc::test::shellQuote(prefix),
                        dir);
            ASSERT_EQ(r.status, 0) << r.err;
            auto f = loadImageFile(prefix + ".png");
            ASSERT_TRUE(f.ok());
            for (size_t i = static_cast<size_t>(page - 1) * kCols * kRows;
                 i < std::min(chars.size(), static_cast<size_t>(page) * kCols * kRows); ++i) {
                double x, y;
                cellOf(i, x, y);
                const int px = static_cast<int>(x * 72 / 25.4),
                          py = static_cast<int>(y * 72 / 25.4);
                int ink = 0;
                for (int yy = py; yy < py + 17 && yy < f->height; ++yy)
                    for (int xx = px; xx < px + 17 && xx < f->width; ++xx)
                        ink += f->row(yy)[xx] < 180;
                if (ink == 0) blank += chars[i];
            }
        }
        EXPECT_EQ(blank, "") << (bold ? "bold" : "regular") << ": printed without ink";
    }
}

TEST(PrintText, QuantitiesMoneyAndRates) {
    EXPECT_EQ(print::quantityText(1000), "1");
    EXPECT_EQ(print::quantityText(4500), "4.5");
    EXPECT_EQ(print::quantityText(125), "0.125");
    EXPECT_EQ(print::quantityText(-4500), "-4.5");
    EXPECT_EQ(print::yuanText(128050), "1,280.50");
    EXPECT_EQ(print::yuanText(-600), "-6.00");
    EXPECT_EQ(print::moneyText(-600), "-¥6.00");
    EXPECT_EQ(print::rateText(1300), "13%");
    EXPECT_EQ(print::rateText(0), "0%");
    EXPECT_EQ(print::rateText(650), "6.5%");
    EXPECT_EQ(parsePrintLang("zh-CN"), PrintLang::kZhCn);
    EXPECT_EQ(parsePrintLang("en"), PrintLang::kEn);
    EXPECT_FALSE(parsePrintLang("fr").has_value());
}

// [SECTION] forecourtctl print

TEST_F(PrintTest, ForecourtctlPrintsEachDocumentFromTheStoreDatabase) {
    closeOut();
    const std::string db = fc::test::shellQuote(dir.file("store.db"));
    const std::string sheet = dir.file("cli-sheet.pdf");
    Ran r =
        ctl("--db " + db + " print work-order " + provisionalNo + " --out " + fc::test::shellQuote(sheet), dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "printed work order " + provisionalNo)) << r.out;
    EXPECT_TRUE(has(scanned(pdfPicture(sheet, dir), dir), "Code128 " + provisionalNo))
        << "the sheet's code";
    EXPECT_TRUE(mentions(pdfText(sheet, dir), "已结算")) << "closed out by now";

    const std::string tag = dir.file("cli-tag.pdf");
    r = ctl("--db " + db + " print key-tag " + provisionalNo + " --out " + fc::test::shellQuote(tag), dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(has(scanned(pdfPicture(tag, dir), dir), "Code128 " + provisionalNo));

    // An invoice by the work order's number, in English.
    const std::string inv = dir.file("cli-invoice.pdf");
    r = ctl("--db " + db + " print invoice " + provisionalNo + " --lang en --out " + fc::test::shellQuote(inv),
            dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    const std::string text = pdfText(inv, dir);
    EXPECT_TRUE(mentions(text, "Invoice / receipt")) << text;
    EXPECT_TRUE(mentions(text, "WeChat Pay")) << text;
    EXPECT_TRUE(mentions(text, "¥250.00")) << text;
}

TEST_F(PrintTest, ForecourtctlPrintErrorsNameWhatWasWrong) {
    const std::string db = fc::test::shellQuote(dir.file("store.db"));
    const std::string out = dir.file("x.pdf");
    Ran unknown = ctl("--db " + db + " print work-order WO9-9999 --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(unknown.status, 1);
    EXPECT_TRUE(has(unknown.err, "no work order numbered 'WO9-9999'")) << unknown.err;
    EXPECT_FALSE(fs::exists(out));
    Ran noInvoice = ctl("--db " + db + " print invoice F9-0001 --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(noInvoice.status, 1);
    EXPECT_TRUE(has(noInvoice.err, "'F9-0001'")) << noInvoice.err;
    Ran notClosed =
        ctl("--db " + db + " print invoice " + provisionalNo + " --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(notClosed.status, 1);
    EXPECT_TRUE(has(notClosed.err, "has no invoice")) << notClosed.err;

    const std::string nowhere = dir.file("missing/x.pdf");
    Ran unwritable =
        ctl("--db " + db + " print key-tag " + provisionalNo + " --out " + fc::test::shellQuote(nowhere), dir);
    EXPECT_EQ(unwritable.status, 1);
    EXPECT_TRUE(has(unwritable.err, "cannot write '" + nowhere + "'")) << unwritable.err;

    Ran noOut = ctl("--db " + db + " print work-order " + provisionalNo, dir);
    EXPECT_EQ(noOut.status, 2);
    EXPECT_TRUE(has(noOut.err, "--out FILE.pdf")) << noOut.err;
    Ran what = ctl("--db " + db + " print receipt " + provisionalNo + " --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(what.status, 2);
    EXPECT_TRUE(has(what.err, "cannot print 'receipt'")) << what.err;
    Ran lang = ctl(
        "--db " + db + " print key-tag " + provisionalNo + " --lang fr --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(lang.status, 2);
    Ran noDb = ctl(
        "--db " + fc::test::shellQuote(dir.file("none.db")) + " print key-tag WO1-0001 --out " + fc::test::shellQuote(out), dir);
    EXPECT_EQ(noDb.status, 1);
    EXPECT_TRUE(has(noDb.err, "does not exist")) << noDb.err;
    EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace fc::platform
