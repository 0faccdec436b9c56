// Index
//   [SECTION] validation
//   [SECTION] changes
//   [SECTION] reads
//   [SECTION] seeding
#include "shared/catalogue/catalogue_service.hpp"

#include <algorithm>

#include "shared/capture/row.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/core/text.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::core {

// [SECTION] validation

namespace {

constexpr int kMinMinutes = 5;
constexpr int kMaxMinutes = 1440;
constexpr int64_t kMaxServicePriceFen = 100'000'000;  // ¥1,000,000.00
constexpr int kMaxSort = 99'999;

Result<std::string> validCode(const std::string& raw) {
    const std::string code = toLowerAscii(cleanText(raw));
    if (code.empty()) return invalid("code: give the service a code (oil_filter)");
    if (code.size() < 2 || code.size() > 32)
        return invalid("code: 2 to 32 letters a–z, digits and '_' (oil_filter)");
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return invalid("code: use letters a–z, digits and '_' only (oil_filter)");
    return code;
}

Result<std::string> validName(const std::string& raw, const char* field, size_t maxChars, bool required) {
    std::string name = cleanText(raw);
    if (hasHiddenCharacters(name)) return invalid(std::string(field) + ": has characters that cannot be shown");
    if (required && name.empty()) return invalid(std::string(field) + ": the service needs a name (更换机油机滤)");
    if (utf8Length(name) > maxChars)
        return invalid(std::string(field) + ": at most " + std::to_string(maxChars) + " characters");
    return name;
}

Status insertService(Store& store, const std::string& id, const ServiceInput& v, int sort) {
    FC_ASSIGN(Row row, RowBuilder(tables::kServices)
                           .set("store_id", store.storeId())
                           .set("code", v.code)
                           .set("name_zh", v.nameZh)
                           .set("name_en", v.nameEn)
                           .set("minutes", v.minutes)
                           .set("price_fen", v.priceFen)
                           .set("tax_rate_bp", v.taxRateBp)
                           .set("active", true)
                           .set("sort", sort)
                           .build());
    return store.writer().insert(tables::kServices, id, row);
}

}  // namespace

Result<ServiceInput> CatalogueService::validate(const ServiceInput& input) {
    ServiceInput v = input;
    FC_ASSIGN(v.code, validCode(input.code));
    FC_ASSIGN(v.nameZh, validName(input.nameZh, "name_zh", 40, true));
    FC_ASSIGN(v.nameEn, validName(input.nameEn, "name_en", 80, false));
    if (input.minutes < kMinMinutes || input.minutes > kMaxMinutes)
        return invalid("minutes: standard time is 5 to 1440 minutes");
    if (input.priceFen < 0) return invalid("price: must not be negative");
    if (input.priceFen > kMaxServicePriceFen) return invalid("price: at most ¥1,000,000.00");
    if (!isAllowedTaxRate(input.taxRateBp)) return invalid("tax_rate: one of 0, 3, 6, 9 or 13 %");
    if (input.sort && (*input.sort < 0 || *input.sort > kMaxSort))
        return invalid("sort: 0 to " + std::to_string(kMaxSort));
    return v;
}

std::string CatalogueService::fieldOf(const Error& error) {
    static const char* const kFields[] = {"code", "name_zh", "name_en", "minutes", "price", "tax_rate", "sort"};
    const std::string& m = error.message;
    for (const char* f : kFields) {
        const std::string prefix = std::string(f) + ":";
        if (m.rfind(prefix, 0) == 0) return f;
    }
    return "";
}

Status CatalogueService::checkCodeFree(const std::string& code, const std::string& exceptId) {
    // Deleted rows keep their code: it is stored in old bookings.
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT name_zh FROM services WHERE code = ? AND id <> ? LIMIT 1"));
    s->bind(1, code);
    s->bind(2, exceptId);
    FC_ASSIGN(bool row, s->step());
    const std::string other = row ? s->getText(0) : std::string();
    s->reset();
    if (row) return conflict("code: " + code + " is already used by " + other);
    return {};
}

Status CatalogueService::requireCatalogue() {
    FC_ASSIGN(bool here, present());
    if (!here)
        return conflict("the store's service catalogue has not arrived from the store server yet: sync first");
    return {};
}

// [SECTION] changes

Result<std::string> CatalogueService::create(const Session& by, const ServiceInput& input) {
    FC_TRY(requireCapability(by, Capability::kManageSettings));
    FC_ASSIGN(ServiceInput v, validate(input));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(requireCatalogue());
        FC_TRY(checkCodeFree(v.code, ""));
        int sort = v.sort.value_or(0);
        if (!v.sort) {
            FC_ASSIGN(auto last, m_store.db().queryInt("SELECT coalesce(max(sort), 0) FROM services"));
            sort = static_cast<int>(std::min<int64_t>(last.value_or(0) + 10, kMaxSort));
        }
        const std::string id = m_store.ids().next();
        FC_TRY(insertService(m_store, id, v, sort));
        return id;
    });
}

