// Index
//   [SECTION] helpers
//   [SECTION] validation
//   [SECTION] customers
//   [SECTION] vehicles
//   [SECTION] lookups and stats
#include "shared/customers/customer_service.hpp"

#include <algorithm>

#include "shared/core/text.hpp"
#include "shared/capture/row.hpp"
#include "shared/customers/tables.hpp"

namespace fc::core {

// [SECTION] helpers

const char* consentKindKey(ConsentKind kind) {
    return kind == ConsentKind::kContact ? "contact" : "data_use";
}

std::string joinPhones(const std::vector<std::string>& phones) {
    std::string out;
    for (const auto& p : phones) {
        if (!out.empty()) out += ',';
        out += p;
    }
    return out;
}

std::vector<std::string> splitPhones(std::string_view stored) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < stored.size()) {
        size_t end = stored.find(',', start);
        if (end == std::string_view::npos) end = stored.size();
        if (end > start) out.emplace_back(stored.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

namespace {

SqlValue text(std::string s) { return SqlValue::text(std::move(s)); }
SqlValue integer(int64_t v) { return SqlValue::integer(v); }
template <class T>
SqlValue optInt(const std::optional<T>& v) {
    return v ? SqlValue::integer(static_cast<int64_t>(*v)) : SqlValue::null();
}

bool contains(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

Status checkKey(const std::string& value, const std::vector<std::string>& allowed,
                const char* field) {
    if (contains(allowed, value)) return {};
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return invalid(std::string(field) + " '" + value + "' is not one of: " + list);
}

Result<std::vector<std::string>> normalizePhones(const std::vector<std::string>& raw) {
    std::vector<std::string> phones;
    for (const auto& p : raw) {
        if (trim(p).empty()) continue;
        auto n = normalizeMobile(p);
        if (!n) return n.error();
        if (!contains(phones, n.value())) phones.push_back(std::move(n).value());
    }
    if (phones.size() > 8) return invalid("phone: at most 8 numbers per customer");
    return phones;
}

Customer readCustomer(Stmt& s) {
    Customer c;
    c.id = s.getText(0);
    c.storeId = s.getText(1);
    c.name = s.getText(2);
    c.phones = splitPhones(s.getTextView(3));
    c.address = s.getText(4);
    c.wechatId = s.getText(5);
    c.source = s.getText(6);
    c.segment = s.getText(7);
    c.consentContact = s.getInt(8) != 0;
    c.consentContactAt = s.getOptInt(9);
    c.consentData = s.getInt(10) != 0;
    c.consentDataAt = s.getOptInt(11);
    c.notes = s.getText(12);
    c.createdAt = s.getInt(13);
    c.deletedAt = s.getOptInt(14);
    return c;
}

constexpr const char* kCustomerColumns =
    "id, store_id, name, phones, address, wechat_id, source, segment, consent_contact, "
    "consent_contact_at, consent_data, consent_data_at, notes, created_at, deleted_at";

constexpr const char* kVehicleSelect =
    "SELECT v.id, v.plate, v.vin, v.vin_check_override, v.make, v.model, v.year, v.colour, "
    "v.odometer_km, v.created_at, v.deleted_at, "
    "(SELECT o.customer_id FROM vehicle_ownerships o WHERE o.vehicle_id = v.id "
    " ORDER BY o.since_ms DESC, o._hlc DESC LIMIT 1) FROM vehicles v ";

Vehicle readVehicle(Stmt& s) {
    Vehicle v;
    v.id = s.getText(0);
    v.plate = s.getText(1);
    v.vin = s.getText(2);
    v.vinCheckOverride = s.getInt(3) != 0;
    v.make = s.getText(4);
    v.model = s.getText(5);
    if (!s.isNull(6)) v.year = static_cast<int>(s.getInt(6));
    v.colour = s.getText(7);
    v.odometerKm = s.getOptInt(8);
    v.createdAt = s.getInt(9);
    v.deletedAt = s.getOptInt(10);
    v.ownerId = s.getOptText(11).value_or("");
    return v;
}

}  // namespace

CustomerService::CustomerService(Store& store) : m_store(store) {}

// [SECTION] validation

Result<CustomerService::ValidCustomer> CustomerService::validateCustomer(
    const CustomerInput& input) {
    ValidCustomer v;
    FC_ASSIGN(v.name, normalizeName(input.name));
    FC_ASSIGN(v.phones, normalizePhones(input.phones));
    if (v.phones.empty()) return invalid("phone: at least one mobile number is needed");
    FC_TRY(checkKey(input.source, customerSources(), "source"));
    FC_TRY(checkKey(input.segment, customerSegments(), "segment"));
    return v;
}

Result<CustomerService::ValidVehicle> CustomerService::validateVehicle(const VehicleInput& input) {
    ValidVehicle v;
    auto plate = normalizePlate(input.plate);
    if (!plate) return plate.error();
    v.plate = plate->text;
    if (!trim(input.vin).empty()) {
        auto vin = normalizeVin(input.vin);
        if (!vin) return vin.error();
        if (!vin->checkDigitOk) {
            if (!input.acceptVinCheckDigit)
                return Error(Errc::kNeedsConfirmation,
                             "VIN " + vin->text + ": check digit (position 9) is '" +
                                 std::string(1, vin->text[8]) + "', expected '" +
                                 std::string(1, vin->expectedCheckDigit) +
                                 "'; some real VINs carry none — confirm to keep it");
            v.vinOverride = true;
        }
        v.vin = vin->text;
    }
    if (input.year && (*input.year < 1950 || *input.year > 2100))
        return invalid("year " + std::to_string(*input.year) + " is not a plausible model year");
    if (input.odometerKm && (*input.odometerKm < 0 || *input.odometerKm > 5'000'000))
        return invalid("odometer " + std::to_string(*input.odometerKm) + " km is out of range");
    return v;
}

Status CustomerService::checkPhonesFree(const std::vector<std::string>& phones,
                                        const std::string& exceptId) {
    for (const auto& p : phones) {
        FC_ASSIGN(auto owner, ownerOfNormalizedPhone(p));
        if (owner && *owner != exceptId)
            return conflict("phone " + maskPhone(p) + " already belongs to customer " + *owner);
    }
    return {};
}

Status CustomerService::checkPlateFree(const std::string& plate,
                                       const std::string& exceptVehicleId) {
    FC_ASSIGN(auto existing, findVehicleByPlate(plate));
    if (existing && *existing != exceptVehicleId)
        return conflict("plate " + displayPlate(plate) + " is already registered to vehicle " +
                        *existing);
    return {};
}

// [SECTION] customers

Result<std::string> CustomerService::createCustomer(const CustomerInput& input) {
    return inTx(m_store.db(), [&] { return createCustomerInTx(input); });
}

Result<std::string> CustomerService::createCustomerInTx(const CustomerInput& input) {
    FC_ASSIGN(ValidCustomer valid, validateCustomer(input));
    FC_TRY(checkPhonesFree(valid.phones, ""));
    FC_ASSIGN(std::string address, cleanField(input.address, "address", 200));
    FC_ASSIGN(std::string wechat, cleanField(input.wechatId, "WeChat id", 64));
    FC_ASSIGN(std::string notes, cleanField(input.notes, "notes", 2000));
    const std::string id = m_store.ids().next();
    const int64_t now = m_store.nowMs();
    const bool contact = input.consentContact.value_or(false);
    const bool data = input.consentData.value_or(false);
    FC_ASSIGN(Row row, RowBuilder(tables::kCustomers)
                           .set("store_id", m_store.storeId())
                           .set("name", valid.name)
                           .set("phones", joinPhones(valid.phones))
                           .set("address", address)
                           .set("wechat_id", wechat)
                           .set("source", input.source)
                           .set("segment", input.segment)
                           .set("consent_contact", contact)
                           .set("consent_contact_at", input.consentContact ? std::optional(now) : std::nullopt)
                           .set("consent_data", data)
                           .set("consent_data_at", input.consentData ? std::optional(now) : std::nullopt)
                           .set("notes", notes)
                           .set("created_at", now)
                           .build());
    FC_TRY(m_store.writer().insert(tables::kCustomers, id, row));
    if (input.consentContact)
        FC_TRY(insertConsent(id, ConsentKind::kContact, contact, input.consentChannel, "v1", now));
    if (input.consentData)
        FC_TRY(insertConsent(id, ConsentKind::kDataUse, data, input.consentChannel, "v1", now));
    return id;
}

Result<bool> CustomerService::updateCustomer(const std::string& id, const CustomerPatch& patch) {
    return inTx(m_store.db(), [&]() -> Result<bool> {
        const TableDef& t = tables::kCustomers;
        std::vector<ColumnChange> changes;
        if (patch.name) {
            FC_ASSIGN(std::string name, normalizeName(*patch.name));
            changes.push_back({t.columnIndex("name"), text(name)});
        }
        if (patch.phones) {
            FC_ASSIGN(auto phones, normalizePhones(*patch.phones));
            if (phones.empty()) return invalid("phone: at least one mobile number is needed");
            FC_TRY(checkPhonesFree(phones, id));
            changes.push_back({t.columnIndex("phones"), text(joinPhones(phones))});
        }
        if (patch.address) {
            FC_ASSIGN(std::string v, cleanField(*patch.address, "address", 200));
            changes.push_back({t.columnIndex("address"), text(v)});
        }
        if (patch.wechatId) {
            FC_ASSIGN(std::string v, cleanField(*patch.wechatId, "WeChat id", 64));
            changes.push_back({t.columnIndex("wechat_id"), text(v)});
        }
        if (patch.source) {
            FC_TRY(checkKey(*patch.source, customerSources(), "source"));
            changes.push_back({t.columnIndex("source"), text(*patch.source)});
        }
        if (patch.segment) {
            FC_TRY(checkKey(*patch.segment, customerSegments(), "segment"));
            changes.push_back({t.columnIndex("segment"), text(*patch.segment)});
        }
        if (patch.notes) {
            FC_ASSIGN(std::string v, cleanField(*patch.notes, "notes", 2000));
            changes.push_back({t.columnIndex("notes"), text(v)});
        }
        return m_store.writer().update(t, id, changes);
    });
}

Status CustomerService::addPhone(const std::string& id, std::string_view phone) {
    FC_ASSIGN(Customer c, getCustomer(id));
    FC_ASSIGN(std::string p, normalizeMobile(phone));
    if (contains(c.phones, p)) return {};
    c.phones.push_back(p);
    CustomerPatch patch;
    patch.phones = c.phones;
    FC_TRY(updateCustomer(id, patch));
    return {};
}

Status CustomerService::removePhone(const std::string& id, std::string_view phone) {
    FC_ASSIGN(Customer c, getCustomer(id));
    FC_ASSIGN(std::string p, normalizeMobile(phone));
    auto it = std::find(c.phones.begin(), c.phones.end(), p);
    if (it == c.phones.end()) return notFound("customer has no phone " + maskPhone(p));
    if (c.phones.size() == 1) return invalid("phone: a customer keeps at least one number");
    c.phones.erase(it);
    CustomerPatch patch;
    patch.phones = c.phones;
    FC_TRY(updateCustomer(id, patch));
    return {};
}

Status CustomerService::insertConsent(const std::string& customerId, ConsentKind kind, bool granted,
                                      const std::string& channel, const std::string& textVersion,
                                      int64_t at) {
    FC_ASSIGN(Row row, RowBuilder(tables::kConsentEvents)
                           .set("store_id", m_store.storeId())
                           .set("customer_id", customerId)
                           .set("kind", consentKindKey(kind))
                           .set("granted", granted)
                           .set("at", at)
                           .set("channel", channel)
                           .set("text_version", textVersion)
                           .build());
    return m_store.writer().insert(tables::kConsentEvents, m_store.ids().next(), row);
}

Status CustomerService::setConsent(const std::string& id, ConsentKind kind, bool granted,
                                   const std::string& channel, const std::string& textVersion) {
    return inTx(m_store.db(), [&]() -> Status {
        const TableDef& t = tables::kCustomers;
        const int64_t now = m_store.nowMs();
        const bool contact = kind == ConsentKind::kContact;
        auto r = m_store.writer().update(
            t, id,
            {{t.columnIndex(contact ? "consent_contact" : "consent_data"), integer(granted)},
             {t.columnIndex(contact ? "consent_contact_at" : "consent_data_at"), integer(now)}});
        if (!r) return r.error();
        // The history keeps what was agreed, when, where and to which text.
        return insertConsent(id, kind, granted, channel, textVersion, now);
    });
}

Status CustomerService::deleteCustomer(const std::string& id) {
    return inTx(m_store.db(), [&] { return m_store.writer().tombstone(tables::kCustomers, id); });
}

Result<Customer> CustomerService::getCustomer(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kCustomerColumns +
                                            " FROM customers WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("customer " + id + " does not exist");
    Customer c = readCustomer(*s);
    s->reset();
    return c;
}

Result<std::vector<ConsentEvent>> CustomerService::consentHistory(const std::string& customerId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id, customer_id, kind, granted, at, channel, text_version FROM "
                            "consent_events WHERE customer_id = ? ORDER BY at, _hlc"));
    s->bind(1, customerId);
    std::vector<ConsentEvent> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), r.getText(2), r.getInt(3) != 0,
                       r.getInt(4), r.getText(5), r.getText(6)});
    }));
    return out;
}

