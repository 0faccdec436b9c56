// Parts, their codes, bins and fitment (master data, synced), and the store's bins.
//
//   auto& parts = services.get<PartService>();
//   FC_ASSIGN(std::string bin, parts.createBin(by, {.code = "A-01-03", .zone = "A"}));
//   FC_ASSIGN(std::string id, parts.create(by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器",
//                                               .category = "filter", .costFen = 1800, .priceFen = 4800},
//                                          {{"6901234567892", "gtin"}}, {bin}));
//   FC_ASSIGN(auto matches, parts.findByCode("6901234567892"));   // one part, or several: ask which
//
// Errors name the field ("sku: …", "name_zh: …") so a form can put them beside it (fieldOf).
// Creating and editing parts: office and warehouse staff (kManageInventory); cost and price are
// the office's (the warehouse tablet's role may not write them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

class Store;
class Session;
class Stmt;

// The part's unit of measure; quantities are thousandths of it (`_milli`).
const std::vector<std::string>& partUnits();       // piece litre set metre (个 升 套 米)
const std::vector<std::string>& partCategories();  // filter brake oil tyre battery wiper bulb coolant ac …
const std::vector<std::string>& movementKinds();   // receipt issue return transfer adjust count undo

struct PartInput {
    std::string sku;
    std::string nameZh;
    std::string nameEn;
    std::string brand;
    std::string category = "other";
    std::string unit = "piece";
    std::string oeNumbers;  // comma-separated
    int64_t costFen = 0;
    int64_t priceFen = 0;
    int taxRateBp = 1300;
    int64_t safetyMilli = 0;   // at or below it the part is listed for reordering
    int64_t reorderMilli = 0;  // what to order then (0: up to twice the safety stock)
    std::string supplier;
    std::string tracking = "none";  // none | serial | batch
};

struct Part : PartInput {
    std::string id;
    bool active = true;
};

struct PartCodeInput {
    std::string code;
    std::string kind = "gtin";  // gtin | label | supplier
};

struct PartCode {
    std::string id;
    std::string partId;
    std::string code;
    std::string kind;
};

struct BinInput {
    std::string code;  // as on its label: "A-01-03"
    std::string zone;  // "A"
    std::string name;
};

struct Bin : BinInput {
    std::string id;
    bool active = true;
};

struct Fitment {
    std::string make;   // 大众
    std::string model;  // 朗逸 ("" any model of the make)
    int yearFrom = 0;   // 0: open
    int yearTo = 0;
};

// A part a scanned or typed code names, and how.
struct PartMatch {
    std::string partId;
    std::string sku;
    std::string nameZh;
    std::string how;  // gtin | label | supplier | sku | oe
};

class PartService {
public:
    explicit PartService(Store& store) : m_store(store) {}

    // [SECTION] parts
    Result<std::string> create(const Session& by, const PartInput& input, const std::vector<PartCodeInput>& codes = {},
                               const std::vector<std::string>& binIds = {});
    // Every field of the part; returns whether anything changed.
    Result<bool> update(const Session& by, const std::string& id, const PartInput& input);
    Status setActive(const Session& by, const std::string& id, bool active);
    Result<Part> get(const std::string& id);
    // Parts whose SKU, name, brand or OE number contains `text` (all parts for ""), by SKU.
    Result<std::vector<Part>> search(const std::string& text, size_t limit = 200);

    // [SECTION] codes
    // Links a code to a part (an unknown code scanned at the tablet → an existing part). The
    // same code on the same part is refused; on another part it is allowed and a scan then asks.
    Result<std::string> addCode(const Session& by, const std::string& partId, const PartCodeInput& code);
    Status removeCode(const Session& by, const std::string& codeId);
    Result<std::vector<PartCode>> codesOf(const std::string& partId);
    // The parts a scanned or typed code names: a code of the part, its SKU or an OE number
    // (normalised as a scanner's text is). Empty: unknown. More than one: ask which.
    Result<std::vector<PartMatch>> findByCode(const std::string& scanned);

    // [SECTION] bins
    Result<std::string> createBin(const Session& by, const BinInput& input);
    Result<std::vector<Bin>> bins();
    Result<std::optional<Bin>> binByCode(const std::string& code);
    Result<Bin> bin(const std::string& id);
    // Where a part is kept (the first is where it is received), and what should be in a bin.
    Status placeInBin(const Session& by, const std::string& partId, const std::string& binId);
    Result<std::vector<Bin>> binsOf(const std::string& partId);
    Result<std::vector<Part>> partsIn(const std::string& binId);

    // [SECTION] fitment
    Status addFitment(const Session& by, const std::string& partId, const Fitment& fitment);
    Result<std::vector<Fitment>> fitmentOf(const std::string& partId);

    // The one validation of a part's values: normalised values or an error naming the field.
    static Result<PartInput> validate(const PartInput& input);
    static Result<BinInput> validateBin(const BinInput& input);
    // "sku", "name_zh", … from an error of this service ("" when it names no field).
    static std::string fieldOf(const Error& error);

private:
    Status checkSkuFree(const std::string& sku, const std::string& exceptId);
    Result<std::string> insertCode(const std::string& partId, const PartCodeInput& code);
    Status insertPartBin(const std::string& partId, const std::string& binId);

    Store& m_store;
};

Part partFromRow(Stmt& row);  // after SELECT kPartColumns

}  // namespace fc::core
