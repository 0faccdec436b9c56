#include "kiosk/screens/warehouse/warehouse_common.hpp"

#include <charconv>

#include "kiosk/i18n/i18n.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::ui {

WarehouseServices WarehouseServices::from(core::ServiceSet& set) {
    return WarehouseServices{set.get<core::PartService>(), set.get<core::StockService>(), set.get<core::StoreTime>(),
                             set.get<core::WorkOrderService>(), set.get<core::CustomerService>()};
}

namespace warehouse {

std::string unitLabel(const std::string& unit) { return tr(std::string("warehouse.unit.") + unit); }

std::string errorText(const core::Error& e) {
    const std::string& m = e.message;
    if (e.code == core::Errc::kPermission) return tr("warehouse.error.permission");
    if (m.rfind("qty: only", 0) == 0) return tr("warehouse.error.short", {{"detail", m.substr(10)}});
    if (m.rfind("qty:", 0) == 0) return tr("warehouse.error.qty");
    if (m.rfind("serial:", 0) == 0) return tr("warehouse.error.serial");
    if (m.rfind("group: already undone", 0) == 0) return tr("warehouse.error.undone");
    if (m.rfind("to_bin:", 0) == 0) return tr("warehouse.transfer.same_bin");
    return tr("warehouse.error.failed", {{"detail", m}});
}

std::string partName(const core::Part& p) {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en" && !p.nameEn.empty() ? p.nameEn : p.nameZh;
}

core::Result<OrderRef> orderRef(WarehouseServices& s, const std::string& orderId) {
    FC_ASSIGN(core::WorkOrderView v, s.orders.get(orderId));
    OrderRef o;
    o.id = v.id;
    o.number = v.number ? tr("warehouse.issue.number_both", {{"number", *v.number}, {"provisional", v.provisionalNo}})
                        : v.provisionalNo;
    o.closed = core::isFinal(v.job.status);
    std::string car;
    if (auto vehicle = s.customers.getVehicle(v.vehicleId)) {
        car = core::displayPlate(vehicle->plate);
        const std::string model = vehicle->make + (vehicle->model.empty() ? "" : " " + vehicle->model);
        if (!model.empty()) car += " · " + model;
    }
    o.summary = tr("warehouse.issue.order_line",
                   {{"number", o.number},
                    {"car", car},
                    {"status", tr(std::string("workshop.status.") + core::workOrderStatusKey(v.job.status))}});
    return o;
}

core::Result<std::optional<OrderRef>> findOrder(WarehouseServices& s, const std::string& typed) {
    FC_ASSIGN(std::optional<std::string> id, s.orders.findByNumber(typed));
    std::optional<OrderRef> out;
    if (!id) return out;
    FC_ASSIGN(OrderRef o, orderRef(s, *id));
    out = std::move(o);
    return out;
}

int64_t keypadMilli(const std::string& digits) {
    int64_t units = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), units);
    if (r.ec != std::errc() || units < 0 || units > 1'000'000) return 0;
    return units * 1000;
}

}  // namespace warehouse
}  // namespace fc::ui
