// forecourtctl — the administrator's command line: create and seed store databases, import
// customer and parts lists, search, statistics and verification. Everything goes through forecourt_core,
// the same service calls the app makes.
//
// Index
//   [SECTION] usage
//   [SECTION] commands
//   [SECTION] main
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "shared/core/clock.hpp"
#include "shared/customers/customer_import.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/registry.hpp"
#include "shared/demo/seed.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stock/part_import.hpp"
#include "shared/verify.hpp"
#include "sync/hub.hpp"
#include "sync/net/curl_transport.hpp"
#include "sync/net/hub_enrolment.hpp"
#include "sync/net/tls_pin.hpp"
#include "sync/client.hpp"
#include "sync/enrolment.hpp"

#include "tools/forecourtctl/cli.hpp"

namespace fc::ctl {
namespace {

using namespace fc::core;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// [SECTION] usage

const char* kUsage = R"(usage: forecourtctl --db PATH COMMAND [options]

Commands:
  init [--store-name NAME] [--device-name NAME] [--role ROLE]
                          create a store database (schema, device identity, store record)
  seed-demo [--seed N] [--customers N] [--parts N]
                          add deterministic demo customers and vehicles, staff, today's
                          appointments and parts with opening stock (creates the database
                          if needed; default 2000 customers, 3000 parts, seed 1)
  import customers FILE.csv [--dry-run] [--accept-vin-check-digit]
                          import a customer list (UTF-8 or GBK, Chinese or English
                          headers); any bad row imports nothing and is reported
  import-parts FILE.csv [--dry-run] [--create-bins] [--staff NAME]
                          import or update parts (same rules; a known SKU updates its
                          part); the import is made as --staff (who may manage stock;
                          PIN from $FORECOURT_PIN or one line on standard input), a
                          --dry-run needs nobody; --create-bins makes unknown bins
  search TEXT [--limit N] [--show-personal]
                          find customers by plate, phone, VIN fragment or name
  stats                   counts of customers, vehicles, readings and unsynced changes
  verify                  integrity check plus the store's own invariants
  print work-order|key-tag|invoice NUMBER --out FILE.pdf [--lang zh-CN|en]
                          a PDF of a work order's sheet (A4) or key tag (60 x 40 mm),
                          by its number (WO1-0042, or the hub's), or of an invoice or
                          credit note (A4; its number F1-0007, or the work order's)
  print count-report --count NUMBER --out FILE.pdf [--lang zh-CN|en]
                          a stock count's report (盘点报告, A4): per line the books at count
                          time, the counted figure, the signed difference and its value
  labels (--parts SKU,... | --bins CODE,... | --zone Z) --out FILE.pdf
         [--sheet roll50x30|a4-3x8] [--symbology code128|qr] [--copies N] [--lang zh-CN|en]
                          part labels (name, SKU, brand, bin; the part's label code or SKU
                          as the code) and bin labels as a PDF: a 50 x 30 mm roll or A4
                          sheets of 3 x 8 (the default); Code 128 (default) or QR

Sync:
  hub-code --role ROLE [--ttl-minutes N | --ttl-hours N]
                          (on the hub's database) make a one-time enrolment code for a
                          device role: office, kiosk, workshop, warehouse; valid 15
                          minutes unless told (--ttl-minutes 1..1440, --ttl-hours 1..720).
                          The bare code goes to stdout; for a hub serving HTTPS, stderr
                          shows CODE@FINGERPRINT, what the device is given
  hub-revoke DEVICE_ID    (on the hub's database) revoke a device's token
  enroll --hub URL --code CODE[@FINGERPRINT] [--fingerprint F] --name NAME
                          enrol this device with the hub (creates the database if needed);
                          with a fingerprint the hub's certificate is checked against it
                          before anything is sent, and its key is pinned from then on
  sync                    one full exchange with the hub: push, then pull

Scanning (no --db needed):
  scan FILE... [--raw]    read the barcodes in pictures (PNG, JPEG): one line
                          'FILE: FORMAT TEXT' per code, or 'FILE: none'

Options:
  --db PATH               the store database (required)
  --help                  show this help
  --version               show the version

Exit status: 0 success, 1 the operation failed, 2 usage error.
)";

int usageError(const std::string& message) {
    std::cerr << "forecourtctl: " << message << "\n"
              << "Try 'forecourtctl --help'.\n";
    return kExitUsage;
}

int failed(const Error& e) {
    std::cerr << "forecourtctl: " << e.message << "\n";
    return kExitFailed;
}

std::optional<uint64_t> parseCount(const std::string& s) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    return v;
}

// [SECTION] commands

int cmdInit(Args& args, const std::string& db, const Clock& clock) {
    InitOptions opt;
    if (auto v = args.option("--store-name")) opt.storeName = *v;
    if (auto v = args.option("--device-name")) opt.deviceName = *v;
    if (auto v = args.option("--role")) {
        auto role = parseDeviceRole(*v);
        if (!role || *role == DeviceRole::kPending)
            return usageError("--role must be one of office, kiosk, workshop, warehouse, hub; got '" + *v + "'");
        opt.role = *role;
    }
    if (auto e = args.leftoverError()) return usageError(*e);
    auto s = StoreServices::init(db, clock, opt);
    if (!s) return failed(s.error());
    std::cout << "initialised " << db << ": store " << s.value()->store().storeId() << " ("
              << opt.storeName << "), device " << s.value()->store().device().deviceId << " ("
              << opt.deviceName << ", " << deviceRoleKey(opt.role) << "), schema v"
              << storeRegistry().schema().version()
              << "\n";
    return kExitOk;
}

// Opens the database, or creates it with `init` when there is no file yet.
Result<std::unique_ptr<StoreServices>> openOrInit(const std::string& db, const Clock& clock,
                                                  const InitOptions& init) {
    if (std::filesystem::exists(db)) return StoreServices::open(db, clock);
    return StoreServices::init(db, clock, init);
}

Result<std::unique_ptr<StoreServices>> openStore(const std::string& db, const Clock& clock) {
    if (!std::filesystem::exists(db))
        return notFound("database '" + db + "' does not exist: run `forecourtctl --db " + db +
                        " init` first");
    return StoreServices::open(db, clock);
}

int cmdSeed(Args& args, const std::string& db, const Clock& clock) {
    SeedOptions opt;
    if (auto v = args.option("--seed")) {
        auto n = parseCount(*v);
        if (!n) return usageError("--seed needs a whole number, got '" + *v + "'");
        opt.seed = *n;
    }
    if (auto v = args.option("--customers")) {
        auto n = parseCount(*v);
        if (!n || *n > 5'000'000)
            return usageError("--customers needs a whole number up to 5000000, got '" + *v + "'");
        opt.customers = *n;
    }
    opt.parts = 3000;
    if (auto v = args.option("--parts")) {
        auto n = parseCount(*v);
        if (!n || *n > 3000) return usageError("--parts needs a whole number up to 3000, got '" + *v + "'");
        opt.parts = *n;
    }
    if (auto e = args.leftoverError()) return usageError(*e);
    InitOptions init;
    init.storeName = "Forecourt 演示门店";
    auto opened = openOrInit(db, clock, init);
    if (!opened) return failed(opened.error());
    std::unique_ptr<StoreServices> services = std::move(opened).value();
    const bool tty = isatty(fileno(stderr));
    auto r = seedDemo(*services, opt, [&](size_t n) {
        if (tty) std::cerr << "\r  " << n << " / " << opt.customers << " customers" << std::flush;
    });
    if (tty) std::cerr << "\n";
    if (!r) return failed(r.error());
    std::cout << "seeded " << db << " (seed " << opt.seed << "): " << r->customers << " customers, "
              << r->vehicles << " vehicles, " << r->odometerReadings << " odometer readings, " << r->parts
              << " parts in " << r->bins << " bins\n";
    return kExitOk;
}

int cmdImport(Args& args, const std::string& db, const Clock& clock) {
    ImportOptions opt;
    opt.dryRun = args.flag("--dry-run");
    opt.acceptVinCheckDigit = args.flag("--accept-vin-check-digit");
    auto what = args.next();
    auto file = args.next();
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!what) return usageError("import needs what to import: import customers FILE.csv");
    if (*what != "customers")
        return usageError("cannot import '" + *what + "': only 'customers' can be imported");
    if (!file) return usageError("import customers needs a CSV file");
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    auto r = (*s)->get<CustomerImport>().importCsv(*file, opt);
    if (!r) return failed(r.error());
    const ImportReport& rep = *r;
    for (const auto& w : rep.warnings) std::cerr << "warning: " << formatIssue(rep.file, w) << "\n";
    if (!rep.errors.empty()) {
        for (const auto& e : rep.errors) std::cerr << "error: " << formatIssue(rep.file, e) << "\n";
        std::cerr << rep.file << ": " << rep.errors.size() << " problem(s) in " << rep.rows
                  << " rows (" << encodingName(rep.encoding) << "); nothing was imported\n";
        return kExitFailed;
    }
    if (opt.dryRun) {
        std::cout << rep.file << ": " << rep.rows << " rows (" << encodingName(rep.encoding)
                  << ") are valid; nothing imported (--dry-run)\n";
        return kExitOk;
    }
    std::cout << "imported " << rep.file << " (" << encodingName(rep.encoding) << "): "
              << rep.customers << " customers, " << rep.vehicles << " vehicles\n";
    return kExitOk;
}

// The PIN of the person an import is made as: $FORECOURT_PIN, else one line on standard input
// (not echoed when it is a terminal). Never an option: it would stay in the shell's history.
std::optional<std::string> readPin(const std::string& who) {
    if (const char* env = std::getenv("FORECOURT_PIN")) return std::string(env);
    const int fd = fileno(stdin);
    const bool tty = isatty(fd);
    termios old{};
    if (tty) {
        std::cerr << "PIN for " << who << ": " << std::flush;
        tcgetattr(fd, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSANOW, &quiet);
    }
    std::string pin;
    const bool got = static_cast<bool>(std::getline(std::cin, pin));
    if (tty) {
        tcsetattr(fd, TCSANOW, &old);
        std::cerr << "\n";
    }
    if (!got) return std::nullopt;
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    return pin;
}

// The active staff member called `nameOrId`.
Result<std::string> staffNamed(StoreServices& s, const std::string& nameOrId) {
    FC_ASSIGN(auto staff, s.get<StaffService>().list());
    std::vector<std::string> ids;
    for (const auto& m : staff)
        if (m.id == nameOrId || m.name == nameOrId) ids.push_back(m.id);
    if (ids.empty()) return notFound("no active staff member '" + nameOrId + "'");
    if (ids.size() > 1) return conflict("several staff members are called '" + nameOrId + "': give the id instead");
    return ids.front();
}

int cmdImportParts(Args& args, const std::string& db, const Clock& clock) {
    PartImportOptions opt;
    opt.dryRun = args.flag("--dry-run");
    opt.createMissingBins = args.flag("--create-bins");
    auto staff = args.option("--staff");
    auto file = args.next();
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!file) return usageError("import-parts needs a CSV file");
    if (!opt.dryRun && !staff)
        return usageError("import-parts needs --staff NAME, someone who may manage stock (the PIN from "
                          "$FORECOURT_PIN or standard input), or --dry-run");
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    StoreServices& services = **s;
    // The registered service, or one made here while the stock domain does not register it.
    std::optional<PartImport> own;
    PartImport* parts = services.services().find<PartImport>();
    if (!parts) parts = &own.emplace(services.store(), services.get<PartService>());
    Result<PartImportReport> r = invalid("not run");
    if (staff) {
        auto id = staffNamed(services, *staff);
        if (!id) return failed(id.error());
        auto pin = readPin(*staff);
        if (!pin) return failed(invalid("no PIN given for " + *staff + " ($FORECOURT_PIN or standard input)"));
        auto& sessions = services.get<SessionManager>();
        auto by = sessions.signInByPin(*id, *pin);
        if (!by) return failed(by.error());
        r = parts->importCsv(*by, *file, opt);
        if (auto out = sessions.signOut(); !out) return failed(out.error());
    } else {
        r = parts->checkCsv(*file, opt);
    }
    if (!r) return failed(r.error());
    const PartImportReport& rep = *r;
    for (const auto& w : rep.warnings) std::cerr << "warning: " << formatPartIssue(rep.file, w) << "\n";
    if (!rep.errors.empty()) {
        for (const auto& e : rep.errors) std::cerr << formatPartIssue(rep.file, e) << "\n";
        std::cerr << rep.file << ": " << rep.errors.size() << " problem(s) in " << rep.rows << " rows ("
                  << encodingName(rep.encoding) << "); nothing was imported\n";
        return kExitFailed;
    }
    const std::string what = std::to_string(rep.created) + " created, " + std::to_string(rep.updated) +
                             " updated, " + std::to_string(rep.unchanged) + " unchanged; " +
                             std::to_string(rep.codes) + " codes, " + std::to_string(rep.placements) +
                             " bin placements, " + std::to_string(rep.fitments) + " fitments, " +
                             std::to_string(rep.binsCreated) + " new bins";
    if (opt.dryRun) {
        std::cout << rep.file << ": " << rep.rows << " rows (" << encodingName(rep.encoding)
                  << ") are valid and would give " << what << "; nothing imported (--dry-run)\n";
        return kExitOk;
    }
    std::cout << "imported " << rep.file << " (" << encodingName(rep.encoding) << "): " << what << "\n";
    return kExitOk;
}

int cmdSearch(Args& args, const std::string& db, const Clock& clock) {
    size_t limit = 20;
    if (auto v = args.option("--limit")) {
        auto n = parseCount(*v);
        if (!n || *n == 0) return usageError("--limit needs a positive number, got '" + *v + "'");
        limit = *n;
    }
    const bool personal = args.flag("--show-personal");
    auto text = args.next();
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!text) return usageError("search needs the text to look for");
    if (auto e = args.leftoverError()) return usageError(*e);
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    auto hits = (*s)->get<core::CustomerSearch>().search(*text, limit);
    if (!hits) return failed(hits.error());
    if (hits->empty()) {
        std::cout << "no customers match\n";
        return kExitOk;
    }
    for (const auto& h : *hits) {
        std::string phones;
        for (const auto& p : h.phones) phones += (phones.empty() ? "" : ",") + (personal ? p : maskPhone(p));
        std::string plates;
        for (const auto& p : h.plates)
            plates += (plates.empty() ? "" : ",") + (personal ? displayPlate(p) : maskPlate(p));
        std::cout << h.score << "\t" << matchFieldKey(h.field) << "\t" << h.name << "\t" << phones
                  << "\t" << plates << "\t" << h.customerId << "\n";
    }
    return kExitOk;
}

int cmdStats(Args& args, const std::string& db, const Clock& clock) {
    if (auto e = args.leftoverError()) return usageError(*e);
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    auto st = (*s)->get<core::CustomerService>().stats();
    if (!st) return failed(st.error());
    const auto& dev = (*s)->store().device();
    std::cout << "store       " << dev.storeId << "\n"
              << "device      " << dev.name << " (" << deviceRoleKey(dev.role) << ") " << dev.deviceId << "\n"
              << "schema      v" << storeRegistry().schema().version() << "\n"
              << "customers   " << st->customers << " (+" << st->deletedCustomers << " deleted)\n"
              << "vehicles    " << st->vehicles << " (" << st->newEnergyVehicles
              << " new-energy)\n"
              << "odometer    " << st->odometerReadings << " readings\n"
              << "unsynced    " << st->outboxPending << " changes\n";
    return kExitOk;
}

int cmdVerify(Args& args, const std::string& db, const Clock& clock) {
    if (auto e = args.leftoverError()) return usageError(*e);
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    auto r = verifyStore(**s);
    if (!r) return failed(r.error());
    for (const auto& c : r->checks) std::cout << "ok       " << c << "\n";
    for (const auto& w : r->warnings) std::cout << "warning  " << w << "\n";
    for (const auto& p : r->problems) std::cout << "PROBLEM  " << p << "\n";
    std::cout << (r->ok() ? "verify: ok\n" : "verify: FAILED\n");
    return r->ok() ? kExitOk : kExitFailed;
}

// [SECTION] sync commands

int cmdHubCode(Args& args, const std::string& db, const Clock& clock) {
    auto role = args.option("--role");
    // Short by default: a code is typed on the device right after it is made, and a code lying
    // around is one more thing to guess.
    int64_t ttlMinutes = fc::sync::Hub::kDefaultCodeTtlMs / 60'000;
    const auto minutes = args.option("--ttl-minutes");
    const auto hours = args.option("--ttl-hours");
    if (minutes && hours) return usageError("--ttl-minutes and --ttl-hours do not go together");
    if (minutes) {
        auto n = parseCount(*minutes);
        if (!n || *n == 0 || *n > 24 * 60) return usageError("--ttl-minutes needs 1..1440, got '" + *minutes + "'");
        ttlMinutes = static_cast<int64_t>(*n);
    }
    if (hours) {
        auto n = parseCount(*hours);
        if (!n || *n == 0 || *n > 24 * 30) return usageError("--ttl-hours needs 1..720, got '" + *hours + "'");
        ttlMinutes = static_cast<int64_t>(*n) * 60;
    }
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!role) return usageError("hub-code needs --role (office, kiosk, workshop, warehouse)");
    const auto deviceRole = parseDeviceRole(*role);
    if (!deviceRole) return usageError("unknown role '" + *role + "' (office, kiosk, workshop, warehouse)");
    if (!std::filesystem::exists(db))
        return failed(Error(Errc::kNotFound, "no hub database at '" + db + "': start forecourt-hub --db " + db + " first"));
    auto hub = fc::sync::Hub::open(db, clock);
    if (!hub) return failed(hub.error());
    auto code = (*hub)->makeEnrolCode(*deviceRole, ttlMinutes * 60'000);
    if (!code) return failed(code.error());
    auto fingerprint = (*hub)->tlsFingerprint();
    if (!fingerprint) return failed(fingerprint.error());
    // stdout stays the bare code alone (scripts read it: tools/run); people read stderr.
    std::cout << *code << "\n";
    std::cerr << "one-time code for a " << *role << " device, valid "
              << (ttlMinutes % 60 == 0 ? std::to_string(ttlMinutes / 60) + " h" : std::to_string(ttlMinutes) + " min")
              << "\n";
    if (!fingerprint->empty())
        std::cerr << "enrolment code to type or scan on the device (the code, '@', then the fingerprint of the\n"
                     "certificate the hub serves, as forecourt-hub printed it at start; the device checks the\n"
                     "hub's certificate against it before it sends anything, then trusts only that key):\n  "
                  << fc::sync::joinEnrolmentCode(*code, *fingerprint) << "\n";
    return kExitOk;
}

int cmdHubRevoke(Args& args, const std::string& db, const Clock& clock) {
    auto device = args.next();
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!device) return usageError("hub-revoke needs the device id");
    auto hub = fc::sync::Hub::open(db, clock);
    if (!hub) return failed(hub.error());
    if (auto r = (*hub)->revoke(*device); !r) return failed(r.error());
    std::cout << "revoked " << *device << "\n";
    return kExitOk;
}

