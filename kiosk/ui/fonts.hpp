// The font atlas: one CJK font (from Debian's packages) at two sizes, body and large, holding only
// the glyphs the app can show — every UI string of the loaded catalogs, a common-character set
// (GB 2312 level 1, 3755 characters, assets/i18n/common-chars.txt) and the characters found in
// the store's data. When new characters appear (a sync brings 王赟, someone saves 犇) they are
// added and the atlas is rebuilt between frames.
//
//   FontManager fonts(face, {.body = theme.fontBody, .large = theme.fontLarge});
//   fonts.addUiText(i18n.allText());  FC_TRY(fonts.loadCommon(assetsDir()));  FC_TRY(fonts.rebuild());
//   ImGui::CreateContext(&fonts.atlas());  …  fonts.addText("王赟");  if (fonts.needsRebuild()) …
#pragma once

#include <bitset>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <imgui.h>

#include "shared/core/result.hpp"

namespace fc::ui {

using core::Result;
using core::Status;

// A set of code points the atlas can hold: ImGui 1.86 as packaged by Debian uses 16-bit ImWchar,
// so only the Basic Multilingual Plane (≤ U+FFFF); characters beyond it are counted, not added.
class GlyphSet {
public:
    // True when it was not there before.
    bool add(char32_t cp);
    // Adds every non-ASCII code point of a UTF-8 string; returns how many were new.
    size_t addText(std::string_view utf8);
    size_t addAll(const std::u32string& cps);
    void addRange(char32_t first, char32_t last);
    bool contains(char32_t cp) const { return cp <= 0xFFFF && m_bits.test(cp); }
    size_t size() const { return m_bits.count(); }
    size_t outsideBmp() const { return m_outsideBmp; }
    // ImGui glyph ranges: pairs of [first, last], zero-terminated.
    void toRanges(ImVector<ImWchar>& out) const;

private:
    std::bitset<0x10000> m_bits;
    size_t m_outsideBmp = 0;
};

struct FontSizes {
    float body = 22.0f;
    float large = 32.0f;
};

struct AtlasStats {
    int width = 0;
    int height = 0;
    size_t bytesAlpha8 = 0;  // what the app uploads (one byte per texel)
    size_t bytesRgba32 = 0;  // what ImGui's stock OpenGL backend would upload
    int bodyGlyphs = 0;
    int largeGlyphs = 0;
    double buildMs = 0;
    int builds = 0;
};

class FontManager {
public:
    // `fontPath` empty: ImGui's built-in Latin font (tests on machines without a CJK font).
    FontManager(std::string fontPath, int faceIndex, FontSizes sizes);
    ~FontManager();
    FontManager(const FontManager&) = delete;
    FontManager& operator=(const FontManager&) = delete;

    // Reads the font file once; rebuilds reuse the bytes.
    Status loadFace();
    // Adds the common-character list (assets/i18n/common-chars.txt) to the body font; falls back
    // to ImGui's GetGlyphRangesChineseSimplifiedCommon() when the file is missing.
    Status loadCommon(const std::string& assetsDir);

    // Glyph sources. Each returns how many characters were new (the atlas then needs a rebuild).
    size_t addUiText(std::string_view utf8);                 // body and large
    size_t addText(std::string_view utf8, bool large = false);  // data: body (and large)
    size_t addData(const std::u32string& all, const std::u32string& names);
    void setSizes(FontSizes sizes);

    bool needsRebuild() const { return m_dirty; }
    // Clears and rebuilds the atlas, then calls onRebuilt (the renderer uploads the texture).
    // Only between frames: ImGui locks the atlas from NewFrame to Render.
    Status rebuild();
    std::function<void(ImFontAtlas&)> onRebuilt;

    ImFontAtlas& atlas() { return *m_atlas; }
    ImFont* body() const { return m_body; }
    ImFont* large() const { return m_large; }
    const FontSizes& sizes() const { return m_sizes; }
    // True when the built body font has a glyph for `cp` (not the fallback).
    bool hasGlyph(char32_t cp) const;
    bool hasLargeGlyph(char32_t cp) const;
    const AtlasStats& stats() const { return m_stats; }
    const GlyphSet& bodyGlyphs() const { return m_bodyGlyphs; }
    const std::string& fontPath() const { return m_path; }

private:
    std::string m_path;
    int m_face = 0;
    FontSizes m_sizes;
    std::string m_fontData;  // shared by both sizes (ImGui does not own it)
    std::unique_ptr<ImFontAtlas> m_atlas;
    GlyphSet m_bodyGlyphs;
    GlyphSet m_largeGlyphs;
    ImVector<ImWchar> m_bodyRanges;
    ImVector<ImWchar> m_largeRanges;
    ImFont* m_body = nullptr;
    ImFont* m_large = nullptr;
    bool m_dirty = true;
    AtlasStats m_stats;
};

}  // namespace fc::ui
