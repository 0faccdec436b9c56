// Index
//   [SECTION] header mapping
//   [SECTION] value parsing
//   [SECTION] validation pass
//   [SECTION] import pass
#include "shared/customers/customer_import.hpp"

#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include "shared/capture/change_writer.hpp"
#include "shared/core/text.hpp"
#include "shared/io/csv.hpp"

namespace fc::core {

namespace {

// [SECTION] header mapping

enum Field { kName, kPhone, kAddress, kWechat, kSource, kSegment, kNotes, kPlate, kVin, kMake,
             kModel, kYear, kColour, kOdometer, kConsentContact, kConsentData, kFieldCount };

struct FieldInfo {
    Field field;
    std::vector<std::string> names;  // lower-case, without spaces
};

const std::vector<FieldInfo>& fieldInfos() {
    static const std::vector<FieldInfo> k = {
        {kName, {"姓名", "客户姓名", "客户名称", "客户", "名字", "name", "customer", "customername"}},
        {kPhone, {"手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "phone", "phones",
                  "mobile", "tel", "telephone"}},
        {kAddress, {"地址", "联系地址", "住址", "address"}},
        {kWechat, {"微信", "微信号", "wechat", "wechatid", "wechat_id"}},
        {kSource, {"来源", "客户来源", "source"}},
        {kSegment, {"客户类型", "客户分类", "分群", "类别", "segment", "type"}},
        {kNotes, {"备注", "notes", "note", "remarks", "remark"}},
        {kPlate, {"车牌", "车牌号", "车牌号码", "plate", "licenseplate", "plateno"}},
        {kVin, {"vin", "vin码", "车架号", "车辆识别代号", "车辆识别代码"}},
        {kMake, {"品牌", "厂牌", "make", "brand"}},
        {kModel, {"车型", "车系", "型号", "model"}},
        {kYear, {"年份", "年款", "出厂年份", "year", "modelyear"}},
        {kColour, {"颜色", "车身颜色", "colour", "color"}},
        {kOdometer, {"里程", "公里数", "行驶里程", "里程数", "odometer", "mileage", "km"}},
        {kConsentContact, {"同意联系", "营销同意", "接受回访", "consentcontact", "consent_contact"}},
        {kConsentData, {"同意数据使用", "数据使用同意", "consentdata", "consent_data"}},
    };
    return k;
}

const char* fieldName(Field f) {
    static const std::array<const char*, kFieldCount> k = {
        "name", "phone", "address", "wechat", "source", "segment", "notes", "plate", "vin",
        "make", "model", "year", "colour", "odometer", "consent_contact", "consent_data"};
    return k[f];
}

std::string headerKey(const std::string& h) {
    // Lower-case, no spaces, and drop a trailing remark in brackets: "手机号(必填)" → "手机号".
    std::string s = toLowerAscii(cleanText(h));
    for (const char* open : {"(", "（", "["}) {
        const size_t p = s.find(open);
        if (p != std::string::npos && p > 0) s.erase(p);
    }
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '*') out += c;
    return out;
}

// [SECTION] value parsing

std::optional<bool> parseYesNo(const std::string& raw) {
    const std::string v = toLowerAscii(cleanText(raw));
    if (v.empty()) return std::nullopt;
    for (const char* y : {"是", "y", "yes", "1", "true", "同意", "√", "已同意"})
        if (v == y) return true;
    for (const char* n : {"否", "n", "no", "0", "false", "不同意", "×", "未同意"})
        if (v == n) return false;
    return std::nullopt;
}

std::optional<std::string> mapKey(const std::string& raw,
                                  const std::vector<std::pair<const char*, const char*>>& table) {
    const std::string v = toLowerAscii(cleanText(raw));
    for (const auto& [from, to] : table)
        if (v == from) return std::string(to);
    return std::nullopt;
}

std::optional<std::string> parseSource(const std::string& raw) {
    return mapKey(raw, {{"walk-in", "walk-in"}, {"到店", "walk-in"}, {"自然到店", "walk-in"},
                        {"referral", "referral"}, {"转介绍", "referral"}, {"推荐", "referral"},
                        {"campaign", "campaign"}, {"活动", "campaign"}, {"营销活动", "campaign"},
                        {"online", "online"}, {"网络", "online"}, {"线上", "online"},
                        {"phone", "phone"}, {"电话", "phone"}, {"import", "import"},
                        {"导入", "import"}, {"kiosk", "kiosk"}});
}

std::optional<std::string> parseSegment(const std::string& raw) {
    return mapKey(raw, {{"prospect", "prospect"}, {"潜在客户", "prospect"}, {"潜客", "prospect"},
                        {"owner", "owner"}, {"车主", "owner"}, {"已购车客户", "owner"},
                        {"保有客户", "owner"}, {"high-value", "high-value"},
                        {"高价值客户", "high-value"}, {"高价值", "high-value"}, {"vip", "high-value"}});
}

// "12000", "12,000", "1.2万", "12000km", "12000公里"
std::optional<int64_t> parseKm(const std::string& raw) {
    std::string v = cleanText(raw);
    for (const char* suffix : {"公里", "km", "KM", "千米"}) {
        const std::string s(suffix);
        if (v.size() > s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0)
            v.erase(v.size() - s.size());
    }
    int64_t mult = 1;
    const std::string wan = "万";
    if (v.size() > wan.size() && v.compare(v.size() - wan.size(), wan.size(), wan) == 0) {
        v.erase(v.size() - wan.size());
        mult = 10000;
    }
    int64_t whole = 0;
    int64_t frac = 0;
    int64_t fracScale = 1;
    bool dot = false;
    bool any = false;
    for (char c : v) {
        if (c == ',' || c == ' ') continue;
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        any = true;
        if (dot) {
            if (fracScale >= 10000) continue;
            frac = frac * 10 + (c - '0');
            fracScale *= 10;
        } else {
            whole = whole * 10 + (c - '0');
            if (whole > 100'000'000) return std::nullopt;
        }
    }
    if (!any) return std::nullopt;
    return whole * mult + frac * mult / fracScale;
}

// [SECTION] validation pass

struct PlannedRow {
    size_t line = 0;
    CustomerInput customer;
    std::optional<VehicleInput> vehicle;
};

}  // namespace

