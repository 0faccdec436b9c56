#include "kiosk/screens/office/printing.hpp"

#include <filesystem>
#include <system_error>

#include "kiosk/i18n/i18n.hpp"
#include "platform/print/print.hpp"
#include "shared/readmodel/count_report.hpp"

namespace fc::ui::desk {

namespace {

platform::PrintLang shownLanguage() {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en" ? platform::PrintLang::kEn : platform::PrintLang::kZhCn;
}

// Only what a file name may hold: letters, digits and '-'.
std::string fileSafe(std::string_view s) {
    std::string out;
    for (char c : s)
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-') out += c;
    return out.empty() ? "document" : out;
}

}  // namespace

core::Result<std::string> savePdf(const AppContext& app, core::PrintDocuments& docs, Document what,
                                  const std::string& id) {
    std::error_code ec;
    std::filesystem::create_directories(app.documentsDir, ec);
    if (ec) return core::Error(core::Errc::kIo, "cannot make the folder '" + app.documentsDir + "': " + ec.message());
    const platform::PrintLang lang = shownLanguage();
    const bool en = lang == platform::PrintLang::kEn;
    switch (what) {
        case Document::kWorkOrderSheet: {
            FC_ASSIGN(core::WorkOrderSheetDoc doc, docs.workOrderSheet(id));
            const std::string path =
                app.documentsDir + "/" + fileSafe(doc.provisionalNo) + (en ? "-work-order.pdf" : "-工单.pdf");
            FC_TRY(platform::renderWorkOrderSheet(doc, path, lang));
            return path;
        }
        case Document::kKeyTag: {
            FC_ASSIGN(core::KeyTagDoc doc, docs.keyTag(id));
            const std::string path =
                app.documentsDir + "/" + fileSafe(doc.provisionalNo) + (en ? "-key-tag.pdf" : "-钥匙牌.pdf");
            FC_TRY(platform::renderKeyTag(doc, path, lang));
            return path;
        }
        case Document::kInvoice: {
            FC_ASSIGN(core::InvoiceDoc doc, docs.invoice(id));
            const std::string path = app.documentsDir + "/" + fileSafe(doc.number) + (en ? "-invoice.pdf" : "-结算单.pdf");
            FC_TRY(platform::renderInvoice(doc, path, lang));
            return path;
        }
    }
    return core::invalid("unknown document");
}

core::Result<std::string> saveCountReport(const AppContext& app, core::ServiceSet& services, const std::string& countId) {
    std::error_code ec;
    std::filesystem::create_directories(app.documentsDir, ec);
    if (ec) return core::Error(core::Errc::kIo, "cannot make the folder '" + app.documentsDir + "': " + ec.message());
    const platform::PrintLang lang = shownLanguage();
    FC_ASSIGN(core::CountReportDoc doc, core::CountReportDocuments(services).countReport(countId));
    const std::string path = app.documentsDir + "/" + fileSafe(doc.number) +
                             (lang == platform::PrintLang::kEn ? "-stock-count.pdf" : "-盘点报告.pdf");
    FC_TRY(platform::renderCountReport(doc, path, lang));
    return path;
}

}  // namespace fc::ui::desk