Result<bool> CatalogueService::update(const Session& by, const std::string& id, const ServicePatch& patch) {
    FC_TRY(requireCapability(by, Capability::kManageSettings));
    return inTx(m_store.db(), [&]() -> Result<bool> {
        FC_ASSIGN(ServiceItem current, get(id));
        ServiceInput merged{.code = current.code,
                            .nameZh = patch.nameZh.value_or(current.nameZh),
                            .nameEn = patch.nameEn.value_or(current.nameEn),
                            .minutes = patch.minutes.value_or(current.minutes),
                            .priceFen = patch.priceFen.value_or(current.priceFen),
                            .taxRateBp = patch.taxRateBp.value_or(current.taxRateBp),
                            .sort = patch.sort.value_or(current.sort)};
        FC_ASSIGN(ServiceInput v, validate(merged));
        const TableDef& t = tables::kServices;
        std::vector<ColumnChange> changes = {
            {t.columnIndex("name_zh"), SqlValue::text(v.nameZh)},
            {t.columnIndex("name_en"), SqlValue::text(v.nameEn)},
            {t.columnIndex("minutes"), SqlValue::integer(v.minutes)},
            {t.columnIndex("price_fen"), SqlValue::integer(v.priceFen)},
            {t.columnIndex("tax_rate_bp"), SqlValue::integer(v.taxRateBp)},
            {t.columnIndex("sort"), SqlValue::integer(*v.sort)}};
        return m_store.writer().update(t, id, changes);
    });
}

Status CatalogueService::deactivate(const Session& by, const std::string& id) { return setActive(by, id, false); }

Status CatalogueService::reactivate(const Session& by, const std::string& id) { return setActive(by, id, true); }

Status CatalogueService::setActive(const Session& by, const std::string& id, bool active) {
    FC_TRY(requireCapability(by, Capability::kManageSettings));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(get(id));
        const TableDef& t = tables::kServices;
        auto r = m_store.writer().update(t, id, {{t.columnIndex("active"), SqlValue::integer(active ? 1 : 0)}});
        if (!r) return r.error();
        return {};
    });
}

// [SECTION] reads

Result<std::vector<ServiceItem>> CatalogueService::list(bool activeOnly) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kServiceItemColumns +
                                            " FROM services WHERE deleted_at IS NULL AND (active = 1 OR ? = 0) "
                                            "ORDER BY sort, code, id"));
    s->bind(1, activeOnly ? 1 : 0);
    std::vector<ServiceItem> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(serviceItemFromRow(r)); }));
    return out;
}

Result<ServiceItem> CatalogueService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kServiceItemColumns +
                                            " FROM services WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("service: no service " + id);
    ServiceItem item = serviceItemFromRow(*s);
    s->reset();
    return item;
}

Result<std::optional<ServiceItem>> CatalogueService::findByCode(const std::string& code) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kServiceItemColumns +
                                            " FROM services WHERE code = ? AND deleted_at IS NULL "
                                            "ORDER BY id LIMIT 1"));
    s->bind(1, toLowerAscii(trim(code)));
    FC_ASSIGN(bool row, s->step());
    std::optional<ServiceItem> out;
    if (row) out = serviceItemFromRow(*s);
    s->reset();
    return out;
}

Result<bool> CatalogueService::present() {
    FC_ASSIGN(auto n, m_store.db().queryInt("SELECT EXISTS(SELECT 1 FROM services)"));
    return n.value_or(0) != 0;
}

// [SECTION] seeding

Result<int> CatalogueService::seedIfEmpty(Store& store, const ServiceMenu& menu) {
    FC_ASSIGN(auto n, store.db().queryInt("SELECT EXISTS(SELECT 1 FROM services)"));
    if (n.value_or(0) != 0) return 0;
    int added = 0;
    for (const ServiceItem& item : menu.items()) {
        ServiceInput in{.code = item.code,
                        .nameZh = item.nameZh,
                        .nameEn = item.nameEn,
                        .minutes = item.minutes,
                        .priceFen = item.priceFen,
                        .taxRateBp = item.taxRateBp,
                        .sort = item.sort};
        FC_ASSIGN(ServiceInput v, validate(in));
        FC_TRY(insertService(store, store.ids().next(), v, *v.sort));
        ++added;
    }
    return added;
}

}  // namespace fc::core
