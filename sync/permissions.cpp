#include "sync/permissions.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fc::sync {

namespace {

struct TableRule {
    bool insert = false;              // insert (master) or fact
    bool del = false;                 // tombstone
    std::set<std::string> update;     // columns it may update; {"*"} = all
};

using RoleRules = std::map<std::string, TableRule>;

const std::map<std::string, RoleRules>& rules() {
    static const std::map<std::string, RoleRules> k = {
        {"office",
         {{"stores", {false, false, {"name", "timezone"}}},
          {"customers", {true, true, {"*"}}},
          {"vehicles", {true, true, {"*"}}},
          {"vehicle_ownerships", {true, false, {}}},
          {"odometer_readings", {true, false, {}}},
          {"consent_events", {true, false, {}}},
          {"conflicts", {false, false, {"status", "resolution", "resolved_at"}}},
          // Staff records are kept in the office only (the app also requires kManageStaff).
          {"staff", {true, true, {"*"}}},
          {"staff_session_events", {true, false, {}}},
          {"appointments", {true, true, {"*"}}},
          {"visits", {true, true, {"*"}}}}},
        // A kiosk registers walk-ins and records what the customer agreed to; it edits nothing else.
        {"kiosk",
         {{"customers",
           {true, false, {"consent_contact", "consent_contact_at", "consent_data", "consent_data_at"}}},
          {"vehicles", {true, false, {"odometer_km"}}},
          {"vehicle_ownerships", {true, false, {}}},
          {"odometer_readings", {true, false, {}}},
          {"consent_events", {true, false, {}}},
          // Self check-in: a visit, and the appointment it fulfils marked checked in. Staff may
          // sign in at the kiosk (front-desk assist), which records sign-in events.
          {"visits", {true, false, {}}},
          {"appointments", {false, false, {"status"}}},
          {"staff_session_events", {true, false, {}}}}},
        {"workshop",
         {{"vehicles", {false, false, {"odometer_km", "colour", "vin", "vin_check_override"}}},
          {"odometer_readings", {true, false, {}}},
          // Technicians move a visit along (in service, ready) and sign in.
          {"visits", {false, false, {"status"}}},
          {"staff_session_events", {true, false, {}}}}},
        {"warehouse", {{"staff_session_events", {true, false, {}}}}},
        {"hub", {{"conflicts", {true, false, {"*"}}}}},
    };
    return k;
}

}  // namespace

const std::vector<std::string>& deviceRoles() {
    static const std::vector<std::string> k = {"office", "kiosk", "workshop", "warehouse"};
    return k;
}

bool isDeviceRole(const std::string& role) {
    const auto& r = deviceRoles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

std::string checkWrite(const std::string& role, const Change& c) {
    const auto& all = rules();
    auto r = all.find(role);
    if (r == all.end()) return "unknown role '" + role + "'";
    auto t = r->second.find(c.table->name);
    const std::string who = role + " devices";
    if (t == r->second.end()) return who + " may not write " + c.table->name;
    const TableRule& rule = t->second;
    switch (c.op) {
        case ChangeOp::kInsert:
        case ChangeOp::kFact:
            return rule.insert ? "" : who + " may not add " + c.table->name;
        case ChangeOp::kTombstone:
            return rule.del ? "" : who + " may not delete " + c.table->name;
        case ChangeOp::kUpdate:
            if (rule.update.count("*")) return "";
            for (auto it = c.data.begin(); it != c.data.end(); ++it)
                if (!rule.update.count(it.key()))
                    return who + " may not change " + c.table->name + "." + it.key();
            return "";
    }
    return "unknown op";
}

}  // namespace fc::sync
