#include "tests/e2e/support/hub.hpp"

#include <signal.h>

#include <atomic>

#include <nlohmann/json.hpp>

#include "shared/staff/badge_key.hpp"

namespace fc::test {

using nlohmann::json;

const core::SystemClock& systemClock() {
    static const core::SystemClock clock;
    return clock;
}

std::string trimLine(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

core::Status HubProcess::start(const std::vector<std::string>& extra, int port) {
    m_proc = std::make_unique<ChildProcess>();
    std::vector<std::string> argv = {FC_HUB_PATH, "--db", m_db, "--listen", "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    FC_TRY(m_proc->start(argv, m_dir.file("hub-run" + std::to_string(++m_runs))));
    // "forecourt-hub listening on http://127.0.0.1:PORT (store ID, hub_seq N)"
    const std::string banner = "forecourt-hub listening on ";
    FC_ASSIGN(const std::string line, m_proc->waitForLine(banner, 30'000));
    const size_t urlEnd = line.find(' ', banner.size());
    const size_t colon = line.rfind(':', urlEnd);
    const size_t storeAt = line.find("(store ");
    const size_t storeEnd = line.find(',', storeAt);
    const size_t seqAt = line.find("hub_seq ");
    if (urlEnd == std::string::npos || colon == std::string::npos || storeAt == std::string::npos ||
        storeEnd == std::string::npos || seqAt == std::string::npos)
        return core::invalid("unexpected hub banner: " + line);
    m_url = line.substr(banner.size(), urlEnd - banner.size());
    m_port = std::stoi(line.substr(colon + 1, urlEnd - colon - 1));
    m_storeId = line.substr(storeAt + 7, storeEnd - storeAt - 7);
    m_startSeq = std::stoll(line.substr(seqAt + 8));
    m_fingerprint.clear();
    // With a certificate, printed before the banner: "forecourt-hub certificate fingerprint: XXXX-…; …"
    const std::string out = m_proc->stdoutText();
    const std::string tag = "forecourt-hub certificate fingerprint: ";
    if (const size_t found = out.find(tag); found != std::string::npos) m_fingerprint = out.substr(found + tag.size(), 39);
    return {};
}

core::Result<ExitStatus> HubProcess::stop() {
    m_proc->signal(SIGTERM);
    return m_proc->wait();
}

core::Result<RunResult> ctl(const TempDir& dir, const std::vector<std::string>& args) {
    static std::atomic<int> runs{0};
    std::vector<std::string> argv = {FC_CTL_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv, dir.file("ctl-run" + std::to_string(++runs)));
}

core::Result<std::string> makeCode(const TempDir& dir, const std::string& hubDb, const std::string& role) {
    FC_ASSIGN(auto r, ctl(dir, {"--db", hubDb, "hub-code", "--role", role}));
    if (!r.status.exitedWith(0)) return core::Error(core::Errc::kIo, "hub-code: " + r.status.describe() + ": " + r.err);
    return trimLine(r.out.substr(0, r.out.find('\n')));
}

void Device::connect(const std::string& url, size_t batchSize, long timeoutMs) {
    client.reset();
    http = std::make_unique<sync::CurlTransport>(url, sync::CurlOptions{.timeoutMs = timeoutMs});
    client = std::make_unique<sync::SyncClient>(*services, *http);
    client->batchSize = batchSize;
}

void Device::disconnect() {
    client.reset();
    http.reset();
}

int64_t Device::lastSeq() {
    return db().queryInt("SELECT coalesce(max(seq), 0) FROM outbox")->value_or(0);
}

core::Result<std::unique_ptr<Device>> makeDevice(const TempDir& dir, const std::string& name,
                                                 const std::string& storeId, const std::string& role,
                                                 const std::string& prefix) {
    auto d = std::make_unique<Device>();
    d->name = name;
    d->path = dir.file(name + ".db");
    core::InitOptions opt;
    opt.storeId = storeId;
    opt.deviceName = name;
    const auto parsed = core::parseDeviceRole(role);
    if (!parsed) return core::invalid("unknown role " + role);
    opt.role = *parsed;
    opt.prefix = prefix;
    FC_ASSIGN(d->services, core::StoreServices::init(d->path, systemClock(), opt));
    return d;
}

core::Status enrol(const TempDir& dir, Device& d, HubProcess& hub, const std::string& role) {
    FC_ASSIGN(const std::string code, makeCode(dir, hub.db(), role));
    const json body = {{"code", code}, {"device", d.id()}, {"name", d.name}};
    sync::CurlTransport http(hub.url());
    FC_ASSIGN(sync::HttpResult r, http.request("POST", "/v1/enroll", body.dump(), ""));
    if (r.status != 200) return core::Error(core::Errc::kPermission, "enroll: " + r.body);
    const json j = json::parse(r.body);
    if (j.value("role", "") != role) return core::invalid("enrolled with role " + j.value("role", ""));
    FC_TRY(core::setBadgeKey(d.db(), j.at("badge_key").get<std::string>()));
    d.connect(hub.url(), 1000);
    return d.client->setCredentials(hub.url(), j.at("token").get<std::string>());
}

core::Result<core::Db> openForReading(const std::string& path) {
    core::Db::Options opt;
    opt.create = false;
    return core::Db::open(path, opt);
}

int64_t queryInt(core::Db& db, const std::string& sql) {
    auto r = db.queryInt(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << (r ? "" : r.error().message);
    return r ? r->value_or(0) : -1;
}

}  // namespace fc::test
