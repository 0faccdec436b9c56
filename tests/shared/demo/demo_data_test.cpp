#include "shared/demo/demo_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"

namespace fc::core::demo {
namespace {

// Golden values from an independent Python implementation of splitmix64 + xoshiro256** + Lemire:
// if these change, every seed gives different demo data than before.
TEST(DemoData, RngMatchesReferenceOutputs) {
    Rng a(42);
    EXPECT_EQ(a.next(), 0x15780b2e0c2ec716ULL);
    EXPECT_EQ(a.next(), 0x6104d9866d113a7eULL);
    EXPECT_EQ(a.next(), 0xae17533239e499a1ULL);
    Rng zero(0);
    EXPECT_EQ(zero.next(), 0x99ec5f36cb75f2b4ULL);
    Rng b(7);
    const std::vector<uint64_t> expected = {700, 278, 839, 981, 990};
    for (uint64_t e : expected) EXPECT_EQ(b.uniform(1000), e);
}

TEST(DemoData, RngUniformAndChanceAreInRangeAndBalanced) {
    Rng rng(1);
    std::array<int, 6> buckets{};
    for (int i = 0; i < 60000; ++i) {
        const uint64_t v = rng.uniform(6);
        ASSERT_LT(v, 6u);
        ++buckets[v];
    }
    for (int count : buckets) {
        EXPECT_GT(count, 9500);
        EXPECT_LT(count, 10500);
    }
    EXPECT_EQ(rng.uniform(0), 0u);
    EXPECT_EQ(rng.uniform(1), 0u);
    const uint64_t huge = (1ULL << 63) + 12345;
    for (int i = 0; i < 100; ++i) EXPECT_LT(rng.uniform(huge), huge);

    int hits = 0;
    for (int i = 0; i < 40000; ++i) hits += rng.chance(0.25) ? 1 : 0;
    EXPECT_GT(hits, 9600);
    EXPECT_LT(hits, 10400);
    for (int i = 0; i < 100; ++i) {
        EXPECT_FALSE(rng.chance(0.0));
        EXPECT_TRUE(rng.chance(1.0));
    }
    const std::vector<std::string> items = {"a", "b", "c"};
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(rng.pick(items));
    EXPECT_EQ(seen.size(), 3u);
}

TEST(DemoData, SameSeedGivesIdenticalCustomers) {
    DemoGenerator a(20240601);
    DemoGenerator b(20240601);
    for (int i = 0; i < 1000; ++i) {
        const DemoCustomer ca = a.customer();
        const DemoCustomer cb = b.customer();
        ASSERT_EQ(ca, cb) << "customer " << i << ": " << ca.name << " vs " << cb.name;
    }
    EXPECT_EQ(a.phone(), b.phone());
    EXPECT_EQ(a.plate(true), b.plate(true));
    EXPECT_EQ(a.vehicle(), b.vehicle());
    EXPECT_EQ(a.name(), b.name());
}

TEST(DemoData, DifferentSeedsGiveDifferentData) {
    DemoGenerator a(1);
    DemoGenerator b(2);
    int sameName = 0, samePhone = 0, sameAddress = 0;
    for (int i = 0; i < 1000; ++i) {
        const DemoCustomer ca = a.customer();
        const DemoCustomer cb = b.customer();
        sameName += ca.name == cb.name ? 1 : 0;
        samePhone += ca.phones[0] == cb.phones[0] ? 1 : 0;
        sameAddress += ca.address == cb.address ? 1 : 0;
    }
    EXPECT_LT(sameName, 50);  // common names do coincide now and then
    EXPECT_EQ(samePhone, 0);
    EXPECT_LT(sameAddress, 5);
}

bool isNevModel(const std::string& model) {
    static const std::set<std::string> kNev = {
        "秦PLUS", "汉",      "宋PLUS", "海豚", "元PLUS", "Model 3",    "Model Y", "ES6",
        "ET5",    "理想ONE", "L7",     "L9",   "P7",     "宏光MINIEV", "AION S"};
    return kNev.count(model) > 0;
}

TEST(DemoData, TwentyThousandCustomersAreValidAndUnique) {
    DemoGenerator gen(7);
    std::unordered_set<std::string> phones, plates, vins;
    std::set<std::string> provinces;
    size_t vehicles = 0, newEnergy = 0, nevOnNevModel = 0, twoCharNames = 0, rareNames = 0;
    size_t twoPhones = 0, wechat = 0, prospects = 0, notes = 0, contact = 0;
    std::map<std::string, int> sources, segments;
    const std::vector<std::string> rare = {"赟", "鬯", "犇"};
    const std::set<std::string> legalSources = {"walk-in", "referral", "campaign", "online",
                                                "phone"};
    constexpr size_t kCustomers = 20000;
    for (size_t i = 0; i < kCustomers; ++i) {
        const DemoCustomer c = gen.customer();

        const auto name = normalizeName(c.name);
        ASSERT_TRUE(name.ok()) << c.name;
        EXPECT_EQ(name.value(), c.name);
        const size_t length = utf8Length(c.name);
        ASSERT_GE(length, 2u) << c.name;
        ASSERT_LE(length, 4u) << c.name;
        twoCharNames += length == 2 ? 1 : 0;
        for (const auto& r : rare)
            if (c.name.find(r) != std::string::npos) ++rareNames;

        ASSERT_GE(c.phones.size(), 1u);
        ASSERT_LE(c.phones.size(), 2u);
        twoPhones += c.phones.size() == 2 ? 1 : 0;
        for (const auto& p : c.phones) {
            const auto mobile = normalizeMobile(p);
            ASSERT_TRUE(mobile.ok()) << p;
            EXPECT_EQ(mobile.value(), p);
            EXPECT_TRUE(phones.insert(p).second) << "duplicate phone " << p;
        }

        EXPECT_TRUE(isValidUtf8(c.address));
        EXPECT_NE(c.address.find("市"), std::string::npos) << c.address;
        EXPECT_TRUE(c.address.ends_with("号") || c.address.ends_with("室")) << c.address;
        if (!c.wechatId.empty()) {
            ++wechat;
            EXPECT_TRUE(c.wechatId.starts_with("wxid_")) << c.wechatId;
            EXPECT_EQ(c.wechatId.size(), 13u);
        }
        EXPECT_EQ(legalSources.count(c.source), 1u) << c.source;
        ++sources[c.source];
        ++segments[c.segment];
        EXPECT_EQ(c.segment == "prospect", c.vehicles.empty()) << c.segment;
        prospects += c.vehicles.empty() ? 1 : 0;
        notes += c.notes.empty() ? 0 : 1;
        contact += c.consentContact ? 1 : 0;

        ASSERT_LE(c.vehicles.size(), 3u);
        for (const auto& v : c.vehicles) {
            ++vehicles;
            const auto plate = normalizePlate(v.plate);
            ASSERT_TRUE(plate.ok()) << v.plate << ": " << plate.error().message;
            EXPECT_EQ(plate->text, v.plate);
            EXPECT_TRUE(plates.insert(v.plate).second) << "duplicate plate " << v.plate;
            provinces.insert(v.plate.substr(0, 3));  // the province character is 3 UTF-8 bytes
            if (plate->kind == PlateKind::kNewEnergy) {
                ++newEnergy;
                nevOnNevModel += isNevModel(v.model) ? 1 : 0;
            }

            const auto vin = normalizeVin(v.vin);
            ASSERT_TRUE(vin.ok()) << v.vin << ": " << vin.error().message;
            EXPECT_TRUE(vin->checkDigitOk) << v.vin << " expected " << vin->expectedCheckDigit;
            EXPECT_EQ(vin->text, v.vin);
            EXPECT_EQ(v.vin[0], 'L') << v.vin;  // made in China
            EXPECT_EQ(v.vin[9], vinYearCode(v.year)) << v.vin << " " << v.year;
            EXPECT_TRUE(vins.insert(v.vin).second) << "duplicate VIN " << v.vin;

            EXPECT_GE(v.year, 2008);
            EXPECT_LE(v.year, 2026);
            EXPECT_FALSE(v.make.empty());
            EXPECT_FALSE(v.model.empty());
            EXPECT_FALSE(v.colour.empty());
            EXPECT_GT(v.odometerKm, 0);
            EXPECT_LE(v.odometerKm, (2026 - v.year + 1) * 25000) << v.year;
        }
    }

    const double n = static_cast<double>(kCustomers);
    const double nevShare = static_cast<double>(newEnergy) / static_cast<double>(vehicles);
    EXPECT_GE(nevShare, 0.08);
    EXPECT_LE(nevShare, 0.16);
    EXPECT_EQ(nevOnNevModel, newEnergy);  // a green plate always goes with a new-energy model
    EXPECT_GT(rareNames, 0u);
    const double twoShare = static_cast<double>(twoCharNames) / n;
    EXPECT_GE(twoShare, 0.25);
    EXPECT_LE(twoShare, 0.45);
    EXPECT_GE(provinces.size(), 25u);
    for (const auto& p : provinces)
        EXPECT_NE(std::find(plateProvinces().begin(), plateProvinces().end(), p),
                  plateProvinces().end());

    EXPECT_NEAR(static_cast<double>(twoPhones) / n, 0.15, 0.02);
    EXPECT_NEAR(static_cast<double>(wechat) / n, 0.50, 0.03);
    EXPECT_NEAR(static_cast<double>(prospects) / n, 0.08, 0.02);
    EXPECT_LT(static_cast<double>(notes) / n, 0.25);
    EXPECT_GT(static_cast<double>(contact) / n, 0.8);
    EXPECT_EQ(sources.size(), 5u);
    EXPECT_EQ(segments.size(), 3u);
    EXPECT_GT(segments["high-value"], 500);
    EXPECT_GT(segments["owner"], segments["high-value"]);
    EXPECT_NEAR(static_cast<double>(vehicles) / n, 1.06, 0.03);  // 80% one, 10% two, 2% three
}

TEST(DemoData, RareCharactersShowUpInAFewHundredCustomers) {
    const std::vector<std::string> rare = {"赟", "鬯", "犇", "淼", "喆", "燚", "昶",
                                           "珺", "頔", "翀", "堃", "婳", "姞", "龑"};
    for (uint64_t seed : {1u, 2u, 3u}) {
        DemoGenerator gen(seed);
        int found = 0;
        for (int i = 0; i < 300; ++i) {
            const std::string name = gen.customer().name;
            for (const auto& r : rare)
                if (name.find(r) != std::string::npos) ++found;
        }
        EXPECT_GE(found, 3) << "seed " << seed;
    }
}

TEST(DemoData, CompoundSurnamesAppear) {
    DemoGenerator gen(11);
    int compound = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string name = gen.name();
        for (const char* s : {"欧阳", "司马", "诸葛", "上官", "东方", "慕容"})
            if (name.starts_with(s)) ++compound;
    }
    EXPECT_GT(compound, 5);
    EXPECT_LT(compound, 60);
}

TEST(DemoData, PlatesHaveTheRequestedKind) {
    DemoGenerator gen(5);
    std::set<char> energyLetters;
    for (int i = 0; i < 2000; ++i) {
        const std::string nev = gen.plate(true);
        const auto p = normalizePlate(nev);
        ASSERT_TRUE(p.ok()) << nev;
        EXPECT_EQ(p->kind, PlateKind::kNewEnergy) << nev;
        ASSERT_EQ(nev.size(), 3u + 7u);
        energyLetters.insert(nev[4]);
        for (size_t k = 6; k < nev.size(); ++k) EXPECT_TRUE(nev[k] >= '0' && nev[k] <= '9') << nev;

        const std::string ordinary = gen.plate(false);
        const auto q = normalizePlate(ordinary);
        ASSERT_TRUE(q.ok()) << ordinary;
        EXPECT_EQ(q->kind, PlateKind::kOrdinary) << ordinary;
        EXPECT_EQ(ordinary.find_first_of("IO"), std::string::npos) << ordinary;
    }
    EXPECT_TRUE(energyLetters.count('D') && energyLetters.count('F'));
    EXPECT_GE(energyLetters.size(), 6u);  // D, F and some of A B C E G H J K
}

TEST(DemoData, PhonesStayUniqueAcrossAllCallsAndUseRealPrefixes) {
    const std::set<int> legal = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145,
                                 147, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166,
                                 170, 171, 172, 173, 174, 175, 176, 177, 178, 180, 181,
                                 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199};
    DemoGenerator gen(99);
    std::unordered_set<std::string> seen;
    std::set<int> prefixes;
    for (int i = 0; i < 30000; ++i) {
        std::vector<std::string> batch = {gen.phone()};
        if (i % 10 == 0)
            for (const auto& p : gen.customer().phones) batch.push_back(p);
        for (const auto& p : batch) {
            ASSERT_EQ(p.size(), 11u);
            const int prefix = std::stoi(p.substr(0, 3));
            EXPECT_EQ(legal.count(prefix), 1u) << p;
            prefixes.insert(prefix);
            EXPECT_TRUE(seen.insert(p).second) << "duplicate " << p;
        }
    }
    EXPECT_GE(prefixes.size(), 40u);
}

TEST(DemoData, OneModelsVinsStayUnique) {
    // Many vehicles from one generator: a model's VIN serial counter never repeats.
    DemoGenerator gen(3);
    std::unordered_set<std::string> vins, plates;
    for (int i = 0; i < 50000; ++i) {
        const DemoVehicle v = gen.vehicle();
        ASSERT_TRUE(vins.insert(v.vin).second) << v.vin;
        ASSERT_TRUE(plates.insert(v.plate).second) << v.plate;
    }
}

}  // namespace
}  // namespace fc::core::demo
