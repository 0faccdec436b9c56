#include "shared/demo/seed.hpp"

#include "shared/demo/demo_data.hpp"

namespace fc::core {

Result<SeedReport> seedDemo(StoreServices& services, const SeedOptions& options,
                            const std::function<void(size_t)>& progress) {
    SeedReport report;
    demo::DemoGenerator gen(options.seed);
    Db& db = services.db();
    Tx tx(db);
    FC_TRY(tx.begin());
    DeferredScope bulk(services.store().writer());
    for (size_t i = 0; i < options.customers; ++i) {
        demo::DemoCustomer dc = gen.customer();
        CustomerInput in;
        in.name = std::move(dc.name);
        in.phones = std::move(dc.phones);
        in.address = std::move(dc.address);
        in.wechatId = std::move(dc.wechatId);
        in.source = std::move(dc.source);
        in.segment = std::move(dc.segment);
        in.notes = std::move(dc.notes);
        in.consentContact = dc.consentContact;
        in.consentData = dc.consentData;
        in.consentChannel = "import";
        auto id = services.customers.createCustomerInTx(in);
        if (!id) return id.error().context("seed-demo: customer " + std::to_string(i + 1));
        ++report.customers;
        for (const demo::DemoVehicle& dv : dc.vehicles) {
            VehicleInput v;
            v.plate = dv.plate;
            v.vin = dv.vin;
            v.make = dv.make;
            v.model = dv.model;
            v.year = dv.year;
            v.colour = dv.colour;
            v.odometerKm = dv.odometerKm;
            auto vid = services.customers.addVehicleInTx(*id, v);
            if (!vid) return vid.error().context("seed-demo: vehicle of customer " + std::to_string(i + 1));
            ++report.vehicles;
            ++report.odometerReadings;
        }
        if (progress && (i + 1) % 10000 == 0) progress(i + 1);
    }
    FC_TRY(bulk.finish());
    FC_TRY(tx.commit());
    if (progress) progress(report.customers);
    return report;
}

}  // namespace fc::core
