#include "sync/protocol.hpp"

#include <climits>
#include <cstdint>

#include "shared/core/text.hpp"
#include "shared/registry.hpp"
#include "shared/staff/badge_key.hpp"

namespace fc::sync {

using nlohmann::json;

const char* opName(ChangeOp op) {
    switch (op) {
        case ChangeOp::kInsert: return "insert";
        case ChangeOp::kUpdate: return "update";
        case ChangeOp::kTombstone: return "delete";
        case ChangeOp::kFact: return "fact";
    }
    return "?";
}

namespace {

Result<ChangeOp> parseOp(const std::string& s) {
    if (s == "insert") return ChangeOp::kInsert;
    if (s == "update") return ChangeOp::kUpdate;
    if (s == "delete") return ChangeOp::kTombstone;
    if (s == "fact") return ChangeOp::kFact;
    return core::invalid("unknown op '" + s + "' (insert, update, delete, fact)");
}

Status checkValue(const core::ColumnDef& col, const json& v) {
    if (v.is_null()) return {};
    if (col.integer) {
        int64_t ignored = 0;
        if (!jsonInt64(v, ignored))
            return core::invalid("column " + col.name + " must be an integer or null");
        return {};
    }
    if (!v.is_string()) return core::invalid("column " + col.name + " must be a string or null");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > (col.large ? core::kMaxLargeTextBytes : core::kMaxTextBytes))
        return core::invalid("column " + col.name + (col.large ? " is longer than 1 MiB" : " is longer than 64 KiB"));
    if (!core::isValidUtf8(s)) return core::invalid("column " + col.name + " is not valid UTF-8");
    return {};
}

bool validId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

template <class T>
Result<T> field(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) return core::invalid(std::string("missing field '") + name + "'");
    if constexpr (std::is_same_v<T, int64_t>) {
        int64_t v = 0;
        if (!jsonInt64(*it, v)) return core::invalid(std::string("field '") + name + "' must be an integer");
        return v;
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!it->is_string()) return core::invalid(std::string("field '") + name + "' must be a string");
        return it->template get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!it->is_boolean()) return core::invalid(std::string("field '") + name + "' must be true or false");
        return it->template get<bool>();
    }
}

JsonLimits responseLimits() {
    JsonLimits l;
    l.maxBytes = kMaxResponseBytes;
    l.maxValues = 2'000'000;
    return l;
}

// Small bodies: enrolment, health, error answers.
JsonLimits smallLimits() {
    JsonLimits l;
    l.maxBytes = 64u << 10;
    l.maxDepth = 8;
    l.maxValues = 1000;
    return l;
}

Result<json> parseObject(std::string_view body, const char* what, const JsonLimits& limits = {}) {
    FC_ASSIGN(json j, parseJson(body, what, limits));
    if (!j.is_object()) return core::invalid(std::string(what) + ": expected a JSON object");
    return j;
}

// Builds the document like json::parse does, but stops at the first value beyond the limits:
// nothing deeper or larger is ever allocated, and copying or destroying the result never recurses
// deeper than maxDepth.
class BoundedSax {
public:
    BoundedSax(json& out, const JsonLimits& limits) : m_dom(out, false), m_limits(limits) {}
    bool null() { return count() && m_dom.null(); }
    bool boolean(bool v) { return count() && m_dom.boolean(v); }
    bool number_integer(json::number_integer_t v) { return count() && m_dom.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return count() && m_dom.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& s) { return count() && m_dom.number_float(v, s); }
    bool string(json::string_t& v) { return count() && m_dom.string(v); }
    bool binary(json::binary_t& v) { return count() && m_dom.binary(v); }
    bool start_object(std::size_t n) { return enter() && m_dom.start_object(n); }
    bool key(json::string_t& k) { return count() && m_dom.key(k); }
    bool end_object() {
        --m_depth;
        return m_dom.end_object();
    }
    bool start_array(std::size_t n) { return enter() && m_dom.start_array(n); }
    bool end_array() {
        --m_depth;
        return m_dom.end_array();
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        if (m_why.empty()) m_why = "not valid JSON";
        return false;
    }
    const std::string& why() const { return m_why; }

private:
    bool count() {
        if (++m_values <= m_limits.maxValues) return true;
        m_why = "more than " + std::to_string(m_limits.maxValues) + " values";
        return false;
    }
    bool enter() {
        if (!count()) return false;
        if (++m_depth <= m_limits.maxDepth) return true;
        m_why = "nested deeper than " + std::to_string(m_limits.maxDepth) + " levels";
        return false;
    }
    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    const JsonLimits& m_limits;
    size_t m_values = 0;
    int m_depth = 0;
    std::string m_why;
};

}  // namespace

