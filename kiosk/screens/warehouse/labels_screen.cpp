#include "kiosk/screens/warehouse/labels_screen.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/barcode.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

namespace {

bool english() {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en";
}

std::string partName(const core::Part& p) {
    return english() && !p.nameEn.empty() ? p.nameEn : p.nameZh;
}

// A file in the documents folder no earlier sheet took: "标签-a4-3x8-1.pdf", "…-2.pdf".
core::Result<std::string> nextLabelFile(const std::string& dir, platform::LabelSheet sheet) {
    if (dir.empty()) return core::invalid("this device has no documents folder");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return core::Error(core::Errc::kIo, "cannot make the folder '" + dir + "': " + ec.message());
    const std::string base = dir + "/" + (english() ? "labels-" : "标签-") + platform::labelSheetKey(sheet) + "-";
    for (int n = 1; n < 100'000; ++n) {
        std::string path = base + std::to_string(n) + ".pdf";
        if (!std::filesystem::exists(path, ec)) return path;
    }
    return core::Error(core::Errc::kIo, "no free file name in '" + dir + "'");
}

// Before a button `w` wide after the first of a row: on the same line when it fits there.
void flowNext(Ui& ui, float w) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ui.theme().gap + w <= right) ImGui::SameLine(0, ui.theme().gap);
}

float buttonWidth(Ui& ui, const std::string& label) {
    return std::max(textSize(ui.bodyFont(), label).x + ui.theme().pad * 2, ui.theme().touch);
}

}  // namespace

LabelsScreen::LabelsScreen(AppContext& app, core::PartService& parts)
    : m_app(app), m_parts(parts), m_docs(parts), m_watch(app.data, {&core::tables::kBins}) {}

std::string LabelsScreen::title() const { return tr("warehouse.labels.title"); }

// [SECTION] adding to the list

void LabelsScreen::addItem(Item item) {
    m_error.clear();
    m_choices.clear();
    for (Item& i : m_items)
        if (i.kind == item.kind && i.id == item.id) {  // again: one more copy
            i.copies = std::min(i.copies + 1, core::LabelDocuments::kMaxCopies);
            return;
        }
    m_items.push_back(std::move(item));
}

void LabelsScreen::addPart(Ui& ui, const std::string& partId) {
    auto p = m_parts.get(partId);
    if (!p) {
        m_error = tr("warehouse.labels.failed", {{"detail", p.error().message}});
        return;
    }
    Item item{.kind = core::LabelKind::kPart, .id = p->id, .key = p->sku};
    item.shown = tr("warehouse.labels.part_line", {{"sku", p->sku}, {"name", partName(*p)}});
    ui.ensureGlyphs(item.shown);
    addItem(std::move(item));
}

void LabelsScreen::addBin(Ui& ui, const core::Bin& bin) {
    Item item{.kind = core::LabelKind::kBin, .id = bin.id, .key = bin.code};
    item.shown = tr("warehouse.labels.bin_line", {{"code", bin.code}, {"name", bin.name}});
    ui.ensureGlyphs(item.shown);
    addItem(std::move(item));
}

void LabelsScreen::addZone(Ui& ui, const std::string& zone) {
    auto bins = m_parts.bins();
    if (!bins) {
        m_error = tr("warehouse.labels.failed", {{"detail", bins.error().message}});
        return;
    }
    for (const core::Bin& b : *bins)
        if (b.active && b.zone == zone) addBin(ui, b);
}

void LabelsScreen::add(Ui& ui, const std::string& typed) {
    const std::string code = core::normalizeUntypedCode(typed);
    if (code.empty()) return;
    auto matches = m_parts.findByCode(code);
    if (!matches) {
        m_error = tr("warehouse.labels.failed", {{"detail", matches.error().message}});
        return;
    }
    if (matches->size() == 1) {
        addPart(ui, matches->front().partId);
    } else if (matches->size() > 1) {
        m_error.clear();
        m_choices = *matches;
    } else if (auto bin = m_docs.findBin(code)) {
        addBin(ui, *bin);
    } else {
        m_choices.clear();
        m_error = tr("warehouse.labels.unknown", {{"code", code}});
        ui.ensureGlyphs(m_error);
        return;
    }
    m_query.clear();
}

bool LabelsScreen::onScan(Ui& ui, const std::string& text) {
    add(ui, text);
    return true;
}