// [SECTION] vehicles

Result<std::string> CustomerService::addVehicle(const std::string& customerId,
                                                const VehicleInput& input) {
    return inTx(m_store.db(), [&] { return addVehicleInTx(customerId, input); });
}

Result<std::string> CustomerService::addVehicleInTx(const std::string& customerId,
                                                    const VehicleInput& input) {
    FC_ASSIGN(ValidVehicle valid, validateVehicle(input));
    FC_ASSIGN(Customer owner, getCustomer(customerId));
    if (owner.deletedAt) return conflict("customer " + customerId + " was deleted");
    FC_TRY(checkPlateFree(valid.plate, ""));
    FC_ASSIGN(std::string make, cleanField(input.make, "make", 40));
    FC_ASSIGN(std::string model, cleanField(input.model, "model", 60));
    FC_ASSIGN(std::string colour, cleanField(input.colour, "colour", 20));
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kVehicles)
                           .set("store_id", m_store.storeId())
                           .set("plate", valid.plate)
                           .set("vin", valid.vin)
                           .set("vin_check_override", valid.vinOverride)
                           .set("make", make)
                           .set("model", model)
                           .set("year", optInt(input.year))
                           .set("colour", colour)
                           .set("odometer_km", optInt(input.odometerKm))
                           .set("created_at", m_store.nowMs())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kVehicles, id, row));
    FC_TRY(insertOwnership(id, customerId, ""));
    if (input.odometerKm) FC_TRY(insertReading(id, *input.odometerKm, "registration"));
    return id;
}

