// Editing a customer and one of their vehicles at the front desk (office mode). Each field starts
// with what is on record; saving sends only what changed (CustomerService::updateCustomer /
// updateVehicle), and the service's validation error is shown under the field it names, in the
// error colour — nothing is saved then. A VIN whose check digit fails asks the advisor to confirm
// it was read off the car. No SQL here.
//
//   app.router.push(std::make_unique<CustomerEditScreen>(app, customers, customerId));
//   app.router.push(std::make_unique<VehicleEditScreen>(app, customers, vehicleId));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "shared/customers/customer_service.hpp"

namespace fc::ui {

class CustomerEditScreen final : public Screen {
public:
    CustomerEditScreen(AppContext& app, core::CustomerService& customers, std::string customerId);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: the error shown under a field ("name", "phone", "address", "wechat", "notes"), if any.
    std::string fieldError(const std::string& field) const;
    bool saved() const { return m_saved; }

private:
    void save(Ui& ui);

    AppContext& m_app;
    core::CustomerService& m_customers;
    std::string m_id;
    std::optional<core::Customer> m_original;
    std::string m_loadError;
    std::string m_name;
    std::vector<std::string> m_phones;  // one field each, and one empty to add a number
    std::string m_address;
    std::string m_wechat;
    std::string m_segment;
    std::string m_notes;
    desk::FieldErrors m_errors;
    std::optional<size_t> m_badPhone;             // which phone field the phone error is about
    bool m_saved = false;
};

class VehicleEditScreen final : public Screen {
public:
    VehicleEditScreen(AppContext& app, core::CustomerService& customers, std::string vehicleId);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: the error under a field ("plate", "vin", "make", "model", "year", "colour").
    std::string fieldError(const std::string& field) const;
    bool saved() const { return m_saved; }

private:
    void save(Ui& ui);

    AppContext& m_app;
    core::CustomerService& m_customers;
    std::string m_id;
    std::optional<core::Vehicle> m_original;
    std::string m_loadError;
    std::string m_plate;
    std::string m_vin;
    std::string m_make;
    std::string m_model;
    std::string m_year;
    std::string m_colour;
    bool m_confirmVin = false;
    bool m_askVin = false;  // the check digit failed: the confirm box is shown
    desk::FieldErrors m_errors;
    bool m_saved = false;
};

// The field a service's validation message is about ("phone: …", "VIN position 3…" → "vin"),
// or "" when it names none of `fields`.
std::string fieldOfError(const std::string& message, const std::vector<std::string>& fields);

}  // namespace fc::ui
