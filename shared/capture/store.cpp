#include "shared/capture/store.hpp"

#include "shared/db/migrations.hpp"

namespace fc::core {

Store::Store(Db db, const Clock& clock, DeviceIdentity device, Hlc last, int64_t offset,
             uint64_t idSeed)
    : m_db(std::move(db)),
      m_clock(clock),
      m_hlc(clock, last),
      m_ids(idSeed ? UuidV7Generator(clock, idSeed) : UuidV7Generator(clock)),
      m_device(std::move(device)),
      m_persistedHlc(last) {
    m_hlc.setOffsetMs(offset);
    m_writer = std::make_unique<ChangeWriter>(m_db, m_hlc, m_device.deviceId);
    // Once per outermost transaction: persist the clock so it stays monotonic across restarts.
    m_db.addPreCommitHook([this] { return persistClock(); });
    m_db.addRollbackHook([this] { m_writer->abandonDeferred(); });
}

Store::~Store() = default;

Status Store::persistClock() {
    const Hlc last = m_hlc.last();
    if (last == m_persistedHlc) return {};
    FC_ASSIGN(Stmt * s, m_db.cached("UPDATE local_state SET last_hlc = ? WHERE id = 1"));
    s->bind(1, static_cast<int64_t>(last.value));
    FC_TRY(s->run());
    m_persistedHlc = last;
    return {};
}

namespace {

Result<std::optional<DeviceIdentity>> loadIdentity(Db& db) {
    FC_ASSIGN(Stmt s, db.prepare("SELECT store_id, device_id, name, role, prefix, created_at "
                                 "FROM local_device WHERE id = 1"));
    FC_ASSIGN(bool row, s.step());
    if (!row) return std::optional<DeviceIdentity>{};
    return std::optional<DeviceIdentity>(DeviceIdentity{s.getText(0), s.getText(1), s.getText(2),
                                                        s.getText(3), s.getText(4), s.getInt(5)});
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const Clock& clock,
                                           uint64_t idSeed) {
    Db::Options opt;
    opt.create = false;
    FC_ASSIGN(Db db, Db::open(path, opt));
    FC_TRY(migrate(db));
    FC_ASSIGN(auto identity, loadIdentity(db));
    if (!identity)
        return Error(Errc::kNotFound, "database '" + path +
                                          "' has no device identity: run `forecourtctl --db " +
                                          path + " init` first");
    FC_ASSIGN(Stmt s, db.prepare(
                          "SELECT last_hlc, clock_offset_ms FROM local_state WHERE id = 1"));
    FC_ASSIGN(bool row, s.step());
    Hlc last{};
    int64_t offset = 0;
    if (row) {
        last = Hlc{static_cast<uint64_t>(s.getInt(0))};
        offset = s.getInt(1);
    }
    s.reset();
    // The newest outbox entry is never pruned; its HLC is a floor too.
    FC_ASSIGN(auto maxOutbox, db.queryInt("SELECT max(hlc) FROM outbox"));
    if (maxOutbox && static_cast<uint64_t>(*maxOutbox) > last.value)
        last = Hlc{static_cast<uint64_t>(*maxOutbox)};
    auto store = std::unique_ptr<Store>(
        new Store(std::move(db), clock, std::move(*identity), last, offset, idSeed));
    return store;
}

Result<std::unique_ptr<Store>> Store::init(const std::string& path, const Clock& clock,
                                           const InitOptions& options) {
    {
        FC_ASSIGN(Db db, Db::open(path));
        FC_TRY(migrate(db));
        FC_ASSIGN(auto identity, loadIdentity(db));
        if (identity)
            return conflict("database '" + path + "' is already initialised (store " +
                            identity->storeId + ", device '" + identity->name + "')");
        UuidV7Generator ids = options.idSeed ? UuidV7Generator(clock, options.idSeed)
                                             : UuidV7Generator(clock);
        const std::string storeId = options.storeId.empty() ? ids.next() : options.storeId;
        const std::string deviceId = ids.next();
        FC_ASSIGN(Stmt s, db.prepare("INSERT INTO local_device(id, store_id, device_id, name, role, "
                                     "prefix, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)"));
        s.bindAll(storeId, deviceId, options.deviceName, options.role, options.prefix,
                  clock.nowMs());
        FC_TRY(s.run());
    }
    FC_ASSIGN(auto store, open(path, clock, options.idSeed ? options.idSeed + 1 : 0));
    if (options.storeId.empty()) {
        // A new store: record it (synced master data).
        Tx tx(store->db());
        FC_TRY(tx.begin());
        Row row = {SqlValue::text(store->storeId()), SqlValue::text(options.storeName),
                   SqlValue::text("Asia/Shanghai"), SqlValue::integer(store->nowMs()),
                   SqlValue::null()};
        FC_TRY(store->writer().insert(tables::kStores, store->storeId(), row));
        FC_TRY(tx.commit());
    }
    return store;
}

}  // namespace fc::core