Result<bool> CustomerService::updateVehicle(const std::string& vehicleId,
                                            const VehiclePatch& patch) {
    return inTx(m_store.db(), [&]() -> Result<bool> {
        const TableDef& t = tables::kVehicles;
        std::vector<ColumnChange> changes;
        if (patch.plate) {
            auto plate = normalizePlate(*patch.plate);
            if (!plate) return plate.error();
            FC_TRY(checkPlateFree(plate->text, vehicleId));
            changes.push_back({t.columnIndex("plate"), text(plate->text)});
        }
        if (patch.vin) {
            VehicleInput probe;
            probe.plate = "京A00000";
            probe.vin = *patch.vin;
            probe.acceptVinCheckDigit = patch.acceptVinCheckDigit;
            FC_ASSIGN(ValidVehicle v, validateVehicle(probe));
            changes.push_back({t.columnIndex("vin"), text(v.vin)});
            changes.push_back({t.columnIndex("vin_check_override"), integer(v.vinOverride)});
        }
        if (patch.make) {
            FC_ASSIGN(std::string v, cleanField(*patch.make, "make", 40));
            changes.push_back({t.columnIndex("make"), text(v)});
        }
        if (patch.model) {
            FC_ASSIGN(std::string v, cleanField(*patch.model, "model", 60));
            changes.push_back({t.columnIndex("model"), text(v)});
        }
        if (patch.year) {
            if (*patch.year < 1950 || *patch.year > 2100)
                return invalid("year " + std::to_string(*patch.year) + " is not plausible");
            changes.push_back({t.columnIndex("year"), integer(*patch.year)});
        }
        if (patch.colour) {
            FC_ASSIGN(std::string v, cleanField(*patch.colour, "colour", 20));
            changes.push_back({t.columnIndex("colour"), text(v)});
        }
        return m_store.writer().update(t, vehicleId, changes);
    });
}

