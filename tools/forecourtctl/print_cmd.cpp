// forecourtctl print work-order|key-tag|invoice NUMBER --out FILE.pdf [--lang zh-CN|en] — the
// store's documents as PDF, the same read model and renderer the app's print buttons use
// (shared/readmodel/print_documents, platform/print).
//
//   forecourtctl --db store.db print work-order WO1-0042 --out WO1-0042.pdf
//   forecourtctl --db store.db print key-tag WO1-0042 --out tag.pdf
//   forecourtctl --db store.db print invoice F1-0007 --out F1-0007.pdf   # or the order's number
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "platform/print/print.hpp"
#include "shared/core/clock.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/services.hpp"
#include "tools/forecourtctl/cli.hpp"

namespace fc::ctl {

int cmdPrint(Args& args, const std::string& db, const core::Clock& clock);

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
    auto what = args.next();
    auto number = args.next();
    if (auto e = args.leftoverError()) return printUsageError(*e);
    if (auto extra = args.next())
        return printUsageError("print takes one number, got also '" + *extra + "'");
    if (!what) return printUsageError("print needs what to print: work-order, key-tag or invoice");
    if (*what != "work-order" && *what != "key-tag" && *what != "invoice")
        return printUsageError("cannot print '" + *what +
                               "': print work-order, key-tag or invoice");
    if (!number)
        return printUsageError("print " + *what + " needs the number (e.g. " +
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
    if (*what == "invoice") {
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

}  // namespace fc::ctl
