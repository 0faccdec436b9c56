// forecourtctl print work-order|key-tag|invoice NUMBER --out FILE.pdf [--lang zh-CN|en] — the
// store's documents as PDF, the same read model and renderer the app's print buttons use
// (shared/readmodel/print_documents, platform/print).
//
//   forecourtctl --db store.db print work-order WO1-0042 --out WO1-0042.pdf
//   forecourtctl --db store.db print key-tag WO1-0042 --out tag.pdf
//   forecourtctl --db store.db print invoice F1-0007 --out F1-0007.pdf   # or the order's number
//   forecourtctl --db store.db print count-report --count PD-0115-01 --out count.pdf  # 盘点报告
//
// forecourtctl labels — part and bin labels as a PDF sheet (platform/print/labels.cpp):
//
//   forecourtctl --db store.db labels --parts FLT-OIL-0042,BRK-PAD-0007 --sheet roll50x30 --out l.pdf
//   forecourtctl --db store.db labels --zone A --symbology qr --copies 2 --out zone-a.pdf
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "platform/print/print.hpp"
#include "shared/core/clock.hpp"
#include "shared/readmodel/count_report.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/core/text.hpp"
#include "shared/services.hpp"
#include "tools/forecourtctl/cli.hpp"

namespace fc::ctl {

int cmdPrint(Args& args, const std::string& db, const core::Clock& clock);
int cmdLabels(Args& args, const std::string& db, const core::Clock& clock);

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int printUsageError(const std::string& message) {
    std::cerr << "forecourtctl: " << message << "\n"
              << "Try 'forecourtctl --help'.\n";
    return kExitUsage;
}

int printFailed(const core::Error& e) {
    std::cerr << "forecourtctl: " << e.message << "\n";
    return kExitFailed;
}

}  // namespace

int cmdPrint(Args& args, const std::string& db, const core::Clock& clock) {
    auto out = args.option("--out");
    auto langKey = args.option("--lang");
    auto countNumber = args.option("--count");  // count-report: the count's number or id
    auto what = args.next();
    auto number = args.next();
    if (auto e = args.leftoverError()) return printUsageError(*e);
    if (auto extra = args.next())
        return printUsageError("print takes one number, got also '" + *extra + "'");
    if (!what)
        return printUsageError(
            "print needs what to print: work-order, key-tag, invoice or count-report");
    if (*what != "work-order" && *what != "key-tag" && *what != "invoice" &&
        *what != "count-report")
        return printUsageError("cannot print '" + *what +
                               "': print work-order, key-tag, invoice or count-report");
    if (countNumber) {
        if (*what != "count-report")
            return printUsageError("--count is for print count-report");
        if (number)
            return printUsageError("print count-report takes one count, got also '" + *number +
                                   "'");
        number = countNumber;
    }
    if (!number || number->empty())
        return printUsageError(
            *what == "count-report"
                ? std::string("print count-report needs --count NUMBER (e.g. PD-0115-01)")
                : "print " + *what + " needs the number (e.g. " +
                      (*what == "invoice" ? "F1-0007" : "WO1-0042") + ")");
    if (!out || out->empty()) return printUsageError("print needs --out FILE.pdf");
    platform::PrintLang lang = platform::PrintLang::kZhCn;
    if (langKey) {
        auto l = platform::parsePrintLang(*langKey);
        if (!l) return printUsageError("--lang must be zh-CN or en, got '" + *langKey + "'");
        lang = *l;
    }
    if (!std::filesystem::exists(db))
        return printFailed(core::notFound(
            "database '" + db + "' does not exist: run `forecourtctl --db " + db + " init` first"));
    auto opened = core::StoreServices::open(db, clock);
    if (!opened) return printFailed(opened.error());
    core::StoreServices& s = **opened;
    core::PrintDocuments docs(s.services());

    core::Status written;
    std::string shown;
    if (*what == "count-report") {
        core::CountReportDocuments reports(s.services());
        auto id = reports.findCount(*number);
        if (!id) return printFailed(id.error());
        auto doc = reports.countReport(*id);
        if (!doc) return printFailed(doc.error());
        shown = "stock count report " + doc->number;
        written = platform::renderCountReport(*doc, *out, lang);
    } else if (*what == "invoice") {
        auto id = docs.findInvoice(*number);
        if (!id) return printFailed(id.error());
        auto doc = docs.invoice(*id);
        if (!doc) return printFailed(doc.error());
        shown = (doc->creditNote ? "credit note " : "invoice ") + doc->number;
        written = platform::renderInvoice(*doc, *out, lang);
    } else {
        auto id = docs.findWorkOrder(*number);
        if (!id) return printFailed(id.error());
        if (*what == "work-order") {
            auto doc = docs.workOrderSheet(*id);
            if (!doc) return printFailed(doc.error());
            shown = "work order " + doc->provisionalNo;
            written = platform::renderWorkOrderSheet(*doc, *out, lang);
        } else {
            auto doc = docs.keyTag(*id);
            if (!doc) return printFailed(doc.error());
            shown = "key tag of " + doc->provisionalNo;
            written = platform::renderKeyTag(*doc, *out, lang);
        }
    }
    if (!written) return printFailed(written.error());
    std::cout << "printed " << shown << " to " << *out << "\n";
    return kExitOk;
}

