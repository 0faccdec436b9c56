#include "kiosk/screens/office/features.hpp"

#include "kiosk/screens/office/catalogue_screen.hpp"
#include "kiosk/screens/office/count_review_screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "kiosk/screens/office/stock_analysis_screen.hpp"
#include "kiosk/screens/office/work_order_screen.hpp"
#include "kiosk/screens/workshop/bay_board_screen.hpp"
#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/stock/tables.hpp"
#include "shared/invoicing/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

void registerOfficeFeatures(FeatureRegistry& registry) {
    using core::Capability;
    registry.setLayout(Mode::kOffice, {.columns = 3, .large = false});
    registry.add({.id = "office.front_desk",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.front_desk",
                  .capability = Capability::kViewFrontDesk,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<FrontDeskScreen>(e.app, DeskServices::from(e.services));
                  }});
    // 车间看板: every open work order by bay and status; a card opens the work-order editor.
    registry.add({.id = "office.workshop_board",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.workshop_board",
                  .capability = Capability::kManageWorkOrders,
                  .writes = {{&core::tables::kWorkOrders, core::ChangeOp::kUpdate},
                             {&core::tables::kWorkOrderLines, core::ChangeOp::kInsert},
                             {&core::tables::kJobEvents, core::ChangeOp::kInsert},
                             {&core::tables::kInvoices, core::ChangeOp::kInsert},
                             {&core::tables::kPayments, core::ChangeOp::kInsert}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      DeskServices desk = DeskServices::from(e.services);
                      return std::make_unique<BayBoardScreen>(
                          e.app, WorkshopServices::from(e.services), desk.board, BayBoardScreen::Kind::kOffice,
                          [desk](AppContext& app, const std::string& id) {
                              app.router.push(std::make_unique<WorkOrderScreen>(app, desk, id));
                          });
                  }});
    // 服务项目: the store's service catalogue (names, standard minutes, labour price, VAT, offered
    // or not), edited by managers; other devices read it.
    registry.add({.id = "office.catalogue",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.catalogue",
                  .capability = Capability::kManageSettings,
                  .writes = {{&core::tables::kServices, core::ChangeOp::kInsert},
                             {&core::tables::kServices, core::ChangeOp::kUpdate}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<CatalogueScreen>(e.app, e.services.get<core::CatalogueService>());
                  }});
    // 盘点审核: the counts' variances, recount requests, approval and posting (count_review_screen.hpp).
    registry.add({.id = "office.stock_counts",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.stock_counts",
                  .capability = Capability::kManageInventory,
                  .writes = {{&core::tables::kStockCounts, core::ChangeOp::kUpdate},
                             {&core::tables::kStockCountEntries, core::ChangeOp::kInsert},
                             {&core::tables::kStockMovements, core::ChangeOp::kInsert}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<CountReviewScreen>(e.app, e.services, e.services.get<core::CountService>());
                  }});
    // 库存分析: turnover, slow movers, stock value, monthly demand and parts per model, with a
    // chart and Excel / PDF export (stock_analysis_screen.hpp). Reads only.
    registry.add({.id = "office.stock_analysis",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.stock_analysis",
                  .capability = Capability::kViewReports,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<StockAnalysisScreen>(e.app, e.services.get<core::StockAnalysis>());
                  }});
    // Not built yet: the tile says so.
    const std::pair<const char*, Capability> later[] = {
        {"office.home.customers", Capability::kViewCustomers},
        {"office.home.appointments", Capability::kManageAppointments},
        {"office.home.purchasing", Capability::kManageInventory},
        {"office.home.finance", Capability::kViewFinance},
        {"office.home.marketing", Capability::kViewReports},
        {"office.home.staff", Capability::kManageStaff},
        {"office.home.reports", Capability::kViewReports},
        {"office.home.conflicts", Capability::kResolveConflicts},
    };
    for (const auto& [label, capability] : later)
        registry.add({.id = label, .mode = Mode::kOffice, .labelKey = label, .capability = capability});
}

}  // namespace fc::ui