// [SECTION] the PDF

void LabelsScreen::generate(Ui& ui) {
    m_saved.clear();
    m_lastPdf.clear();
    if (m_items.empty()) {
        m_error = tr("warehouse.labels.empty");
        return;
    }
    core::LabelSheetDoc doc;
    for (const Item& i : m_items) {
        auto l = i.kind == core::LabelKind::kPart ? m_docs.partLabel(i.id, m_symbology, i.copies)
                                                  : m_docs.binLabel(i.id, m_symbology, i.copies);
        if (!l) {
            m_error = tr("warehouse.labels.failed", {{"detail", l.error().message}});
            return;
        }
        doc.labels.push_back(std::move(*l));
    }
    auto path = nextLabelFile(m_app.documentsDir, m_sheet);
    core::Status written = path ? platform::renderLabelSheet(doc, m_sheet, *path,
                                                             english() ? platform::PrintLang::kEn : platform::PrintLang::kZhCn)
                                : core::Status(path.error());
    if (!written) {
        m_error = tr("warehouse.labels.failed", {{"detail", written.error().message}});
        ui.ensureGlyphs(m_error);
        return;
    }
    m_error.clear();
    m_lastPdf = *path;
    m_saved = tr("warehouse.labels.saved", {{"count", doc.count()}, {"path", *path}});
    m_lastDoc = std::move(doc);
    ui.ensureGlyphs(m_saved);
    ui.toasts().show(m_saved, ToastKind::kSuccess, 6000);
}

// [SECTION] drawing

void LabelsScreen::draw(Ui& ui) {
    if (m_watch.changed()) {
        m_zones.clear();
        for (const core::Bin& b : m_parts.bins().valueOr({}))
            if (b.active && !b.zone.empty() && std::find(m_zones.begin(), m_zones.end(), b.zone) == m_zones.end())
                m_zones.push_back(b.zone);
        std::sort(m_zones.begin(), m_zones.end());
    }
    ScopedWidgetScope scope(ui.registry(), "labels");
    // Landscape (the tablet): what to add and how to print on the left, the list on the right;
    // a narrow window stacks them.
    const float width = ImGui::GetContentRegionAvail().x;
    const bool sideBySide = width >= 900;
    const ImVec2 controls(sideBySide ? width * 0.45f : 0, sideBySide ? 0 : -ImGui::GetContentRegionAvail().y * 0.45f);
    ImGui::BeginChild("##labels-controls", controls, false);
    drawAdd(ui);
    drawChoices(ui);
    drawOptions(ui);
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    if (!m_saved.empty()) colouredText(ui, ui.colors().success, m_saved);
    dragToScroll(ui);
    ImGui::EndChild();
    if (sideBySide) ImGui::SameLine(0, ui.theme().gap * 2);
    drawList(ui);
}

void LabelsScreen::drawAdd(Ui& ui) {
    mutedText(ui, tr("warehouse.labels.prompt"));
    const std::string addLabel = tr("warehouse.labels.add");
    const float addW = textSize(ui.bodyFont(), addLabel).x + ui.theme().pad * 3;
    textField(ui, tr("warehouse.labels.field"), m_query,
              {.hint = "FLT-OIL-0042", .maxChars = 64, .width = ImGui::GetContentRegionAvail().x - addW - ui.theme().gap});
    ImGui::SameLine();
    if (button(ui, addLabel, {.kind = ButtonKind::kPrimary, .enabled = !m_query.empty(), .id = "add"})) add(ui, m_query);
    if (m_zones.empty()) return;
    ScopedWidgetScope zones(ui.registry(), "zones");
    text(ui, tr("warehouse.labels.zones"));
    std::optional<std::string> picked;
    for (size_t i = 0; i < m_zones.size(); ++i) {
        const std::string label = tr("warehouse.labels.zone", {{"zone", m_zones[i]}});
        if (i > 0) flowNext(ui, buttonWidth(ui, label));
        ImGui::PushID(m_zones[i].c_str());
        ui.ensureGlyphs(label);
        if (button(ui, label, {.id = "zone"})) picked = m_zones[i];
        ImGui::PopID();
    }
    if (picked) addZone(ui, *picked);
}

