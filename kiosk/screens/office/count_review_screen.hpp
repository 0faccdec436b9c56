// 盘点审核 / Stock count review (office): the store's counts, open and posted — and 新建盘点 to
// open one (whole store, a zone, fast movers, parts not counted for N days; blind or not; the
// threshold) for the tablets to count; for one, the
// variance per line — the books when the line was counted, the counted figure, the difference and
// its value at the moving average, with its sign — and in total (盘盈, 盘亏, 净额). Lines over the
// count's threshold are marked; the office asks for a recount of a line (要求复盘) or a manager
// approves them. A full count's uncounted lines are listed and become zero only once the
// person ticks that they saw them. 过账 posts every difference in one transaction, once; the
// report prints as PDF. Long counts (10,000 lines) through a clipped table. No SQL: CountService.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/stock/count_service.hpp"

namespace fc::core {
class ServiceSet;
}

namespace fc::ui {

class CountReviewScreen final : public Screen {
public:
    CountReviewScreen(AppContext& app, core::ServiceSet& services, core::CountService& counts);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: what is shown.
    const std::optional<core::CountReview>& review() const { return m_review; }
    const std::vector<core::StockCount>& counts() const { return m_counts; }

private:
    void reload();
    void select(const std::string& id);
    void drawList(Ui& ui);
    void drawReview(Ui& ui);
    void drawConfirm(Ui& ui);
    void drawNew(Ui& ui);
    void post(Ui& ui);
    void printReport(Ui& ui);

    AppContext& m_app;
    core::ServiceSet& m_services;
    core::CountService& m_service;
    DataWatch m_watch;
    std::vector<core::StockCount> m_counts;
    std::optional<std::string> m_selected;
    std::optional<core::CountReview> m_review;
    std::vector<core::VarianceLine> m_rows;  // what the table shows: the variances, then recounts
    VirtualTable m_table;
    bool m_confirmUncounted = false;
    bool m_approve = false;
    bool m_confirmOpen = false, m_confirmOpening = false;
    // A new count opened here.
    bool m_newOpen = false, m_newOpening = false;
    core::CountSpec m_spec;
    std::vector<std::string> m_zones;
    std::string m_newError;
    std::string m_error;
};

}  // namespace fc::ui
