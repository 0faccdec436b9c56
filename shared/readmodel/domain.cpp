#include "shared/readmodel/domain.hpp"

#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/readmodel/order_parts.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/readmodel/stock_analysis.hpp"
#include "shared/readmodel/vehicle_history.hpp"
#include "shared/readmodel/workshop_board.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

const Domain& readModels() {
    static const Domain d{
        .name = "read models",
        .services =
            [](ServiceSet& set) {
                set.add<FrontDeskQueries>(set.store(), set.get<CustomerService>(),
                                          set.get<AppointmentService>(), set.get<StoreTime>());
                set.add<VehicleHistoryQueries>(set.store());
                set.add<WorkshopBoardQueries>(set.store());
                set.add<PrintDocuments>(set);
                set.add<StockAnalysis>(set.store(), set.get<StoreTime>());
                // The parts issued to an order and not billed on it: close-out asks (issued_parts.hpp).
                set.get<InvoiceService>().setIssuedParts(
                    &set.add<OrderParts>(set.store(), set.get<WorkOrderService>(), set.get<StockService>()));
            },
    };
    return d;
}

}  // namespace fc::core