// [SECTION] labels

namespace {

// "A,B, C" (a full-width comma too) → {"A", "B", "C"}; empty items dropped.
std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    const auto flush = [&] {
        std::string t = core::trim(item);
        if (!t.empty()) out.push_back(t);
        item.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ',') {
            flush();
        } else if (text.compare(i, 3, "\xEF\xBC\x8C") == 0) {  // ，
            flush();
            i += 2;
        } else {
            item += text[i];
        }
    }
    flush();
    return out;
}

}  // namespace

int cmdLabels(Args& args, const std::string& db, const core::Clock& clock) {
    auto parts = args.option("--parts");
    auto bins = args.option("--bins");
    auto zone = args.option("--zone");
    auto sheetKey = args.option("--sheet");
    auto symKey = args.option("--symbology");
    auto copiesText = args.option("--copies");
    auto out = args.option("--out");
    auto langKey = args.option("--lang");
    if (auto e = args.leftoverError()) return printUsageError(*e);
    if (!parts && !bins && !zone)
        return printUsageError("labels needs what to label: --parts SKU,…, --bins CODE,… or --zone Z");
    if (!out || out->empty()) return printUsageError("labels needs --out FILE.pdf");
    platform::LabelSheet sheet = platform::LabelSheet::kA4_3x8;
    if (sheetKey) {
        auto s = platform::parseLabelSheet(*sheetKey);
        if (!s) return printUsageError("--sheet must be roll50x30 or a4-3x8, got '" + *sheetKey + "'");
        sheet = *s;
    }
    core::LabelSymbology symbology = core::LabelSymbology::kCode128;
    if (symKey) {
        auto s = core::parseLabelSymbology(*symKey);
        if (!s) return printUsageError("--symbology must be code128 or qr, got '" + *symKey + "'");
        symbology = *s;
    }
    int copies = 1;
    if (copiesText) {
        const std::string& t = *copiesText;
        const bool digits = !t.empty() && t.size() <= 4 &&
                            t.find_first_not_of("0123456789") == std::string::npos;
        copies = digits ? std::stoi(t) : 0;
        if (copies < 1 || copies > core::LabelDocuments::kMaxCopies)
            return printUsageError("--copies must be 1 to " +
                                   std::to_string(core::LabelDocuments::kMaxCopies) + ", got '" +
                                   t + "'");
    }
    platform::PrintLang lang = platform::PrintLang::kZhCn;
    if (langKey) {
        auto l = platform::parsePrintLang(*langKey);
        if (!l) return printUsageError("--lang must be zh-CN or en, got '" + *langKey + "'");
        lang = *l;
    }
    if (!std::filesystem::exists(db))
        return printFailed(core::notFound(
            "database '" + db + "' does not exist: run `forecourtctl --db " + db + " init` first"));
    auto opened = core::StoreServices::open(db, clock);
    if (!opened) return printFailed(opened.error());
    core::LabelDocuments docs((*opened)->get<core::PartService>());

    // Every name is looked up before anything is drawn: an unknown one writes nothing.
    core::LabelSheetDoc doc;
    for (const std::string& sku : commaList(parts.value_or(""))) {
        auto id = docs.findPart(sku);
        if (!id) return printFailed(id.error());
        auto l = docs.partLabel(*id, symbology, copies);
        if (!l) return printFailed(l.error());
        doc.labels.push_back(std::move(*l));
    }
    for (const std::string& code : commaList(bins.value_or(""))) {
        auto bin = docs.findBin(code);
        if (!bin) return printFailed(bin.error());
        auto l = docs.binLabel(bin->id, symbology, copies);
        if (!l) return printFailed(l.error());
        doc.labels.push_back(std::move(*l));
    }
    if (zone) {
        auto ls = docs.zoneLabels(*zone, symbology, copies);
        if (!ls) return printFailed(ls.error());
        for (core::LabelDoc& l : *ls) doc.labels.push_back(std::move(l));
    }
    if (auto written = platform::renderLabelSheet(doc, sheet, *out, lang); !written)
        return printFailed(written.error());
    const int64_t count = doc.count();
    const int64_t perPage = platform::labelSheetLayout(sheet).perPage();
    const int64_t pages = (count + perPage - 1) / perPage;
    std::cout << "printed " << count << (count == 1 ? " label" : " labels") << " ("
              << platform::labelSheetKey(sheet) << ", " << pages << (pages == 1 ? " page" : " pages")
              << ") to " << *out << "\n";
    return kExitOk;
}

}  // namespace fc::ctl