Result<json> parseJson(std::string_view text, const char* what, const JsonLimits& limits) {
    if (text.size() > limits.maxBytes) return core::invalid(std::string(what) + ": body too large");
    json out;
    BoundedSax sax(out, limits);
    const bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true, false);
    if (!ok || !sax.why().empty())
        return core::invalid(std::string(what) + ": " + (sax.why().empty() ? "not valid JSON" : sax.why()));
    return out;
}

bool jsonInt64(const json& v, int64_t& out) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<uint64_t>();
        if (u > static_cast<uint64_t>(INT64_MAX)) return false;
        out = static_cast<int64_t>(u);
        return true;
    }
    if (!v.is_number_integer()) return false;
    out = v.get<int64_t>();
    return true;
}

void upgradeShape(const TableDef& table, ChangeOp op, json& data) {
    if ((op != ChangeOp::kInsert && op != ChangeOp::kFact) || !data.is_array() ||
        data.size() >= table.columns.size())
        return;
    for (const auto& added : table.columns) {
        if (added.since == 0) continue;
        // The shape before version `added.since`: the columns that existed then, in order.
        size_t before = 0;
        for (const auto& c : table.columns) before += c.since < added.since;
        if (before != data.size()) continue;
        json out = json::array();
        size_t i = 0;
        for (const auto& c : table.columns) out.push_back(c.since < added.since ? data[i++] : json());
        data = std::move(out);
        return;
    }
}

Status validateData(const TableDef& table, ChangeOp op, const json& data) {
    switch (op) {
        case ChangeOp::kInsert:
        case ChangeOp::kFact: {
            if (op == ChangeOp::kFact && table.isMaster())
                return core::invalid(table.name + " is master data: op must be insert, not fact");
            if (op == ChangeOp::kInsert && !table.isMaster())
                return core::invalid(table.name + " holds facts: op must be fact");
            if (!data.is_array() || data.size() != table.columns.size())
                return core::invalid("data must be an array of " + std::to_string(table.columns.size()) +
                                     " values for " + table.name);
            for (size_t i = 0; i < table.columns.size(); ++i) FC_TRY(checkValue(table.columns[i], data[i]));
            const auto& store = data[0];
            if (!store.is_string() || store.get_ref<const std::string&>().empty())
                return core::invalid("store_id must be set");
            return {};
        }
        case ChangeOp::kUpdate: {
            if (!table.isMaster()) return core::invalid(table.name + " holds facts: they are never updated");
            if (!data.is_object() || data.empty())
                return core::invalid("data must be an object of changed columns");
            for (auto it = data.begin(); it != data.end(); ++it) {
                const int col = table.columnIndex(it.key());
                if (col < 0) return core::invalid(table.name + " has no column '" + it.key() + "'");
                if (it.key() == "store_id") return core::invalid("store_id cannot change");
                if (it.key() == "deleted_at") return core::invalid("deleted_at changes only by a delete");
                FC_TRY(checkValue(table.columns[static_cast<size_t>(col)], it.value()));
            }
            return {};
        }
        case ChangeOp::kTombstone: {
            if (!table.isMaster()) return core::invalid(table.name + " holds facts: they are never deleted");
            int64_t at = 0;
            if (!data.is_object() || data.size() != 1 || !data.contains("deleted_at") ||
                !jsonInt64(data["deleted_at"], at))
                return core::invalid("data must be {\"deleted_at\": ms}");
            return {};
        }
    }
    return core::invalid("unknown op");
}

json encodeChange(const Change& c, bool withHubFields) {
    json j = {{"seq", c.seq},
              {"hlc", c.hlc.value},
              {"table", c.table->name},
              {"id", c.id},
              {"op", opName(c.op)},
              {"data", c.data},
              {"known", c.knownSeq}};
    if (withHubFields) {
        j["hub_seq"] = c.hubSeq;
        j["device"] = c.device;
    }
    return j;
}

