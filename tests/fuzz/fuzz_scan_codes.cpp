// libFuzzer target for scanned text: the first byte picks a symbology, the rest is the text a
// decoder (or a keyboard-wedge scanner) produced. Normalisation must never crash and its results
// must keep their promises (valid GTIN-13 for UPC, the full ASCII reading for Code 39).
//
//   cmake --preset fuzz && cmake --build build/fuzz --target fuzz_scan_codes
//   build/fuzz/bin/fuzz_scan_codes tests/fuzz/corpus/scan_codes/
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/barcode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fc::core;
    if (size == 0) return 0;
    const auto symbology = static_cast<Symbology>(data[0] % kSymbologyCount);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    const std::string n = normalizeCode(symbology, text);
    if (n != text) {
        switch (symbology) {
            case Symbology::kUpcA:
            case Symbology::kUpcE:
                // Changed UPC text is always a GTIN-13 with a leading 0 and a valid check digit,
                // and normalising it again as EAN-13 changes nothing.
                if (n.size() != 13 || n[0] != '0' || !gtinValid(n)) __builtin_trap();
                if (normalizeCode(Symbology::kEan13, n) != n) __builtin_trap();
                break;
            case Symbology::kCode39: {
                const auto full = code39FullAscii(text);
                if (!full || *full != n || n.size() >= text.size()) __builtin_trap();
                break;
            }
            default:
                __builtin_trap();  // nothing else is ever rewritten
        }
    }
    if (auto upca = upcEToUpcA(text)) {
        if (upca->size() != 12 || !gtinValid(*upca)) __builtin_trap();
    }
    if (auto full = code39FullAscii(text)) {
        if (full->size() > text.size()) __builtin_trap();
        for (char c : *full)
            if (static_cast<unsigned char>(c) > 0x7f) __builtin_trap();
    }
    const std::string untyped = normalizeUntypedCode(text);
    if (untyped.size() > text.size() + 1) __builtin_trap();
    return 0;
}
