#include "tests/support/test_store.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iconv.h>
#include <map>
#include <mutex>

#include "shared/verify.hpp"

namespace fc::test {

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "fc-test-XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    if (!p) throw std::runtime_error("mkdtemp failed");
    m_path = p;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

const std::string& processDir(const std::string& name) {
    // Never destroyed: the directories are removed by the last TempDir's destructor at exit.
    static auto* dirs = new std::map<std::string, TempDir>();
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    auto it = dirs->find(name);
    if (it == dirs->end()) {
        it = dirs->try_emplace(name).first;
        static const bool registered = [] {
            std::atexit([] { dirs->clear(); });
            return true;
        }();
        (void)registered;
    }
    return it->second.path();
}

std::unique_ptr<core::Store> makeTestStore(const TempDir& dir, const core::Clock& clock,
                                           const std::string& name, uint64_t seed) {
    core::InitOptions opt;
    opt.storeName = "测试门店";
    opt.deviceName = "test device";
    opt.idSeed = seed;
    auto store = core::Store::init(dir.file(name), clock, core::storeRegistry().schema(), opt);
    if (!store) {
        ADD_FAILURE() << "init store: " << store.error().message;
        return nullptr;
    }
    return std::move(store).value();
}

void expectIntegrityOk(core::Db& db) {
    auto integrity = db.queryText("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.ok()) << integrity.error().message;
    EXPECT_EQ(integrity.value().value_or(""), "ok");
    auto fk = db.queryText("PRAGMA foreign_key_check");
    ASSERT_TRUE(fk.ok()) << fk.error().message;
    EXPECT_FALSE(fk.value().has_value()) << "foreign key violation in table " << *fk.value();
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string toGb18030(std::string_view utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        ADD_FAILURE() << "iconv has no GB18030";
        return {};
    }
    std::string in(utf8);
    std::string out(in.size() * 2 + 16, '\0');
    char* ip = in.data();
    size_t inLeft = in.size();
    char* op = out.data();
    size_t outLeft = out.size();
    if (iconv(cd, &ip, &inLeft, &op, &outLeft) == static_cast<size_t>(-1))
        ADD_FAILURE() << "cannot convert to GB18030: " << utf8;
    iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
}

void StoreTest::SetUp() {
    auto store = makeTestStore(dir, clock);
    ASSERT_NE(store, nullptr);
    s = std::make_unique<core::StoreServices>(std::move(store), core::storeRegistry());
}

void StoreTest::TearDown() {
    if (!s) return;
    expectIntegrityOk(s->db());
    auto v = core::verifyStore(*s);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << "verify: " << p;
}

}  // namespace fc::test
