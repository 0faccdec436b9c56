// [SECTION] index
//   opening and scans — open, loadBins, pickBin, takeOrder, onScan
//   drawing           — draw, drawTarget, drawBinRow
//   saving            — problem, save, doneText
#include "kiosk/screens/warehouse/stock_move_dialogs.hpp"

#include <algorithm>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/barcode.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::ui {

namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// "2" from "qty: only 2 on hand in A-01-03" / "qty: only 2 of this part went to this work order".
std::string onlyQty(const std::string& message) {
    const std::string rest = message.substr(std::min(message.size(), std::string_view("qty: only ").size()));
    return rest.substr(0, rest.find(' '));
}

std::string reasonLabel(const std::string& key) { return tr(std::string("warehouse.issue.reason.") + key); }

}  // namespace

// [SECTION] opening and scans

void StockMoveDialog::open(MoveKind kind, const core::Part& part, const std::optional<warehouse::OrderRef>& order) {
    m_kind = kind;
    m_part = part;
    m_qty.clear();
    m_orderTyped.clear();
    m_order.reset();
    m_issuedMilli = 0;
    m_reason.clear();
    m_target = Target::kNone;
    m_error.clear();
    m_short = false;
    loadBins();
    if (order && kind != MoveKind::kTransfer) {
        m_order = order;
        m_target = Target::kOrder;
        if (kind == MoveKind::kReturn)
            for (const auto& [p, q] : m_s.stock.issuedTo(order->id).valueOr({}))
                if (p == m_part.id) m_issuedMilli = q;
    }
    m_open = m_opening = true;
}

void StockMoveDialog::loadBins() {
    m_from.clear();
    m_to.clear();
    for (const core::BinStock& b : m_s.stock.stockByBin(m_part.id).valueOr({})) m_from.push_back({b.binId, b.binCode, b.qtyMilli});
    m_to = m_from;
    for (const core::Bin& b : m_s.parts.bins().valueOr({})) {
        if (!b.active) continue;
        if (std::none_of(m_to.begin(), m_to.end(), [&](const BinChoice& c) { return c.id == b.id; }))
            m_to.push_back({b.id, b.code, 0});
    }
    // Where it is taken from: the first bin with a whole unit in it; into: the part's first bin.
    m_fromPick = m_from.empty() ? kNone : 0;
    for (size_t i = 0; i < m_from.size(); ++i)
        if (m_from[i].qtyMilli >= 1000) {
            m_fromPick = i;
            break;
        }
    m_toPick = m_kind == MoveKind::kReturn && !m_to.empty() ? 0 : kNone;
}

void StockMoveDialog::pickBin(bool to, size_t index) {
    (to ? m_toPick : m_fromPick) = index;
    m_short = false;
    m_error.clear();
}

void StockMoveDialog::takeOrder(Ui& ui, const std::string& typed) {
    m_short = false;
    auto found = warehouse::findOrder(m_s, typed);
    if (!found) {
        m_error = warehouse::errorText(found.error());
        return;
    }
    if (!*found) {
        ui.ensureGlyphs(typed);
        m_error = tr("warehouse.issue.order_unknown", {{"number", typed}});
        return;
    }
    m_error.clear();
    m_order = std::move(**found);
    m_target = Target::kOrder;
    m_orderTyped.clear();
    ui.ensureGlyphs(m_order->summary);
    m_issuedMilli = 0;
    if (m_kind == MoveKind::kReturn)
        for (const auto& [p, q] : m_s.stock.issuedTo(m_order->id).valueOr({}))
            if (p == m_part.id) m_issuedMilli = q;
}

bool StockMoveDialog::onScan(Ui& ui, const std::string& text) {
    if (!m_open) return false;
    if (m_kind != MoveKind::kTransfer) {
        auto order = m_s.orders.findByNumber(text);
        if (order && *order) {
            takeOrder(ui, text);
            return true;
        }
    }
    const std::string code = core::normalizeUntypedCode(text);
    if (auto bin = m_s.parts.binByCode(code); bin && *bin) {
        const bool to = m_kind != MoveKind::kIssue;
        std::vector<BinChoice>& list = to ? m_to : m_from;
        auto it = std::find_if(list.begin(), list.end(), [&](const BinChoice& c) { return c.id == (*bin)->id; });
        if (it == list.end()) {
            list.push_back({(*bin)->id, (*bin)->code, m_s.stock.onHandIn(m_part.id, (*bin)->id).valueOr(0)});
            it = list.end() - 1;
        }
        pickBin(to, static_cast<size_t>(it - list.begin()));
        return true;
    }
    ui.ensureGlyphs(text);
    m_short = false;
    m_error = tr("warehouse.issue.scan_unknown", {{"code", text}});
    return true;
}

