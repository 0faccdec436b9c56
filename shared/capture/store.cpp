#include "shared/capture/store.hpp"

#include "shared/db/migrations.hpp"

namespace fc::core {

Store::Store(Db db, const Clock& clock, const StoreSchema& schema, DeviceIdentity device, Hlc last,
             int64_t offsetMs, uint64_t idSeed)
    : m_db(std::move(db)),
      m_clock(clock),
      m_schema(schema),
      m_hlc(clock, last),
      m_ids(idSeed ? UuidV7Generator(clock, idSeed) : UuidV7Generator(clock)),
      m_device(std::move(device)),
      m_sync(m_db),
      m_persistedHlc(last) {
    m_hlc.setOffsetMs(offsetMs);
    m_writer = std::make_unique<ChangeWriter>(m_db, m_hlc, m_sync, m_schema, m_device.deviceId);
    // Once per outermost transaction: persist the clock so it stays monotonic across restarts.
    m_db.addPreCommitHook([this] { return persistClock(); });
    m_db.addRollbackHook([this] { m_writer->abandonDeferred(); });
}

Store::~Store() = default;

Status Store::persistClock() {
    const Hlc last = m_hlc.last();
    if (last == m_persistedHlc) return {};
    FC_TRY(m_sync.setLastHlc(last));
    m_persistedHlc = last;
    return {};
}

Status Store::setIdentity(DeviceRole role, const std::string& name) {
    WriteModeScope mode(m_db, WriteMode::kMigrate);  // local_device is not synced
    FC_ASSIGN(Stmt s, m_db.prepare("UPDATE local_device SET role = ?, name = ? WHERE id = 1"));
    s.bindAll(deviceRoleKey(role), name);
    FC_TRY(s.run());
    m_device.role = role;
    m_device.name = name;
    return {};
}

namespace {

Result<std::optional<DeviceIdentity>> loadIdentity(Db& db) {
    FC_ASSIGN(Stmt s, db.prepare("SELECT store_id, device_id, name, role, prefix, created_at "
                                 "FROM local_device WHERE id = 1"));
    FC_ASSIGN(bool row, s.step());
    if (!row) return std::optional<DeviceIdentity>{};
    const auto role = parseDeviceRole(s.getTextView(3));
    if (!role)
        return Error(Errc::kUnsupported, "database '" + db.path() + "' has an unknown device role '" +
                                             s.getText(3) + "'");
    return std::optional<DeviceIdentity>(
        DeviceIdentity{s.getText(0), s.getText(1), s.getText(2), *role, s.getText(4), s.getInt(5)});
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const Clock& clock,
                                           const StoreSchema& schema, uint64_t idSeed) {
    FC_ASSIGN(auto store, openMigrated(path, clock, schema, idSeed));
    FC_TRY(store->runOpenHooks());
    return store;
}

Status Store::runOpenHooks() {
    if (m_schema.onOpen().empty()) return {};
    Tx tx(m_db);
    FC_TRY(tx.begin());
    for (const auto& hook : m_schema.onOpen()) FC_TRY(hook(*this));
    return tx.commit();
}

Result<std::unique_ptr<Store>> Store::openMigrated(const std::string& path, const Clock& clock,
                                                   const StoreSchema& schema, uint64_t idSeed) {
    Db::Options opt;
    opt.create = false;
    FC_ASSIGN(Db db, Db::open(path, opt));
    FC_TRY(migrate(db, schema.migrations()));
    FC_ASSIGN(auto identity, loadIdentity(db));
    if (!identity)
        return Error(Errc::kNotFound, "database '" + path +
                                          "' has no device identity: run `forecourtctl --db " +
                                          path + " init` first");
    Hlc last;
    int64_t offset = 0;
    {
        SyncState sync(db);
        FC_ASSIGN(last, sync.lastHlc());
        FC_ASSIGN(offset, sync.clockOffsetMs());
        // The newest outbox entry is never pruned; its HLC is a floor too.
        FC_ASSIGN(Hlc newest, sync.newestHlc());
        if (newest.value > last.value) last = newest;
    }
    return std::unique_ptr<Store>(
        new Store(std::move(db), clock, schema, std::move(*identity), last, offset, idSeed));
}

Result<std::unique_ptr<Store>> Store::init(const std::string& path, const Clock& clock,
                                           const StoreSchema& schema, const InitOptions& options) {
    {
        FC_ASSIGN(Db db, Db::open(path));
        FC_TRY(migrate(db, schema.migrations()));
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
        s.bindAll(storeId, deviceId, options.deviceName, deviceRoleKey(options.role), options.prefix,
                  clock.nowMs());
        FC_TRY(s.run());
    }
    FC_ASSIGN(auto store, openMigrated(path, clock, schema, options.idSeed ? options.idSeed + 1 : 0));
    if (options.storeId.empty()) {
        // A new store: what every new store starts with (its own record, its service menu).
        Tx tx(store->db());
        FC_TRY(tx.begin());
        for (const auto& hook : schema.onInit()) FC_TRY(hook(*store, options));
        FC_TRY(tx.commit());
    }
    FC_TRY(store->runOpenHooks());
    return store;
}

}  // namespace fc::core