void LabelsScreen::drawChoices(Ui& ui) {
    if (m_choices.empty()) return;
    ScopedWidgetScope scope(ui.registry(), "choices");
    text(ui, tr("warehouse.labels.choose", {{"count", static_cast<int64_t>(m_choices.size())}}));
    std::optional<std::string> picked;
    for (const core::PartMatch& m : m_choices) {
        ui.ensureGlyphs(m.nameZh);
        if (button(ui, m.sku + "  " + m.nameZh, {.width = -1, .id = m.partId})) picked = m.partId;
    }
    if (picked) addPart(ui, *picked);
}

void LabelsScreen::drawOptions(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "options");
    const std::pair<platform::LabelSheet, std::string> sheets[] = {
        {platform::LabelSheet::kRoll50x30, tr("warehouse.labels.roll")},
        {platform::LabelSheet::kA4_3x8, tr("warehouse.labels.a4")}};
    const std::pair<core::LabelSymbology, std::string> codes[] = {
        {core::LabelSymbology::kCode128, tr("warehouse.labels.code128")},
        {core::LabelSymbology::kQr, tr("warehouse.labels.qr")}};
    text(ui, tr("warehouse.labels.sheet"));
    for (const auto& [sheet, label] : sheets) {
        if (sheet != sheets[0].first) flowNext(ui, buttonWidth(ui, label));
        if (button(ui, label, {.kind = sheet == m_sheet ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = label}))
            m_sheet = sheet;
    }
    for (const auto& [code, label] : codes) {
        if (code != codes[0].first) flowNext(ui, buttonWidth(ui, label));
        if (button(ui, label, {.kind = code == m_symbology ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = label}))
            m_symbology = code;
    }
    space(ui, 0.5f);
    int64_t count = 0;
    for (const Item& i : m_items) count += i.copies;
    const std::string generateLabel = tr("warehouse.labels.generate");
    ui.ensureGlyphs(generateLabel, true);
    mutedText(ui, tr("warehouse.labels.count", {{"count", count}}));
    if (button(ui, generateLabel, {.kind = ButtonKind::kPrimary, .large = true, .id = "generate"})) generate(ui);
    const std::string clearLabel = tr("warehouse.labels.clear");
    flowNext(ui, buttonWidth(ui, clearLabel));
    if (button(ui, clearLabel, {.enabled = !m_items.empty(), .id = "clear"})) {
        m_items.clear();
        m_choices.clear();
        m_error.clear();
    }
}

void LabelsScreen::drawList(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "list");
    ImGui::BeginChild("##labels-list", ImVec2(0, 0), false);
    if (m_items.empty()) mutedText(ui, tr("warehouse.labels.none"));
    const float touch = ui.theme().touch;
    std::optional<size_t> remove;
    for (size_t i = 0; i < m_items.size(); ++i) {
        Item& item = m_items[i];
        const std::string rowScope = (item.kind == core::LabelKind::kPart ? "part " : "bin ") + item.key;
        ScopedWidgetScope row(ui.registry(), rowScope);
        ImGui::PushID(rowScope.c_str());
        text(ui, item.shown);
        const float y = ImGui::GetCursorPosY();
        if (button(ui, tr("warehouse.labels.minus"),
                   {.width = touch, .height = touch, .enabled = item.copies > 1, .large = true, .id = "minus"}))
            --item.copies;
        ImGui::SameLine();
        const std::string copies = tr("warehouse.labels.copies", {{"count", static_cast<int64_t>(item.copies)}});
        const ImVec2 size = textSize(ui.bodyFont(), copies);
        ImGui::SetCursorPosY(y + (touch - size.y) * 0.5f);
        text(ui, copies);
        ImGui::SameLine();
        ImGui::SetCursorPosY(y);
        if (button(ui, tr("warehouse.labels.plus"),
                   {.width = touch,
                    .height = touch,
                    .enabled = item.copies < core::LabelDocuments::kMaxCopies,
                    .large = true,
                    .id = "plus"}))
            ++item.copies;
        ImGui::SameLine(0, ui.theme().gap * 3);
        ImGui::SetCursorPosY(y);
        if (button(ui, tr("warehouse.labels.remove"), {.kind = ButtonKind::kQuiet, .id = "remove"})) remove = i;
        ImGui::PopID();
        ImGui::Separator();
    }
    if (remove) m_items.erase(m_items.begin() + static_cast<std::ptrdiff_t>(*remove));
    dragToScroll(ui);
    ImGui::EndChild();
}

}  // namespace fc::ui
