// Index
//   [SECTION] the list
//   [SECTION] the edit dialog
//   [SECTION] saving
#include "kiosk/screens/office/catalogue_screen.hpp"

#include <charconv>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"

namespace fc::ui {

namespace {

std::string yuan(int64_t fen) { return core::Money::fen(fen).format(); }

// "298.00": a price as typed (no currency sign, no grouping).
std::string plainYuan(int64_t fen) {
    const int64_t cents = fen % 100;
    return std::to_string(fen / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

// "13%", "0%".
std::string vat(int bp) { return std::to_string(bp / 100) + "%"; }

std::string nameOf(const core::ServiceItem& item) {
    return desk::english() && !item.nameEn.empty() ? item.nameEn : item.nameZh;
}

}  // namespace

CatalogueScreen::CatalogueScreen(AppContext& app, core::CatalogueService& catalogue)
    : m_app(app), m_catalogue(catalogue) {}

std::string CatalogueScreen::title() const { return tr("catalogue.title"); }

void CatalogueScreen::reload() {
    m_loadedVersion = m_app.data.of(core::tables::kServices.name);
    auto rows = m_catalogue.list();
    if (!rows) {
        m_loadError = rows.error().message;
        m_rows.clear();
        return;
    }
    m_loadError.clear();
    m_rows = std::move(rows).value();
}

void CatalogueScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!desk::can(m_app, core::Capability::kManageSettings)) {
        desk::shownText(ui, tr("desk.not_allowed_action"));
        return;
    }
    if (!m_loadedVersion || *m_loadedVersion != m_app.data.of(core::tables::kServices.name)) reload();
    ScopedWidgetScope scope(ui.registry(), "catalogue");
    if (button(ui, tr("catalogue.add"), {.kind = ButtonKind::kPrimary, .id = "add"})) openNew();
    ImGui::SameLine();
    mutedText(ui, tr("catalogue.hint"));
    if (!m_loadError.empty()) desk::errorText(ui, desk::fieldError(core::Error(core::Errc::kDatabase, m_loadError)));
    drawList(ui);
    // A row picked in the list opens after the list is drawn (nothing changes while drawing it).
    if (m_pendingEdit && *m_pendingEdit < m_rows.size()) openEdit(m_rows[*m_pendingEdit]);
    m_pendingEdit.reset();
    drawDialog(ui);
}

// [SECTION] the list

void CatalogueScreen::drawList(Ui& ui) {
    const std::vector<TableColumn> cols = {{tr("catalogue.col.code"), 1.4f},  {tr("catalogue.col.name"), 2.0f},
                                           {tr("catalogue.col.minutes"), 0.8f}, {tr("catalogue.col.price"), 1.0f},
                                           {tr("catalogue.col.vat"), 0.6f},    {tr("catalogue.col.status"), 0.8f}};
    auto cell = [&](int row, int col, std::string& scratch) -> std::string_view {
        const core::ServiceItem& s = m_rows[static_cast<size_t>(row)];
        switch (col) {
            case 0: return s.code;
            case 1: scratch = nameOf(s); return scratch;
            case 2: scratch = tr("catalogue.minutes_n", {{"n", s.minutes}}); return scratch;
            case 3: scratch = yuan(s.priceFen); return scratch;
            case 4: scratch = vat(s.taxRateBp); return scratch;
            default: scratch = tr(s.active ? "catalogue.active" : "catalogue.inactive"); return scratch;
        }
    };
    TableOptions options;
    options.actionsWidth = textSize(ui.bodyFont(), tr("catalogue.edit")).x + ui.theme().pad * 3;
    options.actionsHeader = "";
    options.actions = [&](int row) {
        const std::string& code = m_rows[static_cast<size_t>(row)].code;
        const bool pressed = button(ui, tr("catalogue.edit"), {.id = code});
        ui.registry().recordLastItem(code, WidgetKind::kButton);  // tests tap a row's edit by its code
        if (pressed) m_pendingEdit = static_cast<size_t>(row);
    };
    if (auto row = m_table.draw(ui, "services", cols, static_cast<int>(m_rows.size()), cell, options))
        m_pendingEdit = static_cast<size_t>(*row);
}

// [SECTION] the edit dialog

void CatalogueScreen::openNew() {
    m_form = Form{};
    m_form.minutes = "30";
    m_errors.byField.clear();
    m_dialog.open();
}

void CatalogueScreen::openEdit(const core::ServiceItem& item) {
    m_form = Form{.id = item.id,
                  .code = item.code,
                  .nameZh = item.nameZh,
                  .nameEn = item.nameEn,
                  .minutes = std::to_string(item.minutes),
                  .price = plainYuan(item.priceFen),
                  .taxRateBp = item.taxRateBp,
                  .active = item.active};
    m_errors.byField.clear();
    m_dialog.open();
}

void CatalogueScreen::drawDialog(Ui& ui) {
    if (!m_dialog.begin(ui, "service-edit")) return;
    ScopedWidgetScope scope(ui.registry(), "service-edit");
    heading(ui, tr(m_form.id.empty() ? "catalogue.new_title" : "catalogue.edit_title"));
    if (m_form.id.empty()) {
        textField(ui, tr("catalogue.field.code"), m_form.code, {.hint = "oil_filter", .maxChars = 32});
    } else {
        mutedText(ui, tr("catalogue.code_fixed", {{"code", m_form.code}}));
    }
    m_errors.drawUnder(ui, "code");
    ui.ensureGlyphs(m_form.nameZh + m_form.nameEn);
    textField(ui, tr("catalogue.field.name_zh"), m_form.nameZh, {.maxChars = 40});
    m_errors.drawUnder(ui, "name_zh");
    textField(ui, tr("catalogue.field.name_en"), m_form.nameEn, {.maxChars = 80});
    m_errors.drawUnder(ui, "name_en");
    const float half = columnWidth(ui, 2);
    ImGui::BeginGroup();
    textField(ui, tr("catalogue.field.minutes"), m_form.minutes, {.maxChars = 4, .width = half});
    m_errors.drawUnder(ui, "minutes");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    textField(ui, tr("catalogue.field.price"), m_form.price, {.hint = "298.00", .maxChars = 12, .width = half});
    m_errors.drawUnder(ui, "price");
    ImGui::EndGroup();
    mutedText(ui, tr("catalogue.field.vat"));
    {
        ScopedWidgetScope rates(ui.registry(), "vat");
        bool first = true;
        for (int bp : core::kTaxRatesBp) {
            if (!first) ImGui::SameLine();
            first = false;
            if (desk::chip(ui, vat(bp), m_form.taxRateBp == bp)) m_form.taxRateBp = bp;
        }
    }
    m_errors.drawUnder(ui, "tax_rate");
    m_errors.drawUnder(ui, "");
    space(ui, 0.5f);
    const bool existing = !m_form.id.empty();
    const float w = columnWidth(ui, existing ? 3 : 2);
    if (button(ui, tr("catalogue.cancel"), {.width = w, .id = "cancel"})) m_dialog.close();
    ImGui::SameLine();
    if (existing) {
        if (m_form.active) {
            if (button(ui, tr("catalogue.deactivate"), {.kind = ButtonKind::kDanger, .width = w, .id = "deactivate"}))
                setActive(ui, false);
        } else if (button(ui, tr("catalogue.reactivate"), {.width = w, .id = "reactivate"})) {
            setActive(ui, true);
        }
        ImGui::SameLine();
    }
    if (button(ui, tr("catalogue.save"), {.kind = ButtonKind::kPrimary, .width = w, .id = "save"})) save(ui);
    m_dialog.end();
}

// [SECTION] saving

void CatalogueScreen::showError(const core::Error& e) {
    m_errors.byField.clear();
    const std::string field = core::CatalogueService::fieldOf(e);
    if (field.empty()) {
        m_errors.byField[""] =
            e.code == core::Errc::kPermission ? tr("catalogue.error.permission") : desk::fieldError(e);
    } else if (field == "code" && e.code == core::Errc::kConflict) {
        m_errors.byField[field] = tr("catalogue.error.code_taken");
    } else {
        m_errors.byField[field] = tr(std::string("catalogue.error.") + field);
    }
}

void CatalogueScreen::save(Ui& ui) {
    if (!m_app.staff) return;
    m_errors.byField.clear();
    int minutes = 0;
    const std::string minutesText = core::trim(m_form.minutes);
    const auto [end, ec] = std::from_chars(minutesText.data(), minutesText.data() + minutesText.size(), minutes);
    if (ec != std::errc() || end != minutesText.data() + minutesText.size() || minutesText.empty()) {
        m_errors.byField["minutes"] = tr("catalogue.error.minutes");
        return;
    }
    const std::string priceText = core::trim(m_form.price);
    const auto price = priceText.empty() ? std::optional(core::Money::fen(0)) : core::Money::parse(priceText);
    if (!price) {
        m_errors.byField["price"] = tr("catalogue.error.price");
        return;
    }
    core::Status done;
    if (m_form.id.empty()) {
        auto r = m_catalogue.create(*m_app.staff, {.code = m_form.code,
                                                   .nameZh = m_form.nameZh,
                                                   .nameEn = m_form.nameEn,
                                                   .minutes = minutes,
                                                   .priceFen = price->fen(),
                                                   .taxRateBp = m_form.taxRateBp});
        if (!r) done = r.error();
    } else {
        auto r = m_catalogue.update(*m_app.staff, m_form.id,
                                    {.nameZh = m_form.nameZh,
                                     .nameEn = m_form.nameEn,
                                     .minutes = minutes,
                                     .priceFen = price->fen(),
                                     .taxRateBp = m_form.taxRateBp});
        if (!r) done = r.error();
    }
    if (!done) {
        showError(done.error());
        return;
    }
    ui.toasts().show(tr("catalogue.saved"), ToastKind::kSuccess);
    m_dialog.close();
    reload();
}

void CatalogueScreen::setActive(Ui& ui, bool active) {
    if (!m_app.staff) return;
    auto r = active ? m_catalogue.reactivate(*m_app.staff, m_form.id) : m_catalogue.deactivate(*m_app.staff, m_form.id);
    if (!r) {
        showError(r.error());
        return;
    }
    ui.toasts().show(tr(active ? "catalogue.reactivated" : "catalogue.deactivated"), ToastKind::kSuccess);
    m_dialog.close();
    reload();
}

}  // namespace fc::ui