Result<Change> decodeChange(const json& j, bool withHubFields, size_t index) {
    auto where = [&](const Error& e) {
        return e.context("change " + std::to_string(index));
    };
    if (!j.is_object()) return where(core::invalid("expected an object"));
    Change c;
    auto seq = field<int64_t>(j, "seq");
    if (!seq) return where(seq.error());
    c.seq = *seq;
    auto hlc = j.find("hlc");
    if (hlc == j.end() || !hlc->is_number_unsigned())
        return where(core::invalid("field 'hlc' must be a non-negative integer"));
    c.hlc = core::Hlc{hlc->get<uint64_t>()};
    auto table = field<std::string>(j, "table");
    if (!table) return where(table.error());
    c.table = wireSchema().find(*table);
    if (!c.table) return where(core::invalid("unknown table '" + *table + "'"));
    auto id = field<std::string>(j, "id");
    if (!id) return where(id.error());
    if (!validId(*id)) return where(core::invalid("field 'id' is not a row id"));
    c.id = *id;
    auto op = field<std::string>(j, "op");
    if (!op) return where(op.error());
    auto parsed = parseOp(*op);
    if (!parsed) return where(parsed.error());
    c.op = *parsed;
    auto data = j.find("data");
    if (data == j.end()) return where(core::invalid("missing field 'data'"));
    c.data = *data;
    upgradeShape(*c.table, c.op, c.data);
    if (auto v = validateData(*c.table, c.op, c.data); !v)
        return where(v.error().context(*table + " " + c.id));
    if (j.contains("known")) {
        auto known = field<int64_t>(j, "known");
        if (!known || *known < 0) return where(core::invalid("field 'known' must be a non-negative integer"));
        c.knownSeq = *known;
    }
    if (c.seq < 0) return where(core::invalid("field 'seq' must not be negative"));
    if (withHubFields) {
        auto hubSeq = field<int64_t>(j, "hub_seq");
        if (!hubSeq) return where(hubSeq.error());
        c.hubSeq = *hubSeq;
        auto dev = field<std::string>(j, "device");
        if (!dev) return where(dev.error());
        c.device = *dev;
    }
    return c;
}

const core::StoreSchema& wireSchema() { return core::storeRegistry().schema(); }

Result<std::vector<Change>> pendingChanges(core::SyncState& sync, int64_t afterSeq, size_t limit,
                                           const std::string& device) {
    FC_ASSIGN(std::vector<core::OutboxEntry> entries, sync.pending(afterSeq, limit));
    std::vector<Change> out;
    out.reserve(entries.size());
    for (core::OutboxEntry& e : entries) {
        Change c;
        c.seq = e.seq;
        c.hlc = e.hlc;
        c.table = wireSchema().find(e.table);
        if (!c.table) return core::internal("outbox names an unknown table '" + e.table + "'");
        c.id = std::move(e.rowId);
        c.op = e.op;
        c.data = json::parse(e.payload);
        c.knownSeq = e.knownSeq;
        c.device = device;
        out.push_back(std::move(c));
    }
    return out;
}

std::string encodePushRequest(const PushRequest& r) {
    json changes = json::array();
    for (const auto& c : r.changes) changes.push_back(encodeChange(c, false));
    return json{{"device", r.deviceId}, {"schema", r.schema}, {"changes", std::move(changes)}}.dump();
}

Result<PushRequest> decodePushRequest(std::string_view body) {
    FC_ASSIGN(json j, parseObject(body, "push"));
    PushRequest r;
    FC_ASSIGN(r.deviceId, field<std::string>(j, "device"));
    FC_ASSIGN(int64_t schema, field<int64_t>(j, "schema"));
    // Read as the number it is: -(2^32)+5 is not 5.
    if (schema < 1 || schema > INT_MAX) return core::invalid("push: field 'schema' must be a schema version (1 or more)");
    r.schema = static_cast<int>(schema);
    auto changes = j.find("changes");
    if (changes == j.end() || !changes->is_array()) return core::invalid("push: 'changes' must be an array");
    if (changes->size() > kMaxBatch)
        return core::invalid("push: at most " + std::to_string(kMaxBatch) + " changes per batch");
    int64_t prev = -1;
    for (size_t i = 0; i < changes->size(); ++i) {
        FC_ASSIGN(Change c, decodeChange((*changes)[i], false, i));
        if (prev >= 0 && c.seq != prev + 1)
            return core::invalid("push: change " + std::to_string(i) + ": device sequence " +
                                 std::to_string(c.seq) + " does not follow " + std::to_string(prev));
        prev = c.seq;
        c.device = r.deviceId;  // a push carries one device's changes (the hub checks it is the token's)
        r.changes.push_back(std::move(c));
    }
    return r;
}

