// The store's service menu: what a customer can book or ask for at check-in, with zh-CN and
// English names, standard minutes, the labour price in fen and its VAT rate. The store's menu is
// synced master data (the `services` table, edited by managers through CatalogueService);
// assets/services/service-menu.json is what a new or upgraded store is seeded with. Appointments,
// visits and work-order lines store the codes; names come from the menu when shown, and an
// inactive service still names its code but is no longer offered.
//
//   FC_ASSIGN(const ServiceMenu* menu, services.get<ServiceCatalog>().menu());
//   FC_ASSIGN(auto codes, menu->validateCodes({"oil_filter", "wash_detail"}));  // offered ones only
//   const ServiceItem* item = menu->find("oil_filter");   // 更换机油机滤, 30 min, ¥298.00, 13 %
//
// The seed file:
//   {"version": 1, "currency": "CNY", "services": [
//     {"code": "oil_filter", "name_zh": "更换机油机滤", "name_en": "Oil and oil filter change",
//      "minutes": 30, "price_fen": 29800, "tax_rate_bp": 1300}, …]}     (tax_rate_bp optional)
// Errors name the file and the field: "service-menu.json: services[3].minutes: …".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/service_set.hpp"
#include "shared/core/result.hpp"

namespace fc::core {

struct ChangeNews;
class Db;

// VAT on repair labour: 13 % (what work-order labour lines have always carried).
inline constexpr int kDefaultServiceTaxRateBp = 1300;

struct ServiceItem {
    std::string id;    // the `services` row (empty for a menu read from a file)
    std::string code;  // a–z 0–9 '_', 2–32 characters; stable (stored in appointments/visits)
    std::string nameZh;
    std::string nameEn;
    int minutes = 0;       // standard minutes, 5–1440
    int64_t priceFen = 0;  // labour price in fen, tax included (work orders copy it when opened)
    int taxRateBp = kDefaultServiceTaxRateBp;  // VAT in basis points: 0, 300, 600, 900, 1300
    bool active = true;    // inactive: no longer offered, still shown by name
    int sort = 0;          // lists are by sort, then code
};

class Stmt;
// The `services` columns a ServiceItem is read from, in the order serviceItemFromRow expects.
inline constexpr const char* kServiceItemColumns =
    "id, code, name_zh, name_en, minutes, price_fen, tax_rate_bp, active, sort";
// The current row of a statement that selected kServiceItemColumns first.
ServiceItem serviceItemFromRow(Stmt& row);

class ServiceMenu {
public:
    ServiceMenu() = default;
    static Result<ServiceMenu> parse(std::string_view json, const std::string& fileName);
    static Result<ServiceMenu> load(const std::string& path);
    // The store's rows, already in list order.
    static ServiceMenu fromItems(std::vector<ServiceItem> items);
    // FC_ASSETS_DIR "/services/service-menu.json"
    static std::string defaultPath();

    int version() const { return m_version; }
    const std::string& currency() const { return m_currency; }
    // Every service, inactive ones included (for names), in list order.
    const std::vector<ServiceItem>& items() const { return m_items; }
    // What may be booked, checked in or put on a work order now: the active services.
    std::vector<ServiceItem> offered() const;
    // Any service, inactive too (a stored code's name and price).
    const ServiceItem* find(std::string_view code) const;

    // The codes trimmed and de-duplicated in order; an unknown code is an error naming it.
    Result<std::vector<std::string>> knownCodes(const std::vector<std::string>& codes) const;
    // Every code is offered, or is one of `onRecord` (the services an appointment or a visit
    // already holds: booked while they were offered); otherwise an error naming it.
    Status checkOffered(const std::vector<std::string>& codes,
                        const std::vector<std::string>& onRecord = {}) const;
    // knownCodes, then checkOffered: what a new booking, check-in or work order may name.
    Result<std::vector<std::string>> validateCodes(const std::vector<std::string>& codes,
                                                   const std::vector<std::string>& onRecord = {}) const;
    int totalMinutes(const std::vector<std::string>& codes) const;
    int64_t totalPriceFen(const std::vector<std::string>& codes) const;

private:
    int m_version = 0;
    std::string m_currency = "CNY";
    std::vector<ServiceItem> m_items;
};

// The menu as the other services see it, kept in memory. On a store (the app, the hub, tests of
// the store) it is the `services` table: read on first use and again after this connection writes
// or applies a change to it (it watches the writer), after a rolled-back transaction, after a
// snapshot, and when the app hears of a pulled change (noteNews). Until the store's first row
// arrives — an enrolled device before its first sync — it is the shipped menu at `seedPath`.
// Made from a file path only, it is that file (tests, tools). A read error is returned by every
// call until it is fixed.
//
// The pointer menu() returns stays valid until the menu is next read again (after a change).
class ServiceCatalog final : public DerivedIndex {
public:
    ServiceCatalog(Db& db, std::string seedPath = ServiceMenu::defaultPath());
    explicit ServiceCatalog(std::string path = ServiceMenu::defaultPath());

    Result<const ServiceMenu*> menu();
    // Replaces the menu in memory until the table next changes (tests).
    void set(ServiceMenu menu);
    // Read the menu again on next use.
    void invalidate() { *m_stale = true; }
    // News of changes made on another connection (a pulled sync page): invalidates when it
    // touches `services`.
    void noteNews(const ChangeNews& news);

    // What a person reads for a stored code: the name in `language` ("zh-CN" or "en"); the code
    // itself when the menu no longer has it (or cannot be read), so nothing shows blank.
    std::string displayName(std::string_view code, std::string_view language);
    // The names of several codes joined with `separator`.
    std::string displayNames(const std::vector<std::string>& codes, std::string_view language,
                             std::string_view separator = "、");
    const std::string& path() const { return m_path; }

    // DerivedIndex: nothing stored, only forgotten.
    Status changed(const RowChange& change) override;
    Status changedMany(const TableDef& table, const std::vector<std::string>& ids) override;
    bool deferrable() const override { return false; }
    Status rebuild() override;
    Status loadFrom(const std::string& schema) override;

private:
    Result<ServiceMenu> read();

    Db* m_db = nullptr;
    std::string m_path;
    std::optional<ServiceMenu> m_menu;
    std::shared_ptr<bool> m_stale = std::make_shared<bool>(true);  // shared with the rollback hook
};

// Service codes as stored: a JSON array of strings ("[\"oil_filter\"]"); unreadable text gives {}.
std::string encodeServiceCodes(const std::vector<std::string>& codes);
std::vector<std::string> decodeServiceCodes(std::string_view stored);

}  // namespace fc::core
