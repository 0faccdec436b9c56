// The store's service menu (assets/services/service-menu.json): what a customer can book or ask
// for at check-in, with zh-CN and English names, a typical duration and an indicative price.
// Appointments and visits store the codes; names come from the menu when shown.
//
//   FC_ASSIGN(ServiceMenu menu, ServiceMenu::load(ServiceMenu::defaultPath()));
//   FC_ASSIGN(auto codes, menu.validateCodes({"oil_filter", "wash_detail"}));
//   const ServiceItem* item = menu.find("oil_filter");   // 更换机油机滤, 30 min, ¥298.00
//
// The file:
//   {"version": 1, "currency": "CNY", "services": [
//     {"code": "oil_filter", "name_zh": "更换机油机滤", "name_en": "Oil and oil filter change",
//      "minutes": 30, "price_fen": 29800}, …]}
// Errors name the file and the field: "service-menu.json: services[3].minutes: …".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

struct ServiceItem {
    std::string code;  // a–z 0–9 '_', 2–32 characters; stable (stored in appointments/visits)
    std::string nameZh;
    std::string nameEn;
    int minutes = 0;       // typical duration, 5–1440
    int64_t priceFen = 0;  // indicative price in fen (the quote is made later)
};

class ServiceMenu {
public:
    ServiceMenu() = default;
    static Result<ServiceMenu> parse(std::string_view json, const std::string& fileName);
    static Result<ServiceMenu> load(const std::string& path);
    // FC_ASSETS_DIR "/services/service-menu.json"
    static std::string defaultPath();

    int version() const { return m_version; }
    const std::string& currency() const { return m_currency; }
    const std::vector<ServiceItem>& items() const { return m_items; }
    const ServiceItem* find(std::string_view code) const;

    // The codes trimmed and de-duplicated in order; an unknown code is an error naming it.
    Result<std::vector<std::string>> validateCodes(const std::vector<std::string>& codes) const;
    int totalMinutes(const std::vector<std::string>& codes) const;
    int64_t totalPriceFen(const std::vector<std::string>& codes) const;

private:
    int m_version = 0;
    std::string m_currency = "CNY";
    std::vector<ServiceItem> m_items;
};

// The menu as the services see it: loaded from its file on first use and kept; set() replaces it
// (tests, a settings screen later). A load error is returned by every call until it is fixed.
class ServiceCatalog {
public:
    explicit ServiceCatalog(std::string path = ServiceMenu::defaultPath())
        : m_path(std::move(path)) {}
    Result<const ServiceMenu*> menu();
    void set(ServiceMenu menu) { m_menu = std::move(menu); }
    // What a person reads for a stored code: the name in `language` ("zh-CN" or "en"); the code
    // itself when the menu no longer has it (or cannot be read), so nothing shows blank.
    std::string displayName(std::string_view code, std::string_view language);
    // The names of several codes joined with `separator`.
    std::string displayNames(const std::vector<std::string>& codes, std::string_view language,
                             std::string_view separator = "、");
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::optional<ServiceMenu> m_menu;
};

// Service codes as stored: a JSON array of strings ("[\"oil_filter\"]"); unreadable text gives {}.
std::string encodeServiceCodes(const std::vector<std::string>& codes);
std::vector<std::string> decodeServiceCodes(std::string_view stored);

}  // namespace fc::core
