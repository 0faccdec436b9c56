// sync/PROTOCOL.md tells the truth about the wire: its list of synced tables is the registry's, in
// the registry's order, each with its columns in order; its permission table is the domains'
// grants; its schema version is the current one. A domain that adds a table or a grant and forgets
// the reference fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "shared/registry.hpp"

namespace fc::sync {
namespace {

std::string protocolText() {
    std::ifstream in(std::string(FC_SOURCE_DIR) + "/sync/PROTOCOL.md");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The grants of `role` on `table` as the table writes them: "add, delete, update any",
// "add; update `a`, `b`", "update `status`", "—".
std::string describe(const core::TableGrant* g) {
    if (!g) return "—";
    std::vector<std::string> parts;
    if (g->insert) parts.push_back("add");
    if (g->tombstone) parts.push_back("delete");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    if (g->update.size() == 1 && g->update[0] == "*") return out + (out.empty() ? "" : ", ") + "update any";
    if (g->update.empty()) return out.empty() ? "—" : out;
    std::string cols;
    for (const auto& c : g->update) cols += (cols.empty() ? "`" : ", `") + c + "`";
    return out + (out.empty() ? "" : "; ") + "update " + cols;
}

TEST(ProtocolDoc, ListsEverySyncedTableWithItsColumnsInOrder) {
    const std::string doc = protocolText();
    ASSERT_FALSE(doc.empty());
    const std::regex heading(R"(\n\*\*(\w+)\*\* \((master|fact))");
    std::vector<std::string> listed;
    std::vector<size_t> at;
    for (std::sregex_iterator it(doc.begin(), doc.end(), heading), end; it != end; ++it) {
        listed.push_back((*it)[1]);
        at.push_back(static_cast<size_t>(it->position()));
    }
    std::vector<std::string> tables;
    for (const core::TableDef* t : core::storeRegistry().schema().tables()) tables.push_back(t->name);
    ASSERT_EQ(listed, tables) << "PROTOCOL.md §2.3 and the registry disagree on the synced tables";
    for (size_t i = 0; i < listed.size(); ++i) {
        const size_t endAt = i + 1 < at.size() ? at[i + 1] : doc.find("\n### ", at[i]);
        const std::string section = doc.substr(at[i], endAt - at[i]);
        const core::TableDef& t = *core::storeRegistry().schema().find(listed[i]);
        EXPECT_NE(section.find(t.isMaster() ? "(master" : "(fact"), std::string::npos) << t.name;
        size_t pos = 0;
        for (size_t k = 0; k < t.columns.size(); ++k) {
            const std::regex col("(" + std::to_string(k) + " `" + t.columns[k].name + "`|\\| " +
                                 std::to_string(k) + " \\| " + t.columns[k].name + " \\|)");
            std::smatch m;
            const std::string rest = section.substr(pos);
            ASSERT_TRUE(std::regex_search(rest, m, col)) << t.name << " column " << k << " " << t.columns[k].name;
            pos += static_cast<size_t>(m.position()) + m.length();
        }
    }
}

TEST(ProtocolDoc, ThePermissionTableIsTheDomainsGrants) {
    const std::string doc = protocolText();
    const core::Registry& r = core::storeRegistry();
    for (const core::TableDef* t : r.schema().tables()) {
        std::string expected = "| " + t->name + " |";
        for (core::DeviceRole role : core::enrollableDeviceRoles()) expected += " " + describe(r.grant(role, *t)) + " |";
        EXPECT_NE(doc.find(expected + "\n"), std::string::npos) << "PROTOCOL.md §4.4 lacks the row\n" << expected;
    }
}

TEST(ProtocolDoc, NamesTheCurrentSchemaVersion) {
    const std::string doc = protocolText();
    const std::string v = std::to_string(core::storeRegistry().schema().version());
    EXPECT_NE(doc.find("(currently\n  **" + v + "**"), std::string::npos) << "schema version " << v;
    EXPECT_EQ(doc.find("/work/"), std::string::npos) << "no machine-absolute paths";
}

}  // namespace
}  // namespace fc::sync
