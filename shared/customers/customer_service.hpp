// Customers and their vehicles: create, edit, delete (tombstone), phones, consent, vehicles,
// ownership history and odometer readings. Every write goes through the ChangeWriter.
//
//   CustomerService customers(store);
//   FC_ASSIGN(std::string id, customers.createCustomer({.name = "王芳", .phones = {"13800138000"}}));
//   FC_ASSIGN(std::string car, customers.addVehicle(id, {.plate = "粤B12345"}));
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/normalize.hpp"

namespace fc::core {

// Where a customer came from; stored as these keys, shown translated.
inline const std::vector<std::string>& customerSources() {
    static const std::vector<std::string> k = {"walk-in", "referral", "campaign", "online", "phone",
                                               "kiosk",   "import"};
    return k;
}
inline const std::vector<std::string>& customerSegments() {
    static const std::vector<std::string> k = {"prospect", "owner", "high-value"};
    return k;
}

enum class ConsentKind { kContact, kDataUse };
const char* consentKindKey(ConsentKind kind);  // "contact", "data_use"

struct CustomerInput {
    std::string name;
    std::vector<std::string> phones;  // first is the primary
    std::string address;
    std::string wechatId;
    std::string source = "walk-in";
    std::string segment = "prospect";
    std::string notes;
    std::optional<bool> consentContact;  // set: recorded with the time and channel
    std::optional<bool> consentData;
    std::string consentChannel = "office";  // kiosk, office, import
};

// Fields to change; unset fields stay as they are.
struct CustomerPatch {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::string> address;
    std::optional<std::string> wechatId;
    std::optional<std::string> source;
    std::optional<std::string> segment;
    std::optional<std::string> notes;
};

struct Customer {
    std::string id;
    std::string storeId;
    std::string name;
    std::vector<std::string> phones;
    std::string address;
    std::string wechatId;
    std::string source;
    std::string segment;
    bool consentContact = false;
    std::optional<int64_t> consentContactAt;
    bool consentData = false;
    std::optional<int64_t> consentDataAt;
    std::string notes;
    int64_t createdAt = 0;
    std::optional<int64_t> deletedAt;
};

struct VehicleInput {
    std::string plate;
    std::string vin;                   // optional
    bool acceptVinCheckDigit = false;  // a person confirmed a VIN whose check digit fails
    std::string make;
    std::string model;
    std::optional<int> year;
    std::string colour;
    std::optional<int64_t> odometerKm;  // recorded as the first reading
};

struct VehiclePatch {
    std::optional<std::string> plate;
    std::optional<std::string> vin;
    bool acceptVinCheckDigit = false;
    std::optional<std::string> make;
    std::optional<std::string> model;
    std::optional<int> year;
    std::optional<std::string> colour;
};

struct Vehicle {
    std::string id;
    std::string plate;
    std::string vin;
    bool vinCheckOverride = false;
    std::string make;
    std::string model;
    std::optional<int> year;
    std::string colour;
    std::optional<int64_t> odometerKm;
    int64_t createdAt = 0;
    std::optional<int64_t> deletedAt;
    std::string ownerId;  // current owner ("" when none)
};

// "大众 朗逸 白": make, model and colour, those that are known, for lists and confirmations.
std::string vehicleLabel(const Vehicle& v);

struct Ownership {
    std::string id;
    std::string vehicleId;
    std::string customerId;
    int64_t sinceMs = 0;
    std::string note;
};

struct OdometerReading {
    std::string id;
    std::string vehicleId;
    int64_t km = 0;
    int64_t readAt = 0;
    std::string source;
};

struct ConsentEvent {
    std::string id;
    std::string customerId;
    std::string kind;
    bool granted = false;
    int64_t at = 0;
    std::string channel;
    std::string textVersion;
};

struct StoreStats {
    int64_t customers = 0;
    int64_t deletedCustomers = 0;
    int64_t vehicles = 0;
    int64_t newEnergyVehicles = 0;
    int64_t odometerReadings = 0;
    int64_t outboxPending = 0;
};

class CustomerService {
public:
    explicit CustomerService(Store& store);

