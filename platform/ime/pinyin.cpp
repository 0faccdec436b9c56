#include "platform/ime/pinyin.hpp"

#include <rime_api.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace fc::ime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSharedDataDir = "/usr/share/rime-data";
// X11 keysyms Rime understands.
constexpr int kBackSpace = 0xff08;
constexpr int kPageUp = 0xff55;
constexpr int kPageDown = 0xff56;
constexpr int kReturn = 0xff0d;

RimeApi* api() { return rime_get_api(); }

// Rime reads *.custom.yaml patches from the user data directory: only our schema, eight
// candidates a page, no learning (the user dictionary would keep what customers typed), the
// trade's words from a plain table offered before the general dictionary, and no candidate twice.
core::Status writePatches(const fs::path& dir, const std::string& phrases) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return core::Error(core::Errc::kIo, "Chinese input: cannot create " + dir.string() + ": " + ec.message());
    const std::pair<const char*, std::string> files[] = {
        {"default.custom.yaml", std::string("patch:\n  schema_list:\n    - schema: ") + kSchema +
                                    "\n  menu/page_size: 8\n"},
        {"pinyin_simp.custom.yaml",
         "patch:\n"
         "  translator/enable_user_dict: false\n"
         "  engine/translators/@before 0: table_translator@custom_phrase\n"
         "  engine/filters:\n"
         "    - uniquifier\n"  // a trade word the general dictionary also has is offered once
         "  custom_phrase:\n"
         "    dictionary: \"\"\n"
         "    user_dict: forecourt_phrases\n"
         "    db_class: stabledb\n"
         "    enable_completion: false\n"
         "    enable_sentence: false\n"
         "    initial_quality: 1\n"},
        {"forecourt_phrases.txt", phrases},
    };
    for (const auto& [name, text] : files) {
        std::ofstream out(dir / name, std::ios::trunc);
        out << text;
        if (!out) return core::Error(core::Errc::kIo, "Chinese input: cannot write " + (dir / name).string());
    }
    return {};
}

struct Engine {
    std::mutex mutex;
    bool ready = false;
    std::string dataDir;
    core::Status status;
};

Engine& engine() {
    static Engine e;
    return e;
}

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Error(core::Errc::kIo, "Chinese input: cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

core::Status startRime(const std::string& dataDir, const std::string& phrasesFile) {
    const fs::path schema = fs::path(kSharedDataDir) / (std::string(kSchema) + ".schema.yaml");
    if (!fs::exists(schema))
        return core::Error(core::Errc::kUnsupported, "Chinese input needs the Debian package " +
                                                         std::string(kSchemaPackage) + " (" +
                                                         schema.string() + " is missing)");
    // Without Rime's prelude (default.yaml, punctuation, key bindings) the patched schema cannot be
    // built and Rime silently runs the packaged one: no trade words, and it learns what is typed.
    const fs::path prelude = fs::path(kSharedDataDir) / "default.yaml";
    if (!fs::exists(prelude))
        return core::Error(core::Errc::kUnsupported, "Chinese input needs the Debian package rime-prelude (" +
                                                         prelude.string() + " is missing)");
    FC_ASSIGN(const std::string source, readFile(phrasesFile));
    FC_ASSIGN(const std::string phrases, Pinyin::readPhrases(source, phrasesFile));
    FC_TRY(writePatches(dataDir, phrases));
    static std::string user;  // Rime keeps the pointers
    user = dataDir;
    RIME_STRUCT(RimeTraits, traits);
    traits.shared_data_dir = kSharedDataDir;
    traits.user_data_dir = user.c_str();
    traits.distribution_name = "Forecourt";
    traits.distribution_code_name = "forecourt";
    traits.distribution_version = "1";
    traits.app_name = "rime.forecourt";
    static const char* modules[] = {"default", nullptr};  // no third-party plugins (Lua, …)
    traits.modules = modules;
    traits.min_log_level = 3;  // fatal only: Rime's log would otherwise hold what was typed
    api()->setup(&traits);
    api()->initialize(&traits);
    if (api()->start_maintenance(False)) api()->join_maintenance_thread();
    return {};
}

}  // namespace

std::string Pinyin::defaultPhrasesFile() { return std::string(FC_ASSETS_DIR) + "/ime/phrases.txt"; }

