// Index
//   [SECTION] header mapping
//   [SECTION] value parsing
//   [SECTION] validation pass
//   [SECTION] import pass
#include "shared/customers/customer_import.hpp"

#include <array>
#include <filesystem>
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

// One import: reads the header, checks every row (collecting every problem), then writes all the
// rows in one transaction or none.
class ImportRun {
public:
    ImportRun(Store& store, CustomerService& customers, const std::string& sourceName,
              const ImportOptions& options)
        : m_store(store), m_customers(customers), m_source(sourceName), m_options(options) {
        m_report.file = sourceName;
        m_col.fill(-1);
    }

    Result<ImportReport> run(std::string_view bytes) {
        FC_ASSIGN(DecodedText text, decodeToUtf8(bytes, m_source));
        m_report.encoding = text.encoding;
        FC_ASSIGN(m_table, parseCsv(text.utf8, m_source));
        FC_TRY(mapHeader());
        for (const CsvRecord& r : m_table.rows) FC_TRY(planRow(r));
        if (m_report.rows == 0) m_report.errors.push_back({0, "", "the file has a header but no data rows"});
        if (!m_report.errors.empty() || m_options.dryRun) return m_report;
        FC_TRY(importPlan());
        m_report.imported = true;
        return m_report;
    }

private:
    // Maps header cells to fields; a required column missing or a field named twice is an error
    // for the whole file.
    Status mapHeader() {
        for (size_t i = 0; i < m_table.header.size(); ++i) {
            const std::string key = headerKey(m_table.header[i]);
            bool known = false;
            for (const auto& info : fieldInfos()) {
                for (const auto& n : info.names) {
                    if (key != n) continue;
                    known = true;
                    if (m_col[info.field] >= 0)
                        return invalid(m_source + ": line 1: columns '" +
                                       m_table.header[static_cast<size_t>(m_col[info.field])] + "' and '" +
                                       m_table.header[i] + "' both mean " + fieldName(info.field));
                    m_col[info.field] = static_cast<int>(i);
                }
            }
            if (!known && !key.empty())
                m_report.warnings.push_back(
                    {1, m_table.header[i], "unknown column, ignored (expected e.g. 姓名, 手机, 车牌, VIN)"});
        }
        for (Field required : {kName, kPhone}) {
            if (m_col[required] >= 0) continue;
            std::string found;
            for (const auto& h : m_table.header) found += (found.empty() ? "" : ", ") + h;
            return invalid(m_source + ": line 1: required column " +
                           (required == kName ? std::string("姓名 (name)") : std::string("手机 (phone)")) +
                           " is missing; the header has: " + found);
        }
        return {};
    }

    std::string cell(const CsvRecord& r, Field f) const {
        const int c = m_col[f];
        if (c < 0 || static_cast<size_t>(c) >= r.fields.size()) return {};
        return r.fields[static_cast<size_t>(c)];
    }
    std::string header(Field f) const {
        return m_col[f] >= 0 ? m_table.header[static_cast<size_t>(m_col[f])] : "";
    }
    void fail(const CsvRecord& r, Field f, std::string reason) {
        m_report.errors.push_back({r.line, f == kFieldCount ? "" : header(f), std::move(reason)});
    }

    Status planRow(const CsvRecord& r) {
        bool blank = true;
        for (const auto& f : r.fields) blank &= trim(f).empty();
        if (blank) return {};  // Excel saves empty rows as ",,,,"
        ++m_report.rows;
        const size_t before = m_report.errors.size();
        if (r.fields.size() != m_table.header.size())
            fail(r, kFieldCount, "row has " + std::to_string(r.fields.size()) + " fields, the header has " +
                                     std::to_string(m_table.header.size()));
        PlannedRow row;
        row.line = r.line;
        FC_TRY(planCustomer(r, row.customer));
        FC_TRY(planVehicle(r, row));
        if (m_report.errors.size() == before) {
            // What the services will check again, so an import cannot pass here and fail later.
            if (auto c = CustomerService::validateCustomer(row.customer); !c)
                fail(r, kFieldCount, c.error().message);
            if (row.vehicle)
                if (auto v = CustomerService::validateVehicle(*row.vehicle); !v)
                    fail(r, kFieldCount, v.error().message);
        }
        m_plan.push_back(std::move(row));
        return {};
    }