// [SECTION] drawing

std::optional<MoveDone> StockMoveDialog::draw(Ui& ui, const std::optional<core::Session>& staff) {
    if (!m_open) return std::nullopt;
    // Wider than most dialogs: the keypad on the left, where it goes on the right.
    if (!beginModal(ui, "##stock-move", m_opening, {.share = 0.84f, .minTouches = 15, .maxShare = 0.96f})) {
        m_open = false;
        return std::nullopt;
    }
    ScopedWidgetScope scope(ui.registry(), "move");
    const Theme& t = ui.theme();
    const std::string unit = warehouse::unitLabel(m_part.unit);
    const char* titleKey = m_kind == MoveKind::kIssue    ? "warehouse.issue.title"
                           : m_kind == MoveKind::kReturn ? "warehouse.return.title"
                                                         : "warehouse.transfer.title";
    const std::string title = tr(titleKey, {{"name", warehouse::partName(m_part)}});
    ui.ensureGlyphs(title, true);
    heading(ui, title);
    std::optional<MoveDone> done;

    // Left: how many.
    ImGui::BeginGroup();
    text(ui, tr("warehouse.issue.qty", {{"unit", unit}}));
    const std::string before = m_qty.value();
    const KeypadEvent typed = m_qty.draw(ui, "move-qty", ImGui::GetMainViewport()->WorkSize.y * 0.46f);
    if (m_qty.value() != before) {
        m_short = false;
        m_error.clear();
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, t.gap * 2);

    // Right: where to and from, and what is wrong.
    ImGui::BeginGroup();
    if (m_kind != MoveKind::kTransfer) drawTarget(ui);
    if (m_kind != MoveKind::kReturn) drawBinRow(ui, "from", false);
    if (m_kind != MoveKind::kIssue) drawBinRow(ui, "to", true);
    const std::string wrong = problem();
    if (!wrong.empty()) colouredText(ui, ui.colors().danger, wrong);
    else if (const std::string todo = missing(); !todo.empty() && !m_qty.value().empty() && !(m_kind != MoveKind::kReturn && m_from.empty()))
        mutedText(ui, todo);
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    if (m_short) {
        const char* anyway = m_kind == MoveKind::kTransfer ? "warehouse.transfer.move_anyway" : "warehouse.issue.take_anyway";
        if (button(ui, tr(anyway), {.kind = ButtonKind::kDanger, .id = "anyway"})) done = save(ui, staff, true);
    }
    ImGui::EndGroup();

    // Cancel | OK.
    space(ui, 0.5f);
    const float half = (ImGui::GetContentRegionAvail().x - t.gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.issue.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    const char* okKey = m_kind == MoveKind::kIssue    ? "warehouse.issue.ok"
                        : m_kind == MoveKind::kReturn ? "warehouse.return.ok"
                                                      : "warehouse.transfer.ok";
    if (button(ui, tr(okKey), {.kind = ButtonKind::kPrimary, .width = half, .enabled = ready(), .large = true, .id = "ok"}) ||
        (typed == KeypadEvent::kSubmitted && ready()))
        done = save(ui, staff, false);
    if (close || !m_open) {
        ImGui::CloseCurrentPopup();
        m_open = false;
    }
    ImGui::EndPopup();
    return done;
}

void StockMoveDialog::drawTarget(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "target");
    const Theme& t = ui.theme();
    const float half = (ImGui::GetContentRegionAvail().x - t.gap) * 0.5f;
    const bool issue = m_kind == MoveKind::kIssue;
    if (button(ui, tr(issue ? "warehouse.issue.to_order" : "warehouse.return.from_order"),
               {.kind = m_target == Target::kOrder ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = half,
                .id = "order"})) {
        m_target = Target::kOrder;
        m_short = false;
        m_error.clear();
    }
    ImGui::SameLine();
    if (button(ui, tr(issue ? "warehouse.issue.to_reason" : "warehouse.return.for_reason"),
               {.kind = m_target == Target::kReason ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = half,
                .id = "reason"})) {
        m_target = Target::kReason;
        m_short = false;
        m_error.clear();
    }
    if (m_target == Target::kOrder) {
        const std::string find = tr("warehouse.issue.order_find");
        const float findW = textSize(ui.bodyFont(), find).x + t.pad * 3;
        textField(ui, tr("warehouse.issue.order_field"), m_orderTyped,
                  {.hint = "W1-0007", .maxChars = 20, .width = ImGui::GetContentRegionAvail().x - findW - t.gap});
        ImGui::SameLine();
        if (button(ui, find, {.enabled = !m_orderTyped.empty(), .id = "find-order"})) takeOrder(ui, m_orderTyped);
        if (m_order) {
            colouredText(ui, m_order->closed && issue ? ui.colors().danger : ui.colors().success, m_order->summary);
            if (!issue)
                mutedText(ui, tr("warehouse.return.issued", {{"qty", core::quantityText(m_issuedMilli)},
                                                             {"unit", warehouse::unitLabel(m_part.unit)}}));
        } else {
            mutedText(ui, tr("warehouse.issue.order_hint"));
        }
    } else if (m_target == Target::kReason) {
        ScopedWidgetScope reasons(ui.registry(), "reasons");
        const float w = (ImGui::GetContentRegionAvail().x - 2 * t.gap) / 3;
        const std::vector<std::string>& keys = core::issueReasons();
        for (size_t i = 0; i < keys.size(); ++i) {
            if (i % 3) ImGui::SameLine();
            if (button(ui, reasonLabel(keys[i]),
                       {.kind = keys[i] == m_reason ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w,
                        .id = keys[i]})) {
                m_reason = keys[i];
                m_short = false;
                m_error.clear();
            }
        }
    }
    space(ui, 0.5f);
}

