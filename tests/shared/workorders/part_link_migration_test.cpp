// Migration 18: work order lines gain part_id (the stock part a part line bills). A store from
// v17 keeps its lines, which name no part; the column sits before deleted_at like every synced
// column added later, and the table keeps its index and its guard against writes that bypass
// capture.
#include <gtest/gtest.h>

#include "shared/db/migrations.hpp"
#include "shared/services.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

TEST(WorkOrderPartLinkMigration, AVersion17StoreKeepsItsLinesWhichNameNoPart) {
    test::TempDir dir;
    const std::string path = dir.file("v17.db");
    ManualClock clock;
    {
        auto db = Db::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), 17).ok());
        WriteModeScope mode(*db, WriteMode::kMigrate);
        ASSERT_TRUE(
            db->exec("INSERT INTO local_device VALUES (1, 'store-1', 'dev-1', 'old pc', 'office', 'D1', 1700000000000);"
                     "INSERT INTO stores VALUES ('store-1', 'store-1', '老店', 'Asia/Shanghai', 1700000000000, NULL, "
                     "1, 'dev-1');"
                     "INSERT INTO work_orders(id, store_id, customer_id, vehicle_id, provisional_no, opened_at, _hlc, "
                     "_dev) VALUES ('w-1', 'store-1', 'c-1', 'v-1', 'WD1-0001', 1700000000000, 2, 'dev-1');"
                     "INSERT INTO work_order_lines(id, store_id, work_order_id, kind, description, quantity_milli, "
                     "unit_price_fen, tax_rate_bp, sort, created_at, _hlc, _dev) VALUES ('l-1', 'store-1', 'w-1', "
                     "'part', '机油 5W-30', 4500, 6800, 1300, 1, 1700000000000, 3, 'dev-1');")
                .ok());
    }
    auto s = StoreServices::open(path, clock);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& svc = **s;
    EXPECT_GE(schemaVersion(svc.db()).value(), 18);
    ASSERT_TRUE(svc.rebuildIndexes().ok());
    auto v = svc.get<WorkOrderService>().get("w-1");
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->lines.size(), 1u);
    EXPECT_EQ(v->lines[0].description, "机油 5W-30");
    EXPECT_EQ(v->lines[0].quantityMilli, 4500);
    EXPECT_EQ(v->lines[0].unitPriceFen, 6800);
    EXPECT_FALSE(v->lines[0].partId.has_value());
    // Synced columns in definition order: part_id right before deleted_at.
    auto column = [&](const std::string& name) {
        return svc.db()
            .queryInt("SELECT cid FROM pragma_table_info('work_order_lines') WHERE name = '" + name + "'")
            ->value_or(-1);
    };
    EXPECT_GT(column("part_id"), 0);
    EXPECT_EQ(column("part_id"), column("deleted_at") - 1);
    EXPECT_EQ(svc.db().queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'work_order_lines_order'")->value(), 1);
    for (const char* sql : {"UPDATE work_order_lines SET part_id = 'p-1'", "DELETE FROM work_order_lines"})
        EXPECT_FALSE(svc.db().exec(sql).ok()) << sql << " bypassed capture";
    test::expectIntegrityOk(svc.db());
}

}  // namespace
}  // namespace fc::core
