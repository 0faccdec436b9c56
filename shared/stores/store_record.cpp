#include "shared/stores/store_record.hpp"

#include "shared/capture/row.hpp"
#include "shared/stores/tables.hpp"

namespace fc::core {

Result<std::string> StoreRecord::name() {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT name FROM stores WHERE id = ?"));
    s->bind(1, m_store.storeId());
    FC_ASSIGN(bool found, s->step());
    std::string out = found ? s->getText(0) : std::string();
    s->reset();
    return out;
}

Status StoreRecord::create(const std::string& name, const std::string& timezone) {
    FC_ASSIGN(Row row, RowBuilder(tables::kStores)
                           .set("store_id", m_store.storeId())
                           .set("name", name)
                           .set("timezone", timezone)
                           .set("created_at", m_store.nowMs())
                           .build());
    return m_store.writer().insert(tables::kStores, m_store.storeId(), row);
}

}  // namespace fc::core