std::string encodePushResponse(const PushResponse& r) {
    json refused = json::array();
    for (const auto& x : r.refused) refused.push_back({{"seq", x.seq}, {"reason", x.reason}});
    return json{{"accepted_through", r.acceptedThrough},
                {"refused", std::move(refused)},
                {"hub_seq", r.hubSeq},
                {"hub_time", r.hubTime}}
        .dump();
}

Result<PushResponse> decodePushResponse(std::string_view body) {
    FC_ASSIGN(json j, parseObject(body, "push response", responseLimits()));
    PushResponse r;
    FC_ASSIGN(r.acceptedThrough, field<int64_t>(j, "accepted_through"));
    FC_ASSIGN(r.hubSeq, field<int64_t>(j, "hub_seq"));
    FC_ASSIGN(r.hubTime, field<int64_t>(j, "hub_time"));
    auto refused = j.find("refused");
    if (refused != j.end() && refused->is_array())
        for (const auto& x : *refused) {
            if (!x.is_object()) return core::invalid("push response: bad refusal");
            FC_ASSIGN(int64_t seq, field<int64_t>(x, "seq"));
            FC_ASSIGN(std::string reason, field<std::string>(x, "reason"));
            r.refused.push_back({seq, reason});
        }
    return r;
}

std::string encodePullResponse(const PullResponse& r) {
    json changes = json::array();
    for (const auto& c : r.changes) changes.push_back(encodeChange(c, true));
    json out{{"changes", std::move(changes)}, {"next", r.next}, {"more", r.more}, {"hub_time", r.hubTime}};
    if (!r.signInCounts.empty()) {
        json counts = json::array();
        for (const auto& c : r.signInCounts) counts.push_back({{"key", c.key}, {"failures", c.failures}});
        out["signin_counts"] = std::move(counts);
    }
    if (!r.badgeKey.empty()) out["badge_key"] = r.badgeKey;
    return out.dump();
}

Result<PullResponse> decodePullResponse(std::string_view body) {
    FC_ASSIGN(json j, parseObject(body, "pull response", responseLimits()));
    PullResponse r;
    FC_ASSIGN(r.next, field<int64_t>(j, "next"));
    if (r.next < 0) return core::invalid("pull response: field 'next' must not be negative");
    FC_ASSIGN(r.more, field<bool>(j, "more"));
    FC_ASSIGN(r.hubTime, field<int64_t>(j, "hub_time"));
    auto changes = j.find("changes");
    if (changes == j.end() || !changes->is_array()) return core::invalid("pull response: 'changes' must be an array");
    if (changes->size() > kMaxBatch)
        return core::invalid("pull response: more than " + std::to_string(kMaxBatch) + " changes");
    int64_t prev = 0;
    for (size_t i = 0; i < changes->size(); ++i) {
        FC_ASSIGN(Change c, decodeChange((*changes)[i], true, i));
        if (c.hubSeq <= prev) return core::invalid("pull response: hub sequence out of order");
        if (c.hubSeq > r.next) return core::invalid("pull response: a change lies beyond 'next'");
        prev = c.hubSeq;
        r.changes.push_back(std::move(c));
    }
    if (auto counts = j.find("signin_counts"); counts != j.end()) {
        if (!counts->is_array() || counts->size() > core::kMaxGuardCounts)
            return core::invalid("pull response: 'signin_counts' must be an array of at most " +
                                 std::to_string(core::kMaxGuardCounts));
        for (const auto& x : *counts) {
            if (!x.is_object()) return core::invalid("pull response: a sign-in count is not an object");
            FC_ASSIGN(std::string key, field<std::string>(x, "key"));
            FC_ASSIGN(int64_t failures, field<int64_t>(x, "failures"));
            if (!core::isGuardKey(key)) return core::invalid("pull response: a sign-in count has a bad key");
            if (failures < 1 || failures > 1'000'000)
                return core::invalid("pull response: a sign-in count must be 1 to 1000000");
            r.signInCounts.push_back({std::move(key), static_cast<int>(failures)});
        }
    }
    if (j.contains("badge_key")) {
        FC_ASSIGN(r.badgeKey, field<std::string>(j, "badge_key"));
        if (!core::isBadgeKey(r.badgeKey)) return core::invalid("pull response: 'badge_key' is not a badge key");
    }
    return r;
}