Status CustomerService::insertOwnership(const std::string& vehicleId,
                                        const std::string& customerId, const std::string& note) {
    FC_ASSIGN(Row row, RowBuilder(tables::kVehicleOwnerships)
                           .set("store_id", m_store.storeId())
                           .set("vehicle_id", vehicleId)
                           .set("customer_id", customerId)
                           .set("since_ms", m_store.nowMs())
                           .set("note", note)
                           .build());
    return m_store.writer().insert(tables::kVehicleOwnerships, m_store.ids().next(), row);
}

Result<std::string> CustomerService::currentOwner(const std::string& vehicleId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT customer_id FROM vehicle_ownerships WHERE vehicle_id = ? "
                            "ORDER BY since_ms DESC, _hlc DESC LIMIT 1"));
    s->bind(1, vehicleId);
    FC_ASSIGN(bool row, s->step());
    std::string owner = row ? s->getText(0) : "";
    s->reset();
    return owner;
}

Status CustomerService::transferVehicle(const std::string& vehicleId,
                                        const std::string& newCustomerId, const std::string& note) {
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Vehicle v, getVehicle(vehicleId));
        if (v.deletedAt) return conflict("vehicle " + displayPlate(v.plate) + " was deleted");
        FC_ASSIGN(Customer c, getCustomer(newCustomerId));
        if (c.deletedAt) return conflict("customer " + newCustomerId + " was deleted");
        if (v.ownerId == newCustomerId) return {};
        FC_ASSIGN(std::string cleanNote, cleanField(note, "note", 200));
        return insertOwnership(vehicleId, newCustomerId, cleanNote);
    });
}

