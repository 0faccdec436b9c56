// Index
//   [SECTION] the seed file
//   [SECTION] the menu
//   [SECTION] the catalog (table-backed, kept in memory)
//   [SECTION] stored codes
#include "shared/catalogue/service_menu.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/capture/change_news.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/core/text.hpp"
#include "shared/db/sqlite.hpp"

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

ServiceItem serviceItemFromRow(Stmt& r) {
    ServiceItem item;
    item.id = r.getText(0);
    item.code = r.getText(1);
    item.nameZh = r.getText(2);
    item.nameEn = r.getText(3);
    item.minutes = static_cast<int>(r.getInt(4));
    item.priceFen = r.getInt(5);
    item.taxRateBp = static_cast<int>(r.getInt(6));
    item.active = r.getInt(7) != 0;
    item.sort = static_cast<int>(r.getInt(8));
    return item;
}

// [SECTION] the seed file

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
        if (s.contains("tax_rate_bp")) {
            if (!s["tax_rate_bp"].is_number_integer() ||
                !isAllowedTaxRate(static_cast<int>(s["tax_rate_bp"].get<int64_t>())))
                return fail(where + ".tax_rate_bp", "must be a VAT rate: 0, 300, 600, 900 or 1300");
            item.taxRateBp = static_cast<int>(s["tax_rate_bp"].get<int64_t>());
        }
        item.sort = static_cast<int>(i) * 10;
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

// [SECTION] the menu

ServiceMenu ServiceMenu::fromItems(std::vector<ServiceItem> items) {
    ServiceMenu menu;
    menu.m_version = 1;
    menu.m_items = std::move(items);
    return menu;
}

std::vector<ServiceItem> ServiceMenu::offered() const {
    std::vector<ServiceItem> out;
    for (const auto& item : m_items)
        if (item.active) out.push_back(item);
    return out;
}

const ServiceItem* ServiceMenu::find(std::string_view code) const {
    for (const auto& item : m_items)
        if (item.code == code) return &item;
    return nullptr;
}

Result<std::vector<std::string>> ServiceMenu::knownCodes(const std::vector<std::string>& codes) const {
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

Status ServiceMenu::checkOffered(const std::vector<std::string>& codes,
                                 const std::vector<std::string>& onRecord) const {
    for (const auto& c : codes) {
        const ServiceItem* item = find(c);
        if (!item) return invalid("service '" + c + "' is not on the service menu");
        if (item->active || std::find(onRecord.begin(), onRecord.end(), c) != onRecord.end()) continue;
        return invalid("service '" + c + "' (" + item->nameZh + ") is no longer offered");
    }
    return {};
}

Result<std::vector<std::string>> ServiceMenu::validateCodes(const std::vector<std::string>& codes,
                                                            const std::vector<std::string>& onRecord) const {
    FC_ASSIGN(std::vector<std::string> out, knownCodes(codes));
    FC_TRY(checkOffered(out, onRecord));
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

// [SECTION] the catalog (table-backed, kept in memory)

ServiceCatalog::ServiceCatalog(Db& db, std::string seedPath) : m_db(&db), m_path(std::move(seedPath)) {
    // What a rolled-back transaction wrote is gone: a menu read inside it is read again. The hook
    // shares only the flag, so it outlives this catalog harmlessly.
    db.addRollbackHook([stale = m_stale] { *stale = true; });
}

ServiceCatalog::ServiceCatalog(std::string path) : m_path(std::move(path)) {}

Result<ServiceMenu> ServiceCatalog::read() {
    if (!m_db) return ServiceMenu::load(m_path);
    FC_ASSIGN(Stmt * s, m_db->cached(std::string("SELECT ") + kServiceItemColumns +
                                     " FROM services WHERE deleted_at IS NULL ORDER BY sort, code, id"));
    std::vector<ServiceItem> items;
    FC_TRY(s->each([&](Stmt& r) { items.push_back(serviceItemFromRow(r)); }));
    if (items.empty()) {
        FC_ASSIGN(auto any, m_db->queryInt("SELECT count(*) FROM services"));
        // The store's catalogue has not arrived yet (an enrolled device before its first sync).
        if (any.value_or(0) == 0) return ServiceMenu::load(m_path);
    }
    return ServiceMenu::fromItems(std::move(items));
}

Result<const ServiceMenu*> ServiceCatalog::menu() {
    if (!m_menu || *m_stale) {
        FC_ASSIGN(ServiceMenu loaded, read());
        m_menu = std::move(loaded);
        *m_stale = false;
    }
    return &*m_menu;
}

void ServiceCatalog::set(ServiceMenu menu) {
    m_menu = std::move(menu);
    *m_stale = false;
}

void ServiceCatalog::noteNews(const ChangeNews& news) {
    if (news.touches(tables::kServices.name)) invalidate();
}

Status ServiceCatalog::changed(const RowChange& change) {
    if (&change.table == &tables::kServices) invalidate();
    return {};
}

Status ServiceCatalog::changedMany(const TableDef& table, const std::vector<std::string>& ids) {
    (void)ids;
    if (&table == &tables::kServices) invalidate();
    return {};
}

Status ServiceCatalog::rebuild() {
    invalidate();
    return {};
}

Status ServiceCatalog::loadFrom(const std::string& schema) {
    (void)schema;
    invalidate();
    return {};
}

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

// [SECTION] stored codes

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
