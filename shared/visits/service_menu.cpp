#include "shared/visits/service_menu.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

using nlohmann::json;

bool validCode(std::string_view c) {
    if (c.size() < 2 || c.size() > 32) return false;
    for (char ch : c)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

}  // namespace

std::string ServiceMenu::defaultPath() {
    return std::string(FC_ASSETS_DIR) + "/services/service-menu.json";
}

Result<ServiceMenu> ServiceMenu::parse(std::string_view source, const std::string& fileName) {
    auto fail = [&](const std::string& field, const std::string& why) -> Error {
        return invalid(fileName + ": " + field + ": " + why);
    };
    json doc = json::parse(source.begin(), source.end(), nullptr, false);
    if (doc.is_discarded()) return invalid(fileName + ": not valid JSON");
    if (!doc.is_object()) return invalid(fileName + ": expected a JSON object at the top");
    ServiceMenu menu;
    if (!doc.contains("version") || !doc["version"].is_number_integer() ||
        doc["version"].get<int64_t>() != 1)
        return fail("version", "must be 1 (the only format this program reads)");
    menu.m_version = 1;
    if (doc.contains("currency")) {
        if (!doc["currency"].is_string() || doc["currency"].get<std::string>().size() != 3)
            return fail("currency", "must be a three-letter code such as \"CNY\"");
        menu.m_currency = doc["currency"].get<std::string>();
    }
    if (!doc.contains("services") || !doc["services"].is_array())
        return fail("services", "must be a list of services");
    if (doc["services"].empty()) return fail("services", "the menu is empty");
    size_t i = 0;
    for (const auto& s : doc["services"]) {
        const std::string where = "services[" + std::to_string(i++) + "]";
        if (!s.is_object()) return fail(where, "must be an object");
        auto textField = [&](const char* key, size_t maxChars) -> Result<std::string> {
            if (!s.contains(key) || !s[key].is_string())
                return fail(where + "." + key, "must be text");
            std::string v = cleanText(s[key].get<std::string>());
            if (!isValidUtf8(v)) return fail(where + "." + key, "is not valid UTF-8");
            if (v.empty()) return fail(where + "." + key, "is empty");
            if (utf8Length(v) > maxChars)
                return fail(where + "." + key,
                            "is longer than " + std::to_string(maxChars) + " characters");
            return v;
        };
        ServiceItem item;
        FC_ASSIGN(item.code, textField("code", 32));
        if (!validCode(item.code))
            return fail(
                where + ".code",
                "'" + item.code + "' must be 2–32 of a–z, 0–9 and '_' (it is stored in records)");
        if (menu.find(item.code)) return fail(where + ".code", "'" + item.code + "' appears twice");
        FC_ASSIGN(item.nameZh, textField("name_zh", 40));
        FC_ASSIGN(item.nameEn, textField("name_en", 80));
        if (!s.contains("minutes") || !s["minutes"].is_number_integer() ||
            s["minutes"].get<int64_t>() < 5 || s["minutes"].get<int64_t>() > 1440)
            return fail(where + ".minutes", "must be a whole number of minutes from 5 to 1440");
        item.minutes = static_cast<int>(s["minutes"].get<int64_t>());
        if (!s.contains("price_fen") || !s["price_fen"].is_number_integer() ||
            s["price_fen"].get<int64_t>() < 0 || s["price_fen"].get<int64_t>() > 100'000'000)
            return fail(where + ".price_fen",
                        "must be a whole number of fen from 0 to 100000000 (¥1,000,000.00)");
        item.priceFen = s["price_fen"].get<int64_t>();
        menu.m_items.push_back(std::move(item));
    }
    return menu;
}

Result<ServiceMenu> ServiceMenu::load(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error(Errc::kIo, path + ": cannot open the service menu");
    std::ostringstream ss;
    ss << f.rdbuf();
    return parse(ss.str(), std::filesystem::path(path).filename().string());
}

const ServiceItem* ServiceMenu::find(std::string_view code) const {
    for (const auto& item : m_items)
        if (item.code == code) return &item;
    return nullptr;
}

Result<std::vector<std::string>> ServiceMenu::validateCodes(
    const std::vector<std::string>& codes) const {
    std::vector<std::string> out;
    for (const auto& raw : codes) {
        std::string c = trim(raw);
        if (c.empty()) continue;
        if (!find(c)) return invalid("service '" + c + "' is not on the service menu");
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
    }
    if (out.size() > 20) return invalid("services: at most 20 per booking");
    return out;
}

int ServiceMenu::totalMinutes(const std::vector<std::string>& codes) const {
    int total = 0;
    for (const auto& c : codes)
        if (const auto* item = find(c)) total += item->minutes;
    return total;
}

int64_t ServiceMenu::totalPriceFen(const std::vector<std::string>& codes) const {
    int64_t total = 0;
    for (const auto& c : codes)
        if (const auto* item = find(c)) total += item->priceFen;
    return total;
}

Result<const ServiceMenu*> ServiceCatalog::menu() {
    if (!m_menu) {
        FC_ASSIGN(ServiceMenu loaded, ServiceMenu::load(m_path));
        m_menu = std::move(loaded);
    }
    return &*m_menu;
}

std::string encodeServiceCodes(const std::vector<std::string>& codes) {
    return json(codes).dump();
}

std::vector<std::string> decodeServiceCodes(std::string_view stored) {
    json j = json::parse(stored.begin(), stored.end(), nullptr, false);
    std::vector<std::string> out;
    if (!j.is_array()) return out;
    for (const auto& v : j)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace fc::core

namespace fc::core {

std::string ServiceCatalog::displayName(std::string_view code, std::string_view language) {
    auto m = menu();
    const ServiceItem* item = m ? (*m)->find(code) : nullptr;
    if (!item) return std::string(code);
    return language == "en" ? item->nameEn : item->nameZh;
}

std::string ServiceCatalog::displayNames(const std::vector<std::string>& codes,
                                         std::string_view language, std::string_view separator) {
    std::string out;
    for (const auto& code : codes) {
        if (!out.empty()) out += separator;
        out += displayName(code, language);
    }
    return out;
}

}  // namespace fc::core
