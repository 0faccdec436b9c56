#include "shared/capture/verify_context.hpp"

namespace fc::core {

Status VerifyContext::expectZero(const std::string& sql, const std::string& what,
                                 const std::string& passed, Severity severity) {
    FC_ASSIGN(auto n, m_db.queryInt(sql));
    const int64_t count = n.value_or(0);
    if (count == 0) pass(passed);
    else if (severity == Severity::kWarning) warn(what + " (" + std::to_string(count) + ")");
    else problem(what + " (" + std::to_string(count) + ")");
    return {};
}

}  // namespace fc::core
