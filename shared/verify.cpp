#include "shared/verify.hpp"

#include "shared/db/migrations.hpp"

namespace fc::core {

namespace {

Status sqliteChecks(VerifyContext& v) {
    FC_ASSIGN(Stmt s, v.db().prepare("PRAGMA integrity_check"));
    std::vector<std::string> lines;
    FC_TRY(s.each([&](Stmt& r) { lines.push_back(r.getText(0)); }));
    if (lines.size() == 1 && lines[0] == "ok") v.pass("integrity_check: ok");
    else
        for (const auto& l : lines) v.problem("integrity_check: " + l);
    FC_ASSIGN(auto fk, v.db().queryText("PRAGMA foreign_key_check"));
    if (fk) v.problem("foreign key violation in table " + *fk);
    else v.pass("foreign keys: ok");
    return {};
}

// Each synced table has exactly the columns its domain defines, and only this store's rows.
Status tableChecks(VerifyContext& v, const StoreSchema& schema) {
    FC_ASSIGN(Stmt cols, v.db().prepare("SELECT group_concat(name, ',') FROM "
                                        "(SELECT name FROM pragma_table_info(?) ORDER BY cid)"));
    for (const TableDef* t : schema.tables()) {
        std::string expected = "id";
        for (const ColumnDef& c : t->columns) expected += "," + c.name;
        expected += ",_hlc,_dev";
        cols.bind(1, t->name);
        FC_ASSIGN(bool row, cols.step());
        const std::string got = row && !cols.isNull(0) ? cols.getText(0) : "";
        cols.reset();
        if (got != expected)
            v.problem(t->name + ": columns (" + got + ") differ from the definition (" + expected + ")");
        else v.pass(t->name + ": columns as defined");
        FC_TRY(v.expectZero("SELECT count(*) FROM " + t->name + " WHERE store_id <> '" + v.storeId() + "'",
                            t->name + ": rows of another store", t->name + ": store ids"));
    }
    return {};
}

}  // namespace

Result<VerifyReport> verifyStore(StoreServices& services) {
    VerifyReport r;
    Db& db = services.db();
    // A hub keeps its search index lazily: bring every index up to date before comparing.
    FC_TRY(services.catchUpIndexes());
    FC_ASSIGN(int64_t cursor, services.store().syncState().cursor());
    VerifyContext v(db, services.store().storeId(), cursor > 0, r);

    FC_TRY(sqliteChecks(v));
    const StoreSchema& schema = services.registry().schema();
    FC_ASSIGN(int version, schemaVersion(db));
    if (version != schema.version())
        v.problem("schema version " + std::to_string(version) + ", expected " + std::to_string(schema.version()));
    else v.pass("schema version " + std::to_string(version));
    FC_TRY(tableChecks(v, schema));
    for (const Domain* d : services.registry().domains())
        for (const auto& check : d->checks)
            if (auto c = check(v); !c) return c.error().context("verify (" + d->name + ")");
    return r;
}

}  // namespace fc::core
