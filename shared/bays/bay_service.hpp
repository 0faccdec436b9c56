// The store's bays (synced master data): where a car is worked on. A bay has a short code shown
// everywhere ("B1"), a name in each language, a kind, an active flag and a place in the lists.
// Appointments may name a bay (shared/visits); a deactivated bay takes no new bookings but keeps
// its history.
//
//   BayService bays(store);
//   FC_ASSIGN(std::string id, bays.create({.code = "B1", .nameZh = "1号举升位",
//                                          .nameEn = "Lift 1", .kind = BayKind::kLift}));
//   FC_ASSIGN(auto open, bays.listActive());                 // by sort order, then code
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"

namespace fc::core {

enum class BayKind { kLift, kAlignment, kWash, kEv, kGeneral };
const char* bayKindKey(BayKind k);  // lift, alignment, wash, ev, general
std::optional<BayKind> parseBayKind(std::string_view key);
const std::vector<BayKind>& allBayKinds();

struct BayInput {
    std::string code;    // 1–8 letters, digits or '-'; stored upper case ("b1" → "B1")
    std::string nameZh;  // required, at most 20 characters
    std::string nameEn;  // optional, at most 40 characters
    BayKind kind = BayKind::kGeneral;
    int sortOrder = 0;  // 0–9999; lists are by sort order, then code
};

// Fields to change; unset fields stay as they are.
struct BayPatch {
    std::optional<std::string> code;
    std::optional<std::string> nameZh;
    std::optional<std::string> nameEn;
    std::optional<BayKind> kind;
    std::optional<int> sortOrder;
};

struct Bay {
    std::string id;
    std::string code;
    std::string nameZh;
    std::string nameEn;
    std::optional<BayKind> kind;  // empty: a value this version does not know
    std::string kindKey;
    bool active = true;
    int sortOrder = 0;
    int64_t createdAt = 0;
    std::optional<int64_t> deletedAt;
};

class BayService {
public:
    explicit BayService(Store& store) : m_store(store) {}

    // [SECTION] changes
    Result<std::string> create(const BayInput& input);
    // Returns whether anything changed.
    Result<bool> update(const std::string& id, const BayPatch& patch);
    // Takes no new bookings; existing appointments keep it. Idempotent.
    Status deactivate(const std::string& id);
    Status reactivate(const std::string& id);

    // [SECTION] reads
    Result<Bay> get(const std::string& id);
    // Live bays, active ones only unless `includeInactive`, by sort order then code.
    Result<std::vector<Bay>> list(bool includeInactive = false);
    Result<std::vector<Bay>> listActive() { return list(false); }
    Result<std::optional<Bay>> findByCode(std::string_view code);

    // The one validation of a bay's values (this service, and the hub's checks): normalised
    // values or an error naming the field.
    static Result<BayInput> validate(const BayInput& input);

    // Inside an open transaction (seed-demo).
    Result<std::string> createInTx(const BayInput& input);

private:
    Status checkCodeFree(const std::string& code, const std::string& exceptId);
    Status setActive(const std::string& id, bool active);

    Store& m_store;
};

}  // namespace fc::core