// Loud, on stderr: a hub address that sends the token and customer data in clear.
void warnIfPlainHttp(const std::string& url) {
    if (fc::sync::plainHttpBeyondLoopback(url))
        std::cerr << "forecourtctl: " << fc::sync::plainHttpWarning(url) << "\n";
}

int cmdEnroll(Args& args, const std::string& db, const Clock& clock) {
    auto hubUrl = args.option("--hub");
    auto code = args.option("--code");
    auto fingerprint = args.option("--fingerprint");
    auto name = args.option("--name");
    if (auto e = args.leftoverError()) return usageError(*e);
    if (!hubUrl || !code || !name)
        return usageError("enroll needs --hub URL --code CODE[@FINGERPRINT] --name NAME");
    warnIfPlainHttp(*hubUrl);
    auto e = fc::sync::enrolWithHub(db, clock, *hubUrl, *code, *name, fingerprint.value_or(""));
    if (!e) return failed(e.error());
    std::cout << "enrolled '" << *name << "' as " << deviceRoleKey(e->role) << " with the hub at " << *hubUrl
              << " (store " << e->storeId << ", device " << e->deviceId << ")\n";
    return kExitOk;
}

int cmdSync(Args& args, const std::string& db, const Clock& clock) {
    auto hubOverride = args.option("--hub");
    if (auto e = args.leftoverError()) return usageError(*e);
    auto s = openStore(db, clock);
    if (!s) return failed(s.error());
    auto credentials = (*s)->store().syncState().credentials();
    if (!credentials) return failed(credentials.error());
    const std::string hubUrl = hubOverride ? *hubOverride : credentials->hubUrl;
    if (hubUrl.empty()) return failed(Error(Errc::kPermission, "not enrolled: run `forecourtctl --db " + db + " enroll` first"));
    warnIfPlainHttp(hubUrl);
    // The hub's key pinned at enrolment, if it was: nothing else is trusted then.
    fc::sync::CurlTransport http(hubUrl, {.pinnedPublicKey = credentials->hubPin});
    fc::sync::SyncClient client(**s, http);
    auto r = client.exchange();
    if (!r) return failed(r.error());
    std::cout << "pushed " << r->pushed << " (refused " << r->refused << "), pulled " << r->pulled
              << " (applied " << r->applied << ", waiting " << r->parked << "), cursor " << r->cursor << "\n";
    for (const auto& ref : r->refusals) std::cerr << "refused #" << ref.seq << ": " << ref.reason << "\n";
    return kExitOk;
}

}  // namespace

