// The source tree keeps its layers (README.md, "Layout"; ../shared/DESIGN.md): dependencies point
// one way, no file pair includes itself round in a circle, no folder of shared/ or platform/ depends
// on one that depends back on it, and the app's screens hold no SQL. Read from the sources
// themselves, so a new include that breaks a rule fails here before anyone has to notice it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = FC_SOURCE_DIR;

struct Source {
    std::string path;                   // relative to the repository, e.g. "shared/db/sqlite.cpp"
    std::vector<std::string> includes;  // quoted includes as written ("shared/core/result.hpp")
    std::vector<std::string> systemIncludes;
    std::string text;
};

const std::vector<Source>& sources() {
    static const std::vector<Source> all = [] {
        std::vector<Source> out;
        const std::regex quoted(R"re(^\s*#\s*include\s*"([^"]+)")re");
        const std::regex angled(R"re(^\s*#\s*include\s*<([^>]+)>)re");
        for (const char* top : {"shared", "sync", "kiosk", "platform", "tools"}) {
            for (const auto& e : fs::recursive_directory_iterator(kRoot / top)) {
                const std::string ext = e.path().extension().string();
                if (ext != ".cpp" && ext != ".hpp") continue;
                Source s;
                s.path = fs::relative(e.path(), kRoot).string();
                std::ifstream in(e.path());
                std::string line;
                while (std::getline(in, line)) {
                    std::smatch m;
                    if (std::regex_search(line, m, quoted)) s.includes.push_back(m[1]);
                    else if (std::regex_search(line, m, angled)) s.systemIncludes.push_back(m[1]);
                    s.text += line + "\n";
                }
                out.push_back(std::move(s));
            }
        }
        return out;
    }();
    return all;
}

std::string stem(const std::string& path) { return path.substr(0, path.rfind('.')); }
std::string topFolder(const std::string& path) { return path.substr(0, path.find('/')); }

// "shared/customers/x.hpp" → "shared/customers"; "shared/services.hpp" → "shared".
std::string folderOf(const std::string& path, const std::string& top) {
    const std::string rest = path.substr(top.size() + 1);
    const size_t slash = rest.find('/');
    return slash == std::string::npos ? top : top + "/" + rest.substr(0, slash);
}

// Cycles in a directed graph, each as "a → b → … → a".
std::vector<std::string> cycles(const std::map<std::string, std::set<std::string>>& graph) {
    std::vector<std::string> found;
    std::map<std::string, int> state;  // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& n) {
        state[n] = 1;
        stack.push_back(n);
        auto it = graph.find(n);
        if (it != graph.end())
            for (const std::string& m : it->second) {
                if (m == n) continue;
                if (state[m] == 1) {
                    std::string c;
                    for (auto k = std::find(stack.begin(), stack.end(), m); k != stack.end(); ++k) c += *k + " → ";
                    found.push_back(c + m);
                } else if (state[m] == 0) {
                    visit(m);
                }
            }
        stack.pop_back();
        state[n] = 2;
    };
    for (const auto& [n, _] : graph)
        if (state[n] == 0) visit(n);
    return found;
}

std::string lines(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += "  " + s + "\n";
    return out;
}

TEST(SourceTree, FindsTheSources) {
    EXPECT_GT(sources().size(), 150u) << "reading " << kRoot;
}

// A header and its .cpp are one unit; no two units include each other, directly or round about.
TEST(SourceTree, NoIncludeCycles) {
    std::map<std::string, std::set<std::string>> graph;
    for (const Source& s : sources())
        for (const std::string& inc : s.includes)
            if (stem(inc) != stem(s.path)) graph[stem(s.path)].insert(stem(inc));
    const auto found = cycles(graph);
    EXPECT_TRUE(found.empty()) << "include cycles:\n" << lines(found);
}

// Inside shared/ (the core, then the domains, then the registry and services on top) and
// platform/, folders depend one way.
TEST(SourceTree, FoldersInsideSharedAndPlatformDependOneWay) {
    for (const std::string top : {"shared", "platform"}) {
        std::map<std::string, std::set<std::string>> graph;
        for (const Source& s : sources()) {
            if (topFolder(s.path) != top) continue;
            for (const std::string& inc : s.includes)
                if (topFolder(inc) == top) graph[folderOf(s.path, top)].insert(folderOf(inc, top));
        }
        const auto found = cycles(graph);
        EXPECT_TRUE(found.empty()) << top << " folders depend on each other:\n" << lines(found);
    }
}

// kiosk → platform, sync, shared; sync → shared; tools → sync, shared, platform; shared → nothing.
TEST(SourceTree, LayersPointOneWay) {
    const std::map<std::string, std::set<std::string>> allowed = {
        {"shared", {"shared"}},
        {"sync", {"sync", "shared"}},
        {"platform", {"platform", "shared"}},
        {"tools", {"tools", "sync", "shared", "platform"}},
        {"kiosk", {"kiosk", "platform", "sync", "shared"}},
    };
    std::vector<std::string> wrong;
    for (const Source& s : sources())
        for (const std::string& inc : s.includes)
            if (!allowed.at(topFolder(s.path)).count(topFolder(inc))) wrong.push_back(s.path + " includes " + inc);
    EXPECT_TRUE(wrong.empty()) << lines(wrong);
}

// shared/ depends on SQLite, nlohmann/json and libsodium only; no UI or network library.
TEST(SourceTree, TheCoreUsesNoUiOrNetworkLibrary) {
    std::vector<std::string> wrong;
    for (const Source& s : sources()) {
        if (topFolder(s.path) != "shared") continue;
        for (const std::string& inc : s.systemIncludes)
            for (const char* lib : {"imgui", "GLFW", "GL/", "curl", "httplib", "ZXing", "stb"})
                if (inc.find(lib) != std::string::npos) wrong.push_back(s.path + " includes <" + inc + ">");
    }
    EXPECT_TRUE(wrong.empty()) << lines(wrong);
}

// platform/gfx is the only code that touches GLFW or OpenGL (the app runs headless in tests).
TEST(SourceTree, OnlyPlatformGfxTouchesGlfwOrOpenGl) {
    std::vector<std::string> wrong;
    for (const Source& s : sources()) {
        if (s.path.rfind("platform/gfx/", 0) == 0) continue;
        for (const std::string& inc : s.systemIncludes)
            if (inc.rfind("GLFW/", 0) == 0 || inc.rfind("GL/", 0) == 0 || inc.find("imgui_impl_") != std::string::npos)
                wrong.push_back(s.path + " includes <" + inc + ">");
    }
    EXPECT_TRUE(wrong.empty()) << lines(wrong);
}

// Screens call services: no SQL text and no database handle anywhere in the app.
TEST(SourceTree, TheAppContainsNoSql) {
    const std::regex sql(R"re("[^"]*\b(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))[^"]*")re",
                         std::regex::icase);
    std::vector<std::string> wrong;
    for (const Source& s : sources()) {
        if (topFolder(s.path) != "kiosk") continue;
        if (std::regex_search(s.text, sql)) wrong.push_back(s.path + ": SQL text");
        if (s.path.rfind("kiosk/screens/", 0) == 0) {
            if (s.text.find(".db()") != std::string::npos) wrong.push_back(s.path + ": reaches the database handle");
            if (s.text.find("StoreServices") != std::string::npos)
                wrong.push_back(s.path + ": takes the whole store, not its feature's services");
        }
    }
    EXPECT_TRUE(wrong.empty()) << lines(wrong);
}

// Each domain keeps its synced tables to itself: the SQL that creates a table lives in the one
// folder that defines it.
TEST(SourceTree, EachSyncedTableIsCreatedInItsOwnDomainFolder) {
    const std::regex defined(R"re(const TableDef k\w+\{\s*"(\w+)")re");
    const std::regex created(R"re(CREATE TABLE (\w+)\()re");
    std::map<std::string, std::string> definedIn, createdIn;
    for (const Source& s : sources()) {
        if (topFolder(s.path) != "shared") continue;
        for (std::sregex_iterator it(s.text.begin(), s.text.end(), defined), end; it != end; ++it)
            definedIn[(*it)[1]] = folderOf(s.path, "shared");
        for (std::sregex_iterator it(s.text.begin(), s.text.end(), created), end; it != end; ++it)
            createdIn[(*it)[1]] = folderOf(s.path, "shared");
    }
    EXPECT_GE(definedIn.size(), 11u);
    for (const auto& [table, folder] : definedIn) {
        ASSERT_TRUE(createdIn.count(table)) << table << " is defined in " << folder << " but created nowhere";
        EXPECT_EQ(createdIn[table], folder) << table;
    }
}

}  // namespace
