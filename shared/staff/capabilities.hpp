// Staff roles and what each may do. One table maps a role to its capabilities; screens and
// services ask `session.can(Capability::kManageStaff)` and never compare role names, so finer
// permissions or per-store overrides can replace roleCan() without touching callers.
//
//   if (!roleCan(StaffRole::kTechnician, Capability::kCheckInVehicles)) hideButton();
//   FC_TRY(requireCapability(session, Capability::kManageStaff));   // in a service
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fc::core {

enum class StaffRole { kAdmin, kManager, kAdvisor, kTechnician, kWarehouse, kAccountant };

// Stored keys: "admin", "manager", "advisor", "technician", "warehouse", "accountant".
const char* staffRoleKey(StaffRole role);
std::optional<StaffRole> parseStaffRole(std::string_view key);
const std::vector<StaffRole>& allStaffRoles();

enum class Capability {
    kManageStaff,         // create, edit, deactivate staff; reset other people's PINs
    kManageSettings,      // store settings, service menu
    kViewCustomers,       // customer records with unmasked personal data
    kEditCustomers,       // create and edit customers and vehicles
    kManageAppointments,  // book, reschedule, cancel, mark no-show
    kCheckInVehicles,     // check a customer in at the front desk
    kViewFrontDesk,       // today's appointments and queue
    kUpdateVisitStatus,   // move a visit through waiting → in service → ready → collected
    kWorkshopJobs,        // job steps, checklists, clocking on and off
    kManageInventory,     // receive, issue, transfer, count stock
    kViewFinance,         // income, expenses, reports
    kManageFinance,       // post payments, approve expense claims
    kViewReports,         // KPIs and analysis
    kResolveConflicts,    // resolve sync conflicts
    kManageWorkOrders,    // open work orders, price lines, assign technicians, close out
    kManageRoster,        // staff members' skills and shifts (managers too; kManageStaff does the rest)
};

// "staff.manage", "customers.view", … — stable keys for logs, audit and a later policy file.
const char* capabilityKey(Capability c);
const std::vector<Capability>& allCapabilities();

bool roleCan(StaffRole role, Capability c);

}  // namespace fc::core
