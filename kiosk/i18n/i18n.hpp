// Translations: every visible string comes from a catalog in assets/i18n (zh-CN default, en
// second). A catalog is a flat JSON object of key → text; texts may carry {placeholders}.
//
//   FC_ASSIGN(auto i18n, I18n::load(assetsDir(), "zh-CN"));  setCurrentI18n(&i18n);
//   ui::button(ui, tr("home.start"));  tr("sync.pending", {{"count", 3}}) → "待同步 3 项"
#pragma once

#include <concepts>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::ui {

using core::Result;
using core::Status;

// The languages the app ships, default first.
const std::vector<std::string>& supportedLanguages();

// Where assets live: $FC_ASSETS_DIR if set, else the build-time FC_ASSETS_DIR.
std::string assetsDir();

class Catalog {
public:
    // Parses a flat JSON object of string → string.
    static Result<Catalog> parse(std::string_view json, const std::string& what);
    static Result<Catalog> load(const std::string& path);

    // nullptr when the key is missing.
    const std::string* find(std::string_view key) const;
    const std::map<std::string, std::string, std::less<>>& entries() const { return m_entries; }

private:
    std::map<std::string, std::string, std::less<>> m_entries;
};

// The {names} a text uses, e.g. "待同步 {count} 项" → {"count"}. "{{" is a literal brace.
std::set<std::string> placeholders(std::string_view text);

struct TrArg {
    TrArg(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
    TrArg(std::string_view n, const char* v) : name(n), value(v) {}
    template <std::integral I>
    TrArg(std::string_view n, I v) : name(n), value(std::to_string(v)) {}
    std::string_view name;
    std::string value;
};

// Replaces each {name} with its argument; unknown placeholders are left as they are.
std::string format(std::string_view text, std::initializer_list<TrArg> args);

class I18n {
public:
    // Loads every supported language from `dir` (zh-CN.json, en.json) and selects `language`.
    static Result<I18n> load(const std::string& dir, const std::string& language);

    Status setLanguage(const std::string& language);
    const std::string& language() const { return m_language; }
    // The language the toggle switches to (zh-CN ↔ en).
    std::string otherLanguage() const;

    // The text for `key` in the current language; the key itself when missing (and it is
    // remembered in missing()). The pointer stays valid while this I18n lives.
    const char* tr(std::string_view key) const;
    std::string tr(std::string_view key, std::initializer_list<TrArg> args) const;
    // Whether the current language has `key` (for names of stored keys a newer device may add).
    bool has(std::string_view key) const { return m_current && m_current->find(key); }

    const Catalog& catalog(const std::string& language) const;
    const std::set<std::string, std::less<>>& missing() const { return m_missing; }
    // Every text of every loaded catalog (for the font atlas).
    std::string allText() const;

private:
    std::map<std::string, Catalog, std::less<>> m_catalogs;
    std::string m_language;
    const Catalog* m_current = nullptr;
    mutable std::set<std::string, std::less<>> m_missing;
};

// The catalog tr() reads. Main thread only: the UI draws on one thread.
void setCurrentI18n(const I18n* i18n);
const I18n* currentI18n();

const char* tr(std::string_view key);
std::string tr(std::string_view key, std::initializer_list<TrArg> args);

}  // namespace fc::ui
