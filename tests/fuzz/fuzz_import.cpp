// libFuzzer target for the customer importer's validation pass: any bytes go through
// CustomerImport::importCsvBytes (dry run, so the store stays as it is). It must answer with a report or
// an Error naming the file — never crash, never import half a file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "shared/core/clock.hpp"
#include "shared/customers/customer_import.hpp"
#include "shared/services.hpp"

namespace {

fc::core::StoreServices& store() {
    static fc::core::ManualClock clock;
    static std::unique_ptr<fc::core::StoreServices> s = [] {
        char dir[] = "/tmp/fc-fuzz-import-XXXXXX";
        if (!mkdtemp(dir)) std::abort();
        auto r = fc::core::StoreServices::init(std::string(dir) + "/store.db", clock, {});
        if (!r) std::abort();
        // One existing customer so "already belongs to" paths run too.
        auto c = r.value()->get<fc::core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        if (!c) std::abort();
        return std::move(r).value();
    }();
    return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    fc::core::ImportOptions opt;
    opt.dryRun = true;
    auto r = store().get<fc::core::CustomerImport>().importCsvBytes(bytes, "fuzz.csv", opt);
    if (!r) {
        if (r.error().message.rfind("fuzz.csv", 0) != 0) __builtin_trap();
        return 0;
    }
    if (r->imported || r->customers != 0) __builtin_trap();
    for (const auto& e : r->errors)
        if (e.reason.empty()) __builtin_trap();
    return 0;
}
