#include "kiosk/i18n/i18n.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace fc::ui {

using core::Error;
using core::Errc;

const std::vector<std::string>& supportedLanguages() {
    static const std::vector<std::string> k = {"zh-CN", "en"};
    return k;
}

std::string assetsDir() {
    if (const char* env = std::getenv("FC_ASSETS_DIR"); env && *env) return env;
    return FC_ASSETS_DIR;
}

// [SECTION] Catalog

Result<Catalog> Catalog::parse(std::string_view json, const std::string& what) {
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error(Errc::kInvalid, what + ": not a JSON object of key → text");
    Catalog c;
    for (const auto& [key, value] : j.items()) {
        if (!value.is_string())
            return Error(Errc::kInvalid, what + ": the value of \"" + key + "\" is not a string");
        c.m_entries.emplace(key, value.get<std::string>());
    }
    return c;
}

Result<Catalog> Catalog::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(Errc::kIo, "cannot read the translation catalog " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

const std::string* Catalog::find(std::string_view key) const {
    auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
}

// [SECTION] placeholders

std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') continue;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            ++i;
            continue;
        }
        const size_t end = text.find('}', i + 1);
        if (end == std::string_view::npos) break;
        out.emplace(text.substr(i + 1, end - i - 1));
        i = end;
    }
    return out;
}

std::string format(std::string_view text, std::initializer_list<TrArg> args) {
    std::string out;
    out.reserve(text.size() + 16);
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
            out += '}';
            ++i;
            continue;
        }
        if (c == '{') {
            const size_t end = text.find('}', i + 1);
            if (end != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, end - i - 1);
                const TrArg* found = nullptr;
                for (const TrArg& a : args)
                    if (a.name == name) found = &a;
                if (found) {
                    out += found->value;
                    i = end;
                    continue;
                }
            }
        }
        out += c;
    }
    return out;
}

// [SECTION] I18n

Result<I18n> I18n::load(const std::string& dir, const std::string& language) {
    I18n i18n;
    for (const std::string& lang : supportedLanguages()) {
        FC_ASSIGN(Catalog c, Catalog::load(dir + "/i18n/" + lang + ".json"));
        i18n.m_catalogs.emplace(lang, std::move(c));
    }
    FC_TRY(i18n.setLanguage(language));
    return i18n;
}

Status I18n::setLanguage(const std::string& language) {
    auto it = m_catalogs.find(language);
    if (it == m_catalogs.end())
        return Error(Errc::kInvalid, "unknown language '" + language + "' (zh-CN or en)");
    m_language = language;
    m_current = &it->second;
    return {};
}

std::string I18n::otherLanguage() const {
    const auto& langs = supportedLanguages();
    return m_language == langs[0] ? langs[1] : langs[0];
}

const char* I18n::tr(std::string_view key) const {
    if (m_current)
        if (const std::string* s = m_current->find(key)) return s->c_str();
    auto it = m_missing.find(key);
    if (it == m_missing.end()) it = m_missing.emplace(key).first;
    return it->c_str();
}

std::string I18n::tr(std::string_view key, std::initializer_list<TrArg> args) const {
    return format(tr(key), args);
}

const Catalog& I18n::catalog(const std::string& language) const {
    static const Catalog kEmpty;
    auto it = m_catalogs.find(language);
    return it == m_catalogs.end() ? kEmpty : it->second;
}

std::string I18n::allText() const {
    std::string out;
    for (const auto& [lang, catalog] : m_catalogs)
        for (const auto& [key, text] : catalog.entries()) out += text;
    return out;
}

// [SECTION] the current catalog

namespace {
const I18n* g_current = nullptr;
}

void setCurrentI18n(const I18n* i18n) { g_current = i18n; }
const I18n* currentI18n() { return g_current; }

const char* tr(std::string_view key) {
    if (!g_current) {
        // No catalog (a unit test of a widget): the key is the text.
        static std::set<std::string, std::less<>> keys;
        return keys.emplace(key).first->c_str();
    }
    return g_current->tr(key);
}

std::string tr(std::string_view key, std::initializer_list<TrArg> args) {
    return format(tr(key), args);
}

}  // namespace fc::ui
