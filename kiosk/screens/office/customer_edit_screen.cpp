#include "kiosk/screens/office/customer_edit_screen.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"

namespace fc::ui {

namespace {

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

// What a service message starts with → the screen's field.
const std::pair<const char*, const char*> kPrefixes[] = {
    {"name", "name"},   {"phone", "phone"}, {"address", "address"}, {"wechat", "wechat"},
    {"notes", "notes"}, {"segment", "segment"}, {"source", "segment"}, {"plate", "plate"},
    {"vin", "vin"},     {"make", "make"},   {"model", "model"},     {"year", "year"},
    {"colour", "colour"}};

std::vector<std::string> trimmedNonEmpty(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values)
        if (!core::trim(v).empty()) out.push_back(core::trim(v));
    return out;
}

}  // namespace

std::string fieldOfError(const std::string& message, const std::vector<std::string>& fields) {
    for (const auto& [prefix, field] : kPrefixes) {
        if (!startsWithNoCase(message, prefix)) continue;
        if (std::find(fields.begin(), fields.end(), field) != fields.end()) return field;
    }
    return "";
}

// [SECTION] CustomerEditScreen

CustomerEditScreen::CustomerEditScreen(AppContext& app, core::CustomerService& customers, std::string customerId)
    : m_app(app), m_customers(customers), m_id(std::move(customerId)) {}

std::string CustomerEditScreen::title() const { return tr("desk.edit.customer_title"); }

std::string CustomerEditScreen::fieldError(const std::string& field) const { return m_errors.of(field); }

void CustomerEditScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!desk::can(m_app, core::Capability::kEditCustomers)) {
        desk::shownText(ui, tr("desk.not_allowed_action"));
        return;
    }
    if (!m_original && m_loadError.empty()) {
        auto c = m_customers.getCustomer(m_id);
        if (!c) {
            m_loadError = c.error().message;
        } else {
            m_original = std::move(c).value();
            m_name = m_original->name;
            m_phones = m_original->phones;
            m_phones.emplace_back();
            m_address = m_original->address;
            m_wechat = m_original->wechatId;
            m_segment = m_original->segment;
            m_notes = m_original->notes;
            ui.ensureGlyphs(m_name + m_address + m_notes);
        }
    }
    if (!m_original) {
        desk::errorText(ui, m_loadError);
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "customer-edit");
    ImGui::BeginChild("fields", ImVec2(0, ImGui::GetContentRegionAvail().y - ui.theme().touch - ui.theme().gap * 2),
                      false);
    textField(ui, tr("desk.edit.name"), m_name, {.maxChars = 64});
    m_errors.drawUnder(ui, "name");
    space(ui, 0.5f);
    for (size_t i = 0; i < m_phones.size(); ++i) {
        const std::string label = i + 1 == m_phones.size() ? std::string(tr("desk.edit.add_phone"))
                                                           : tr("desk.edit.phone_n", {{"n", i + 1}});
        textField(ui, label, m_phones[i], {.hint = tr("desk.edit.phone_hint"), .maxChars = 20});
        if (m_badPhone && *m_badPhone == i) m_errors.drawUnder(ui, "phone");
    }
    if (!m_badPhone) m_errors.drawUnder(ui, "phone");
    space(ui, 0.5f);
    textField(ui, tr("desk.edit.address"), m_address, {.maxChars = 200});
    m_errors.drawUnder(ui, "address");
    textField(ui, tr("desk.edit.wechat"), m_wechat, {.maxChars = 64});
    m_errors.drawUnder(ui, "wechat");
    space(ui, 0.5f);
    mutedText(ui, tr("desk.edit.segment"));
    {
        ScopedWidgetScope segments(ui.registry(), "segment");
        bool first = true;
        for (const std::string& s : core::customerSegments()) {
            if (!first) ImGui::SameLine();
            first = false;
            if (desk::chip(ui, desk::labelOf("desk.segment.", s), m_segment == s, s)) m_segment = s;
        }
    }
    m_errors.drawUnder(ui, "segment");
    space(ui, 0.5f);
    textField(ui, tr("desk.edit.notes"), m_notes, {.maxChars = 2000});
    m_errors.drawUnder(ui, "notes");
    m_errors.drawUnder(ui, "");
    dragToScroll(ui);
    ImGui::EndChild();
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("desk.edit.cancel"), {.width = w, .id = "cancel"})) m_app.router.pop();
    ImGui::SameLine();
    if (button(ui, tr("desk.edit.save"), {.kind = ButtonKind::kPrimary, .width = w, .id = "save"})) save(ui);
}

