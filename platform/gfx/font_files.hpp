// Where the CJK font comes from: Debian's font packages, never a bundled file. Looked up in this
// order: $FC_CJK_FONT ("path" or "path:index"), the known Debian paths (Noto Sans CJK SC,
// WenQuanYi), then fontconfig (`fc-match :lang=zh-cn`) for anything else installed.
//
//   FC_ASSIGN(FontFile f, findCjkFont());   // f.path, f.index (the face in a .ttc collection)
#pragma once

#include <string>

#include "shared/core/result.hpp"

namespace fc::platform {

struct FontFile {
    std::string path;
    int index = 0;  // face number inside a TrueType/OpenType collection
};

// The Debian packages that provide a usable font, for error messages.
inline constexpr const char* kCjkFontPackages = "fonts-noto-cjk (or fonts-wqy-microhei)";

// An error naming the packages to install when no CJK font is found.
core::Result<FontFile> findCjkFont();

// Reads a whole file (fonts are loaded once and shared by every font size).
core::Result<std::string> readFileBytes(const std::string& path);

}  // namespace fc::platform
