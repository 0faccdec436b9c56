#include "shared/customers/customer_access.hpp"

#include "shared/capture/row.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/tables.hpp"

namespace fc::core {

const char* accessWhatKey(AccessWhat w) {
    switch (w) {
        case AccessWhat::kPhone:
            return "phone";
    }
    return "";
}

std::optional<AccessWhat> parseAccessWhat(std::string_view key) {
    if (key == accessWhatKey(AccessWhat::kPhone)) return AccessWhat::kPhone;
    return std::nullopt;
}

Result<std::string> CustomerAccessLog::validateReason(std::string_view reason) {
    FC_ASSIGN(std::string clean, cleanField(std::string(reason), "reason", 200));
    if (utf8Length(clean) < 2) return invalid("reason: say why the full number is needed");
    return clean;
}

// Staff is a later domain than customers: its table is read directly, as a reference check.
Status CustomerAccessLog::checkStaff(const std::string& staffId) {
    if (staffId.empty()) return invalid("staff: sign in to see a full phone number");
    FC_ASSIGN(Stmt * s,
              m_store.db().cached("SELECT active FROM staff WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, staffId);
    FC_ASSIGN(bool row, s->step());
    const bool active = row && s->getInt(0) != 0;
    s->reset();
    if (!row) return notFound("staff: no staff member " + staffId);
    if (!active) return invalid("staff: " + staffId + " is not active");
    return {};
}

Status CustomerAccessLog::record(const std::string& customerId, const std::string& staffId,
                                 AccessWhat what, const std::string& reason) {
    FC_ASSIGN(Row row, RowBuilder(tables::kCustomerAccessEvents)
                           .set("store_id", m_store.storeId())
                           .set("customer_id", customerId)
                           .set("staff_id", staffId)
                           .set("device_id", m_store.device().deviceId)
                           .set("at", m_store.nowMs())
                           .set("what", accessWhatKey(what))
                           .set("reason", reason)
                           .build());
    return m_store.writer().insert(tables::kCustomerAccessEvents, m_store.ids().next(), row);
}

Result<std::vector<std::string>> CustomerAccessLog::revealPhone(const std::string& customerId,
                                                                const std::string& staffId,
                                                                std::string_view reason) {
    FC_ASSIGN(std::string why, validateReason(reason));
    return inTx(m_store.db(), [&]() -> Result<std::vector<std::string>> {
        FC_TRY(checkStaff(staffId));
        FC_ASSIGN(Customer c, m_customers.getCustomer(customerId));
        if (c.deletedAt) return conflict("customer " + c.name + " was deleted");
        FC_TRY(record(c.id, staffId, AccessWhat::kPhone, why));
        return c.phones;
    });
}

Result<std::vector<CustomerAccessEvent>> CustomerAccessLog::forCustomer(
    const std::string& customerId) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  "SELECT id, customer_id, staff_id, device_id, at, what, reason FROM "
                  "customer_access_events WHERE customer_id = ? ORDER BY at DESC, id DESC"));
    s->bind(1, customerId);
    std::vector<CustomerAccessEvent> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), r.getText(2), r.getText(3), r.getInt(4),
                       r.getText(5), r.getText(6)});
    }));
    return out;
}

}  // namespace fc::core
