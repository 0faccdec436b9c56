#include "kiosk/screens/common/kit_gallery_screen.hpp"

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/customers/normalize.hpp"

namespace fc::ui {

std::unique_ptr<Screen> makeKitGalleryScreen(AppContext& app, std::string_view section) {
    return std::make_unique<KitGalleryScreen>(app, section);
}

KitGalleryScreen::KitGalleryScreen(AppContext& app, std::string_view section) : m_app(app) {
    if (section == "keypad") m_section = Section::kKeypad;
    if (section == "plate") m_section = Section::kPlate;
    if (section == "signature") m_section = Section::kSignature;
    if (section == "table") m_section = Section::kTable;
    auto qr = QrCode::encode("https://forecourt.local/status/K1-0042");
    if (qr) m_qr = std::move(qr).value();
}

std::string KitGalleryScreen::title() const { return tr("gallery.title"); }

void KitGalleryScreen::draw(Ui& ui) {
    drawSections(ui);
    space(ui);
    switch (m_section) {
        case Section::kBasics: drawBasics(ui); break;
        case Section::kKeypad: drawKeypad(ui); break;
        case Section::kPlate: drawPlate(ui); break;
        case Section::kSignature: drawSignature(ui); break;
        case Section::kTable: drawTable(ui); break;
    }
    if (auto answer = m_confirm.draw(ui, "gallery")) {
        m_lastAnswer = *answer ? tr("gallery.answer_yes") : tr("gallery.answer_no");
        ui.toasts().show(m_lastAnswer, *answer ? ToastKind::kSuccess : ToastKind::kInfo);
    }
}

void KitGalleryScreen::drawSections(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "sections");
    const std::pair<Section, const char*> sections[] = {
        {Section::kBasics, tr("gallery.section.basics")},   {Section::kKeypad, tr("gallery.section.keypad")},
        {Section::kPlate, tr("gallery.section.plate")},     {Section::kSignature, tr("gallery.section.signature")},
        {Section::kTable, tr("gallery.section.table")}};
    const float w = columnWidth(ui, 5);
    bool first = true;
    for (const auto& [section, label] : sections) {
        if (!first) ImGui::SameLine();
        first = false;
        if (button(ui, label, {.kind = m_section == section ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w}))
            m_section = section;
    }
}

void KitGalleryScreen::drawBasics(Ui& ui) {
    const float w = columnWidth(ui, 4);
    if (button(ui, tr("gallery.primary"), {.kind = ButtonKind::kPrimary, .width = w}))
        ui.toasts().show(tr("gallery.pressed", {{"button", tr("gallery.primary")}}));
    ImGui::SameLine();
    if (button(ui, tr("gallery.secondary"), {.width = w}))
        ui.toasts().show(tr("gallery.pressed", {{"button", tr("gallery.secondary")}}));
    ImGui::SameLine();
    if (button(ui, tr("gallery.danger"), {.kind = ButtonKind::kDanger, .width = w}))
        m_confirm.open({.title = tr("gallery.confirm_title"), .message = tr("gallery.confirm_message"),
                        .yes = tr("common.delete"), .no = tr("common.cancel"), .danger = true});
    ImGui::SameLine();
    button(ui, tr("gallery.disabled"), {.width = w, .enabled = false});
    space(ui);
    textField(ui, tr("gallery.name"), m_name, {.hint = tr("gallery.name_hint"), .maxChars = 20});
    space(ui, 0.5f);
    checkbox(ui, tr("gallery.consent"), m_consent);
    space(ui, 0.5f);
    if (button(ui, tr("gallery.show_toast")))
        ui.toasts().show(tr("gallery.toast_text"), ToastKind::kSuccess);
    ImGui::SameLine();
    if (button(ui, tr("gallery.ask")))
        m_confirm.open({.title = tr("gallery.confirm_title"), .message = tr("gallery.confirm_message"),
                        .yes = tr("common.delete"), .no = tr("common.cancel"), .danger = true});
    if (!m_lastAnswer.empty()) mutedText(ui, m_lastAnswer);
}

void KitGalleryScreen::drawKeypad(Ui& ui) {
    const float half = columnWidth(ui, 2);
    ImGui::BeginChild("##pin", ImVec2(half, 0), false);
    text(ui, tr("gallery.pin"));
    if (m_pin.draw(ui, "pin") == KeypadEvent::kSubmitted) {
        ui.toasts().show(tr("gallery.pin_entered", {{"count", m_pin.value().size()}}), ToastKind::kSuccess);
        m_pin.clear();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##phone", ImVec2(half, 0), false);
    text(ui, tr("gallery.phone"));
    if (m_phone.draw(ui, "phone") == KeypadEvent::kSubmitted)
        ui.toasts().show(core::maskPhone(m_phone.value()), ToastKind::kSuccess);
    ImGui::EndChild();
}

void KitGalleryScreen::drawPlate(Ui& ui) {
    if (m_plate.draw(ui, "plate") == PlateEvent::kSubmitted) {
        if (auto p = m_plate.plate())
            ui.toasts().show(tr("gallery.plate_entered", {{"plate", core::displayPlate(p->text)}}),
                             ToastKind::kSuccess);
    }
}

void KitGalleryScreen::drawSignature(Ui& ui) {
    const float half = columnWidth(ui, 2);
    ImGui::BeginChild("##sign", ImVec2(half, 0), false);
    m_signature.draw(ui, tr("gallery.sign_here"), ImVec2(half, half * 0.45f));
    mutedText(ui, m_signature.isSigned() ? tr("gallery.signed") : tr("gallery.not_signed"));
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##qr", ImVec2(half, 0), false);
    text(ui, tr("gallery.ticket", {{"number", "K1-0042"}}));
    if (m_qr) drawQrCode(ui, *m_qr, std::min(half, ImGui::GetContentRegionAvail().y) * 0.8f, tr("gallery.ticket_qr"));
    ImGui::EndChild();
}

void KitGalleryScreen::drawTable(Ui& ui) {
    static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    static const char* const kGiven[] = {"芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"};
    const auto cell = [](int row, int col, std::string& s) -> std::string_view {
        switch (col) {
            case 0:
                s = kSurnames[row % 10];
                s += kGiven[(row / 10) % 10];
                s += kGiven[(row / 100) % 10];
                return s;
            case 1: {
                char buf[16];
                std::snprintf(buf, sizeof buf, "138****%04d", row % 10000);
                return s = buf;
            }
            default: {
                char buf[16];
                std::snprintf(buf, sizeof buf, "·%05d", row % 100000);
                return s = std::string("粤B") + buf;
            }
        }
    };
    mutedText(ui, tr("gallery.table_rows", {{"count", kTableRows}}));
    if (auto row = m_table.draw(ui, "customers",
                                {{tr("gallery.col_name"), 1.0f}, {tr("gallery.col_phone"), 1.2f}, {tr("gallery.col_plate"), 1.2f}},
                                kTableRows, cell))
        ui.toasts().show(tr("gallery.row_picked", {{"row", *row + 1}}));
}

}  // namespace fc::ui
