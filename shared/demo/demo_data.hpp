// Deterministic, realistic demo data for a Chinese repair shop (customers with phones, addresses
// and vehicles that have valid plates and VINs), used by `forecourtctl seed-demo`. One seed gives
// the same data on every machine; phones, plates and VINs never repeat within one generator.
//
//   fc::core::demo::DemoGenerator gen(42);
//   for (int i = 0; i < 1000; ++i) store(gen.customer());  // 王芳, 13812345678, 粤B3K7A9, …
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <string>
#include <vector>

namespace fc::core::demo {

// xoshiro256** seeded through splitmix64. Everything derived from it is integer arithmetic (no
// std:: distributions, whose output differs between standard libraries), so a seed is portable.
class Rng {
public:
    explicit Rng(uint64_t seed);

    uint64_t next();
    // Unbiased integer in [0, n) (Lemire's method); 0 when n == 0.
    uint64_t uniform(uint64_t n);
    // True with probability p (p <= 0: never, p >= 1: always). Always consumes one draw.
    bool chance(double p);

    template <class T>
    const T& pick(const std::vector<T>& items) {
        assert(!items.empty() && "pick from an empty list");
        return items[static_cast<size_t>(uniform(items.size()))];
    }

private:
    std::array<uint64_t, 4> m_s{};
};

struct DemoVehicle {
    std::string plate;   // canonical, as normalizePlate returns it: "粤B3K7A9", "沪AD12345"
    std::string vin;     // 17 characters, valid check digit, position 10 = model year
    std::string make;    // "比亚迪"
    std::string model;   // "秦PLUS"
    int year = 0;        // model year, 2008..2026
    std::string colour;  // "白", "黑", "银", …
    int64_t odometerKm = 0;

    bool operator==(const DemoVehicle&) const = default;
};

struct DemoCustomer {
    std::string name;                 // "王芳", "欧阳子轩"
    std::vector<std::string> phones;  // 11-digit mobiles, usually one
    std::string address;              // "广东省深圳市南山区科技园路88号"
    std::string wechatId;             // "wxid_ab12cd34" or empty
    std::string source;               // walk-in | referral | campaign | online | phone
    std::string segment;              // prospect (no vehicle) | owner | high-value
    std::vector<DemoVehicle> vehicles;
    bool consentContact = false;
    bool consentData = false;
    std::string notes;  // usually empty; otherwise a short Chinese note

    bool operator==(const DemoCustomer&) const = default;
};

// The car models the demo vehicles are drawn from (make, model, model years, new energy or not):
// the demo parts fit them.
struct DemoModel {
    std::string make;
    std::string model;
    int yearFrom = 0;
    int yearTo = 0;
    bool newEnergy = false;
    bool premium = false;
};
const std::vector<DemoModel>& demoModels();

// Not thread-safe: give each thread its own generator (and its own seed).
// Uniqueness holds for the generator's lifetime across all calls: up to 10^8 phones, and per
// province and city letter several million plates, per model 3.3·10^7 VINs (asserted).
class DemoGenerator {
public:
    explicit DemoGenerator(uint64_t seed);

    DemoCustomer customer();
    std::string name();
    std::string phone();
    // A plate from a province weighted by car population (粤 苏 浙 … high, all 31 possible).
    std::string plate(bool newEnergy);
    // A vehicle with a plate from anywhere; about 12% are new-energy (green plate, NEV model).
    DemoVehicle vehicle();
    Rng& rng() { return m_rng; }

private:
    std::string plateIn(size_t province, size_t cityLetter, bool newEnergy);
    DemoVehicle vehicleIn(size_t province, size_t cityLetter, size_t* modelOut);
    std::string vinFor(size_t model, int year);
    std::string address(size_t city);
    std::string wechatId();

    Rng m_rng;
    uint64_t m_key;  // keys the permutations that turn counters into phone/plate/VIN serials
    uint64_t m_phones = 0;
    std::vector<uint32_t> m_plateCounts;  // per province × city letter × serial pattern
    std::vector<uint32_t> m_vinCounts;    // per model
};

}  // namespace fc::core::demo