Status CustomerService::insertReading(const std::string& vehicleId, int64_t km,
                                      const std::string& source) {
    FC_ASSIGN(Row row, RowBuilder(tables::kOdometerReadings)
                           .set("store_id", m_store.storeId())
                           .set("vehicle_id", vehicleId)
                           .set("km", km)
                           .set("read_at", m_store.nowMs())
                           .set("source", source)
                           .build());
    return m_store.writer().insert(tables::kOdometerReadings, m_store.ids().next(), row);
}

Status CustomerService::recordOdometer(const std::string& vehicleId, int64_t km,
                                       const std::string& source, bool allowDecrease) {
    if (km < 0 || km > 5'000'000)
        return invalid("odometer " + std::to_string(km) + " km is out of range");
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Vehicle v, getVehicle(vehicleId));
        if (v.deletedAt) return conflict("vehicle " + displayPlate(v.plate) + " was deleted");
        if (v.odometerKm && km < *v.odometerKm && !allowDecrease)
            return Error(Errc::kNeedsConfirmation,
                         "odometer " + std::to_string(km) + " km is lower than the last reading (" +
                             std::to_string(*v.odometerKm) + " km): confirm if the odometer was "
                             "replaced or the last reading was wrong");
        FC_TRY(insertReading(vehicleId, km, source));
        const TableDef& t = tables::kVehicles;
        auto r = m_store.writer().update(t, vehicleId, {{t.columnIndex("odometer_km"), integer(km)}});
        if (!r) return r.error();
        return {};
    });
}

Status CustomerService::deleteVehicle(const std::string& vehicleId) {
    return inTx(m_store.db(),
                [&] { return m_store.writer().tombstone(tables::kVehicles, vehicleId); });
}

Result<Vehicle> CustomerService::getVehicle(const std::string& vehicleId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string(kVehicleSelect) + "WHERE v.id = ?"));
    s->bind(1, vehicleId);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("vehicle " + vehicleId + " does not exist");
    Vehicle v = readVehicle(*s);
    s->reset();
    return v;
}

