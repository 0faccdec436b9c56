#include "shared/capture/capture_domain.hpp"

namespace fc::core {

namespace {

// v1: the device identity, the outbox and per-column versions.
Status createMachinery(Db& db) {
    return db.exec(R"SQL(
CREATE TABLE local_device(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  store_id    TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  prefix      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE local_state(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  last_hlc    INTEGER NOT NULL DEFAULT 0,
  acked_seq   INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms INTEGER NOT NULL DEFAULT 0
);
INSERT INTO local_state(id) VALUES (1);
-- One row per captured change, in device sequence order. Master data: the changed columns and
-- their new values; facts: the whole row. The newest row is never pruned so seq never repeats.
CREATE TABLE outbox(
  seq     INTEGER PRIMARY KEY,
  hlc     INTEGER NOT NULL,
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  op      INTEGER NOT NULL CHECK (op BETWEEN 1 AND 4),
  payload TEXT NOT NULL
);
-- Per-column versions of master rows for columns written after the row's insert (the insert's
-- version is the row's own _hlc/_dev).
CREATE TABLE col_versions(
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  col     TEXT NOT NULL,
  hlc     INTEGER NOT NULL,
  dev     TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;
)SQL");
}

// v4: the pull cursor, what each change's author had seen, the hub's address and token, and
// pulled changes waiting for their row.
Status createSyncState(Db& db) {
    return db.exec(R"SQL(
ALTER TABLE local_state ADD COLUMN pull_cursor INTEGER NOT NULL DEFAULT 0;
-- The hub sequence this device had pulled when the change was made: what its author could have
-- seen. The hub compares it with the sequence of the value being replaced to tell a concurrent
-- edit from a later one.
ALTER TABLE outbox ADD COLUMN known_seq INTEGER NOT NULL DEFAULT 0;
-- How this device reaches its hub. The token is the device's credential (the hub keeps a hash).
CREATE TABLE local_sync(
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url         TEXT NOT NULL DEFAULT '',
  token           TEXT NOT NULL DEFAULT '',
  last_success_at INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  last_error_at   INTEGER
);
INSERT INTO local_sync(id) VALUES (1);
-- Pulled changes that could not be applied yet (an update whose row has not arrived): kept, never
-- dropped, and retried after every page.
CREATE TABLE parked_changes(
  hub_seq INTEGER PRIMARY KEY,
  change  TEXT NOT NULL
);
)SQL");
}

// v7: the hub's public key pinned at enrolment ("sha256//BASE64", libcurl's form; '' = none).
// A store hub's certificate is its own: the device trusts the key it checked against the
// fingerprint a person typed, not a CA.
Status addHubPin(Db& db) {
    return db.exec("ALTER TABLE local_sync ADD COLUMN hub_pin TEXT NOT NULL DEFAULT '';");
}

}  // namespace

const Domain& captureDomain() {
    static const Domain d{
        .name = "capture",
        .migrations = {{1, "identity, outbox, column versions", createMachinery},
                       {4, "sync state, parked changes", createSyncState},
                       {7, "hub certificate pin", addHubPin}},
        .checks = {[](VerifyContext& v) {
            SyncState sync(v.db());
            return sync.check(v);
        }},
    };
    return d;
}

}  // namespace fc::core