Result<std::string> Pinyin::readPhrases(std::string_view text, const std::string& fileName) {
    std::string out;
    size_t lineNo = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        const size_t gap = line.find_first_of(" \t");
        const std::string where = fileName + ":" + std::to_string(lineNo) + ": ";
        if (gap == std::string_view::npos || gap == 0)
            return core::invalid(where + "expected a word and its pinyin (异响 yixiang)");
        const std::string_view word = line.substr(0, gap);
        std::string_view letters = line.substr(gap);
        letters.remove_prefix(std::min(letters.size(), letters.find_first_not_of(" \t")));
        if (letters.empty() || letters.size() > 64 ||
            !std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            return core::invalid(where + "pinyin: lower-case letters a–z only, no spaces or tones");
        out.append(word).append("\t").append(letters).append("\t100\n");
    }
    return out;
}

core::Status Pinyin::prepare(const std::string& dataDir, const std::string& phrasesFile) {
    Engine& e = engine();
    std::lock_guard lock(e.mutex);
    if (!e.ready) {
        e.status = startRime(dataDir, phrasesFile);
        e.dataDir = dataDir;
        e.ready = true;
    }
    return e.status;
}

Result<std::unique_ptr<Pinyin>> Pinyin::open(const std::string& dataDir, const std::string& phrasesFile) {
    FC_TRY(prepare(dataDir, phrasesFile));
    std::lock_guard lock(engine().mutex);
    const RimeSessionId session = api()->create_session();
    if (session == 0) return core::internal("Chinese input: Rime could not start a session");
    if (!api()->select_schema(session, kSchema)) {
        api()->destroy_session(session);
        return core::Error(core::Errc::kUnsupported, std::string("Chinese input: Rime has no schema ") + kSchema +
                                                         " (install " + kSchemaPackage + ")");
    }
    return std::unique_ptr<Pinyin>(new Pinyin(session));
}

Pinyin::Pinyin(uintptr_t session) : m_session(session) {}

Pinyin::~Pinyin() { api()->destroy_session(m_session); }

void Pinyin::type(char letter) {
    if (letter >= 'A' && letter <= 'Z') letter = static_cast<char>(letter - 'A' + 'a');
    if ((letter < 'a' || letter > 'z') && letter != '\'') return;
    if (letter == '\'' && !composing()) return;
    api()->process_key(m_session, letter, 0);
    refresh();
}

bool Pinyin::backspace() {
    if (!composing()) return false;
    api()->process_key(m_session, kBackSpace, 0);
    refresh();
    return true;
}

void Pinyin::clear() {
    api()->clear_composition(m_session);
    refresh();
}

std::string Pinyin::pick(size_t index) {
    if (index >= m_composition.candidates.size()) return {};
    api()->select_candidate_on_current_page(m_session, index);
    std::string done = takeCommit();
    refresh();
    return done;
}

std::string Pinyin::takeLetters() {
    if (!composing()) return {};
    api()->process_key(m_session, kReturn, 0);
    std::string done = takeCommit();
    api()->clear_composition(m_session);
    refresh();
    return done;
}

void Pinyin::nextPage() {
    if (!composing() || m_composition.lastPage) return;
    api()->process_key(m_session, kPageDown, 0);
    refresh();
}

void Pinyin::previousPage() {
    if (!composing() || m_composition.page == 0) return;
    api()->process_key(m_session, kPageUp, 0);
    refresh();
}

std::string Pinyin::takeCommit() {
    RIME_STRUCT(RimeCommit, commit);
    std::string text;
    if (api()->get_commit(m_session, &commit)) {
        if (commit.text) text = commit.text;
        api()->free_commit(&commit);
    }
    return text;
}

void Pinyin::refresh() {
    Composition c;
    RIME_STRUCT(RimeContext, ctx);
    if (api()->get_context(m_session, &ctx)) {
        if (ctx.composition.length > 0 && ctx.composition.preedit) c.preedit = ctx.composition.preedit;
        c.page = ctx.menu.page_no;
        c.lastPage = ctx.menu.is_last_page != 0;
        for (int i = 0; i < ctx.menu.num_candidates; ++i)
            if (ctx.menu.candidates[i].text) c.candidates.emplace_back(ctx.menu.candidates[i].text);
        api()->free_context(&ctx);
    }
    m_composition = std::move(c);
}

}  // namespace fc::ime

// Rime keeps its engine (modules, schemas, dictionaries) in process-wide singletons until exit and
// we never finalize it; in sanitizer builds LeakSanitizer is told so here, for every program that
// links this library.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FC_IME_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(FC_IME_ASAN)
#define FC_IME_ASAN 1
#endif
#ifdef FC_IME_ASAN
extern "C" const char* __lsan_default_suppressions();
// The one strong definition in a program that links both: it lists printing's libraries too
// (platform/print keeps a weak one for programs without the keyboard).
extern "C" const char* __lsan_default_suppressions() {
    return "leak:librime.so\nleak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}
#endif