    Status planCustomer(const CsvRecord& r, CustomerInput& in) {
        in.name = cell(r, kName);
        in.source = "import";
        in.segment = "prospect";
        in.consentChannel = "import";
        if (auto n = normalizeName(in.name); !n) fail(r, kName, n.error().message);
        FC_TRY(planPhones(r, in));
        in.address = cell(r, kAddress);
        in.wechatId = cell(r, kWechat);
        in.notes = cell(r, kNotes);
        if (const std::string s = cell(r, kSource); !trim(s).empty()) {
            if (auto v = parseSource(s)) in.source = *v;
            else fail(r, kSource, "unknown source '" + cleanText(s) + "' (到店, 转介绍, 活动, 线上, 电话)");
        }
        if (const std::string s = cell(r, kSegment); !trim(s).empty()) {
            if (auto v = parseSegment(s)) in.segment = *v;
            else fail(r, kSegment, "unknown customer type '" + cleanText(s) + "' (潜在客户, 车主, 高价值客户)");
        }
        for (Field f : {kConsentContact, kConsentData}) {
            const std::string s = cell(r, f);
            if (trim(s).empty()) continue;
            auto v = parseYesNo(s);
            if (!v) fail(r, f, "'" + cleanText(s) + "' is not yes/no (是/否)");
            else (f == kConsentContact ? in.consentContact : in.consentData) = *v;
        }
        return {};
    }

    Status planPhones(const CsvRecord& r, CustomerInput& in) {
        in.phones.clear();
        for (const auto& p : splitList(cell(r, kPhone), ",;/")) in.phones.push_back(p);
        if (in.phones.empty()) fail(r, kPhone, "phone is empty: at least one mobile number is needed");
        for (const auto& p : in.phones) {
            auto n = normalizeMobile(p);
            if (!n) {
                fail(r, kPhone, n.error().message);
                continue;
            }
            auto [it, fresh] = m_phoneLine.emplace(*n, r.line);
            if (!fresh && it->second != r.line)
                fail(r, kPhone, "phone " + maskPhone(*n) + " is also on line " + std::to_string(it->second));
            FC_ASSIGN(auto existing, m_customers.findCustomerByPhone(*n));
            if (existing) fail(r, kPhone, "phone " + maskPhone(*n) + " already belongs to an existing customer");
        }
        return {};
    }

    Status planVehicle(const CsvRecord& r, PlannedRow& row) {
        const std::string plate = cell(r, kPlate);
        const std::string vin = cell(r, kVin);
        bool anyVehicle = false;
        for (Field f : {kPlate, kVin, kMake, kModel, kYear, kColour, kOdometer})
            anyVehicle |= !trim(cell(r, f)).empty();
        if (!anyVehicle) return {};
        VehicleInput v;
        v.plate = plate;
        v.vin = vin;
        v.acceptVinCheckDigit = m_options.acceptVinCheckDigit;
        v.make = cell(r, kMake);
        v.model = cell(r, kModel);
        v.colour = cell(r, kColour);
        FC_TRY(planPlate(r, plate));
        if (!trim(vin).empty()) FC_TRY(planVin(r, vin));
        if (const std::string y = cleanText(cell(r, kYear)); !y.empty()) {
            int year = 0;
            bool ok = y.size() == 4;
            for (size_t k = 0; ok && k < y.size(); ++k) {
                ok = y[k] >= '0' && y[k] <= '9';
                year = year * 10 + (y[k] - '0');
            }
            if (!ok || year < 1950 || year > 2100) fail(r, kYear, "'" + y + "' is not a model year");
            else v.year = year;
        }
        if (const std::string k = cell(r, kOdometer); !trim(k).empty()) {
            auto km = parseKm(k);
            if (!km || *km > 5'000'000) fail(r, kOdometer, "'" + cleanText(k) + "' is not a distance in km");
            else v.odometerKm = *km;
        }
        row.vehicle = std::move(v);
        if (trim(cell(r, kSegment)).empty()) row.customer.segment = "owner";
        return {};
    }

