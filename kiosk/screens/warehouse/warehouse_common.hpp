// What the warehouse tablet's screens share: the services they are given (owned by the store's
// ServiceSet), a part's name and unit in the shown language, a service error as the warehouse
// reads it, and a work order as the warehouse sees it (its number and car, no customer).
//
//   WarehouseServices s = WarehouseServices::from(e.services);
//   auto order = warehouse::findOrder(s, "W1-0007");   // the order on a scanned job sheet
#pragma once

#include <optional>
#include <string>

#include "shared/core/result.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::core {
class ServiceSet;
struct StoreTime;
class WorkOrderService;
class CustomerService;
}  // namespace fc::core

namespace fc::ui {

struct WarehouseServices {
    core::PartService& parts;
    core::StockService& stock;
    core::StoreTime& time;
    core::WorkOrderService& orders;    // parts are issued to and returned from work orders
    core::CustomerService& customers;  // the order's car (its plate), never the customer

    static WarehouseServices from(core::ServiceSet& set);
};

namespace warehouse {

// "个", "升", … in the shown language.
std::string unitLabel(const std::string& unit);
// A stock service error as the warehouse reads it, in their language where it can be mapped.
std::string errorText(const core::Error& e);
// The part's name in the shown language (the Chinese one when it has no English name).
std::string partName(const core::Part& p);

// A work order as the warehouse tablet shows it: the number (provisional, and the hub's once it
// has one), the car's plate and model, its status; no customer.
struct OrderRef {
    std::string id;
    std::string number;   // "W1-0007" or "12号（W1-0007）"
    std::string summary;  // "W1-0007 · 粤B·12345 · 大众 朗逸 · 维修中"
    bool closed = false;  // closed or cancelled: nothing more is issued to it
};
core::Result<OrderRef> orderRef(WarehouseServices& s, const std::string& orderId);
// The order a scanned or typed number names ("W1-0007" or the hub's "123"); empty: none.
core::Result<std::optional<OrderRef>> findOrder(WarehouseServices& s, const std::string& typed);

// A quantity typed on the keypad in whole units, as thousandths (0 when empty or not a number).
int64_t keypadMilli(const std::string& digits);

}  // namespace warehouse
}  // namespace fc::ui