Result<EnrolRequest> decodeEnrolRequest(std::string_view body) {
    auto j = parseObject(body, "enroll", smallLimits());
    auto shape = [] { return core::invalid("enroll: expected {\"code\", \"device\", \"name\"}"); };
    if (!j) return shape();
    EnrolRequest r;
    auto code = field<std::string>(*j, "code");
    auto device = field<std::string>(*j, "device");
    if (!code || !device) return shape();
    r.code = std::move(*code);
    r.device = std::move(*device);
    auto name = j->find("name");
    if (name != j->end() && name->is_string()) r.name = name->get<std::string>();
    return r;
}

Result<EnrolAnswer> decodeEnrolAnswer(std::string_view body) {
    FC_ASSIGN(json j, parseObject(body, "enrolment answer", smallLimits()));
    EnrolAnswer a;
    FC_ASSIGN(a.role, field<std::string>(j, "role"));
    FC_ASSIGN(a.token, field<std::string>(j, "token"));
    if (a.token.empty() || a.token.size() > 256) return core::invalid("enrolment answer: field 'token' is not a token");
    if (j.contains("device")) {
        FC_ASSIGN(a.device, field<std::string>(j, "device"));
    }
    if (j.contains("store")) {
        FC_ASSIGN(a.store, field<std::string>(j, "store"));
    }
    if (j.contains("hub_time")) {
        FC_ASSIGN(a.hubTime, field<int64_t>(j, "hub_time"));
    }
    if (j.contains("badge_key")) {
        FC_ASSIGN(a.badgeKey, field<std::string>(j, "badge_key"));
        if (!core::isBadgeKey(a.badgeKey)) return core::invalid("enrolment answer: 'badge_key' is not a badge key");
    }
    return a;
}

Result<HealthAnswer> decodeHealthAnswer(std::string_view body) {
    FC_ASSIGN(json j, parseObject(body, "health answer", smallLimits()));
    HealthAnswer h;
    FC_ASSIGN(h.store, field<std::string>(j, "store"));
    if (!validId(h.store)) return core::invalid("health answer: field 'store' is not a store id");
    if (j.contains("schema")) {
        FC_ASSIGN(h.schema, field<int64_t>(j, "schema"));
    }
    if (j.contains("hub_time")) {
        FC_ASSIGN(h.hubTime, field<int64_t>(j, "hub_time"));
    }
    return h;
}

ErrorAnswer decodeErrorAnswer(std::string_view body) {
    ErrorAnswer e;
    auto j = parseObject(body, "error answer", smallLimits());
    if (!j) return e;
    if (auto v = field<std::string>(*j, "error")) e.error = std::move(*v);
    if (auto v = field<std::string>(*j, "message")) e.message = std::move(*v);
    if (!core::isValidUtf8(e.message)) e.message.clear();
    if (e.message.size() > 1024) {  // shown to a person; a hub has no reason for more
        size_t cut = 1024;
        while (cut > 0 && (static_cast<unsigned char>(e.message[cut]) & 0xC0) == 0x80) --cut;
        e.message.resize(cut);
    }
    if (auto v = field<int64_t>(*j, "resume_from")) e.resumeFrom = *v;
    return e;
}

std::string snapshotColumns(const core::TableDef& t) {
    std::string cols = "id";
    for (const auto& c : t.columns) cols += "," + c.name;
    return cols + ",_hlc,_dev";
}

}  // namespace fc::sync
