#include "sync/client.hpp"

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <ctime>
#include <map>

#include <unistd.h>

#include "shared/registry.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/staff/session.hpp"

namespace fc::sync {

using core::Stmt;
using nlohmann::json;

SyncClient::SyncClient(core::StoreServices& services, Transport& transport)
    : m_services(services), m_transport(transport), m_merger(services.store()) {
    (void)loadState();
}

Status SyncClient::loadState() {
    core::SyncState& sync = m_services.store().syncState();
    FC_ASSIGN(core::HubCredentials credentials, sync.credentials());
    m_token = credentials.token;
    FC_ASSIGN(m_cursor, sync.cursor());
    FC_ASSIGN(m_acked, sync.ackedSeq());
    return {};
}

Result<std::string> enrolledHubUrl(core::StoreServices& services) {
    FC_ASSIGN(core::HubCredentials credentials, services.store().syncState().credentials());
    return credentials.hubUrl;
}

Status SyncClient::setCredentials(const std::string& hubUrl, const std::string& token) {
    FC_TRY(m_services.store().syncState().setCredentials({hubUrl, token}));
    m_token = token;
    return {};
}

ClockCheck checkHubTime(int64_t hubTime, int64_t localMs) {
    auto date = [](int64_t ms) {
        const std::time_t t = static_cast<std::time_t>(std::clamp<int64_t>(ms, 0, int64_t{253402300799000}) / 1000);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[40];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
        return std::string(buf);
    };
    ClockCheck out;
    int64_t offset = 0;
    const bool overflow = __builtin_sub_overflow(hubTime, localMs, &offset);
    const bool hubPlausible = hubTime >= kEarliestPlausibleMs && hubTime < kLatestPlausibleMs;
    // A device whose own clock is implausible (a flat battery: 1970, 2000) takes any plausible
    // hub time; otherwise the two may differ by at most kMaxClockOffsetMs.
    const bool devicePlausible = localMs >= kEarliestPlausibleMs && localMs < kLatestPlausibleMs;
    if (hubPlausible && !overflow && (!devicePlausible || std::llabs(offset) <= kMaxClockOffsetMs)) {
        out.adopt = true;
        out.offsetMs = offset;
        return out;
    }
    std::string apart;
    if (!overflow) apart = ", " + std::to_string(std::llabs(offset) / 86'400'000) + " days from this device's";
    out.problem = "the hub's clock reads " + (hubPlausible ? date(hubTime) : std::string("an impossible time")) +
                  apart + ": not adopted; new records keep this device's time (" + date(localMs) +
                  "). Check the date and time on the hub and on this device.";
    return out;
}

Status SyncClient::correctClock(int64_t hubTime, int64_t sentAt, int64_t receivedAt) {
    // The hub's clock at the middle of the exchange, minus ours: added to our physical time.
    // A long-poll's hub_time is taken after its wait: only quick exchanges say where the hub is.
    if (receivedAt - sentAt > 2000 || receivedAt < sentAt) return {};
    const ClockCheck check = checkHubTime(hubTime, sentAt + (receivedAt - sentAt) / 2);
    if (!check.adopt) {
        m_clockProblem = check.problem;
        return {};
    }
    m_clockProblem.clear();
    core::HlcClock& hlc = m_services.store().hlc();
    if (std::llabs(check.offsetMs - hlc.offsetMs()) < 50) return {};
    hlc.setOffsetMs(check.offsetMs);
    return m_services.store().syncState().setClockOffsetMs(check.offsetMs);
}

namespace {

Error httpError(const HttpResult& r, const std::string& what) {
    const ErrorAnswer answer = decodeErrorAnswer(r.body);
    std::string message = !answer.message.empty() ? answer.message : "HTTP " + std::to_string(r.status);
    core::Errc code = core::Errc::kIo;
    if (r.status == 401 || r.status == 403) code = core::Errc::kPermission;
    if (r.status == 426) code = core::Errc::kUnsupported;
    if (r.status == 400) code = core::Errc::kInvalid;
    return Error(code, what + ": " + message);
}

}  // namespace

Result<ExchangeReport> SyncClient::push() {
    ExchangeReport report;
    core::SyncState& sync = m_services.store().syncState();
    const core::Clock& clock = m_services.store().clock();
    int gaps = 0;
    while (true) {
        PushRequest req;
        req.deviceId = m_services.store().device().deviceId;
        req.schema = wireSchema().version();
        FC_ASSIGN(req.changes, pendingChanges(sync, m_acked, batchSize, req.deviceId));
        if (req.changes.empty()) break;
        const int64_t sentAt = clock.nowMs();
        FC_ASSIGN(HttpResult http, m_transport.request("POST", "/v1/push", encodePushRequest(req), m_token));
        const int64_t receivedAt = clock.nowMs();
        if (http.status == 409) {
            const ErrorAnswer answer = decodeErrorAnswer(http.body);
            if (answer.error == "gap" && answer.resumeFrom) {
                // A gap means the hub has less than this batch assumes: it may ask to resume at or
                // before the first change sent, from a change this device still has; and it may
                // not send the device round in circles.
                const int64_t resume = *answer.resumeFrom;
                FC_ASSIGN(int64_t have, sync.oldestSeq());
                if (resume < have || resume < 1)
                    return Error(core::Errc::kConflict,
                                 "push: the hub asks for changes from " + std::to_string(resume) +
                                     " that this device no longer has");
                if (resume > req.changes.front().seq || ++gaps > 3)
                    return Error(core::Errc::kIo, "push: the hub's gap answer (resume from " + std::to_string(resume) +
                                                      ") does not fit what was sent; nothing is forgotten");
                m_acked = resume - 1;
                continue;
            }
        }
        if (http.status != 200) return httpError(http, "push");
        FC_ASSIGN(PushResponse resp, decodePushResponse(http.body));
        FC_TRY(correctClock(resp.hubTime, sentAt, receivedAt));
        if (resp.acceptedThrough < req.changes.front().seq - 1)
            return core::internal("push: the hub acknowledged less than it was sent");
        // Only what was sent can be acknowledged: a hub claiming more (accepted_through 10^9)
        // must not make the device forget changes it never pushed.
        const int64_t sentThrough = req.changes.back().seq;
        const int64_t acked = std::min(resp.acceptedThrough, sentThrough);
        FC_TRY(sync.acknowledge(acked));
        report.pushed += static_cast<size_t>(std::max<int64_t>(0, acked - m_acked));
        m_acked = acked;
        gaps = 0;
        for (auto& r : resp.refused) {
            if (r.seq < req.changes.front().seq || r.seq > sentThrough) continue;
            ++report.refused;
            report.refusals.push_back(std::move(r));
        }
        if (req.changes.size() < batchSize) break;
    }
    report.clockProblem = m_clockProblem;
    return report;
}

Status SyncClient::retryParked(ExchangeReport& report) {
    core::SyncState& sync = m_services.store().syncState();
    bool progress = true;
    while (progress) {
        progress = false;
        FC_ASSIGN(auto parked, sync.parked());
        for (const auto& [seq, text] : parked) {
            FC_ASSIGN(json stored, parseJson(text, "parked change"));
            FC_ASSIGN(Change c, decodeChange(stored, true, 0));
            FC_ASSIGN(ApplyOutcome out, m_merger.apply(c));
            if (out.result == ApplyResult::kParked || out.result == ApplyResult::kMissingParent) continue;
            FC_TRY(sync.unpark(seq));
            report.applied += out.result == ApplyResult::kApplied;
            --report.parked;
            progress = true;
        }
    }
    return {};
}

Result<ExchangeReport> SyncClient::applyPage(const PullResponse& page) {
    ExchangeReport report;
    core::Db& db = m_services.db();
    core::SyncState& sync = m_services.store().syncState();
    const std::string& self = m_services.store().device().deviceId;
    core::Tx tx(db);
    FC_TRY(tx.begin());
    // Derived indexes (search) are brought up to date once per page, set-based.
    core::DeferredScope bulk(m_services.store().writer());
    FC_ASSIGN(int64_t parkedBefore, sync.parkedCount());
    report.parked = static_cast<size_t>(parkedBefore);
    for (const Change& c : page.changes) {
        ++report.pulled;
        if (failApplyAt > 0 && ++m_applyCount == failApplyAt)
            return core::internal("injected failure while applying a pulled page");
        (void)m_services.store().hlc().observe(c.hlc);
        if (c.device == self) continue;  // already applied here when it was written
        FC_ASSIGN(ApplyOutcome out, m_merger.apply(c));
        if (out.result == ApplyResult::kParked || out.result == ApplyResult::kMissingParent) {
            FC_TRY(sync.park(c.hubSeq, encodeChange(c, true).dump()));
            ++report.parked;
            continue;
        }
        report.applied += out.result == ApplyResult::kApplied;
    }
    if (report.parked > 0) FC_TRY(retryParked(report));
    FC_TRY(sync.setCursor(page.next));
    FC_TRY(bulk.finish());
    FC_TRY(tx.commit());
    m_cursor = page.next;
    report.cursor = m_cursor;
    if (pageCommitted && (report.applied > 0 || !page.changes.empty())) pageCommitted(false);
    return report;
}

Result<ExchangeReport> SyncClient::pull(int64_t waitMs) {
    ExchangeReport total;
    const core::Clock& clock = m_services.store().clock();
    bool first = true;
    while (true) {
        std::string target = "/v1/pull?after=" + std::to_string(m_cursor) +
                             "&limit=" + std::to_string(batchSize);
        if (first && waitMs > 0) target += "&wait=" + std::to_string(waitMs);
        // A device enrolled before badges were hashed asks for the store's badge key.
        FC_ASSIGN(std::string badgeKey, core::badgeKey(m_services.db()));
        if (badgeKey.empty()) target += "&badge_key=1";
        first = false;
        const int64_t sentAt = clock.nowMs();
        FC_ASSIGN(HttpResult http, m_transport.request("GET", target, "", m_token));
        const int64_t receivedAt = clock.nowMs();
        if (http.status != 200) return httpError(http, "pull");
        FC_ASSIGN(PullResponse page, decodePullResponse(http.body));
        FC_TRY(correctClock(page.hubTime, sentAt, receivedAt));
        if (page.next < m_cursor) return core::internal("pull: the hub moved the cursor backwards");
        if (!page.changes.empty() && page.changes.front().hubSeq <= m_cursor)
            return core::internal("pull: the hub sent changes at or before the cursor");
        if (page.more && page.changes.empty())
            return core::internal("pull: the hub says there is more but sent nothing");
        FC_ASSIGN(ExchangeReport r, applyPage(page));
        FC_TRY(adoptHubState(page));
        total.pulled += r.pulled;
        total.applied += r.applied;
        total.parked = r.parked;
        total.cursor = m_cursor;
        if (!page.more) break;
    }
    total.clockProblem = m_clockProblem;
    return total;
}

Status SyncClient::adoptHubState(const PullResponse& page) {
    core::Db& db = m_services.db();
    if (!page.badgeKey.empty()) {
        FC_ASSIGN(std::string have, core::badgeKey(db));
        if (have.empty()) FC_TRY(core::setBadgeKey(db, page.badgeKey));
    }
    // The hub's count of wrong sign-ins: a wiped local table is locked again.
    if (page.signInCounts.empty()) return {};
    auto raised = core::adoptHubCounts(db, page.signInCounts, m_services.store().clock().nowMs(),
                                       m_services.get<core::SessionManager>().options().lockout);
    if (!raised) return raised.error();
    return {};
}

Result<HttpResult> Transport::download(const std::string& target, const std::string& token,
                                       const std::string& path) {
    FC_ASSIGN(HttpResult http, request("GET", target, "", token));
    if (http.status != 200) return http;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(http.body.data(), static_cast<std::streamsize>(http.body.size()));
    out.close();
    if (!out) return Error(core::Errc::kIo, "cannot write '" + path + "'");
    return HttpResult{200, {}};
}

namespace {

// Where a snapshot is downloaded to: beside the database (same disk), or the temp folder.
std::string snapshotPath(const core::Db& db) {
    const std::string& p = db.path();
    if (p.empty() || p == ":memory:" || p.rfind("file:", 0) == 0)
        return (std::filesystem::temp_directory_path() /
                ("fc-snapshot-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(&db)) + ".db"))
            .string();
    return p + ".snapshot";
}

// A snapshot file is outside input: before any row is read it must hold exactly the tables and
// columns of this format, be complete (a truncated download is refused), and be of our store and
// schema. Returns the cursor and the row count it announces.
Result<std::pair<int64_t, int64_t>> checkSnapshot(core::Db& db, const std::string& file,
                                                  const std::string& storeId) {
    auto bad = [&](const std::string& why) { return core::invalid("snapshot: " + why); };
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    FC_ASSIGN(auto pages, db.queryInt("PRAGMA snap.page_count"));
    FC_ASSIGN(auto pageSize, db.queryInt("PRAGMA snap.page_size"));
    if (ec || static_cast<uint64_t>(pages.value_or(0) * pageSize.value_or(0)) != size)
        return bad("the file is incomplete (" + std::to_string(size) + " bytes)");
    std::map<std::string, std::string> expected = {{"snap_meta", "key,value"},
                                                   {"col_versions", "tbl,row_id,col,hlc,dev"}};
    for (const core::TableDef* t : wireSchema().tables()) expected[t->name] = snapshotColumns(*t);
    for (const core::IndexTable& t : core::storeRegistry().indexTables()) expected[t.name] = t.columns;
    {
        FC_ASSIGN(Stmt q, db.prepare("SELECT type, name FROM snap.sqlite_schema"));
        size_t seen = 0;
        while (true) {
            FC_ASSIGN(bool row, q.step());
            if (!row) break;
            const std::string type = q.getText(0), name = q.getText(1);
            if (name.rfind("sqlite_autoindex_", 0) == 0 && type == "index") continue;
            if (type != "table" || !expected.count(name)) return bad("unexpected " + type + " '" + name + "'");
            ++seen;
        }
        if (seen != expected.size()) return bad("tables are missing");
    }
    FC_ASSIGN(Stmt cols, db.prepare("SELECT group_concat(name, ',') FROM "
                                    "(SELECT name FROM pragma_table_xinfo(?, 'snap') ORDER BY cid)"));
    for (const auto& [table, columns] : expected) {
        cols.bind(1, table);
        FC_ASSIGN(bool row, cols.step());
        const std::string got = row && !cols.isNull(0) ? cols.getText(0) : "";
        cols.reset();
        if (got != columns) return bad("table '" + table + "' has columns (" + got + ")");
    }
    FC_ASSIGN(Stmt meta, db.prepare("SELECT key, value FROM snap.snap_meta"));
    std::map<std::string, core::SqlValue> m;
    FC_TRY(meta.each([&](Stmt& r) {
        m[r.getText(0)] = r.getValue(1);
    }));
    auto integer = [&](const char* key) -> std::optional<int64_t> {
        auto it = m.find(key);
        if (it == m.end() || it->second.type != core::SqlValue::Type::kInt) return std::nullopt;
        return it->second.i;
    };
    auto text = [&](const char* key) -> std::string {
        auto it = m.find(key);
        return it != m.end() && it->second.type == core::SqlValue::Type::kText ? it->second.s : "";
    };
    if (integer("format") != kSnapshotFormat) return bad("unknown format");
    if (text("store") != storeId) return bad("snapshot of another store");
    if (integer("schema") != wireSchema().version())
        return bad("schema " + std::to_string(integer("schema").value_or(0)) + ", this device has " +
                   std::to_string(wireSchema().version()));
    const auto cursor = integer("cursor");
    const auto rows = integer("rows");
    if (!cursor || *cursor < 0 || !rows || *rows < 0) return bad("no cursor or row count");
    return std::pair{*cursor, *rows};
}

}  // namespace

Result<SnapshotMeta> inspectSnapshot(core::Db& db, const std::string& file, const std::string& storeId) {
    FC_ASSIGN(Stmt attach, db.prepare("ATTACH DATABASE ? AS snap"));
    attach.bind(1, file);
    if (auto a = attach.run(); !a)
        return core::invalid("snapshot: the file is incomplete or not a database (" + a.error().message + ")");
    auto checked = checkSnapshot(db, file, storeId);
    (void)db.exec("DETACH DATABASE snap");
    if (!checked) return checked.error();
    return SnapshotMeta{checked->first, checked->second};
}

Result<size_t> SyncClient::initialSync() {
    core::Db& db = m_services.db();
    const std::string file = snapshotPath(db);
    struct Cleanup {
        core::Db& db;
        std::string file;
        bool attached = false;
        ~Cleanup() {
            if (attached) (void)db.exec("DETACH DATABASE snap");
            std::error_code ec;
            std::filesystem::remove(file, ec);
        }
    } cleanup{db, file};
    FC_ASSIGN(HttpResult http, m_transport.download("/v1/snapshot", m_token, file));
    if (http.status != 200) return httpError(http, "snapshot");
    FC_ASSIGN(Stmt attach, db.prepare("ATTACH DATABASE ? AS snap"));
    attach.bind(1, file);
    if (auto a = attach.run(); !a)
        return core::invalid("snapshot: the file is incomplete or not a database (" + a.error().message + ")");
    cleanup.attached = true;
    FC_ASSIGN(auto announced, checkSnapshot(db, file, m_services.store().storeId()));
    const auto [cursor, rows] = announced;

    // The whole copy fits in the page cache, so no page is written to the log twice (a spill
    // mid-transaction writes it once more at commit); the usual size comes back afterwards.
    FC_ASSIGN(auto cacheKiB, db.queryInt("PRAGMA cache_size"));
    struct CacheSize {
        core::Db& db;
        int64_t restore;
        ~CacheSize() { (void)db.exec("PRAGMA cache_size=" + std::to_string(restore)); }
    } cache{db, cacheKiB.value_or(-2000)};
    {
        std::error_code ec;
        const auto bytes = static_cast<int64_t>(std::filesystem::file_size(file, ec));
        if (!ec) FC_TRY(db.exec("PRAGMA cache_size=-" + std::to_string(std::max<int64_t>(64 * 1024, bytes / 1024 * 2))));
    }

    core::Tx tx(db);
    FC_TRY(tx.begin());
    core::WriteModeScope mode(db, core::WriteMode::kApply);
    int64_t copied = 0;
    for (const core::TableDef* t : wireSchema().tables()) {
        const std::string cols = snapshotColumns(*t);
        FC_ASSIGN(auto n, db.queryInt("SELECT count(*) FROM snap." + t->name));
        copied += n.value_or(0);
        // Into an empty table the rows go in without its secondary indexes and its insert guard
        // (a trigger run per row), which come back right after — the same SQL, in this same
        // transaction, so no committed state ever lacks them; the indexes are then built once
        // from sorted keys. Half the time of the copy.
        std::vector<std::pair<std::string, std::string>> setAside;  // (DROP statement, CREATE sql)
        FC_ASSIGN(auto empty, db.queryInt("SELECT NOT EXISTS (SELECT 1 FROM main." + t->name + ")"));
        if (empty.value_or(0) == 1 && n.value_or(0) > 1000) {
            FC_ASSIGN(Stmt q, db.prepare("SELECT type, name, sql FROM main.sqlite_schema WHERE tbl_name = ? AND "
                                         "sql IS NOT NULL AND (type = 'index' OR name = ? || '_guard_insert')"));
            q.bindAll(t->name, t->name);
            FC_TRY(q.each([&](Stmt& r) {
                const std::string kind = r.getText(0) == "index" ? "INDEX" : "TRIGGER";
                setAside.emplace_back("DROP " + kind + " main." + r.getText(1), r.getText(2));
            }));
            for (const auto& [drop, create] : setAside) FC_TRY(db.exec(drop));
        }
        FC_TRY(db.exec("INSERT OR IGNORE INTO main." + t->name + "(" + cols + ") SELECT " + cols +
                       " FROM snap." + t->name));
        for (const auto& [drop, create] : setAside) FC_TRY(db.exec(create));
    }
    if (copied != rows) return core::invalid("snapshot: " + std::to_string(copied) + " rows, " +
                                             std::to_string(rows) + " announced");
    FC_TRY(db.exec("INSERT OR REPLACE INTO main.col_versions(tbl, row_id, col, hlc, dev) "
                   "SELECT tbl, row_id, col, hlc, dev FROM snap.col_versions"));
    FC_TRY(m_services.loadIndexesFrom("snap"));
    FC_TRY(m_services.store().syncState().setCursor(cursor));
    FC_TRY(tx.commit());
    m_cursor = cursor;
    if (pageCommitted) pageCommitted(true);
    return static_cast<size_t>(rows);
}

Result<ExchangeReport> SyncClient::exchange() {
    if (m_cursor == 0) {
        bool empty = true;
        for (const core::TableDef* t : wireSchema().tables()) {
            FC_ASSIGN(auto any, m_services.db().queryInt("SELECT EXISTS (SELECT 1 FROM " + t->name + ")"));
            empty &= any.value_or(0) == 0;
        }
        if (empty) FC_TRY(initialSync());
    }
    FC_ASSIGN(ExchangeReport pushed, push());
    FC_ASSIGN(ExchangeReport pulled, pull());
    pulled.pushed = pushed.pushed;
    pulled.refused = pushed.refused;
    pulled.refusals = std::move(pushed.refusals);
    pulled.clockProblem = m_clockProblem;
    return pulled;
}

}  // namespace fc::sync
