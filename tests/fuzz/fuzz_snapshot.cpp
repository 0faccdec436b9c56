// libFuzzer target for the device's first look at a downloaded snapshot (GET /v1/snapshot, a
// SQLite file): the bytes are written to a file and go through inspectSnapshot, which attaches
// it and checks completeness, tables, columns and metadata before any row is copied. Never a
// crash, and the file is always detached again.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "sync/client.hpp"

namespace {

constexpr const char* kStore = "019b3945-4680-7269-b2a7-4de452e6b438";

const std::string& workDir() {
    static const std::string dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("fc-fuzz-snapshot-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d.string();
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static auto db = fc::core::Db::open(":memory:");
    if (!db) __builtin_trap();
    const std::string file = workDir() + "/snapshot.db";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file + suffix, ec);
    if (std::FILE* f = std::fopen(file.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        __builtin_trap();
    }
    auto meta = fc::sync::inspectSnapshot(*db, file, kStore);
    if (meta && (meta->cursor < 0 || meta->rows < 0)) __builtin_trap();
    if (!meta && meta.error().message.empty()) __builtin_trap();
    auto attached = db->queryInt("SELECT count(*) FROM pragma_database_list WHERE name = 'snap'");
    if (!attached || attached->value_or(1) != 0) __builtin_trap();
    return 0;
}
