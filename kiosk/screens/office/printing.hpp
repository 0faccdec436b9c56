// Printing from the office screens: the work-order sheet, the key tag and the invoice / receipt
// saved as PDF files in the device's documents folder (AppContext::documentsDir), in the shown
// language, named by the document's number ("WO1-0042-工单.pdf"). Returns the file's path, or
// what went wrong (an unknown order, a folder that cannot be written).
#pragma once

#include <string>

#include "kiosk/app/screen.hpp"
#include "shared/core/result.hpp"
#include "shared/readmodel/print_documents.hpp"

namespace fc::core {
class ServiceSet;
}

namespace fc::ui::desk {

enum class Document { kWorkOrderSheet, kKeyTag, kInvoice };

// `id`: the work order's id (sheet, key tag) or the invoice's id.
core::Result<std::string> savePdf(const AppContext& app, core::PrintDocuments& docs, Document what,
                                  const std::string& id);

// The stock count's report (盘点报告) as "PD-1207-01-盘点报告.pdf" in the documents folder.
core::Result<std::string> saveCountReport(const AppContext& app, core::ServiceSet& services, const std::string& countId);

}  // namespace fc::ui::desk
