// The bay board (工位看板): every open work order as a card under its bay — number, plate and
// car, the services, status in its colour, promised time (overdue in red), who is assigned and
// who is clocked on, extra work waiting for the customer, whether the hub has the order and
// whether a merge found something for the advisor. Refreshes when sync brings changes; filters by
// technician, mine, or overdue only. The workshop tablet opens the job screen from a card (or a
// scanned work-order barcode); the office opens its work-order editor (the `open` it is given).
// Cards off screen are skipped, so 200 open jobs cost what the visible ones do.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/workshop/job_screen.hpp"
#include "shared/readmodel/workshop_board.hpp"

namespace fc::ui {

class BayBoardScreen final : public Screen {
public:
    // How a card opens its order; empty: the workshop's job screen.
    using Open = std::function<void(AppContext&, const std::string& orderId)>;
    enum class Kind { kWorkshop, kOffice };

    BayBoardScreen(AppContext& app, WorkshopServices services, core::WorkshopBoardQueries& board,
                   Kind kind = Kind::kWorkshop, Open open = {});
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;  // a work-order barcode: opens it

    // Tests: every open job loaded, and those the filters show.
    const std::vector<core::BoardJob>& jobs() const { return m_jobs; }
    std::vector<const core::BoardJob*> shown(int64_t nowMs) const;
    uint64_t reloads() const { return m_reloads; }
    void filterTechnician(std::optional<std::string> staffId) { m_technician = std::move(staffId); }
    void filterOverdue(bool on) { m_overdueOnly = on; }

private:
    void reload(Ui& ui);
    void drawFilters(Ui& ui);
    void drawBoard(Ui& ui);
    bool drawCard(Ui& ui, const core::BoardJob& job, float width, float height);
    void open(const std::string& orderId);

    AppContext& m_app;
    WorkshopServices m_s;
    core::WorkshopBoardQueries& m_board;
    Kind m_kind;
    Open m_open;
    DataWatch m_watch;
    uint64_t m_reloads = 0;
    std::vector<core::BoardJob> m_jobs;
    std::vector<std::string> m_services;  // per job: the services' names in the shown language
    std::vector<core::BoardPerson> m_people;  // technicians on the board, for the filter chips
    std::optional<std::string> m_technician;
    bool m_overdueOnly = false;
    std::string m_error;
};

}  // namespace fc::ui
