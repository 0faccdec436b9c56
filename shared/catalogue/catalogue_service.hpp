// Managers' edits of the store's service catalogue (synced master data, office devices): add a
// service, change its names, standard minutes, labour price or VAT rate, deactivate it (no longer
// offered; every record naming it still shows its name) and bring it back. Only staff with
// Capability::kManageSettings (managers, admins) may edit; every write is captured and syncs.
// A work order copies a service's price into its lines when they are made, so a price changed
// here never alters an order already opened.
//
//   CatalogueService& catalogue = services.get<CatalogueService>();
//   FC_ASSIGN(std::string id, catalogue.create(manager, {.code = "ev_battery_soh", .nameZh = "动力电池健康检测",
//                                                        .nameEn = "EV battery health check", .minutes = 45,
//                                                        .priceFen = 19900}));
//   FC_TRY(catalogue.update(manager, id, {.priceFen = 21900}));   // ¥219.00 from now on
//   FC_TRY(catalogue.deactivate(manager, id));
//
// Validation errors name the field first ("code: …", "name_zh: …", "minutes: …", "price: …",
// "tax_rate: …"); fieldOf(error) gives it to a screen, which shows the field in the user's language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/catalogue/service_menu.hpp"

namespace fc::core {

class Session;

struct ServiceInput {
    std::string code;    // a–z 0–9 '_', 2–32 characters, unique in the store; never changes
    std::string nameZh;  // required, at most 40 characters
    std::string nameEn;  // optional, at most 80 characters
    int minutes = 30;    // 5–1440
    int64_t priceFen = 0;  // 0 – 100,000,000 (¥1,000,000.00), tax included
    int taxRateBp = kDefaultServiceTaxRateBp;  // 0, 300, 600, 900 or 1300
    std::optional<int> sort;  // 0–99999; unset: after the last
};

// Fields to change; unset fields stay as they are. The code is stored in bookings and orders and
// does not change.
struct ServicePatch {
    std::optional<std::string> nameZh;
    std::optional<std::string> nameEn;
    std::optional<int> minutes;
    std::optional<int64_t> priceFen;
    std::optional<int> taxRateBp;
    std::optional<int> sort;
};

class CatalogueService {
public:
    explicit CatalogueService(Store& store) : m_store(store) {}

    // [SECTION] changes (managers)
    Result<std::string> create(const Session& by, const ServiceInput& input);
    // Returns whether anything changed.
    Result<bool> update(const Session& by, const std::string& id, const ServicePatch& patch);
    // No longer offered for new bookings, check-ins and work-order lines. Idempotent.
    Status deactivate(const Session& by, const std::string& id);
    Status reactivate(const Session& by, const std::string& id);

    // [SECTION] reads
    // Every live service (inactive ones too unless `activeOnly`), by sort then code.
    Result<std::vector<ServiceItem>> list(bool activeOnly = false);
    Result<ServiceItem> get(const std::string& id);
    Result<std::optional<ServiceItem>> findByCode(const std::string& code);
    // Whether the store's catalogue is here (false on an enrolled device before its first sync:
    // edits wait for it).
    Result<bool> present();

    // The one validation of a service's values: normalised values or an error naming the field.
    static Result<ServiceInput> validate(const ServiceInput& input);
    // The field an error from this service is about: "code", "name_zh", "name_en", "minutes",
    // "price", "tax_rate", "sort"; "" for anything else.
    static std::string fieldOf(const Error& error);

    // [SECTION] seeding
    // Fills an empty table from `menu` (captured writes, in the caller's transaction); does nothing
    // when the table has any row. Returns how many services were added.
    static Result<int> seedIfEmpty(Store& store, const ServiceMenu& menu);

private:
    Status checkCodeFree(const std::string& code, const std::string& exceptId);
    Status requireCatalogue();
    Status setActive(const Session& by, const std::string& id, bool active);

    Store& m_store;
};

}  // namespace fc::core