Result<std::vector<Vehicle>> CustomerService::vehiclesOf(const std::string& customerId) {
    // Vehicles whose latest ownership is this customer.
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(std::string(kVehicleSelect) +
                                  "WHERE v.id IN (SELECT vehicle_id FROM vehicle_ownerships "
                                  "WHERE customer_id = ?) AND v.deleted_at IS NULL ORDER BY v.created_at"));
    s->bind(1, customerId);
    std::vector<Vehicle> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        Vehicle v = readVehicle(*s);
        if (v.ownerId == customerId) out.push_back(std::move(v));
    }
    s->reset();
    return out;
}

Result<std::vector<Ownership>> CustomerService::ownershipHistory(const std::string& vehicleId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id, vehicle_id, customer_id, since_ms, note FROM "
                            "vehicle_ownerships WHERE vehicle_id = ? ORDER BY since_ms, _hlc"));
    s->bind(1, vehicleId);
    std::vector<Ownership> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), r.getText(2), r.getInt(3), r.getText(4)});
    }));
    return out;
}

Result<std::vector<OdometerReading>> CustomerService::odometerHistory(const std::string& vehicleId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id, vehicle_id, km, read_at, source FROM odometer_readings "
                            "WHERE vehicle_id = ? ORDER BY read_at, _hlc"));
    s->bind(1, vehicleId);
    std::vector<OdometerReading> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), r.getInt(2), r.getInt(3), r.getText(4)});
    }));
    return out;
}

// [SECTION] lookups and stats

Result<std::optional<std::string>> CustomerService::findCustomerByPhone(std::string_view phone) {
    auto p = normalizeMobile(phone);
    if (!p) return std::optional<std::string>{};
    return ownerOfNormalizedPhone(*p);
}

Result<std::optional<std::string>> CustomerService::ownerOfNormalizedPhone(const std::string& phone) {
    // The index holds live customers only (PhoneIndex drops a deleted customer's numbers).
    if (!m_phoneLookup) {
        FC_ASSIGN(Stmt s, m_store.db().prepare(
                              "SELECT customer_id FROM customer_phone_idx WHERE phone = ? LIMIT 1"));
        m_phoneLookup = std::make_unique<Stmt>(std::move(s));
    }
    Stmt* s = m_phoneLookup.get();
    s->reset();
    s->bind(1, phone);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<std::optional<std::string>> CustomerService::findVehicleByPlate(std::string_view plate) {
    auto p = normalizePlate(plate);
    if (!p) return std::optional<std::string>{};
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM vehicles WHERE plate = ? AND deleted_at IS NULL LIMIT 1"));
    s->bind(1, p->text);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<std::optional<std::string>> CustomerService::findVehicleByVin(std::string_view vin) {
    auto v = normalizeVin(vin);
    if (!v) return std::optional<std::string>{};
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM vehicles WHERE vin = ? AND vin <> '' AND deleted_at IS "
                            "NULL LIMIT 1"));
    s->bind(1, v->text);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<StoreStats> CustomerService::stats() {
    StoreStats st;
    Db& db = m_store.db();
    FC_ASSIGN(auto a, db.queryInt("SELECT count(*) FROM customers WHERE deleted_at IS NULL"));
    FC_ASSIGN(auto b, db.queryInt("SELECT count(*) FROM customers WHERE deleted_at IS NOT NULL"));
    FC_ASSIGN(auto c, db.queryInt("SELECT count(*) FROM vehicles WHERE deleted_at IS NULL"));
    FC_ASSIGN(auto d, db.queryInt("SELECT count(*) FROM vehicles WHERE deleted_at IS NULL AND "
                                  "length(plate) = 8"));
    FC_ASSIGN(auto e, db.queryInt("SELECT count(*) FROM odometer_readings"));
    FC_ASSIGN(int64_t pending, m_store.syncState().pendingCount());
    st.customers = a.value_or(0);
    st.deletedCustomers = b.value_or(0);
    st.vehicles = c.value_or(0);
    st.newEnergyVehicles = d.value_or(0);
    st.odometerReadings = e.value_or(0);
    st.outboxPending = pending;
    return st;
}

std::string vehicleLabel(const Vehicle& v) {
    std::string out;
    for (const std::string* part : {&v.make, &v.model, &v.colour}) {
        if (part->empty()) continue;
        if (!out.empty()) out += ' ';
        out += *part;
    }
    return out;
}

}  // namespace fc::core