    Status planPlate(const CsvRecord& r, const std::string& plate) {
        if (trim(plate).empty()) {
            fail(r, kPlate, "a vehicle needs its plate (vehicle details given without one)");
            return {};
        }
        auto p = normalizePlate(plate);
        if (!p) {
            fail(r, kPlate, p.error().message);
            return {};
        }
        auto [it, fresh] = m_plateLine.emplace(p->text, r.line);
        if (!fresh)
            fail(r, kPlate, "plate " + displayPlate(p->text) + " is also on line " + std::to_string(it->second));
        FC_ASSIGN(auto existing, m_customers.findVehicleByPlate(p->text));
        if (existing) fail(r, kPlate, "plate " + displayPlate(p->text) + " is already registered");
        return {};
    }

    Status planVin(const CsvRecord& r, const std::string& vin) {
        auto n = normalizeVin(vin);
        if (!n) {
            fail(r, kVin, n.error().message);
            return {};
        }
        if (!n->checkDigitOk) {
            std::string msg = "VIN " + n->text + ": check digit '" + std::string(1, n->text[8]) +
                              "', expected '" + std::string(1, n->expectedCheckDigit) + "'";
            if (m_options.acceptVinCheckDigit)
                m_report.warnings.push_back({r.line, header(kVin), msg + " (accepted)"});
            else
                fail(r, kVin, msg + "; rerun with --accept-vin-check-digit if it is right");
        }
        auto [it, fresh] = m_vinLine.emplace(n->text, r.line);
        if (!fresh) fail(r, kVin, "VIN is also on line " + std::to_string(it->second));
        FC_ASSIGN(auto existing, m_customers.findVehicleByVin(n->text));
        if (existing) fail(r, kVin, "VIN " + n->text + " is already registered");
        return {};
    }

    // [SECTION] import pass: one transaction, search index brought up to date once at the end.
    Status importPlan() {
        Tx tx(m_store.db());
        FC_TRY(tx.begin());
        DeferredScope bulk(m_store.writer());
        for (const PlannedRow& row : m_plan) {
            auto id = m_customers.createCustomerInTx(row.customer);
            if (!id) return id.error().context(m_source + ": line " + std::to_string(row.line));
            ++m_report.customers;
            if (row.vehicle) {
                auto v = m_customers.addVehicleInTx(*id, *row.vehicle);
                if (!v) return v.error().context(m_source + ": line " + std::to_string(row.line));
                ++m_report.vehicles;
            }
        }
        FC_TRY(bulk.finish());
        return tx.commit();
    }

    Store& m_store;
    CustomerService& m_customers;
    std::string m_source;
    const ImportOptions& m_options;
    ImportReport m_report;
    CsvTable m_table;
    std::array<int, kFieldCount> m_col;
    std::vector<PlannedRow> m_plan;
    std::unordered_map<std::string, size_t> m_phoneLine;
    std::unordered_map<std::string, size_t> m_plateLine;
    std::unordered_map<std::string, size_t> m_vinLine;
};

}  // namespace

std::string formatIssue(const std::string& file, const ImportIssue& issue) {
    std::string out = file;
    if (issue.line) out += ": line " + std::to_string(issue.line);
    if (!issue.column.empty()) out += ", column " + issue.column;
    return out + ": " + issue.reason;
}

Result<ImportReport> CustomerImport::importCsv(const std::string& path, const ImportOptions& options) {
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxFileBytes)
        return Error(Errc::kInvalid, path + ": " + std::to_string(size >> 20) + " MiB is more than one import takes (" +
                                         std::to_string(kMaxFileBytes >> 20) +
                                         " MiB, about 400,000 customers); split the list into smaller files");
    FC_ASSIGN(std::string bytes, readFileBytes(path));
    return importCsvBytes(bytes, path, options);
}

Result<ImportReport> CustomerImport::importCsvBytes(std::string_view bytes, const std::string& sourceName,
                                                    const ImportOptions& options) {
    return ImportRun(m_store, m_customers, sourceName, options).run(bytes);
}

}  // namespace fc::core
