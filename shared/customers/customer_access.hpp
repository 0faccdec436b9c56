// Personal data shown in full is audited. The office sees phones masked (138****1234) until a
// signed-in person reveals them and says why; each reveal is a synced fact
// (customer_access_events), written in the same transaction that reads the data, so there is no
// reveal without its record. Phone numbers are never logged or put in messages.
//
//   CustomerAccessLog access(store, customers);
//   FC_ASSIGN(auto phones, access.revealPhone(customerId, staffId, "回电确认取车"));
//   FC_ASSIGN(auto history, access.forCustomer(customerId));    // newest first
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_service.hpp"

namespace fc::core {

enum class AccessWhat { kPhone };
const char* accessWhatKey(AccessWhat w);  // "phone"
std::optional<AccessWhat> parseAccessWhat(std::string_view key);

struct CustomerAccessEvent {
    std::string id;
    std::string customerId;
    std::string staffId;
    std::string deviceId;
    int64_t at = 0;
    std::string what;  // accessWhatKey
    std::string reason;
};

class CustomerAccessLog {
public:
    CustomerAccessLog(Store& store, CustomerService& customers)
        : m_store(store), m_customers(customers) {}

    // The customer's phones in full (primary first), recording who asked and why.
    Result<std::vector<std::string>> revealPhone(const std::string& customerId,
                                                 const std::string& staffId,
                                                 std::string_view reason);
    // Access events of a customer, newest first.
    Result<std::vector<CustomerAccessEvent>> forCustomer(const std::string& customerId);

    // The one validation of a reason: trimmed, 2–200 characters, or an error naming the field.
    static Result<std::string> validateReason(std::string_view reason);

private:
    Status checkStaff(const std::string& staffId);
    Status record(const std::string& customerId, const std::string& staffId, AccessWhat what,
                  const std::string& reason);

    Store& m_store;
    CustomerService& m_customers;
};

}  // namespace fc::core
