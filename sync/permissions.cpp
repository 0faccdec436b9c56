#include "sync/permissions.hpp"

#include "shared/registry.hpp"

namespace fc::sync {

std::string checkWrite(core::DeviceRole role, const Change& c) {
    std::vector<std::string> columns;
    if (c.op == ChangeOp::kUpdate)
        for (auto it = c.data.begin(); it != c.data.end(); ++it) columns.push_back(it.key());
    return core::storeRegistry().checkWrite(role, *c.table, c.op, columns);
}

}  // namespace fc::sync
