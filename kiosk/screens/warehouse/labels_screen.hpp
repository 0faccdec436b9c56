// 打印标签 / Print labels (warehouse mode, signed in): scan a part or a bin — or type its SKU, one
// of its codes or the bin's code — to add its label to the list, or add every bin of a zone with
// one tap; each line's copies with − and +; choose the sheet (a 50 × 30 mm roll or A4 sheets of
// 3 × 8) and the code (Code 128 or QR); 生成标签 writes the PDF into the device's documents folder
// (AppContext::documentsDir) and says where. A code two parts share asks which; an unknown code and
// an empty list say so. Nothing is saved to the store. No SQL: PartService, through the read
// model's LabelDocuments (shared/readmodel/print_documents.hpp) and platform/print.
//
//   registry.add({… .make = [](FeatureEnv& e) { return std::make_unique<LabelsScreen>(e.app,
//                     e.services.get<core::PartService>()); }});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "platform/print/print.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/stock/part_service.hpp"

namespace fc::ui {

class LabelsScreen final : public Screen {
public:
    // One line of the list: a part's or a bin's label and how many of it.
    struct Item {
        core::LabelKind kind = core::LabelKind::kPart;
        std::string id;
        std::string key;    // the part's SKU or the bin's code (the row's widget scope)
        std::string shown;  // "FLT-OIL-0042  机油滤清器", "货位 A-01-03  滤清器 1 号架第 3 层"
        int copies = 1;
    };

    LabelsScreen(AppContext& app, core::PartService& parts);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;

    // Tests: what is listed, chosen and was last written.
    const std::vector<Item>& items() const { return m_items; }
    platform::LabelSheet sheet() const { return m_sheet; }
    core::LabelSymbology symbology() const { return m_symbology; }
    const std::string& lastPdf() const { return m_lastPdf; }
    const std::optional<core::LabelSheetDoc>& lastDoc() const { return m_lastDoc; }
    const std::string& error() const { return m_error; }

private:
    void add(Ui& ui, const std::string& typed);
    void addPart(Ui& ui, const std::string& partId);
    void addBin(Ui& ui, const core::Bin& bin);
    void addZone(Ui& ui, const std::string& zone);
    void addItem(Item item);
    void generate(Ui& ui);
    void drawAdd(Ui& ui);
    void drawChoices(Ui& ui);
    void drawOptions(Ui& ui);
    void drawList(Ui& ui);

    AppContext& m_app;
    core::PartService& m_parts;
    core::LabelDocuments m_docs;
    DataWatch m_watch;
    std::string m_query;
    std::vector<std::string> m_zones;
    std::vector<core::PartMatch> m_choices;  // a code several parts carry: which one
    std::vector<Item> m_items;
    platform::LabelSheet m_sheet = platform::LabelSheet::kA4_3x8;
    core::LabelSymbology m_symbology = core::LabelSymbology::kCode128;
    std::string m_error;  // shown in red until the next thing done
    std::string m_lastPdf;
    std::string m_saved;  // "已生成 30 张标签：…"
    std::optional<core::LabelSheetDoc> m_lastDoc;
};

}  // namespace fc::ui
