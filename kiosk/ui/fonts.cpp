#include "kiosk/ui/fonts.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "platform/gfx/font_files.hpp"
#include "shared/readmodel/charset.hpp"

namespace fc::ui {

using core::Errc;
using core::Error;

// [SECTION] GlyphSet

bool GlyphSet::add(char32_t cp) {
    if (cp > 0xFFFF) {
        ++m_outsideBmp;
        return false;
    }
    if (m_bits.test(cp)) return false;
    m_bits.set(cp);
    return true;
}

size_t GlyphSet::addText(std::string_view utf8) { return addAll(core::nonAsciiCharacters(utf8)); }

size_t GlyphSet::addAll(const std::u32string& cps) {
    size_t added = 0;
    for (char32_t cp : cps) added += add(cp) ? 1 : 0;
    return added;
}

void GlyphSet::addRange(char32_t first, char32_t last) {
    for (char32_t c = first; c <= last && c <= 0xFFFF; ++c) m_bits.set(c);
}

void GlyphSet::toRanges(ImVector<ImWchar>& out) const {
    out.clear();
    size_t c = 1;  // 0 terminates the list
    while (c <= 0xFFFF) {
        if (!m_bits.test(c)) {
            ++c;
            continue;
        }
        const size_t first = c;
        while (c + 1 <= 0xFFFF && m_bits.test(c + 1)) ++c;
        out.push_back(static_cast<ImWchar>(first));
        out.push_back(static_cast<ImWchar>(c));
        ++c;
    }
    out.push_back(0);
}

// [SECTION] FontManager

namespace {

// Always present: Latin, punctuation and symbols people type or the UI uses.
void addBase(GlyphSet& g) {
    g.addRange(0x20, 0x7E);
    g.addRange(0xA0, 0xFF);
    g.addRange(0x2000, 0x206F);  // general punctuation (— … ‘ ’ “ ”)
    g.addRange(0x2190, 0x2193);  // arrows
    g.addRange(0x25A0, 0x25FF);  // geometric shapes (● the PIN mask, ○ ■ □ ▲ ▼)
    g.addRange(0x2713, 0x2717);  // ✓ ✔ ✕ ✖ ✗
    g.addRange(0x3000, 0x303F);  // CJK punctuation (、。「」)
    g.addRange(0xFF01, 0xFF5E);  // full-width forms (，！？)
}

// Plate characters the large font must have: provinces and suffixes.
constexpr std::string_view kPlateChars =
    "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼学警挂港澳领";

}  // namespace

FontManager::FontManager(std::string fontPath, int faceIndex, FontSizes sizes)
    : m_path(std::move(fontPath)), m_face(faceIndex), m_sizes(sizes),
      m_atlas(std::make_unique<ImFontAtlas>()) {
    addBase(m_bodyGlyphs);
    addBase(m_largeGlyphs);
    m_largeGlyphs.addText(kPlateChars);
    m_bodyGlyphs.addText(kPlateChars);
}

FontManager::~FontManager() = default;

Status FontManager::loadFace() {
    if (m_path.empty() || !m_fontData.empty()) return {};
    FC_ASSIGN(m_fontData, platform::readFileBytes(m_path));
    if (m_fontData.size() < 12) return Error(Errc::kUnsupported, m_path + " is not a font file");
    return {};
}

Status FontManager::loadCommon(const std::string& assetsDir) {
    const std::string path = assetsDir + "/i18n/common-chars.txt";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        // ImGui's list: 2500 common + 1000 less common simplified characters.
        for (const ImWchar* r = m_atlas->GetGlyphRangesChineseSimplifiedCommon(); r[0]; r += 2)
            m_bodyGlyphs.addRange(r[0], r[1]);
        m_dirty = true;
        return {};
    }
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;  // comments say where the list comes from
        if (m_bodyGlyphs.addText(line) > 0) m_dirty = true;
    }
    return {};
}

size_t FontManager::addUiText(std::string_view utf8) {
    const size_t n = m_bodyGlyphs.addText(utf8) + m_largeGlyphs.addText(utf8);
    m_dirty = m_dirty || n > 0;
    return n;
}

size_t FontManager::addText(std::string_view utf8, bool large) {
    size_t n = m_bodyGlyphs.addText(utf8);
    if (large) n += m_largeGlyphs.addText(utf8);
    m_dirty = m_dirty || n > 0;
    return n;
}

size_t FontManager::addData(const std::u32string& all, const std::u32string& names) {
    const size_t n = m_bodyGlyphs.addAll(all) + m_largeGlyphs.addAll(names);
    m_dirty = m_dirty || n > 0;
    return n;
}

void FontManager::setSizes(FontSizes sizes) {
    m_sizes = sizes;
    m_dirty = true;
}

Status FontManager::rebuild() {
    FC_TRY(loadFace());
    const auto start = std::chrono::steady_clock::now();
    ImFontAtlas& a = *m_atlas;
    a.Clear();
    a.Flags = ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
    a.TexGlyphPadding = 1;
    m_bodyGlyphs.toRanges(m_bodyRanges);
    m_largeGlyphs.toRanges(m_largeRanges);
    if (m_path.empty()) {
        ImFontConfig cfg;
        cfg.SizePixels = m_sizes.body;
        m_body = a.AddFontDefault(&cfg);
        cfg.SizePixels = m_sizes.large;
        m_large = a.AddFontDefault(&cfg);
    } else {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // one copy of the file for both sizes and every rebuild
        cfg.FontNo = m_face;
        cfg.OversampleH = 1;  // CJK glyphs are dense: oversampling would triple the atlas
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        void* data = m_fontData.data();
        const int size = static_cast<int>(m_fontData.size());
        m_body = a.AddFontFromMemoryTTF(data, size, m_sizes.body, &cfg, m_bodyRanges.Data);
        m_large = a.AddFontFromMemoryTTF(data, size, m_sizes.large, &cfg, m_largeRanges.Data);
    }
    if (!m_body || !m_large || !a.Build())
        return Error(Errc::kUnsupported, "cannot build the font atlas from " +
                                             (m_path.empty() ? std::string("ImGui's font") : m_path));
    m_stats.width = a.TexWidth;
    m_stats.height = a.TexHeight;
    m_stats.bytesAlpha8 = static_cast<size_t>(a.TexWidth) * static_cast<size_t>(a.TexHeight);
    m_stats.bytesRgba32 = m_stats.bytesAlpha8 * 4;
    m_stats.bodyGlyphs = m_body->Glyphs.Size;
    m_stats.largeGlyphs = m_large->Glyphs.Size;
    m_stats.buildMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ++m_stats.builds;
    m_dirty = false;
    if (onRebuilt) onRebuilt(a);
    return {};
}

bool FontManager::hasGlyph(char32_t cp) const {
    return m_body && cp <= 0xFFFF && m_body->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

bool FontManager::hasLargeGlyph(char32_t cp) const {
    return m_large && cp <= 0xFFFF &&
           m_large->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

}  // namespace fc::ui
