// Index
//   [SECTION] phone index
//   [SECTION] search index (documents, trigram FTS, name bigrams)
//   [SECTION] query
#include "shared/customers/customer_search.hpp"

#include <algorithm>
#include <unordered_map>

#include "shared/core/text.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"

namespace fc::core {

const char* matchFieldKey(MatchField f) {
    switch (f) {
        case MatchField::kPhone: return "phone";
        case MatchField::kPlate: return "plate";
        case MatchField::kVin: return "vin";
        case MatchField::kName: return "name";
        case MatchField::kWechat: return "wechat";
    }
    return "?";
}

namespace {
constexpr size_t kPhoneTailIndexed = 4;  // customer_phone_tail (migration 6) indexes the last 4 digits
constexpr char kFieldSep = '\x1f';  // never typed, so no query matches across fields
constexpr char kListSep = ',';
}  // namespace

// [SECTION] phone index

Status PhoneIndex::changed(const RowChange& change) {
    if (&change.table != &tables::kCustomers) return {};
    static const int kPhones = tables::kCustomers.columnIndex("phones");
    static const int kDeleted = tables::kCustomers.columnIndex("deleted_at");
    const std::string& id = change.id;
    std::vector<std::string> removed;
    std::vector<std::string> added;
    if (!change.known()) {
        // Nothing known about the old state (e.g. a rebuild of one row): start over. The delete
        // scans the index, so the write paths always pass what they changed.
        FC_ASSIGN(Stmt * del, m_db.cached("DELETE FROM customer_phone_idx WHERE customer_id = ?"));
        del->bind(1, id);
        FC_TRY(del->run());
        FC_ASSIGN(Stmt * q, m_db.cached("SELECT phones, deleted_at FROM customers WHERE id = ?"));
        q->bind(1, id);
        FC_ASSIGN(bool row, q->step());
        if (row && q->isNull(1)) added = splitPhones(q->getTextView(0));
        q->reset();
    } else if (change.op == ChangeOp::kInsert) {
        if ((*change.values)[static_cast<size_t>(kDeleted)].isNull())
            added = splitPhones((*change.values)[static_cast<size_t>(kPhones)].s);
    } else if (change.touches(kDeleted) &&
               !(*change.values)[static_cast<size_t>(kDeleted)].isNull()) {
        // Tombstoned: its numbers are free again.
        FC_ASSIGN(Stmt * q, m_db.cached("SELECT phones FROM customers WHERE id = ?"));
        q->bind(1, id);
        FC_ASSIGN(bool row, q->step());
        if (row) removed = splitPhones(q->getTextView(0));
        q->reset();
        if (change.touches(kPhones))
            for (auto& p : splitPhones((*change.previous)[static_cast<size_t>(kPhones)].s))
                removed.push_back(std::move(p));
    } else if (change.touches(kPhones)) {
        // A deleted customer's numbers stay out of the index even if a late edit changes them.
        FC_ASSIGN(Stmt * q, m_db.cached("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?"));
        q->bind(1, id);
        FC_ASSIGN(bool row, q->step());
        const bool deleted = !row || q->getInt(0) != 0;
        q->reset();
        if (deleted) return {};
        const auto before = splitPhones((*change.previous)[static_cast<size_t>(kPhones)].s);
        const auto after = splitPhones((*change.values)[static_cast<size_t>(kPhones)].s);
        for (const auto& p : before)
            if (std::find(after.begin(), after.end(), p) == after.end()) removed.push_back(p);
        for (const auto& p : after)
            if (std::find(before.begin(), before.end(), p) == before.end()) added.push_back(p);
    }
    if (!removed.empty()) {
        FC_ASSIGN(Stmt * del, m_db.cached(
                                  "DELETE FROM customer_phone_idx WHERE phone = ? AND customer_id = ?"));
        for (const auto& p : removed) {
            del->bindAll(p, id);
            FC_TRY(del->run());
        }
    }
    if (!added.empty()) {
        if (!m_insert) {
            FC_ASSIGN(Stmt st, m_db.prepare("INSERT OR IGNORE INTO customer_phone_idx(phone, "
                                            "customer_id) VALUES (?, ?)"));
            m_insert = std::make_unique<Stmt>(std::move(st));
        }
        Stmt* ins = m_insert.get();
        ins->reset();
        for (const auto& p : added) {
            ins->bindAll(p, id);
            FC_TRY(ins->run());
        }
    }
    return {};
}

Status PhoneIndex::rebuild() {
    FC_TRY(m_db.exec("DELETE FROM customer_phone_idx"));
    return m_db.exec(
        "INSERT OR IGNORE INTO customer_phone_idx(phone, customer_id) SELECT j.value, c.id FROM "
        "customers c, json_each('[\"' || replace(c.phones, ',', '\",\"') || '\"]') j WHERE "
        "c.deleted_at IS NULL AND c.phones <> ''");
}

namespace {

Status copyTables(Db& db, const std::vector<IndexTable>& tables, const std::string& schema) {
    for (const IndexTable& t : tables)
        FC_TRY(db.exec(std::string("INSERT INTO main.") + t.name + "(" + t.columns + ") SELECT " + t.columns +
                       " FROM " + schema + "." + t.name));
    return {};
}

}  // namespace

const std::vector<IndexTable>& PhoneIndex::tables() {
    static const std::vector<IndexTable> t = {{"customer_phone_idx", "phone,customer_id"}};
    return t;
}

Status PhoneIndex::loadFrom(const std::string& schema) {
    FC_TRY(m_db.exec("DELETE FROM customer_phone_idx"));
    return copyTables(m_db, tables(), schema);
}

// [SECTION] search index

Status SearchIndex::collect(const TableDef& table, const std::string& id) {
    if (&table == &tables::kCustomers) {
        m_pending.insert(id);
    } else if (&table == &tables::kVehicles) {
        // Everyone who ever owned it: a plate change or deletion must leave their documents too.
        FC_ASSIGN(Stmt * s, m_db.cached(
                                "SELECT DISTINCT customer_id FROM vehicle_ownerships WHERE vehicle_id = ?"));
        s->bind(1, id);
        FC_TRY(s->each([&](Stmt& r) {
            m_pending.insert(r.getText(0));
        }));
    } else if (&table == &tables::kVehicleOwnerships) {
        FC_ASSIGN(Stmt * s, m_db.cached(
                                "SELECT DISTINCT o2.customer_id FROM vehicle_ownerships o1 JOIN "
                                "vehicle_ownerships o2 ON o2.vehicle_id = o1.vehicle_id WHERE o1.id = ?"));
        s->bind(1, id);
        FC_TRY(s->each([&](Stmt& r) {
            m_pending.insert(r.getText(0));
        }));
    }
    return {};
}

Status SearchIndex::changed(const RowChange& change) {
    FC_TRY(collect(change.table, change.id));
    return flush();
}

Status SearchIndex::changedMany(const TableDef& table, const std::vector<std::string>& ids) {
    for (const auto& id : ids) FC_TRY(collect(table, id));
    return {};
}

Status SearchIndex::flush() {
    auto pending = std::move(m_pending);
    m_pending.clear();
    if (m_lazy) {
        FC_ASSIGN(Stmt * stale, m_db.cached("INSERT OR IGNORE INTO search_stale(customer_id) VALUES (?)"));
        for (const auto& id : pending) {
            stale->bind(1, id);
            FC_TRY(stale->run());
        }
        return {};
    }
    if (pending.size() < kBulkThreshold) {
        for (const auto& id : pending) FC_TRY(reindexCustomer(id));
        return {};
    }
    return reindexMany(pending);
}

Status SearchIndex::setLazy(bool lazy) {
    if (lazy) FC_TRY(m_db.exec("CREATE TABLE IF NOT EXISTS search_stale(customer_id TEXT PRIMARY KEY) WITHOUT ROWID"));
    else FC_TRY(catchUp());
    m_lazy = lazy;
    return {};
}

Status SearchIndex::catchUp() {
    FC_ASSIGN(auto exists, m_db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'search_stale'"));
    if (exists.value_or(0) == 0) return {};
    std::set<std::string> stale;
    {
        FC_ASSIGN(Stmt s, m_db.prepare("SELECT customer_id FROM search_stale"));
        FC_TRY(s.each([&](Stmt& r) {
            stale.insert(r.getText(0));
        }));
    }
    if (stale.empty()) return {};
    return inTx(m_db, [&]() -> Status {
        if (stale.size() < kBulkThreshold) {
            for (const auto& id : stale) FC_TRY(reindexCustomer(id));
        } else {
            FC_TRY(reindexMany(stale));
        }
        return m_db.exec("DELETE FROM search_stale");
    });
}

// Set-based rebuild for a bulk (import, seed, snapshot): a handful of statements instead of
// several per customer.
Status SearchIndex::reindexMany(const std::set<std::string>& ids) {
    FC_TRY(m_db.exec("CREATE TEMP TABLE IF NOT EXISTS fc_pending(id TEXT PRIMARY KEY) WITHOUT ROWID;"
                     "DELETE FROM temp.fc_pending;"));
    FC_ASSIGN(Stmt * ins, m_db.cached("INSERT INTO temp.fc_pending(id) VALUES (?)"));
    for (const auto& id : ids) {
        ins->bind(1, id);
        FC_TRY(ins->run());
    }
    FC_TRY(m_db.exec(
        "DELETE FROM search_bigram WHERE doc IN (SELECT doc FROM search_doc WHERE customer_id IN "
        "(SELECT id FROM temp.fc_pending));"
        "DELETE FROM search_doc WHERE customer_id IN (SELECT id FROM temp.fc_pending);"));
    // The same document layout as reindexCustomer: name, phones, plates, VINs, WeChat id. A
    // vehicle counts for its current owner: the latest ownership fact.
    FC_TRY(m_db.exec(
        "WITH own AS (SELECT DISTINCT o.vehicle_id FROM temp.fc_pending p "
        "  CROSS JOIN vehicle_ownerships o ON o.customer_id = p.id), "
        "cur AS (SELECT vehicle_id, customer_id FROM (SELECT o.vehicle_id, o.customer_id, "
        "  row_number() OVER (PARTITION BY o.vehicle_id ORDER BY o.since_ms DESC, o._hlc DESC) AS rn "
        "  FROM vehicle_ownerships o WHERE o.vehicle_id IN own) WHERE rn = 1), "
        "veh AS (SELECT cur.customer_id, group_concat(v.plate, ',') AS plates, "
        "  group_concat(nullif(v.vin, ''), ',') AS vins FROM cur JOIN vehicles v ON v.id = "
        "  cur.vehicle_id WHERE v.deleted_at IS NULL GROUP BY cur.customer_id) "
        "INSERT INTO search_doc(customer_id, name, body) "
        "SELECT c.id, c.name, c.name || char(31) || c.phones || char(31) || coalesce(veh.plates, '') "
        "  || char(31) || coalesce(veh.vins, '') || char(31) || c.wechat_id "
        "FROM temp.fc_pending p JOIN customers c ON c.id = p.id LEFT JOIN veh ON veh.customer_id = "
        "c.id WHERE c.deleted_at IS NULL;"));
    // Name bigrams (ASCII case-folded like toLowerAscii; pairs containing a space skipped).
    FC_TRY(m_db.exec(
        "WITH RECURSIVE g(doc, name, i) AS ("
        "  SELECT doc, lower(name), 1 FROM search_doc WHERE customer_id IN "
        "  (SELECT id FROM temp.fc_pending) AND length(name) >= 2 "
        "  UNION ALL SELECT doc, name, i + 1 FROM g WHERE i + 1 < length(name)) "
        "INSERT OR IGNORE INTO search_bigram(gram, doc) SELECT substr(name, i, 2), doc FROM g "
        "WHERE instr(substr(name, i, 2), ' ') = 0;"
        "DELETE FROM temp.fc_pending;"));
    return {};
}

Status SearchIndex::reindexCustomer(const std::string& customerId) {
    FC_ASSIGN(Stmt * c, m_db.cached(
                            "SELECT name, phones, wechat_id, deleted_at FROM customers WHERE id = ?"));
    c->bind(1, customerId);
    FC_ASSIGN(bool found, c->step());
    const bool live = found && c->isNull(3);
    std::string name;
    std::string body;
    if (live) {
        name = c->getText(0);
        body = name;
        body += kFieldSep;
        body += c->getTextView(1);
        body += kFieldSep;
        std::string wechat = c->getText(2);
        c->reset();
        FC_ASSIGN(Stmt * v, m_db.cached(
                                "SELECT v.plate, v.vin FROM vehicles v WHERE v.deleted_at IS NULL "
                                "AND v.id IN (SELECT vehicle_id FROM vehicle_ownerships WHERE "
                                "customer_id = ?1) AND (SELECT o.customer_id FROM vehicle_ownerships o "
                                "WHERE o.vehicle_id = v.id ORDER BY o.since_ms DESC, o._hlc DESC "
                                "LIMIT 1) = ?1 ORDER BY v.created_at"));
        v->bind(1, customerId);
        std::string plates;
        std::string vins;
        FC_TRY(v->each([&](Stmt& r) {
            if (!plates.empty()) plates += kListSep;
            plates += r.getTextView(0);
            if (!r.getTextView(1).empty()) {
                if (!vins.empty()) vins += kListSep;
                vins += r.getTextView(1);
            }
        }));
        body += plates;
        body += kFieldSep;
        body += vins;
        body += kFieldSep;
        body += wechat;
    } else {
        c->reset();
    }

    FC_ASSIGN(Stmt * q, m_db.cached("SELECT doc, body FROM search_doc WHERE customer_id = ?"));
    q->bind(1, customerId);
    FC_ASSIGN(bool exists, q->step());
    const int64_t doc = exists ? q->getInt(0) : 0;
    const bool same = exists && q->getTextView(1) == body;
    q->reset();
    if (same && live) return {};

    if (exists) {
        FC_ASSIGN(Stmt * db, m_db.cached("DELETE FROM search_bigram WHERE doc = ?"));
        db->bind(1, doc);
        FC_TRY(db->run());
    }
    if (!live) {
        if (exists) {
            FC_ASSIGN(Stmt * d, m_db.cached("DELETE FROM search_doc WHERE doc = ?"));
            d->bind(1, doc);
            FC_TRY(d->run());
        }
        return {};
    }
    int64_t docId = doc;
    if (exists) {
        FC_ASSIGN(Stmt * u, m_db.cached("UPDATE search_doc SET name = ?, body = ? WHERE doc = ?"));
        u->bindAll(name, body, doc);
        FC_TRY(u->run());
    } else {
        FC_ASSIGN(Stmt * i, m_db.cached(
                                "INSERT INTO search_doc(customer_id, name, body) VALUES (?, ?, ?)"));
        i->bindAll(customerId, name, body);
        FC_TRY(i->run());
        docId = m_db.lastInsertRowid();
    }
    // Every pair of adjacent characters in the name (case-folded for Latin names).
    const auto cps = decodeUtf8(toLowerAscii(name));
    FC_ASSIGN(Stmt * b, m_db.cached("INSERT OR IGNORE INTO search_bigram(gram, doc) VALUES (?, ?)"));
    for (size_t k = 0; k + 1 < cps.size(); ++k) {
        if (cps[k] == ' ' || cps[k + 1] == ' ') continue;
        std::string gram;
        appendUtf8(gram, cps[k]);
        appendUtf8(gram, cps[k + 1]);
        b->bindAll(gram, docId);
        FC_TRY(b->run());
    }
    return {};
}

Status SearchIndex::rebuild() {
    FC_TRY(m_db.exec("DELETE FROM search_bigram; DELETE FROM search_doc; "
                     "INSERT INTO search_fts(search_fts) VALUES ('delete-all');"));
    std::vector<std::string> ids;
    {
        FC_ASSIGN(Stmt s, m_db.prepare("SELECT id FROM customers WHERE deleted_at IS NULL"));
        FC_TRY(s.each([&](Stmt& r) {
            ids.push_back(r.getText(0));
        }));
    }
    const std::set<std::string> all(ids.begin(), ids.end());
    FC_TRY(reindexMany(all));
    return m_lazy ? m_db.exec("DELETE FROM search_stale") : Status{};
}

const std::vector<IndexTable>& SearchIndex::tables() {
    static const std::vector<IndexTable> t = {
        {"search_doc", "doc,customer_id,name,body"},
        {"search_bigram", "gram,doc"},
        {"search_fts_data", "id,block"},
        {"search_fts_idx", "segid,term,pgno"},
        {"search_fts_docsize", "id,sz"},
        {"search_fts_config", "k,v"},
    };
    return t;
}

Status SearchIndex::loadFrom(const std::string& schema) {
    // The FTS5 table is dropped and made anew rather than cleared: a connection caches an FTS5
    // index's structure, and a fresh table has no cache to go stale when its tables are filled
    // directly. The insert trigger is off meanwhile so the copied documents are not tokenized
    // again. Both are put back exactly as the migration wrote them, in the caller's transaction.
    FC_ASSIGN(auto fts, m_db.queryText("SELECT sql FROM main.sqlite_schema WHERE name = 'search_fts'"));
    FC_ASSIGN(auto trigger, m_db.queryText("SELECT sql FROM main.sqlite_schema WHERE name = 'search_doc_ai'"));
    if (!fts || !trigger) return internal("search index: the schema has no search_fts or search_doc_ai");
    FC_TRY(m_db.exec("DELETE FROM search_bigram; DELETE FROM search_doc; DROP TRIGGER search_doc_ai; "
                     "DROP TABLE search_fts;"));
    FC_TRY(m_db.exec(*fts));
    FC_TRY(m_db.exec("DELETE FROM search_fts_data; DELETE FROM search_fts_idx; DELETE FROM search_fts_docsize; "
                     "DELETE FROM search_fts_config;"));
    FC_TRY(copyTables(m_db, tables(), schema));
    FC_TRY(m_db.exec(*trigger));
    // Every document has its FTS5 size record: a cheap sign the copy is whole.
    FC_ASSIGN(auto mismatch, m_db.queryInt("SELECT (SELECT count(*) FROM search_doc) <> (SELECT count(*) FROM "
                                           "search_fts_docsize)"));
    if (mismatch.value_or(1) != 0) return invalid("search index: the copy's documents and FTS5 sizes disagree");
    // The copied FTS5 tables are outside input (a snapshot): garbage in them is accepted by a plain
    // copy and fails every later search ("database disk image is malformed"). FTS5 checks its
    // index against the documents; when that fails, the index is made anew from them (a fresh
    // table: nothing of the garbage, not even a cached structure, is read again).
    // SQLite 3.40's check does not compare an external-content index with its documents, so a
    // sample of documents is also looked up through the index (an emptied or cut index passes
    // the check but finds nothing).
    bool whole = m_db.exec("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')").ok();
    if (whole) {
        auto found = sampleFindsItsDocuments();
        whole = found.ok() && *found;
    }
    if (!whole) {
        FC_TRY(m_db.exec("DROP TRIGGER search_doc_ai; DROP TABLE search_fts;"));
        FC_TRY(m_db.exec(*fts));
        FC_TRY(m_db.exec(*trigger));
        FC_TRY(m_db.exec("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"));
    }
    return {};
}

Result<bool> SearchIndex::sampleFindsItsDocuments() {
    FC_ASSIGN(auto total, m_db.queryInt("SELECT count(*) FROM search_doc"));
    const int64_t step = std::max<int64_t>(1, total.value_or(0) / 32);
    FC_ASSIGN(Stmt sample, m_db.prepare("SELECT doc, body FROM search_doc WHERE doc % ? = 0 LIMIT 32"));
    sample.bind(1, step);
    FC_ASSIGN(Stmt find, m_db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH ? AND rowid = ?"));
    bool all = true;
    FC_TRY(sample.each([&](Stmt& r) -> Status {
        if (!all) return {};
        // The first three characters of a field: one trigram, a one-token phrase.
        const std::string body = r.getText(1);
        std::string gram;
        size_t start = 0;
        while (start < body.size() && gram.empty()) {
            size_t end = body.find(kFieldSep, start);
            if (end == std::string::npos) end = body.size();
            const auto cps = decodeUtf8(std::string_view(body).substr(start, end - start));
            if (cps.size() >= 3)
                for (size_t k = 0; k < 3; ++k) appendUtf8(gram, cps[k]);
            start = end + 1;
        }
        if (gram.empty()) return {};
        std::string phrase = "\"";
        for (char c : gram) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
        phrase += "\"";
        find.bindAll(phrase, r.getInt(0));
        FC_ASSIGN(bool row, find.step());
        all = row && find.getInt(0) == 1;
        find.reset();
        return {};
    }));
    return all;
}

// [SECTION] query

namespace {

struct Doc {
    std::string customerId;
    std::string name;
    std::string phones;
    std::string plates;
    std::string vins;
    std::string wechat;
};

Doc splitDoc(std::string customerId, std::string_view body) {
    Doc d;
    d.customerId = std::move(customerId);
    std::string* fields[] = {&d.name, &d.phones, &d.plates, &d.vins, &d.wechat};
    size_t f = 0;
    size_t start = 0;
    for (size_t i = 0; i <= body.size() && f < 5; ++i) {
        if (i == body.size() || body[i] == kFieldSep) {
            *fields[f++] = std::string(body.substr(start, i - start));
            start = i + 1;
        }
    }
    return d;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Best score of `q` against a comma-separated list: exact, suffix, prefix, then substring.
int listScore(std::string_view list, std::string_view q, int exact, int suffix, int prefix,
              int inner) {
    int best = 0;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(kListSep, start);
        if (end == std::string_view::npos) end = list.size();
        const std::string_view item = list.substr(start, end - start);
        if (!item.empty()) {
            if (item == q) best = std::max(best, exact);
            else if (endsWith(item, q)) best = std::max(best, suffix);
            else if (startsWith(item, q)) best = std::max(best, prefix);
            else if (item.find(q) != std::string_view::npos) best = std::max(best, inner);
        }
        start = end + 1;
    }
    return best;
}

void scoreDoc(const Doc& d, const std::string& q, const std::string& qUpper, SearchHit& hit) {
    struct Cand {
        int score;
        MatchField field;
    };
    const std::string nameLower = toLowerAscii(d.name);
    const std::string qLower = toLowerAscii(q);
    Cand best{0, MatchField::kName};
    auto consider = [&](int s, MatchField f) {
        if (s > best.score) best = {s, f};
    };
    if (nameLower == qLower) consider(900, MatchField::kName);
    else if (startsWith(nameLower, qLower)) consider(800, MatchField::kName);
    else if (nameLower.find(qLower) != std::string::npos) consider(650, MatchField::kName);
    // The end of a phone (the last four digits, as people read them out) names one customer; a
    // plate or VIN merely containing those digits is a weaker match.
    consider(listScore(d.phones, q, 1000, 780, 700, 600), MatchField::kPhone);
    consider(listScore(d.plates, qUpper, 1000, 760, 720, 700), MatchField::kPlate);
    consider(listScore(d.vins, qUpper, 1000, 740, 690, 680), MatchField::kVin);
    if (!d.wechat.empty() && toLowerAscii(d.wechat).find(qLower) != std::string::npos)
        consider(550, MatchField::kWechat);
    hit.score = best.score;
    hit.field = best.field;
}

}  // namespace

namespace {

// The query as the indexes see it: plates, phones and VINs are typed with separators, which are
// dropped; names are not searched with digits.
struct Query {
    std::string text;
    std::string upper;
    size_t chars = 0;
};

Query normalizeQuery(std::string_view raw) {
    Query q;
    q.text = cleanText(raw);
    bool hasDigit = false;
    for (char ch : q.text) hasDigit |= ch >= '0' && ch <= '9';
    if (hasDigit || looksLikePlate(q.text)) {
        std::string compact;
        for (char32_t cp : decodeUtf8(q.text))
            if (cp != ' ' && cp != '-' && cp != '.' && cp != 0xB7) appendUtf8(compact, cp);
        q.text = compact;
    }
    q.upper = toUpperAscii(q.text);
    q.chars = utf8Length(q.text);
    return q;
}

// The search documents a query may match, gathered from each index that can answer it; each
// source is capped, exact identifiers come first.
class Candidates {
public:
    struct Doc {
        int64_t doc;
        std::string customerId;
        std::string body;
    };

    Candidates(Db& db, const Query& q) : m_db(db), m_q(q) {}

    Result<std::vector<Doc>> gather() {
        FC_TRY(exact());
        FC_TRY(byPhoneTail());
        FC_TRY(byNameOrPlateStart());
        FC_TRY(bySubstring());
        std::sort(m_docs.begin(), m_docs.end(), [](const Doc& a, const Doc& b) { return a.doc < b.doc; });
        m_docs.erase(std::unique(m_docs.begin(), m_docs.end(), [](const Doc& a, const Doc& b) { return a.doc == b.doc; }),
                     m_docs.end());
        return std::move(m_docs);
    }

private:
    // search_doc columns every candidate query returns.
    static constexpr const char* kCols = "d.doc, d.customer_id, d.body";

    Status add(Stmt* s) {
        return s->each([&](Stmt& r) { m_docs.push_back({r.getInt(0), r.getText(1), r.getText(2)}); });
    }

    // Exact identifiers: they must win even when a substring query would return many rows, and
    // when one matches, a substring scan of the same digits adds nothing.
    Status exact() {
        static const std::string viaCar = std::string("SELECT ") + kCols +
                                   " FROM vehicles v JOIN vehicle_ownerships o ON o.vehicle_id = v.id JOIN "
                                   "search_doc d ON d.customer_id = o.customer_id WHERE ";
        if (auto phone = normalizeMobile(m_q.text); phone) {
            static const std::string kByPhone = std::string("SELECT ") + kCols +
                                            " FROM customer_phone_idx i JOIN search_doc d ON d.customer_id = "
                                            "i.customer_id WHERE i.phone = ?";
            FC_ASSIGN(Stmt * s, m_db.cached(kByPhone));
            s->bind(1, *phone);
            FC_TRY(add(s));
            m_exact = !m_docs.empty();
        }
        if (auto plate = normalizePlate(m_q.text); plate) {
            static const std::string kByPlate = viaCar + "v.plate = ? AND v.deleted_at IS NULL";
            FC_ASSIGN(Stmt * s, m_db.cached(kByPlate));
            s->bind(1, plate->text);
            FC_TRY(add(s));
            m_exact = !m_docs.empty();
        }
        if (auto vin = normalizeVin(m_q.text); vin) {
            static const std::string kByVin = viaCar + "v.vin = ? AND v.vin <> '' AND v.deleted_at IS NULL";
            FC_ASSIGN(Stmt * s, m_db.cached(kByVin));
            s->bind(1, vin->text);
            FC_TRY(add(s));
            m_exact = !m_docs.empty();
        }
        return {};
    }

    // The last digits of a phone, through the index on each number's last four digits: found
    // however many plates contain the same digits (the substring scan below is capped).
    Status byPhoneTail() {
        if (m_exact || m_q.chars < kPhoneTailIndexed || m_q.chars >= 11 || !allDigits(m_q.text))
            return {};
        static const std::string kByTail = std::string("SELECT ") + kCols +
                                           " FROM customer_phone_idx i JOIN search_doc d ON d.customer_id = "
                                           "i.customer_id WHERE substr(i.phone, -4) = ? AND i.phone LIKE ? LIMIT 100";
        FC_ASSIGN(Stmt * s, m_db.cached(kByTail));
        s->bindAll(m_q.text.substr(m_q.text.size() - kPhoneTailIndexed), "%" + m_q.text);
        return add(s);
    }

    static bool allDigits(std::string_view s) {
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return !s.empty();
    }

    Status byNameOrPlateStart() {
        static const std::string kByName = std::string("SELECT ") + kCols + " FROM search_doc d WHERE d.name = ? LIMIT 100";
        FC_ASSIGN(Stmt * s, m_db.cached(kByName));
        s->bind(1, m_q.text);
        FC_TRY(add(s));
        if (m_q.chars > 2 || !looksLikePlate(m_q.text)) return {};
        // "粤B": the start of a plate, through the plate index.
        static const std::string kByPlateStart = std::string("SELECT ") + kCols +
                                        " FROM vehicles v JOIN vehicle_ownerships o ON o.vehicle_id = v.id JOIN "
                                        "search_doc d ON d.customer_id = o.customer_id WHERE v.plate >= ? AND "
                                        "v.plate < ? AND v.deleted_at IS NULL LIMIT 100";
        FC_ASSIGN(Stmt * p, m_db.cached(kByPlateStart));
        p->bindAll(m_q.upper, m_q.upper + "\xF4\x8F\xBF\xBF");
        return add(p);
    }

    Status bySubstring() {
        if (m_q.chars >= 3 && !m_exact) {
            // LIKE through the trigram index ('%' and '_' in the query only widen the candidates;
            // scoring keeps real substring matches).
            static const std::string kByTrigram = std::string("SELECT ") + kCols +
                                            " FROM search_fts f JOIN search_doc d ON d.doc = f.rowid WHERE f.body "
                                            "LIKE ? LIMIT 100";
            FC_ASSIGN(Stmt * s, m_db.cached(kByTrigram));
            s->bind(1, "%" + m_q.text + "%");
            return add(s);
        }
        if (m_q.chars == 2) {
            static const std::string kByBigram = std::string("SELECT ") + kCols +
                                            " FROM search_bigram b JOIN search_doc d ON d.doc = b.doc WHERE b.gram "
                                            "= ? LIMIT 100";
            FC_ASSIGN(Stmt * s, m_db.cached(kByBigram));
            s->bind(1, toLowerAscii(m_q.text));
            return add(s);
        }
        if (m_q.chars == 1) {
            // One character: names starting with it (a surname), through the name index.
            static const std::string kBySurname = std::string("SELECT ") + kCols +
                                            " FROM search_doc d WHERE d.name >= ? AND d.name < ? LIMIT 100";
            FC_ASSIGN(Stmt * s, m_db.cached(kBySurname));
            s->bindAll(m_q.text, m_q.text + "\xF4\x8F\xBF\xBF");  // U+10FFFF sorts after every continuation
            return add(s);
        }
        return {};
    }

    Db& m_db;
    const Query& m_q;
    std::vector<Doc> m_docs;
    bool m_exact = false;
};

}  // namespace

Result<std::vector<SearchHit>> CustomerSearch::search(std::string_view query, size_t limit) {
    const Query q = normalizeQuery(query);
    if (q.text.empty()) return std::vector<SearchHit>{};
    FC_ASSIGN(auto docs, Candidates(m_db, q).gather());
    std::vector<SearchHit> hits;
    hits.reserve(docs.size());
    for (auto& cand : docs) {
        Doc d = splitDoc(std::move(cand.customerId), cand.body);
        SearchHit hit;
        scoreDoc(d, q.text, q.upper, hit);
        if (hit.score == 0) continue;  // a trigram match across a field we do not rank
        hit.customerId = d.customerId;
        hit.name = std::move(d.name);
        hit.phones = splitPhones(d.phones);
        hit.plates = splitPhones(d.plates);
        hits.push_back(std::move(hit));
    }
    std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.name != b.name) return a.name < b.name;
        return a.customerId < b.customerId;
    });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
}

}  // namespace fc::core
