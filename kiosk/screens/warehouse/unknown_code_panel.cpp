#include "kiosk/screens/warehouse/unknown_code_panel.hpp"

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/barcode.hpp"

namespace fc::ui {

std::string UnknownCodePanel::kindOf(const std::string& code) {
    return code.size() == 13 && core::allDigits(code) && core::gtinValid(code) ? "gtin" : "supplier";
}

void UnknownCodePanel::reset(const std::string& code) {
    m_code = code;
    m_step = Step::kChoose;
    m_error.clear();
    m_find.clear();
    m_searched.clear();
    m_found.clear();
    m_name.clear();
    m_sku.clear();
    m_category = "other";
    m_unit = "piece";
}

std::optional<std::string> UnknownCodePanel::draw(Ui& ui, const std::optional<core::Session>& staff) {
    if (m_code.empty()) return std::nullopt;
    ScopedWidgetScope scope(ui.registry(), "unknown");
    // "Not found: …" and the two ways on, in one row.
    ImGui::AlignTextToFramePadding();
    colouredText(ui, ui.colors().warning, tr("warehouse.lookup.unknown", {{"code", m_code}}));
    ImGui::SameLine(0, ui.theme().gap * 2);
    if (button(ui, tr("warehouse.unknown.link"),
               {.kind = m_step == Step::kLink ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = "link"})) {
        m_step = Step::kLink;
        m_error.clear();
        search();
    }
    ImGui::SameLine();
    if (button(ui, tr("warehouse.unknown.create"),
               {.kind = m_step == Step::kCreate ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = "create"})) {
        m_step = Step::kCreate;
        m_error.clear();
        if (m_sku.empty()) m_sku = m_code;
    }
    space(ui, 0.5f);
    if (m_step == Step::kLink) return drawLink(ui, staff);
    if (m_step == Step::kCreate) return drawCreate(ui, staff);
    return std::nullopt;
}

void UnknownCodePanel::search() {
    m_searched = m_find;
    m_found = m_s.parts.search(m_find, 30).valueOr({});
}

std::optional<std::string> UnknownCodePanel::drawLink(Ui& ui, const std::optional<core::Session>& staff) {
    ScopedWidgetScope scope(ui.registry(), "link");
    textField(ui, tr("warehouse.unknown.search"), m_find, {.hint = "FLT-OIL / 滤清器", .maxChars = 40});
    if (m_find != m_searched) search();
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    if (m_found.empty()) mutedText(ui, tr("warehouse.unknown.no_match"));
    std::optional<std::string> picked;
    for (const core::Part& p : m_found) {
        ui.ensureGlyphs(p.nameZh);
        if (button(ui, p.sku + "  " + warehouse::partName(p), {.width = -1, .id = p.id})) picked = p.id;
    }
    if (!picked || !staff) return std::nullopt;
    auto r = m_s.parts.addCode(*staff, *picked, {.code = m_code, .kind = kindOf(m_code)});
    if (!r) {
        m_error = formError(r.error());
        ui.ensureGlyphs(m_error);
        return std::nullopt;
    }
    const std::string partId = *picked;
    std::string name;
    for (const core::Part& p : m_found)
        if (p.id == partId) name = warehouse::partName(p);
    const std::string done = tr("warehouse.unknown.linked", {{"code", m_code}, {"name", name}});
    ui.ensureGlyphs(done);
    ui.toasts().show(done, ToastKind::kSuccess);
    reset("");
    return partId;
}

std::optional<std::string> UnknownCodePanel::drawCreate(Ui& ui, const std::optional<core::Session>& staff) {
    ScopedWidgetScope scope(ui.registry(), "new");
    const Theme& t = ui.theme();
    // Name | SKU, then the category (8 a row) and the unit on one row: the whole form fits a
    // landscape tablet above the on-screen keyboard's first rows.
    const float half = (ImGui::GetContentRegionAvail().x - t.gap) * 0.5f;
    ImGui::BeginGroup();
    textField(ui, tr("warehouse.unknown.name"), m_name, {.hint = "机油滤清器", .maxChars = 80, .width = half});
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    textField(ui, tr("warehouse.unknown.sku"), m_sku, {.hint = "FLT-OIL-0042", .maxChars = 40, .width = half});
    ImGui::EndGroup();
    mutedText(ui, tr("warehouse.unknown.cost_note"));
    {
        ScopedWidgetScope cats(ui.registry(), "categories");
        ImGui::PushID("categories");
        const float w = (ImGui::GetContentRegionAvail().x - 7 * t.gap) / 8;
        const std::vector<std::string>& keys = core::partCategories();
        for (size_t i = 0; i < keys.size(); ++i) {
            if (i % 8) ImGui::SameLine();
            if (button(ui, tr(std::string("warehouse.unknown.category.") + keys[i]),
                       {.kind = keys[i] == m_category ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w,
                        .id = keys[i]}))
                m_category = keys[i];
        }
        ImGui::PopID();
    }
    // The unit, and 保存配件 at the end of the same row.
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    {
        ScopedWidgetScope units(ui.registry(), "units");
        ImGui::PushID("units");
        ImGui::AlignTextToFramePadding();
        text(ui, tr("warehouse.unknown.unit"));
        const float w = (ImGui::GetContentRegionAvail().x - 7 * t.gap) / 8;
        for (const std::string& key : core::partUnits()) {
            ImGui::SameLine();
            if (button(ui, warehouse::unitLabel(key),
                       {.kind = key == m_unit ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w, .id = key}))
                m_unit = key;
        }
        ImGui::PopID();
    }
    ImGui::SameLine(0, t.gap * 2);
    const bool save = button(ui, tr("warehouse.unknown.save"),
                             {.kind = ButtonKind::kPrimary, .width = -1, .enabled = !m_name.empty() && !m_sku.empty(),
                              .large = true, .id = "save"});
    if (!save || !staff) return std::nullopt;
    // The warehouse's role may not write cost or price: they stay 0 for the office to fill in.
    core::PartInput in;
    in.sku = m_sku;
    in.nameZh = m_name;
    in.category = m_category;
    in.unit = m_unit;
    auto id = m_s.parts.create(*staff, in, {{.code = m_code, .kind = kindOf(m_code)}});
    if (!id) {
        m_error = formError(id.error());
        ui.ensureGlyphs(m_error);
        return std::nullopt;
    }
    const std::string done = tr("warehouse.unknown.created", {{"name", m_name}});
    ui.ensureGlyphs(done);
    ui.toasts().show(done, ToastKind::kSuccess);
    const std::string partId = *id;
    reset("");
    return partId;
}

std::string UnknownCodePanel::formError(const core::Error& e) const {
    const std::string field = core::PartService::fieldOf(e);
    if (field == "sku") return tr(e.code == core::Errc::kConflict ? "warehouse.unknown.sku_taken" : "warehouse.unknown.sku_invalid");
    if (field == "name_zh") return tr("warehouse.unknown.name_invalid");
    if (field == "code") return tr(e.code == core::Errc::kConflict ? "warehouse.unknown.code_taken" : "warehouse.unknown.code_invalid");
    return warehouse::errorText(e);
}

}  // namespace fc::ui
