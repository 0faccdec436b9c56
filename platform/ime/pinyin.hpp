// Chinese input for on-screen keyboards: pinyin through librime (Debian librime-dev) with the
// simplified-Chinese pinyin schema (rime-data-pinyin-simp). No GUI here: the keyboard widget feeds
// letters and shows what composition() says.
//
//   FC_ASSIGN(auto py, ime::Pinyin::open(dataDir));
//   for (char c : "louyou") py->type(c);
//   py->composition().candidates;      // {"漏油", "楼", …} — the current page
//   std::string done = py->pick(0);    // "漏油" (empty while part of the letters is still open)
//
// Nothing typed is kept: the schema is patched so Rime learns no words (a kiosk's customers type
// their names and complaints), and the data directory holds only Rime's compiled dictionaries.
// Rime is one engine per process; open() prepares it once (a few ms with Debian's prebuilt
// dictionaries, ~0.4 s the very first time a data directory is used) and gives each caller its
// own session. prepare() may run early on a worker thread so the first keyboard opens at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::ime {

using core::Result;

struct Composition {
    std::string preedit;                  // the letters as Rime splits them: "lou you"
    std::vector<std::string> candidates;  // the current page, best first
    int page = 0;
    bool lastPage = true;
    bool composing() const { return !preedit.empty(); }
};

class Pinyin {
public:
    // Sets up Rime once for this process with its files in dataDir (created when missing) and the
    // trade's words from phrasesFile (defaultPhrasesFile(): "异响 yixiang" per line) offered first.
    // Errors name what is missing (the Debian package with the dictionary) or the file and line
    // of a bad phrase. Later calls return the first call's answer.
    static core::Status prepare(const std::string& dataDir, const std::string& phrasesFile = defaultPhrasesFile());
    static std::string defaultPhrasesFile();
    // "异响 yixiang" lines → Rime's table text ("异响\tyixiang\t100"); errors name file:line.
    static Result<std::string> readPhrases(std::string_view text, const std::string& fileName);
    static Result<std::unique_ptr<Pinyin>> open(const std::string& dataDir,
                                                 const std::string& phrasesFile = defaultPhrasesFile());
    ~Pinyin();
    Pinyin(const Pinyin&) = delete;
    Pinyin& operator=(const Pinyin&) = delete;

    const Composition& composition() const { return m_composition; }
    bool composing() const { return m_composition.composing(); }

    void type(char letter);  // a–z (other characters are ignored)
    // Deletes the last letter of the composition; false when there was nothing to delete.
    bool backspace();
    void clear();
    // Takes candidate i of the current page; returns the text now complete ("" when the pick
    // covered only the first syllables and the rest is still being composed).
    std::string pick(size_t index);
    // The letters as typed, ending the composition (for an English word typed in Chinese mode).
    std::string takeLetters();
    void nextPage();
    void previousPage();

private:
    explicit Pinyin(uintptr_t session);
    void refresh();
    std::string takeCommit();

    uintptr_t m_session;
    Composition m_composition;
};

// The schema Forecourt uses and the Debian package that ships it.
inline constexpr const char* kSchema = "pinyin_simp";
inline constexpr const char* kSchemaPackage = "rime-data-pinyin-simp";

}  // namespace fc::ime