int cmdScan(Args& args);  // scan_cmd.cpp
int cmdPrint(Args& args, const std::string& db, const core::Clock& clock);  // print_cmd.cpp
int cmdLabels(Args& args, const std::string& db, const core::Clock& clock);  // print_cmd.cpp
}  // namespace fc::ctl

// [SECTION] main

int main(int argc, char** argv) {
    ::umask(077);  // what it writes (databases, screenshots, exports) holds personal data: the user's alone
    using namespace fc::ctl;
    Args args(argc, argv);
    if (args.flag("--help") || args.flag("-h") || argc == 1) {
        std::cout << kUsage;
        return argc == 1 ? kExitUsage : kExitOk;
    }
    if (args.flag("--version")) {
        std::cout << "forecourtctl 0.1.0 (schema v" << fc::core::storeRegistry().schema().version() << ")\n";
        return kExitOk;
    }
    auto db = args.option("--db");
    if (args.error) return usageError(*args.error);
    auto command = args.next();
    if (!command) {
        if (auto e = args.leftoverError()) return usageError(*e);
        return usageError("no command given");
    }
    if (*command == "scan") return cmdScan(args);  // pictures only, no database
    if (!db) return usageError("--db PATH is required");
    fc::core::SystemClock clock;
    try {
        if (*command == "init") return cmdInit(args, *db, clock);
        if (*command == "seed-demo") return cmdSeed(args, *db, clock);
        if (*command == "import") return cmdImport(args, *db, clock);
        if (*command == "import-parts") return cmdImportParts(args, *db, clock);
        if (*command == "search") return cmdSearch(args, *db, clock);
        if (*command == "stats") return cmdStats(args, *db, clock);
        if (*command == "verify") return cmdVerify(args, *db, clock);
        if (*command == "print") return cmdPrint(args, *db, clock);
        if (*command == "labels") return cmdLabels(args, *db, clock);
        if (*command == "hub-code") return cmdHubCode(args, *db, clock);
        if (*command == "hub-revoke") return cmdHubRevoke(args, *db, clock);
        if (*command == "enroll") return cmdEnroll(args, *db, clock);
        if (*command == "sync") return cmdSync(args, *db, clock);
    } catch (const std::exception& e) {
        std::cerr << "forecourtctl: internal error: " << e.what() << "\n";
        return kExitFailed;
    }
    return usageError("unknown command '" + *command + "'");
}
