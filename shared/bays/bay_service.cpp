// Index
//   [SECTION] keys
//   [SECTION] validation
//   [SECTION] changes
//   [SECTION] reads
#include "shared/bays/bay_service.hpp"

#include "shared/bays/tables.hpp"
#include "shared/capture/row.hpp"
#include "shared/core/text.hpp"

namespace fc::core {

// [SECTION] keys

const char* bayKindKey(BayKind k) {
    switch (k) {
        case BayKind::kLift:
            return "lift";
        case BayKind::kAlignment:
            return "alignment";
        case BayKind::kWash:
            return "wash";
        case BayKind::kEv:
            return "ev";
        case BayKind::kGeneral:
            return "general";
    }
    return "";
}

const std::vector<BayKind>& allBayKinds() {
    static const std::vector<BayKind> k = {BayKind::kLift, BayKind::kAlignment, BayKind::kWash,
                                           BayKind::kEv, BayKind::kGeneral};
    return k;
}

std::optional<BayKind> parseBayKind(std::string_view key) {
    for (BayKind k : allBayKinds())
        if (key == bayKindKey(k)) return k;
    return std::nullopt;
}

// [SECTION] validation

namespace {

constexpr size_t kMaxCode = 8;
constexpr int kMaxSortOrder = 9999;

Result<std::string> validCode(const std::string& raw) {
    std::string code = toUpperAscii(cleanText(raw));
    if (code.empty()) return invalid("code: give the bay a short code (B1, LIFT-2)");
    if (code.size() > kMaxCode)
        return invalid("code: at most " + std::to_string(kMaxCode) + " letters and digits");
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return invalid("code: use letters, digits and '-' only (B1, LIFT-2)");
    return code;
}

Result<std::string> validNameZh(const std::string& raw) {
    FC_ASSIGN(std::string name, cleanField(raw, "name (zh-CN)", 20));
    if (name.empty()) return invalid("name (zh-CN): the bay needs a name (1号举升位)");
    return name;
}

Status validSortOrder(int sortOrder) {
    if (sortOrder < 0 || sortOrder > kMaxSortOrder)
        return invalid("sort order: 0 to " + std::to_string(kMaxSortOrder));
    return {};
}

constexpr const char* kBayColumns =
    "id, code, name_zh, name_en, kind, active, sort_order, created_at, deleted_at";

Bay readBay(Stmt& s) {
    Bay b;
    b.id = s.getText(0);
    b.code = s.getText(1);
    b.nameZh = s.getText(2);
    b.nameEn = s.getText(3);
    b.kindKey = s.getText(4);
    b.kind = parseBayKind(b.kindKey);
    b.active = s.getInt(5) != 0;
    b.sortOrder = static_cast<int>(s.getInt(6));
    b.createdAt = s.getInt(7);
    b.deletedAt = s.getOptInt(8);
    return b;
}

}  // namespace

Result<BayInput> BayService::validate(const BayInput& input) {
    BayInput v = input;
    FC_ASSIGN(v.code, validCode(input.code));
    FC_ASSIGN(v.nameZh, validNameZh(input.nameZh));
    FC_ASSIGN(v.nameEn, cleanField(input.nameEn, "name (en)", 40));
    if (bayKindKey(input.kind)[0] == '\0') return invalid("kind: unknown bay kind");
    FC_TRY(validSortOrder(input.sortOrder));
    return v;
}

Status BayService::checkCodeFree(const std::string& code, const std::string& exceptId) {
    FC_ASSIGN(auto existing, findByCode(code));
    if (existing && existing->id != exceptId)
        return conflict("code: bay " + code + " already exists (" + existing->nameZh + ")");
    return {};
}

// [SECTION] changes

Result<std::string> BayService::create(const BayInput& input) {
    return inTx(m_store.db(), [&] { return createInTx(input); });
}

Result<std::string> BayService::createInTx(const BayInput& input) {
    FC_ASSIGN(BayInput v, validate(input));
    FC_TRY(checkCodeFree(v.code, ""));
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kBays)
                           .set("store_id", m_store.storeId())
                           .set("code", v.code)
                           .set("name_zh", v.nameZh)
                           .set("name_en", v.nameEn)
                           .set("kind", bayKindKey(v.kind))
                           .set("active", true)
                           .set("sort_order", v.sortOrder)
                           .set("created_at", m_store.nowMs())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kBays, id, row));
    return id;
}

Result<bool> BayService::update(const std::string& id, const BayPatch& patch) {
    return inTx(m_store.db(), [&]() -> Result<bool> {
        FC_ASSIGN(Bay current, get(id));
        if (current.deletedAt) return conflict("bay " + current.code + " was deleted");
        BayInput merged{.code = patch.code.value_or(current.code),
                        .nameZh = patch.nameZh.value_or(current.nameZh),
                        .nameEn = patch.nameEn.value_or(current.nameEn),
                        .kind = patch.kind.value_or(current.kind.value_or(BayKind::kGeneral)),
                        .sortOrder = patch.sortOrder.value_or(current.sortOrder)};
        FC_ASSIGN(BayInput v, validate(merged));
        FC_TRY(checkCodeFree(v.code, id));
        const TableDef& t = tables::kBays;
        std::vector<ColumnChange> changes = {
            {t.columnIndex("code"), SqlValue::text(v.code)},
            {t.columnIndex("name_zh"), SqlValue::text(v.nameZh)},
            {t.columnIndex("name_en"), SqlValue::text(v.nameEn)},
            {t.columnIndex("sort_order"), SqlValue::integer(v.sortOrder)}};
        // A kind this version does not know stays as it is unless the patch sets one.
        if (patch.kind || current.kind)
            changes.push_back({t.columnIndex("kind"), SqlValue::text(bayKindKey(v.kind))});
        return m_store.writer().update(t, id, changes);
    });
}

Status BayService::deactivate(const std::string& id) {
    return setActive(id, false);
}

Status BayService::reactivate(const std::string& id) {
    return setActive(id, true);
}

Status BayService::setActive(const std::string& id, bool active) {
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Bay b, get(id));
        if (b.deletedAt) return conflict("bay " + b.code + " was deleted");
        if (active) FC_TRY(checkCodeFree(b.code, id));
        const TableDef& t = tables::kBays;
        auto r = m_store.writer().update(
            t, id, {{t.columnIndex("active"), SqlValue::integer(active ? 1 : 0)}});
        if (!r) return r.error();
        return {};
    });
}

// [SECTION] reads

Result<Bay> BayService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kBayColumns +
                                            " FROM bays WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("bay: no bay " + id);
    Bay b = readBay(*s);
    s->reset();
    return b;
}

Result<std::vector<Bay>> BayService::list(bool includeInactive) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kBayColumns +
                                            " FROM bays WHERE deleted_at IS NULL AND (active = 1 "
                                            "OR ?) ORDER BY sort_order, code, id"));
    s->bind(1, includeInactive ? 1 : 0);
    std::vector<Bay> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(readBay(r)); }));
    return out;
}

Result<std::optional<Bay>> BayService::findByCode(std::string_view code) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kBayColumns +
                                            " FROM bays WHERE code = ? AND deleted_at IS NULL "
                                            "ORDER BY active DESC, id LIMIT 1"));
    s->bind(1, toUpperAscii(trim(code)));
    FC_ASSIGN(bool row, s->step());
    std::optional<Bay> out;
    if (row) out = readBay(*s);
    s->reset();
    return out;
}

}  // namespace fc::core
