#include "sync/client.hpp"

#include "shared/db/migrations.hpp"

namespace fc::sync {

using core::Stmt;
using nlohmann::json;

SyncClient::SyncClient(core::StoreServices& services, Transport& transport)
    : m_services(services), m_transport(transport), m_merger(services.store()) {
    (void)loadState();
}

Status SyncClient::loadState() {
    core::Db& db = m_services.db();
    FC_ASSIGN(auto token, db.queryText("SELECT token FROM local_sync WHERE id = 1"));
    m_token = token.value_or("");
    FC_ASSIGN(auto cursor, db.queryInt("SELECT pull_cursor FROM local_state WHERE id = 1"));
    m_cursor = cursor.value_or(0);
    FC_ASSIGN(auto acked, db.queryInt("SELECT acked_seq FROM local_state WHERE id = 1"));
    m_acked = acked.value_or(0);
    return {};
}

Status SyncClient::setCredentials(const std::string& hubUrl, const std::string& token) {
    FC_ASSIGN(Stmt * s, m_services.db().cached("UPDATE local_sync SET hub_url = ?, token = ? WHERE id = 1"));
    s->bindAll(hubUrl, token);
    FC_TRY(s->run());
    m_token = token;
    return {};
}

Status SyncClient::correctClock(int64_t hubTime, int64_t sentAt, int64_t receivedAt) {
    // The hub's clock at the middle of the exchange, minus ours: added to our physical time.
    // A long-poll's hub_time is taken after its wait: only quick exchanges say where the hub is.
    if (receivedAt - sentAt > 2000) return {};
    const int64_t offset = hubTime - (sentAt + receivedAt) / 2;
    core::HlcClock& hlc = m_services.store().hlc();
    if (std::llabs(offset - hlc.offsetMs()) < 50) return {};
    hlc.setOffsetMs(offset);
    FC_ASSIGN(Stmt * s, m_services.db().cached("UPDATE local_state SET clock_offset_ms = ? WHERE id = 1"));
    s->bind(1, offset);
    return s->run();
}

namespace {

Error httpError(const HttpResult& r, const std::string& what) {
    json j = json::parse(r.body, nullptr, false);
    std::string message = j.is_object() && j.contains("message") && j["message"].is_string()
                              ? j["message"].get<std::string>()
                              : "HTTP " + std::to_string(r.status);
    core::Errc code = core::Errc::kIo;
    if (r.status == 401 || r.status == 403) code = core::Errc::kPermission;
    if (r.status == 426) code = core::Errc::kUnsupported;
    if (r.status == 400) code = core::Errc::kInvalid;
    return Error(code, what + ": " + message);
}

}  // namespace

Result<ExchangeReport> SyncClient::push() {
    ExchangeReport report;
    core::Db& db = m_services.db();
    const core::Clock& clock = m_services.store().clock();
    while (true) {
        PushRequest req;
        req.deviceId = m_services.store().device().deviceId;
        req.schema = core::currentSchemaVersion();
        FC_ASSIGN(req.changes, readOutbox(db, m_acked, batchSize, req.deviceId));
        if (req.changes.empty()) break;
        const int64_t sentAt = clock.nowMs();
        FC_ASSIGN(HttpResult http, m_transport.request("POST", "/v1/push", encodePushRequest(req), m_token));
        const int64_t receivedAt = clock.nowMs();
        if (http.status == 409) {
            json j = json::parse(http.body, nullptr, false);
            if (j.is_object() && j.value("error", "") == "gap" && j.contains("resume_from") &&
                j["resume_from"].is_number_integer()) {
                const int64_t resume = j["resume_from"].get<int64_t>();
                FC_ASSIGN(auto have, db.queryInt("SELECT min(seq) FROM outbox"));
                if (resume < have.value_or(0))
                    return Error(core::Errc::kConflict,
                                 "push: the hub asks for changes from " + std::to_string(resume) +
                                     " that this device no longer has");
                m_acked = resume - 1;
                continue;
            }
        }
        if (http.status != 200) return httpError(http, "push");
        FC_ASSIGN(PushResponse resp, decodePushResponse(http.body));
        FC_TRY(correctClock(resp.hubTime, sentAt, receivedAt));
        if (resp.acceptedThrough < req.changes.front().seq - 1)
            return core::internal("push: the hub acknowledged less than it was sent");
        core::Tx tx(db);
        FC_TRY(tx.begin());
        FC_ASSIGN(Stmt * a, db.cached("UPDATE local_state SET acked_seq = ? WHERE id = 1"));
        a->bind(1, resp.acceptedThrough);
        FC_TRY(a->run());
        // Acknowledged changes leave the outbox; the newest row stays so the sequence never repeats.
        FC_ASSIGN(Stmt * d, db.cached("DELETE FROM outbox WHERE seq <= ? AND seq < (SELECT max(seq) FROM outbox)"));
        d->bind(1, resp.acceptedThrough);
        FC_TRY(d->run());
        FC_TRY(tx.commit());
        report.pushed += static_cast<size_t>(resp.acceptedThrough - m_acked);
        m_acked = resp.acceptedThrough;
        report.refused += resp.refused.size();
        for (auto& r : resp.refused) report.refusals.push_back(std::move(r));
        if (req.changes.size() < batchSize) break;
    }
    return report;
}

Status SyncClient::retryParked(ExchangeReport& report) {
    core::Db& db = m_services.db();
    bool progress = true;
    while (progress) {
        progress = false;
        std::vector<std::pair<int64_t, std::string>> parked;
        {
            FC_ASSIGN(Stmt * s, db.cached("SELECT hub_seq, change FROM parked_changes ORDER BY hub_seq"));
            while (true) {
                FC_ASSIGN(bool row, s->step());
                if (!row) break;
                parked.emplace_back(s->getInt(0), s->getText(1));
            }
            s->reset();
        }
        for (const auto& [seq, text] : parked) {
            FC_ASSIGN(Change c, decodeChange(json::parse(text), true, 0));
            FC_ASSIGN(ApplyOutcome out, m_merger.apply(c));
            if (out.result == ApplyResult::kParked || out.result == ApplyResult::kMissingParent) continue;
            FC_ASSIGN(Stmt * d, db.cached("DELETE FROM parked_changes WHERE hub_seq = ?"));
            d->bind(1, seq);
            FC_TRY(d->run());
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
    const std::string& self = m_services.store().device().deviceId;
    core::Tx tx(db);
    FC_TRY(tx.begin());
    // Derived indexes (search) are brought up to date once per page, set-based.
    core::DeferredScope bulk(m_services.store().writer());
    FC_ASSIGN(auto parkedBefore, db.queryInt("SELECT count(*) FROM parked_changes"));
    report.parked = static_cast<size_t>(parkedBefore.value_or(0));
    for (const Change& c : page.changes) {
        ++report.pulled;
        if (failApplyAt > 0 && ++m_applyCount == failApplyAt)
            return core::internal("injected failure while applying a pulled page");
        (void)m_services.store().hlc().observe(c.hlc);
        if (c.device == self) continue;  // already applied here when it was written
        FC_ASSIGN(ApplyOutcome out, m_merger.apply(c));
        if (out.result == ApplyResult::kParked || out.result == ApplyResult::kMissingParent) {
            FC_ASSIGN(Stmt * p, db.cached("INSERT OR IGNORE INTO parked_changes(hub_seq, change) VALUES (?, ?)"));
            p->bindAll(c.hubSeq, encodeChange(c, true).dump());
            FC_TRY(p->run());
            ++report.parked;
            continue;
        }
        report.applied += out.result == ApplyResult::kApplied;
    }
    if (report.parked > 0) FC_TRY(retryParked(report));
    FC_ASSIGN(Stmt * u, db.cached("UPDATE local_state SET pull_cursor = ? WHERE id = 1"));
    u->bind(1, page.next);
    FC_TRY(u->run());
    FC_TRY(bulk.finish());
    FC_TRY(tx.commit());
    m_cursor = page.next;
    report.cursor = m_cursor;
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
        FC_ASSIGN(ExchangeReport r, applyPage(page));
        total.pulled += r.pulled;
        total.applied += r.applied;
        total.parked = r.parked;
        total.cursor = m_cursor;
        if (!page.more) break;
    }
    return total;
}

Result<size_t> SyncClient::initialSync() {
    try {
        return loadSnapshot();
    } catch (const json::exception& e) {
        return core::invalid(std::string("snapshot: malformed line: ") + e.what());
    }
}

Result<size_t> SyncClient::loadSnapshot() {
    FC_ASSIGN(HttpResult http, m_transport.request("GET", "/v1/snapshot", "", m_token));
    if (http.status != 200) return httpError(http, "snapshot");
    core::Db& db = m_services.db();
    core::Tx tx(db);
    FC_TRY(tx.begin());
    core::WriteModeScope mode(db, core::WriteMode::kApply);
    std::string_view body = http.body;
    int64_t cursor = -1;
    size_t rows = 0;
    bool ended = false;
    size_t lineNo = 0;
    while (!body.empty()) {
        const size_t nl = body.find('\n');
        const std::string_view line = body.substr(0, nl);
        body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
        ++lineNo;
        if (line.empty()) continue;
        json j = json::parse(line.begin(), line.end(), nullptr, false);
        auto bad = [&](const std::string& why) {
            return core::invalid("snapshot line " + std::to_string(lineNo) + ": " + why);
        };
        if (!j.is_object()) return bad("not a JSON object");
        if (lineNo == 1) {
            if (!j.contains("cursor") || !j["cursor"].is_number_integer()) return bad("no cursor");
            if (j.value("store", "") != m_services.store().storeId()) return bad("snapshot of another store");
            cursor = j["cursor"].get<int64_t>();
            continue;
        }
        if (j.contains("end")) {
            ended = true;
            if (j.value("rows", size_t{0}) != rows) return bad("row count does not match");
            break;
        }
        const core::TableDef* t = j.contains("t") && j["t"].is_string() ? core::findSyncedTable(j["t"].get<std::string>()) : nullptr;
        if (!t) return bad("unknown table");
        if (!j.contains("id") || !j["id"].is_string() || !j.contains("v") || !j["v"].is_array() ||
            j["v"].size() != t->columns.size() || !j.contains("h") || !j.contains("d"))
            return bad("malformed row");
        std::string names = "id";
        std::string params = "?";
        for (const auto& c : t->columns) names += "," + c.name, params += ",?";
        FC_ASSIGN(Stmt * ins, db.cached("INSERT OR IGNORE INTO " + t->name + "(" + names + ",_hlc,_dev) VALUES (" +
                                        params + ",?,?)"));
        int i = 1;
        ins->bind(i++, j["id"].get<std::string>());
        for (const auto& v : j["v"]) ins->bind(i++, jsonToSql(v));
        ins->bind(i++, static_cast<int64_t>(j["h"].get<uint64_t>()));
        ins->bind(i++, j["d"].get<std::string>());
        FC_TRY(ins->run());
        if (j.contains("cv") && j["cv"].is_object()) {
            FC_ASSIGN(Stmt * cv, db.cached("INSERT OR REPLACE INTO col_versions(tbl, row_id, col, hlc, dev) VALUES (?,?,?,?,?)"));
            for (auto it = j["cv"].begin(); it != j["cv"].end(); ++it) {
                if (!it.value().is_array() || it.value().size() != 2) return bad("malformed column version");
                cv->bindAll(t->name, j["id"].get<std::string>(), it.key(),
                            static_cast<int64_t>(it.value()[0].get<uint64_t>()), it.value()[1].get<std::string>());
                FC_TRY(cv->run());
            }
        }
        ++rows;
    }
    if (cursor < 0 || !ended) return core::invalid("snapshot: incomplete (no header or no end line)");
    FC_TRY(m_services.rebuildIndexes());
    FC_ASSIGN(Stmt * u, db.cached("UPDATE local_state SET pull_cursor = ? WHERE id = 1"));
    u->bind(1, cursor);
    FC_TRY(u->run());
    FC_TRY(tx.commit());
    m_cursor = cursor;
    return rows;
}

Result<ExchangeReport> SyncClient::exchange() {
    if (m_cursor == 0) {
        FC_ASSIGN(auto any, m_services.db().queryInt("SELECT (SELECT count(*) FROM customers) + "
                                                     "(SELECT count(*) FROM vehicles) + (SELECT count(*) FROM stores)"));
        if (any.value_or(0) == 0) FC_TRY(initialSync());
    }
    FC_ASSIGN(ExchangeReport pushed, push());
    FC_ASSIGN(ExchangeReport pulled, pull());
    pulled.pushed = pushed.pushed;
    pulled.refused = pushed.refused;
    pulled.refusals = std::move(pushed.refusals);
    return pulled;
}

}  // namespace fc::sync
