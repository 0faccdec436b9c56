// 我的工单 / My jobs (workshop mode, signed in): the open work orders, the signed-in technician's
// first — those with a labour line assigned to them or that they are clocked on to — then every
// other open job, each in promised-time order. A row is touch-tall: the number (provisional, and
// the hub's once it has one), plate, services, status, promised time and a marker on the job the
// technician is clocked on to. Tapping a row or scanning the job's barcode / key tag opens the job
// (JobScreen); an unknown number says so. Reloads when work orders, job events or time entries
// change (a local save or another tablet's work arriving through sync). No SQL: WorkOrderService
// and the services in WorkshopServices.
//
//   registry.add({… .make = [](FeatureEnv& e) { return std::make_unique<MyJobsScreen>(e.app,
//                     WorkshopServices::from(e.services)); }});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/workshop/job_screen.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

// One open job as the list shows it.
struct JobRow {
    std::string id;
    std::string number;  // "W1-0007" or "12号（W1-0007）"
    std::string plate;
    std::string services;  // by name, in the shown language
    core::WorkOrderStatus status = core::WorkOrderStatus::kOpen;
    std::optional<int64_t> promisedAt;
    int64_t openedAt = 0;
    bool mine = false;       // assigned to me, or I am clocked on
    bool clockedOnMe = false;
};

class MyJobsScreen final : public Screen {
public:
    MyJobsScreen(AppContext& app, WorkshopServices services);
    std::string title() const override;
    void draw(Ui& ui) override;
    // A work order's barcode or key tag: opens that job.
    bool onScan(Ui& ui, const std::string& text) override;

    // Tests: what is loaded, mine first.
    const std::vector<JobRow>& rows() const { return m_rows; }
    uint64_t reloads() const { return m_reloads; }

private:
    void reload(Ui& ui);
    void open(const std::string& orderId);

    AppContext& m_app;
    WorkshopServices m_s;
    DataWatch m_watch;
    uint64_t m_reloads = 0;
    std::vector<JobRow> m_rows;
    size_t m_mine = 0;
    VirtualTable m_table;
};

}  // namespace fc::ui
