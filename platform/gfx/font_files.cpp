#include "platform/gfx/font_files.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace fc::platform {

using core::Errc;
using core::Error;

namespace {

bool isFile(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// "path" or "path:index".
FontFile parseSpec(const std::string& spec) {
    FontFile f{spec, 0};
    const size_t colon = spec.rfind(':');
    if (colon != std::string::npos && colon + 1 < spec.size() &&
        spec.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        f.path = spec.substr(0, colon);
        f.index = std::atoi(spec.c_str() + colon + 1);
    }
    return f;
}

// fontconfig's best match for Simplified Chinese, if it really covers zh-cn (fc-match always
// answers something, DejaVu included).
std::optional<FontFile> askFontconfig() {
    FILE* p = ::popen("fc-match -f '%{file}\\t%{index}\\t%{lang}' ':lang=zh-cn' 2>/dev/null", "r");
    if (!p) return std::nullopt;
    std::string out;
    std::array<char, 512> buf{};
    size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
    const size_t t1 = out.find('\t');
    const size_t t2 = t1 == std::string::npos ? std::string::npos : out.find('\t', t1 + 1);
    if (t2 == std::string::npos) return std::nullopt;
    const std::string langs = "|" + out.substr(t2 + 1) + "|";
    if (langs.find("|zh-cn|") == std::string::npos) return std::nullopt;
    FontFile f{out.substr(0, t1), std::atoi(out.substr(t1 + 1, t2 - t1 - 1).c_str())};
    if (!isFile(f.path)) return std::nullopt;
    return f;
}

}  // namespace

core::Result<FontFile> findCjkFont() {
    if (const char* env = std::getenv("FC_CJK_FONT"); env && *env) {
        FontFile f = parseSpec(env);
        if (!isFile(f.path))
            return Error(Errc::kNotFound, std::string("FC_CJK_FONT names a missing file: ") + env);
        return f;
    }
    // Debian paths; in Noto's collection face 2 is Simplified Chinese (SC).
    static const FontFile kKnown[] = {
        {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
        {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
        {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
        {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2},
    };
    for (const FontFile& f : kKnown)
        if (isFile(f.path)) return f;
    if (auto f = askFontconfig()) return *f;
    return Error(Errc::kNotFound,
                 std::string("no Chinese font found: install the Debian package ") +
                     kCjkFontPackages + " (apt-get install fonts-noto-cjk), or set FC_CJK_FONT=/path/to/font.ttc");
}

core::Result<std::string> readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(Errc::kIo, "cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) return Error(Errc::kIo, "cannot read " + path);
    return ss.str();
}

}  // namespace fc::platform
