#include "shared/readmodel/domain.hpp"

#include "shared/readmodel/front_desk.hpp"

namespace fc::core {

const Domain& readModels() {
    static const Domain d{
        .name = "read models",
        .services =
            [](ServiceSet& set) {
                set.add<FrontDeskQueries>(set.store(), set.get<CustomerService>(),
                                          set.get<AppointmentService>(), set.get<StoreTime>());
            },
    };
    return d;
}

}  // namespace fc::core
