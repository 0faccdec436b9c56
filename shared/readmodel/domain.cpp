#include "shared/readmodel/domain.hpp"

#include "shared/readmodel/front_desk.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/readmodel/vehicle_history.hpp"
#include "shared/readmodel/workshop_board.hpp"

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
            },
    };
    return d;
}

}  // namespace fc::core