void StockMoveDialog::drawBinRow(Ui& ui, const char* id, bool to) {
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id);
    const Theme& t = ui.theme();
    const char* label = m_kind == MoveKind::kIssue    ? "warehouse.issue.from_bin"
                        : m_kind == MoveKind::kReturn ? "warehouse.return.to_bin"
                        : to                          ? "warehouse.transfer.to_bin"
                                                      : "warehouse.transfer.from_bin";
    text(ui, tr(label));
    const std::vector<BinChoice>& list = to ? m_to : m_from;
    const size_t pick = to ? m_toPick : m_fromPick;
    if (list.empty()) mutedText(ui, tr("warehouse.issue.no_bins"));
    constexpr size_t kShown = 12;  // more: scan the bin's label
    const float w = (ImGui::GetContentRegionAvail().x - 3 * t.gap) / 4;
    std::optional<size_t> picked;
    int n = 0;
    for (size_t i = 0; i < list.size(); ++i) {
        if (i >= kShown && i != pick) continue;
        if (n++ % 4) ImGui::SameLine();
        const std::string shown =
            tr("warehouse.issue.bin_choice", {{"bin", list[i].code}, {"qty", core::quantityText(list[i].qtyMilli)}});
        if (button(ui, shown, {.kind = i == pick ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w, .id = list[i].id}))
            picked = i;
    }
    if (list.size() > kShown) mutedText(ui, tr("warehouse.issue.bin_hint"));
    ImGui::PopID();
    if (picked) pickBin(to, *picked);
}

// [SECTION] saving

std::string StockMoveDialog::problem() const {
    if (!m_qty.value().empty() && warehouse::keypadMilli(m_qty.value()) <= 0) return tr("warehouse.error.qty");
    if (m_kind == MoveKind::kTransfer && m_fromPick != kNone && m_toPick != kNone && m_from[m_fromPick].id == m_to[m_toPick].id)
        return tr("warehouse.transfer.same_bin");
    if (m_kind == MoveKind::kIssue && m_target == Target::kOrder && m_order && m_order->closed)
        return tr("warehouse.issue.order_closed", {{"number", m_order->number}});
    return "";
}