void CustomerEditScreen::save(Ui& ui) {
    m_errors.byField.clear();
    m_badPhone.reset();
    core::CustomerPatch patch;
    const core::Customer& o = *m_original;
    if (m_name != o.name) patch.name = m_name;
    const std::vector<std::string> phones = trimmedNonEmpty(m_phones);
    if (phones != o.phones) patch.phones = phones;
    if (m_address != o.address) patch.address = m_address;
    if (m_wechat != o.wechatId) patch.wechatId = m_wechat;
    if (m_segment != o.segment) patch.segment = m_segment;
    if (m_notes != o.notes) patch.notes = m_notes;
    auto r = m_customers.updateCustomer(m_id, patch);
    if (!r) {
        const std::string field =
            fieldOfError(r.error().message, {"name", "phone", "address", "wechat", "segment", "notes"});
        m_errors.byField[field] = desk::fieldError(r.error());
        if (field == "phone") {
            // Under the number it is about: the first that does not read as a mobile number, or
            // the one (masked in the message) that belongs to someone else.
            for (size_t i = 0; i < m_phones.size() && !m_badPhone; ++i) {
                if (core::trim(m_phones[i]).empty()) continue;
                auto n = core::normalizeMobile(m_phones[i]);
                if (!n || r.error().message.find(core::maskPhone(*n)) != std::string::npos) m_badPhone = i;
            }
        }
        return;
    }
    m_saved = true;
    ui.toasts().show(*r ? tr("desk.edit.saved") : tr("desk.edit.unchanged"), ToastKind::kSuccess);
    m_app.router.pop();
}

// [SECTION] VehicleEditScreen

VehicleEditScreen::VehicleEditScreen(AppContext& app, core::CustomerService& customers, std::string vehicleId)
    : m_app(app), m_customers(customers), m_id(std::move(vehicleId)) {}

std::string VehicleEditScreen::title() const { return tr("desk.edit.vehicle_title"); }

std::string VehicleEditScreen::fieldError(const std::string& field) const { return m_errors.of(field); }

void VehicleEditScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!desk::can(m_app, core::Capability::kEditCustomers)) {
        desk::shownText(ui, tr("desk.not_allowed_action"));
        return;
    }
    if (!m_original && m_loadError.empty()) {
        auto v = m_customers.getVehicle(m_id);
        if (!v) {
            m_loadError = v.error().message;
        } else {
            m_original = std::move(v).value();
            m_plate = core::displayPlate(m_original->plate);
            m_vin = m_original->vin;
            m_make = m_original->make;
            m_model = m_original->model;
            m_year = m_original->year ? std::to_string(*m_original->year) : "";
            m_colour = m_original->colour;
            ui.ensureGlyphs(m_plate + m_make + m_model + m_colour);
        }
    }
    if (!m_original) {
        desk::errorText(ui, m_loadError);
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "vehicle-edit");
    ImGui::BeginChild("fields", ImVec2(0, ImGui::GetContentRegionAvail().y - ui.theme().touch - ui.theme().gap * 2),
                      false);
    textField(ui, tr("desk.edit.plate"), m_plate, {.maxChars = 12});
    m_errors.drawUnder(ui, "plate");
    textField(ui, tr("desk.edit.vin"), m_vin, {.maxChars = 17});
    m_errors.drawUnder(ui, "vin");
    if (m_askVin) checkbox(ui, tr("desk.edit.vin_confirm"), m_confirmVin);
    textField(ui, tr("desk.edit.make"), m_make, {.maxChars = 40});
    m_errors.drawUnder(ui, "make");
    textField(ui, tr("desk.edit.model"), m_model, {.maxChars = 60});
    m_errors.drawUnder(ui, "model");
    textField(ui, tr("desk.edit.year"), m_year, {.maxChars = 4});
    m_errors.drawUnder(ui, "year");
    textField(ui, tr("desk.edit.colour"), m_colour, {.maxChars = 20});
    m_errors.drawUnder(ui, "colour");
    m_errors.drawUnder(ui, "");
    dragToScroll(ui);
    ImGui::EndChild();
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("desk.edit.cancel"), {.width = w, .id = "cancel"})) m_app.router.pop();
    ImGui::SameLine();
    if (button(ui, tr("desk.edit.save"), {.kind = ButtonKind::kPrimary, .width = w, .id = "save"})) save(ui);
}

void VehicleEditScreen::save(Ui& ui) {
    m_errors.byField.clear();
    const core::Vehicle& o = *m_original;
    core::VehiclePatch patch;
    if (m_plate != core::displayPlate(o.plate) && m_plate != o.plate) patch.plate = m_plate;
    if (core::trim(m_vin) != o.vin) {
        patch.vin = core::trim(m_vin);
        patch.acceptVinCheckDigit = m_confirmVin;
    }
    if (m_make != o.make) patch.make = m_make;
    if (m_model != o.model) patch.model = m_model;
    const std::string year = core::trim(m_year);
    const std::string oldYear = o.year ? std::to_string(*o.year) : "";
    if (year != oldYear && !year.empty()) {
        int y = 0;
        const auto res = std::from_chars(year.data(), year.data() + year.size(), y);
        if (res.ec != std::errc() || res.ptr != year.data() + year.size()) {
            m_errors.byField["year"] = tr("desk.edit.year_invalid");
            return;
        }
        patch.year = y;
    }
    if (m_colour != o.colour) patch.colour = m_colour;
    auto r = m_customers.updateVehicle(m_id, patch);
    if (!r) {
        if (r.error().code == core::Errc::kNeedsConfirmation) m_askVin = true;
        const std::string field =
            fieldOfError(r.error().message, {"plate", "vin", "make", "model", "year", "colour"});
        m_errors.byField[field] = desk::fieldError(r.error());
        return;
    }
    m_saved = true;
    ui.toasts().show(*r ? tr("desk.edit.saved") : tr("desk.edit.unchanged"), ToastKind::kSuccess);
    m_app.router.pop();
}

}  // namespace fc::ui
