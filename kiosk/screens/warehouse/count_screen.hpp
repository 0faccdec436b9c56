// 盘点 / Stock count on the warehouse tablet (warehouse mode, signed in). The list of open counts
// (started here or in the office, on any tablet) and 新建盘点 (whole store, a zone, fast movers,
// parts not counted lately; blind by default). Counting: scan a bin's label, then each piece —
// every scan adds one to this tablet's figure for that part in that bin (a burst of scans loses
// none; a part not on the list is added); tap a line to type the figure; 撤销上一步 puts back the
// one before; a serial-tracked part asks for each serial. The counted figure starts at zero; the
// books' figure is shown only on a count opened as not blind. Lines two tablets counted
// differently say 复盘 and are counted again from zero. 未盘清单 lists what is still uncounted
// (on this tablet, with what other tablets synced): pause here, resume on another. No SQL:
// CountService, PartService.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/stock/count_service.hpp"

namespace fc::ui {

class CountScreen final : public Screen {
public:
    CountScreen(AppContext& app, WarehouseServices services, core::CountService& counts);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;

    // Tests: what is shown.
    const std::optional<core::StockCount>& count() const { return m_count; }
    const std::optional<core::Bin>& bin() const { return m_bin; }
    const std::vector<core::CountLine>& lines() const { return m_lines; }
    const core::CountProgress& progress() const { return m_progress; }

private:
    void reload();
    void openCount(const std::string& id);
    void scanPart(Ui& ui, const std::string& partId, const std::string& serial = "");
    void lineSaved(Ui& ui, const core::CountLine& line);
    void drawList(Ui& ui);
    void drawNew(Ui& ui);
    void drawCounting(Ui& ui);
    void drawLine(Ui& ui, const core::CountLine& line);
    void drawEnter(Ui& ui);
    void drawBins(Ui& ui);
    void drawUncounted(Ui& ui);
    void drawChoices(Ui& ui);
    void showError(Ui& ui, const core::Error& e);

    AppContext& m_app;
    WarehouseServices m_s;
    core::CountService& m_counts;
    DataWatch m_watch;
    // The list of counts.
    std::vector<core::StockCount> m_open;
    std::vector<core::CountProgress> m_openProgress;
    // A new count.
    bool m_newOpen = false, m_newOpening = false;
    std::string m_scope = "zones";
    std::vector<std::string> m_zones;  // the store's zones
    std::string m_zone;
    bool m_blind = true;
    std::string m_newError;
    // Counting.
    std::optional<core::StockCount> m_count;
    core::CountProgress m_progress;
    std::optional<core::Bin> m_bin;
    std::vector<core::CountLine> m_lines;  // in the current bin
    std::string m_lastKey;                 // bin + part of the last scan (a scan goes on with it)
    std::string m_lastText;                // the large confirmation
    bool m_canUndo = false;
    std::optional<std::string> m_serialPart;  // a serial-tracked part: the next unknown scans are its serials
    std::vector<core::PartMatch> m_choices;   // a code two parts share
    // Typing a figure.
    bool m_enterOpen = false, m_enterOpening = false;
    std::optional<core::CountLine> m_entering;
    Keypad m_qty{KeypadOptions{.kind = KeypadKind::kNumber, .minLength = 1, .maxLength = 7}};
    std::string m_enterError;
    // The bins of the count, and what is left to count.
    bool m_binsOpen = false, m_binsOpening = false;
    std::vector<core::CountBin> m_countBins;
    bool m_leftOpen = false, m_leftOpening = false;
    std::vector<core::CountLine> m_left;
    VirtualTable m_leftTable;
};

}  // namespace fc::ui