std::string StockMoveDialog::missing() const {
    if (m_kind != MoveKind::kTransfer) {
        if (m_target == Target::kNone || (m_target == Target::kOrder && !m_order) ||
            (m_target == Target::kReason && m_reason.empty()))
            return tr("warehouse.issue.pick_target");
    }
    if (m_kind != MoveKind::kReturn && m_fromPick == kNone) return tr("warehouse.issue.no_bins");
    if (m_kind != MoveKind::kIssue && m_toPick == kNone) return tr("warehouse.transfer.pick_to");
    return "";
}

bool StockMoveDialog::ready() const {
    return warehouse::keypadMilli(m_qty.value()) > 0 && problem().empty() && missing().empty();
}

std::optional<MoveDone> StockMoveDialog::save(Ui& ui, const std::optional<core::Session>& staff, bool anyway) {
    if (!staff || !ready()) return std::nullopt;
    const int64_t milli = warehouse::keypadMilli(m_qty.value());
    core::IssueDetail detail;
    if (m_target == Target::kOrder && m_order) detail.workOrderId = m_order->id;
    else detail.reason = m_reason;
    detail.allowBelowZero = anyway;
    core::Result<core::StockMove> r = [&]() -> core::Result<core::StockMove> {
        switch (m_kind) {
            case MoveKind::kIssue: return m_s.stock.issue(*staff, m_part.id, m_from[m_fromPick].id, milli, detail);
            case MoveKind::kReturn: return m_s.stock.giveBack(*staff, m_part.id, m_to[m_toPick].id, milli, detail);
            case MoveKind::kTransfer:
                return m_s.stock.transfer(*staff, m_part.id, m_from[m_fromPick].id, m_to[m_toPick].id, milli, anyway);
        }
        return core::invalid("kind: not a move");
    }();
    if (!r) {
        const core::Error& e = r.error();
        const std::string unit = warehouse::unitLabel(m_part.unit);
        m_short = false;
        if (e.code == core::Errc::kConflict && startsWith(e.message, "qty: only") && m_kind != MoveKind::kReturn) {
            // The books hold less than asked: say how many, and let the person take it anyway.
            m_short = true;
            m_error = tr("warehouse.issue.short", {{"bin", m_from[m_fromPick].code}, {"qty", onlyQty(e.message)}, {"unit", unit}});
        } else if (startsWith(e.message, "qty: only")) {
            m_error = tr("warehouse.return.too_many", {{"qty", onlyQty(e.message)}, {"unit", unit}});
        } else if (startsWith(e.message, "work_order:") && m_order) {
            m_error = tr("warehouse.issue.order_closed", {{"number", m_order->number}});
        } else {
            m_error = warehouse::errorText(e);
        }
        ui.ensureGlyphs(m_error);
        return std::nullopt;
    }
    MoveDone done{*r, doneText(milli)};
    ui.ensureGlyphs(done.text, true);
    m_open = false;
    return done;
}

std::string StockMoveDialog::doneText(int64_t milli) const {
    const std::string name = warehouse::partName(m_part);
    const std::string qty = core::quantityText(milli);
    const std::string unit = warehouse::unitLabel(m_part.unit);
    switch (m_kind) {
        case MoveKind::kIssue:
            if (m_order)
                return tr("warehouse.issue.done_order", {{"name", name}, {"qty", qty}, {"unit", unit},
                                                         {"bin", m_from[m_fromPick].code}, {"order", m_order->number}});
            return tr("warehouse.issue.done_reason", {{"name", name}, {"qty", qty}, {"unit", unit},
                                                      {"bin", m_from[m_fromPick].code}, {"reason", reasonLabel(m_reason)}});
        case MoveKind::kReturn:
            return tr("warehouse.return.done", {{"name", name}, {"qty", qty}, {"unit", unit}, {"bin", m_to[m_toPick].code}});
        case MoveKind::kTransfer:
            return tr("warehouse.transfer.done", {{"name", name}, {"qty", qty}, {"unit", unit},
                                                  {"from", m_from[m_fromPick].code}, {"to", m_to[m_toPick].code}});
    }
    return "";
}

}  // namespace fc::ui
