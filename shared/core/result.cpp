#include "shared/core/result.hpp"

namespace fc::core {

const char* errcName(Errc code) {
    switch (code) {
        case Errc::kInvalid: return "invalid";
        case Errc::kNotFound: return "not found";
        case Errc::kConflict: return "conflict";
        case Errc::kDatabase: return "database";
        case Errc::kIo: return "io";
        case Errc::kPermission: return "permission";
        case Errc::kUnsupported: return "unsupported";
        case Errc::kInternal: return "internal";
        case Errc::kNeedsConfirmation: return "needs confirmation";
    }
    return "?";
}

}  // namespace fc::core