std::string formatIssue(const std::string& file, const ImportIssue& issue) {
    std::string out = file;
    if (issue.line) out += ": line " + std::to_string(issue.line);
    if (!issue.column.empty()) out += ", column " + issue.column;
    return out + ": " + issue.reason;
}

Result<ImportReport> importCustomersCsv(StoreServices& services, const std::string& path,
                                        const ImportOptions& options) {
    FC_ASSIGN(std::string bytes, readFileBytes(path));
    return importCustomersCsvBytes(services, bytes, path, options);
}

Result<ImportReport> importCustomersCsvBytes(StoreServices& services, std::string_view bytes,
                                             const std::string& sourceName,
                                             const ImportOptions& options) {
    ImportReport report;
    report.file = sourceName;
    FC_ASSIGN(DecodedText text, decodeToUtf8(bytes, sourceName));
    report.encoding = text.encoding;
    FC_ASSIGN(CsvTable table, parseCsv(text.utf8, sourceName));

    // Map header cells to fields.
    std::array<int, kFieldCount> col;
    col.fill(-1);
    for (size_t i = 0; i < table.header.size(); ++i) {
        const std::string key = headerKey(table.header[i]);
        bool known = false;
        for (const auto& info : fieldInfos()) {
            for (const auto& n : info.names) {
                if (key != n) continue;
                known = true;
                if (col[info.field] >= 0)
                    return invalid(sourceName + ": line 1: columns '" +
                                   table.header[static_cast<size_t>(col[info.field])] + "' and '" +
                                   table.header[i] + "' both mean " + fieldName(info.field));
                col[info.field] = static_cast<int>(i);
            }
        }
        if (!known && !key.empty())
            report.warnings.push_back(
                {1, table.header[i], "unknown column, ignored (expected e.g. 姓名, 手机, 车牌, VIN)"});
    }
    for (Field required : {kName, kPhone}) {
        if (col[required] >= 0) continue;
        std::string found;
        for (const auto& h : table.header) found += (found.empty() ? "" : ", ") + h;
        return invalid(sourceName + ": line 1: required column " +
                       (required == kName ? std::string("姓名 (name)") : std::string("手机 (phone)")) +
                       " is missing; the header has: " + found);
    }

    auto cell = [&](const CsvRecord& r, Field f) -> std::string {
        const int c = col[f];
        if (c < 0 || static_cast<size_t>(c) >= r.fields.size()) return {};
        return r.fields[static_cast<size_t>(c)];
    };
    auto header = [&](Field f) { return col[f] >= 0 ? table.header[static_cast<size_t>(col[f])] : ""; };

    std::vector<PlannedRow> plan;
    std::unordered_map<std::string, size_t> phoneLine;
    std::unordered_map<std::string, size_t> plateLine;
    std::unordered_map<std::string, size_t> vinLine;
    CustomerService& customers = services.customers;

    for (const CsvRecord& r : table.rows) {
        bool blank = true;
        for (const auto& f : r.fields) blank &= trim(f).empty();
        if (blank) continue;  // Excel saves empty rows as ",,,,"
        ++report.rows;
        const size_t before = report.errors.size();
        auto fail = [&](Field f, std::string reason) {
            report.errors.push_back({r.line, f == kFieldCount ? "" : header(f), std::move(reason)});
        };
        if (r.fields.size() != table.header.size())
            fail(kFieldCount, "row has " + std::to_string(r.fields.size()) + " fields, the header has " +
                                  std::to_string(table.header.size()));

        PlannedRow row;
        row.line = r.line;
        CustomerInput& in = row.customer;
        in.name = cell(r, kName);
        in.source = "import";
        in.segment = "prospect";
        in.consentChannel = "import";
        if (auto n = normalizeName(in.name); !n) fail(kName, n.error().message);

        in.phones.clear();
        for (const auto& p : splitList(cell(r, kPhone), ",;/")) in.phones.push_back(p);
        if (in.phones.empty()) fail(kPhone, "phone is empty: at least one mobile number is needed");
        for (const auto& p : in.phones) {
            auto n = normalizeMobile(p);
            if (!n) {
                fail(kPhone, n.error().message);
                continue;
            }
            auto [it, fresh] = phoneLine.emplace(*n, r.line);
            if (!fresh && it->second != r.line)
                fail(kPhone, "phone " + maskPhone(*n) + " is also on line " + std::to_string(it->second));
            auto existing = customers.findCustomerByPhone(*n);
            if (!existing) return existing.error();
            if (existing->has_value())
                fail(kPhone, "phone " + maskPhone(*n) + " already belongs to an existing customer");
        }
        in.address = cell(r, kAddress);
        in.wechatId = cell(r, kWechat);
        in.notes = cell(r, kNotes);
        if (const std::string s = cell(r, kSource); !trim(s).empty()) {
            if (auto v = parseSource(s)) in.source = *v;
            else fail(kSource, "unknown source '" + cleanText(s) + "' (到店, 转介绍, 活动, 线上, 电话)");
        }
        if (const std::string s = cell(r, kSegment); !trim(s).empty()) {
            if (auto v = parseSegment(s)) in.segment = *v;
            else fail(kSegment, "unknown customer type '" + cleanText(s) + "' (潜在客户, 车主, 高价值客户)");
        }
        for (Field f : {kConsentContact, kConsentData}) {
            const std::string s = cell(r, f);
            if (trim(s).empty()) continue;
            auto v = parseYesNo(s);
            if (!v) fail(f, "'" + cleanText(s) + "' is not yes/no (是/否)");
            else (f == kConsentContact ? in.consentContact : in.consentData) = *v;
        }

        const std::string plate = cell(r, kPlate);
        const std::string vin = cell(r, kVin);
        const bool anyVehicle = !trim(plate).empty() || !trim(vin).empty() ||
                                !trim(cell(r, kMake)).empty() || !trim(cell(r, kModel)).empty() ||
                                !trim(cell(r, kYear)).empty() || !trim(cell(r, kColour)).empty() ||
                                !trim(cell(r, kOdometer)).empty();
        if (anyVehicle) {
            VehicleInput v;
            v.plate = plate;
            v.vin = vin;
            v.acceptVinCheckDigit = options.acceptVinCheckDigit;
            v.make = cell(r, kMake);
            v.model = cell(r, kModel);
            v.colour = cell(r, kColour);
            if (trim(plate).empty()) {
                fail(kPlate, "a vehicle needs its plate (vehicle details given without one)");
            } else if (auto p = normalizePlate(plate); !p) {
                fail(kPlate, p.error().message);
            } else {
                auto [it, fresh] = plateLine.emplace(p->text, r.line);
                if (!fresh) fail(kPlate, "plate " + displayPlate(p->text) + " is also on line " +
                                             std::to_string(it->second));
                auto existing = customers.findVehicleByPlate(p->text);
                if (!existing) return existing.error();
                if (existing->has_value())
                    fail(kPlate, "plate " + displayPlate(p->text) + " is already registered");
            }
            if (!trim(vin).empty()) {
                auto n = normalizeVin(vin);
                if (!n) {
                    fail(kVin, n.error().message);
                } else {
                    if (!n->checkDigitOk) {
                        std::string msg = "VIN " + n->text + ": check digit '" +
                                          std::string(1, n->text[8]) + "', expected '" +
                                          std::string(1, n->expectedCheckDigit) + "'";
                        if (options.acceptVinCheckDigit)
                            report.warnings.push_back({r.line, header(kVin), msg + " (accepted)"});
                        else
                            fail(kVin, msg + "; rerun with --accept-vin-check-digit if it is right");
                    }
                    auto [it, fresh] = vinLine.emplace(n->text, r.line);
                    if (!fresh) fail(kVin, "VIN is also on line " + std::to_string(it->second));
                    auto existing = customers.findVehicleByVin(n->text);
                    if (!existing) return existing.error();
                    if (existing->has_value()) fail(kVin, "VIN " + n->text + " is already registered");
                }
            }
            if (const std::string y = cleanText(cell(r, kYear)); !y.empty()) {
                int year = 0;
                bool ok = y.size() == 4;
                for (size_t k = 0; ok && k < y.size(); ++k) {
                    ok = y[k] >= '0' && y[k] <= '9';
                    year = year * 10 + (y[k] - '0');
                }
                if (!ok || year < 1950 || year > 2100) fail(kYear, "'" + y + "' is not a model year");
                else v.year = year;
            }
            if (const std::string k = cell(r, kOdometer); !trim(k).empty()) {
                auto km = parseKm(k);
                if (!km || *km > 5'000'000) fail(kOdometer, "'" + cleanText(k) + "' is not a distance in km");
                else v.odometerKm = *km;
            }
            row.vehicle = std::move(v);
            if (trim(cell(r, kSegment)).empty()) in.segment = "owner";
        }
        if (report.errors.size() == before) {
            // What the services will check again, so an import cannot pass here and fail later.
            if (auto c = CustomerService::validateCustomer(in); !c) fail(kFieldCount, c.error().message);
            if (row.vehicle)
                if (auto v = CustomerService::validateVehicle(*row.vehicle); !v)
                    fail(kFieldCount, v.error().message);
        }
        plan.push_back(std::move(row));
    }
    if (report.rows == 0) report.errors.push_back({0, "", "the file has a header but no data rows"});
    if (!report.errors.empty() || options.dryRun) return report;

    // [SECTION] import pass: one transaction, search index brought up to date once at the end.
    Db& db = services.db();
    Tx tx(db);
    FC_TRY(tx.begin());
    DeferredScope bulk(services.store().writer());
    for (const PlannedRow& row : plan) {
        auto id = customers.createCustomerInTx(row.customer);
        if (!id) return id.error().context(sourceName + ": line " + std::to_string(row.line));
        ++report.customers;
        if (row.vehicle) {
            auto v = customers.addVehicleInTx(*id, *row.vehicle);
            if (!v) return v.error().context(sourceName + ": line " + std::to_string(row.line));
            ++report.vehicles;
        }
    }
    FC_TRY(bulk.finish());
    FC_TRY(tx.commit());
    report.imported = true;
    return report;
}

}  // namespace fc::core
