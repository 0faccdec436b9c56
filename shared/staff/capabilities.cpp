#include "shared/staff/capabilities.hpp"

#include <algorithm>

namespace fc::core {

const char* staffRoleKey(StaffRole role) {
    switch (role) {
        case StaffRole::kAdmin:
            return "admin";
        case StaffRole::kManager:
            return "manager";
        case StaffRole::kAdvisor:
            return "advisor";
        case StaffRole::kTechnician:
            return "technician";
        case StaffRole::kWarehouse:
            return "warehouse";
        case StaffRole::kAccountant:
            return "accountant";
    }
    return "";
}

const std::vector<StaffRole>& allStaffRoles() {
    static const std::vector<StaffRole> k = {StaffRole::kAdmin,     StaffRole::kManager,
                                             StaffRole::kAdvisor,   StaffRole::kTechnician,
                                             StaffRole::kWarehouse, StaffRole::kAccountant};
    return k;
}

std::optional<StaffRole> parseStaffRole(std::string_view key) {
    for (StaffRole r : allStaffRoles())
        if (key == staffRoleKey(r)) return r;
    return std::nullopt;
}

const char* capabilityKey(Capability c) {
    switch (c) {
        case Capability::kManageStaff:
            return "staff.manage";
        case Capability::kManageSettings:
            return "settings.manage";
        case Capability::kViewCustomers:
            return "customers.view";
        case Capability::kEditCustomers:
            return "customers.edit";
        case Capability::kManageAppointments:
            return "appointments.manage";
        case Capability::kCheckInVehicles:
            return "visits.check_in";
        case Capability::kViewFrontDesk:
            return "front_desk.view";
        case Capability::kUpdateVisitStatus:
            return "visits.update_status";
        case Capability::kWorkshopJobs:
            return "workshop.jobs";
        case Capability::kManageInventory:
            return "inventory.manage";
        case Capability::kViewFinance:
            return "finance.view";
        case Capability::kManageFinance:
            return "finance.manage";
        case Capability::kViewReports:
            return "reports.view";
        case Capability::kResolveConflicts:
            return "conflicts.resolve";
        case Capability::kManageWorkOrders:
            return "work_orders.manage";
        case Capability::kManageRoster:
            return "staff.roster";
    }
    return "";
}

const std::vector<Capability>& allCapabilities() {
    static const std::vector<Capability> k = {
        Capability::kManageStaff,     Capability::kManageSettings,     Capability::kViewCustomers,
        Capability::kEditCustomers,   Capability::kManageAppointments, Capability::kCheckInVehicles,
        Capability::kViewFrontDesk,   Capability::kUpdateVisitStatus,  Capability::kWorkshopJobs,
        Capability::kManageInventory, Capability::kViewFinance,        Capability::kManageFinance,
        Capability::kViewReports,     Capability::kResolveConflicts,   Capability::kManageWorkOrders,
        Capability::kManageRoster};
    return k;
}

namespace {

using C = Capability;

// The whole policy in one place. An admin may do everything.
const std::vector<Capability>& capabilitiesOf(StaffRole role) {
    static const std::vector<Capability> kManager = {
        C::kManageSettings,  C::kViewCustomers, C::kEditCustomers,     C::kManageAppointments,
        C::kCheckInVehicles, C::kViewFrontDesk, C::kUpdateVisitStatus, C::kWorkshopJobs,
        C::kManageInventory, C::kViewFinance,   C::kViewReports,       C::kResolveConflicts,
        C::kManageWorkOrders, C::kManageRoster};
    static const std::vector<Capability> kAdvisor = {C::kViewCustomers,      C::kEditCustomers,
                                                     C::kManageAppointments, C::kCheckInVehicles,
                                                     C::kViewFrontDesk,      C::kUpdateVisitStatus,
                                                     C::kManageWorkOrders};
    static const std::vector<Capability> kTechnician = {C::kViewFrontDesk, C::kUpdateVisitStatus,
                                                        C::kWorkshopJobs};
    static const std::vector<Capability> kWarehouse = {C::kManageInventory};
    static const std::vector<Capability> kAccountant = {C::kViewCustomers, C::kViewFinance,
                                                        C::kManageFinance, C::kViewReports};
    switch (role) {
        case StaffRole::kAdmin:
            return allCapabilities();
        case StaffRole::kManager:
            return kManager;
        case StaffRole::kAdvisor:
            return kAdvisor;
        case StaffRole::kTechnician:
            return kTechnician;
        case StaffRole::kWarehouse:
            return kWarehouse;
        case StaffRole::kAccountant:
            return kAccountant;
    }
    static const std::vector<Capability> kNone;
    return kNone;
}

}  // namespace

bool roleCan(StaffRole role, Capability c) {
    const auto& caps = capabilitiesOf(role);
    return std::find(caps.begin(), caps.end(), c) != caps.end();
}

}  // namespace fc::core