    // [SECTION] customers
    Result<std::string> createCustomer(const CustomerInput& input);
    // Returns whether anything changed.
    Result<bool> updateCustomer(const std::string& id, const CustomerPatch& patch);
    Status addPhone(const std::string& id, std::string_view phone);
    Status removePhone(const std::string& id, std::string_view phone);
    Status setConsent(const std::string& id, ConsentKind kind, bool granted,
                      const std::string& channel, const std::string& textVersion = "v1");
    Status deleteCustomer(const std::string& id);
    Result<Customer> getCustomer(const std::string& id);
    Result<std::vector<ConsentEvent>> consentHistory(const std::string& customerId);

    // [SECTION] vehicles
    Result<std::string> addVehicle(const std::string& customerId, const VehicleInput& input);
    Result<bool> updateVehicle(const std::string& vehicleId, const VehiclePatch& patch);
    Status transferVehicle(const std::string& vehicleId, const std::string& newCustomerId,
                           const std::string& note = "");
    // A reading lower than the last one needs allowDecrease (odometer replaced or a typo fixed).
    Status recordOdometer(const std::string& vehicleId, int64_t km, const std::string& source,
                          bool allowDecrease = false);
    Status deleteVehicle(const std::string& vehicleId);
    Result<Vehicle> getVehicle(const std::string& vehicleId);
    Result<std::vector<Vehicle>> vehiclesOf(const std::string& customerId);
    Result<std::vector<Ownership>> ownershipHistory(const std::string& vehicleId);
    Result<std::vector<OdometerReading>> odometerHistory(const std::string& vehicleId);

    // [SECTION] exact lookups (live rows only)
    Result<std::optional<std::string>> findCustomerByPhone(std::string_view phone);
    Result<std::optional<std::string>> findVehicleByPlate(std::string_view plate);
    Result<std::optional<std::string>> findVehicleByVin(std::string_view vin);

    Result<StoreStats> stats();

    // Validation shared with the importer: normalised values or an error naming the field.
    struct ValidCustomer {
        std::string name;
        std::vector<std::string> phones;
    };
    static Result<ValidCustomer> validateCustomer(const CustomerInput& input);
    struct ValidVehicle {
        std::string plate;
        std::string vin;
        bool vinOverride = false;
    };
    static Result<ValidVehicle> validateVehicle(const VehicleInput& input);

    // Inside an open transaction (for the importer and demo seeding): same as the public calls
    // but without their own transaction.
    Result<std::string> createCustomerInTx(const CustomerInput& input);
    Result<std::string> addVehicleInTx(const std::string& customerId, const VehicleInput& input);

private:
    Status checkPhonesFree(const std::vector<std::string>& phones, const std::string& exceptId);
    Status checkPlateFree(const std::string& plate, const std::string& exceptVehicleId);
    Status insertOwnership(const std::string& vehicleId, const std::string& customerId,
                           const std::string& note);
    Status insertConsent(const std::string& customerId, ConsentKind kind, bool granted,
                         const std::string& channel, const std::string& textVersion, int64_t at);
    Status insertReading(const std::string& vehicleId, int64_t km, const std::string& source);
    Result<std::string> currentOwner(const std::string& vehicleId);
    Result<std::optional<std::string>> ownerOfNormalizedPhone(const std::string& phone);

    Store& m_store;
    std::unique_ptr<Stmt> m_phoneLookup;  // the hottest lookup: prepared once, no cache lookup
};

// Phones are stored as one column of comma-separated normalised numbers, primary first.
std::string joinPhones(const std::vector<std::string>& phones);
std::vector<std::string> splitPhones(std::string_view stored);

}  // namespace fc::core
