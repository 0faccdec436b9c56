// Customer search: exact plate / phone / VIN, 1- and 2-character name queries (a bigram side table,
// since FTS5's trigram tokenizer needs 3 characters) and 3+ character substring search (FTS5
// trigram), ranked. Also the derived indexes that keep it current, as ChangeObservers.
//
//   CustomerSearch search(store);
//   FC_ASSIGN(auto hits, search.search("王芳"));      // or "粤B12", "1234", "LSVAA4"
#pragma once

#include <set>
#include <string>
#include <vector>

#include "shared/capture/service_set.hpp"
#include "shared/capture/store.hpp"

namespace fc::core {

enum class MatchField { kPhone, kPlate, kVin, kName, kWechat };
const char* matchFieldKey(MatchField f);  // "phone", "plate", "vin", "name", "wechat"

struct SearchHit {
    std::string customerId;
    std::string name;
    std::vector<std::string> phones;
    std::vector<std::string> plates;
    MatchField field = MatchField::kName;
    int score = 0;  // higher is better: exact > prefix > substring
};

// Keeps customer_phone_idx current. Not deferred: uniqueness checks inside a bulk need it.
class PhoneIndex final : public DerivedIndex {
public:
    explicit PhoneIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& change) override;
    bool deferrable() const override { return false; }
    Status rebuild() override;
    // Replaces the index with the copy in the attached database `schema` (a hub snapshot built
    // from the same rows), instead of rebuilding it.
    static const std::vector<IndexTable>& tables();
    Status loadFrom(const std::string& schema) override;

private:
    Db& m_db;
    std::unique_ptr<Stmt> m_insert;  // once per new customer: prepared once
};

// Keeps search_doc / search_fts / search_bigram current for customers, their vehicles and
// ownership changes. In a bulk it collects ids and rebuilds each affected customer once.
class SearchIndex final : public DerivedIndex {
public:
    explicit SearchIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& change) override;
    Status changedMany(const TableDef& table, const std::vector<std::string>& ids) override;
    Status flush() override;
    Status reindexCustomer(const std::string& customerId);
    Status rebuild() override;
    // Replaces the whole index (documents, bigrams and the FTS5 index's own tables) with the copy
    // in the attached database `schema`: a hub snapshot, built by this same code from the same
    // rows. Tokenizing ~50,000 documents costs a second; copying them costs a few milliseconds.
    // The copy is outside input: its FTS5 index is checked against its documents, and made anew
    // from the copied rows when the check fails.
    static const std::vector<IndexTable>& tables();
    Status loadFrom(const std::string& schema) override;
    // For a hub, which never searches but hands the index to new devices: in lazy mode a change
    // only marks its customers stale (search_stale, a local table), and catchUp() brings the
    // index up to date before anyone reads it.
    Status setLazy(bool lazy) override;
    Status catchUp() override;

private:
    static constexpr size_t kBulkThreshold = 256;
    bool m_lazy = false;
    Status collect(const TableDef& table, const std::string& id);
    Status reindexMany(const std::set<std::string>& ids);
    // Looks up a sample of documents through the FTS5 index: false when one is not found.
    Result<bool> sampleFindsItsDocuments();
    Db& m_db;
    std::set<std::string> m_pending;
};

class CustomerSearch {
public:
    explicit CustomerSearch(Store& store) : m_db(store.db()) {}
    // Live customers matching `query`, best first.
    Result<std::vector<SearchHit>> search(std::string_view query, size_t limit = 20);

private:
    Db& m_db;
};

}  // namespace fc::core
