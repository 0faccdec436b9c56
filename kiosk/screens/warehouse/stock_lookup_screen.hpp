// 查询 / Stock lookup and receiving (warehouse mode, signed in): scan anything — a part's barcode,
// its SKU or an OE number typed, or a bin's label. A part shows what is on hand in total and per
// bin and its latest movements; a bin shows what should be in it and how many; a code two parts
// share asks which; an unknown code says so. From a part, 收货 (receive) takes the quantity on the
// keypad and the bin (its first bin preselected), saves one movement and shows a large
// confirmation with 撤销上一步 (undo last: a compensating movement) — moving 20 instead of 2 is
// put right with one tap. Reloads when stock or parts change (a local save or another tablet's,
// through sync). No SQL: PartService and StockService.
//
//   registry.add({… .make = [](FeatureEnv& e) { return std::make_unique<StockLookupScreen>(e.app,
//                     WarehouseServices::from(e.services)); }});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/ui/keypad.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::core {
class ServiceSet;
class StoreTime;
}  // namespace fc::core

namespace fc::ui {

struct WarehouseServices {
    core::PartService& parts;
    core::StockService& stock;
    core::StoreTime& time;

    static WarehouseServices from(core::ServiceSet& set);
};

namespace warehouse {
// "个", "升", … in the shown language.
std::string unitLabel(const std::string& unit);
// A stock service error as the warehouse reads it, in their language where it can be mapped.
std::string errorText(const core::Error& e);
}  // namespace warehouse

class StockLookupScreen final : public Screen {
public:
    StockLookupScreen(AppContext& app, WarehouseServices services);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;

    // Tests: what is shown.
    const std::optional<core::Part>& part() const { return m_part; }
    const std::optional<core::Bin>& bin() const { return m_bin; }

private:
    void lookUp(Ui& ui, const std::string& code);
    void showPart(const std::string& partId);
    void showBin(const core::Bin& bin);
    void reload();
    void drawPart(Ui& ui);
    void drawBin(Ui& ui);
    void drawChoices(Ui& ui);
    void drawLastMove(Ui& ui);
    void drawReceive(Ui& ui);
    void receive(Ui& ui);

    AppContext& m_app;
    WarehouseServices m_s;
    DataWatch m_watch;
    std::string m_query;
    std::string m_unknown;  // the code nothing matched
    std::vector<core::PartMatch> m_choices;
    std::optional<core::Part> m_part;
    core::PartFigures m_figures;
    std::vector<core::BinStock> m_byBin;
    std::vector<core::MovementView> m_moves;
    std::optional<core::Bin> m_bin;
    std::vector<std::pair<core::Part, int64_t>> m_binParts;  // part, on hand in the bin
    // The receive dialog.
    bool m_receiveOpen = false;
    bool m_receiveOpening = false;
    Keypad m_qty{KeypadOptions{.kind = KeypadKind::kNumber, .minLength = 1, .maxLength = 6}};
    std::vector<core::Bin> m_binChoices;
    size_t m_binChoice = 0;
    std::string m_receiveError;
    // The last thing done here, while it can be undone.
    std::optional<core::StockMove> m_last;
    std::string m_lastText;
};

}  // namespace fc::ui
