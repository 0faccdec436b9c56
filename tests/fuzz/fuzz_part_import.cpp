// libFuzzer target for the parts importer's validation pass: any bytes go through
// PartImport::checkCsvBytes (a dry run, so the store stays as it is). It must answer with a report
// or an Error naming the file — never crash, never import half a file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "shared/core/clock.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stock/part_import.hpp"

namespace {

// A store with one part carrying a code in one bin, so the "already on part", update and bin
// paths run too. Made in place: the services keep a reference to the clock.
struct Fixture {
    Fixture() {
        char dir[] = "/tmp/fc-fuzz-part-import-XXXXXX";
        if (!mkdtemp(dir)) std::abort();
        auto r = fc::core::StoreServices::init(std::string(dir) + "/store.db", clock, {});
        if (!r) std::abort();
        services = std::move(r).value();
        fc::core::StoreServices& s = *services;
        s.get<fc::core::StaffService>().setHashLimits(fc::core::PinHashLimits::minimum());
        auto admin = s.get<fc::core::StaffService>().bootstrapAdmin("赵敏", "246810");
        if (!admin) std::abort();
        auto by = s.get<fc::core::SessionManager>().signInByPin(*admin, "246810");
        if (!by) std::abort();
        auto& parts = s.get<fc::core::PartService>();
        auto bin = parts.createBin(*by, {.code = "A-01-01", .zone = "A"});
        if (!bin) std::abort();
        if (!parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器"}, {{"6901234567892", "gtin"}}, {*bin}))
            std::abort();
        if (!s.get<fc::core::SessionManager>().signOut()) std::abort();
        importer = s.services().find<fc::core::PartImport>();
        if (!importer) importer = &own.emplace(s.store(), parts);
    }
    fc::core::ManualClock clock;
    std::unique_ptr<fc::core::StoreServices> services;
    std::optional<fc::core::PartImport> own;
    fc::core::PartImport* importer = nullptr;
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Fixture& f = fixture();
    for (const bool createBins : {false, true}) {
        auto r = f.importer->checkCsvBytes(bytes, "fuzz.csv", {.createMissingBins = createBins});
        if (!r) {
            if (r.error().message.rfind("fuzz.csv", 0) != 0) __builtin_trap();
            return 0;
        }
        if (r->imported) __builtin_trap();
        for (const auto& e : r->errors)
            if (e.reason.empty()) __builtin_trap();
        if (r->errors.empty() && r->created + r->updated + r->unchanged != r->rows) __builtin_trap();
    }
    return 0;
}
