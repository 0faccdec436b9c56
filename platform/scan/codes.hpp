// A code as the scan pipeline reports it: its symbology, the text stores compare (normalised by
// shared/core/barcode.hpp) and the text as read.
//
//   Code c{Symbology::kUpcA, normalizeCode(Symbology::kUpcA, raw), raw};
#pragma once

#include <string>

#include "shared/core/barcode.hpp"

namespace fc::platform {

using core::normalizeCode;
using core::normalizeUntypedCode;
using core::Symbology;
using core::symbologyName;
using core::kSymbologyCount;

// One code read from a picture. `text` is what stores compare (normalised); `raw` is the text as
// the decoder read it.
struct Code {
    Symbology symbology = Symbology::kCode128;
    std::string text;
    std::string raw;

    bool operator==(const Code&) const = default;
};

}  // namespace fc::platform
