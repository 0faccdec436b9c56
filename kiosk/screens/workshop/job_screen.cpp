// Index
//   [SECTION] WorkshopServices and the workshop's shared helpers
//   [SECTION] small pieces (modal window, reading pad keys)
//   [SECTION] JobScreen: loading
//   [SECTION] JobScreen: header and clock on / off
//   [SECTION] JobScreen: steps (checklist, readings, finding)
//   [SECTION] JobScreen: dialogs (pause reason, reading pad, out of range)
#include "kiosk/screens/workshop/job_screen.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

// [SECTION] WorkshopServices and the workshop's shared helpers

WorkshopServices WorkshopServices::from(core::ServiceSet& set) {
    auto& catalog = set.get<core::ServiceCatalog>();
    auto templates = std::make_shared<core::JobTemplates>();
    std::string error;
    if (auto menu = catalog.menu(); !menu) {
        error = menu.error().message;
    } else if (auto jobs = core::loadJobTemplates(core::defaultJobTemplatesDir(), core::serviceCodes(**menu)); !jobs) {
        error = jobs.error().message;
    } else {
        *templates = std::move(jobs).value();
    }
    return WorkshopServices{set.get<core::WorkOrderService>(), set.get<core::JobPhotoService>(),
                            set.get<core::CustomerService>(), catalog,
                            set.get<core::StoreTime>(), std::move(templates), std::move(error)};
}

namespace workshop {

namespace {

bool english() {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en";
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

std::string statusLabel(core::WorkOrderStatus s) {
    return tr(("workshop.status." + std::string(core::workOrderStatusKey(s))).c_str());
}

std::string numberText(const core::WorkOrderView& v) {
    if (!v.number) return v.provisionalNo;
    return tr("workshop.number.both", {{"number", *v.number}, {"provisional", v.provisionalNo}});
}

std::string errorText(const core::Error& e) {
    const std::string& m = e.message;
    switch (e.code) {
        case core::Errc::kPermission:
            if (contains(m, "devices may not")) return tr("workshop.error.device");
            return tr("workshop.error.permission");
        case core::Errc::kNotFound:
            return tr("workshop.error.not_found");
        case core::Errc::kConflict:
            if (contains(m, "not clocked on")) return tr("workshop.error.not_clocked_on");
            if (contains(m, "nothing more can be added")) return tr("workshop.error.order_final");
            if (contains(m, "cannot go from")) return tr("workshop.error.status");
            break;
        case core::Errc::kInvalid:
            if (contains(m, "say what was found")) return tr("workshop.finding.note_needed");
            if (contains(m, "at most 500")) return tr("workshop.finding.too_long");
            if (contains(m, "photo: too large")) return tr("workshop.photo.too_large");
            if (contains(m, "photo:")) return tr("workshop.photo.not_a_picture", {{"name", ""}});
            break;
        default:
            break;
    }
    return tr("workshop.error.other", {{"detail", m}});
}

bool mayWork(const AppContext& app) { return app.staff && app.staff->can(core::Capability::kWorkshopJobs); }

// The title of a step in the shown language.
std::string stepTitle(const core::JobStep& step) {
    return english() && !step.titleEn.empty() ? step.titleEn : step.titleZh;
}
std::string itemText(const core::ChecklistItem& item) { return english() && !item.en.empty() ? item.en : item.zh; }
std::string readingLabel(const core::ReadingSpec& spec) {
    return english() && !spec.labelEn.empty() ? spec.labelEn : spec.labelZh;
}

}  // namespace workshop

namespace {

using workshop::itemText;
using workshop::readingLabel;
using workshop::stepTitle;

// [SECTION] small pieces (modal window, reading pad keys)

// A centred modal window: everything behind it waits. Returns false while it is not shown.
// What a reading pad's typed text may hold: digits, one decimal point, a leading minus.
void padKey(std::string& typed, char key) {
    if (typed.size() >= 12) return;
    if (key == '.') {
        if (typed.find('.') != std::string::npos) return;
        if (typed.empty() || typed == "-") typed += '0';
    } else if (key == '-') {
        if (!typed.empty()) return;
    }
    typed += key;
}

// A typed reading's problem, in the user's language.
std::string readingError(const core::Error& e, const core::ReadingSpec& spec) {
    const std::string& m = e.message;
    if (m.find("nothing typed") != std::string::npos) return tr("workshop.reading.empty");
    if (m.find("whole number") != std::string::npos) return tr("workshop.reading.whole");
    if (m.find("has more than") != std::string::npos) return tr("workshop.reading.decimals", {{"decimals", spec.decimals}});
    if (m.find("far too large") != std::string::npos) return tr("workshop.reading.too_large");
    return tr("workshop.reading.not_number");
}

std::string rangeText(const core::ReadingSpec& spec) {
    return tr("workshop.reading.range",
              {{"min", core::formatReading(spec, spec.minScaled)}, {"max", core::formatReading(spec, spec.maxScaled)}});
}

const char* const kPauseReasons[] = {"parts", "lunch", "other_job", "done", "end_of_day"};
const char* const kLevels[] = {"green", "yellow", "red"};

ImU32 levelColour(const Palette& p, const std::string& level) {
    return level == "red" ? p.danger : level == "yellow" ? p.warning : p.success;
}

}  // namespace

// [SECTION] JobScreen: loading

JobScreen::JobScreen(AppContext& app, WorkshopServices services, std::string orderId)
    : m_app(app),
      m_s(std::move(services)),
      m_id(std::move(orderId)),
      m_watch(app.data, {&core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries, &core::tables::kJobPhotos, &core::tables::kVehicles}) {}

std::string JobScreen::title() const {
    return tr("workshop.job.title", {{"number", m_view ? workshop::numberText(*m_view) : std::string()}});
}

void JobScreen::reload(Ui& ui) {
    auto v = m_s.orders.get(m_id);
    if (!v) {
        m_error = v.error().code == core::Errc::kNotFound ? std::string(tr("workshop.job.not_found"))
                                                          : workshop::errorText(v.error());
        m_view.reset();
        return;
    }
    m_error.clear();
    m_view = std::move(v).value();
    if (auto photos = m_s.photos.list(m_id)) m_photos = std::move(photos).value();
    if (auto car = m_s.customers.getVehicle(m_view->vehicleId)) {
        m_plate = core::displayPlate(car->plate);
        m_car = core::vehicleLabel(*car);
    }
    // The steps: each labour line's template in line order (work the customer declined or has not
    // approved yet is not done). A step key two templates share is one step (the facts name the
    // step by its key).
    m_steps.clear();
    std::set<std::string> seenServices, seenSteps;
    for (const core::WorkOrderLine& line : m_view->lines) {
        if (line.kind != core::LineKind::kLabour || line.serviceCode.empty()) continue;
        if (line.approval == core::LineApproval::kProposed || line.approval == core::LineApproval::kDeclined) continue;
        if (!seenServices.insert(line.serviceCode).second) continue;
        const core::JobTemplate* t = m_s.templates->find(line.serviceCode);
        if (!t) continue;
        for (const core::JobStep& step : t->steps)
            if (seenSteps.insert(step.key).second)
                m_steps.push_back({&step, line.serviceCode, static_cast<int>(m_steps.size()) + 1});
    }
    ui.ensureGlyphs(m_plate + m_car + m_view->concerns, true);
    for (const core::Finding& f : m_view->job.findings) ui.ensureGlyphs(f.note);
}

bool JobScreen::onScan(Ui& ui, const std::string& text) {
    auto found = m_s.orders.findByNumber(text);
    if (!found) {
        ui.toasts().show(workshop::errorText(found.error()), ToastKind::kError, 6000);
        return true;
    }
    if (!*found) {
        ui.ensureGlyphs(text);
        ui.toasts().show(tr("workshop.jobs.unknown_number", {{"number", text}}), ToastKind::kError, 6000);
        return true;
    }
    if (**found == m_id) return true;
    // Another job: it takes this one's place (back still leads to the list).
    AppContext& app = m_app;
    WorkshopServices s = m_s;
    std::string id = **found;
    app.router.pop();
    app.router.push(std::make_unique<JobScreen>(app, std::move(s), std::move(id)));
    return true;
}

bool JobScreen::run(Ui& ui, const core::Status& status) {
    if (status) return true;
    ui.toasts().show(workshop::errorText(status.error()), ToastKind::kError, 6000);
    return false;
}

bool JobScreen::clockedOnByMe() const {
    return m_view && m_app.staff && m_view->job.clockedOn.contains(m_app.staff->staffId());
}

bool JobScreen::stepReady(const core::JobStep& step) const {
    const core::DerivedJob& j = m_view->job;
    for (size_t i = 0; i < step.checklist.size(); ++i)
        if (!j.checksDone.contains(step.key + "/" + std::to_string(i))) return false;
    for (const core::ReadingSpec& r : step.readings)
        if (!j.readings.contains(step.key + "/" + r.key)) return false;
    return !step.photoRequired || photoCount(step.key) > 0;
}

int JobScreen::photoCount(const std::string& stepKey) const {
    return static_cast<int>(std::count_if(m_photos.begin(), m_photos.end(),
                                          [&](const core::JobPhotoInfo& p) { return p.stepKey == stepKey; }));
}

bool JobScreen::allStepsDone() const {
    for (const JobStepRef& ref : m_steps)
        if (!m_view->job.stepsDone.contains(ref.step->key)) return false;
    return true;
}

void JobScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!workshop::mayWork(m_app)) {
        text(ui, tr("workshop.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);
    takePhotoResult(ui);
    if (!m_view) {
        colouredText(ui, ui.colors().danger, m_error);
        return;
    }
    // Landscape: the job and its list of steps on the left, the open step on the right.
    // Portrait: one column, the open step unfolded under its title.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x > avail.y && ImGui::BeginTable("job-panes", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("job", ImGuiTableColumnFlags_WidthStretch, 0.38f);
        ImGui::TableSetupColumn("step", ImGuiTableColumnFlags_WidthStretch, 0.62f);
        ImGui::TableNextColumn();
        // The panes fill the height the table cell leaves (no scrolling of the whole screen).
        const float paneH = avail.y - 2 * ImGui::GetStyle().CellPadding.y - ImGui::GetStyle().ItemSpacing.y;
        ImGui::BeginChild("##job", ImVec2(0, paneH), false);
        drawHeader(ui);
        drawActions(ui, true);
        space(ui, 0.5f);
        drawSteps(ui, true);
        dragToScroll(ui);
        ImGui::EndChild();
        ImGui::TableNextColumn();
        ImGui::BeginChild("##open-step", ImVec2(0, paneH), false);
        drawOpenStep(ui);
        ImGui::EndChild();
        ImGui::EndTable();
    } else {
        drawHeader(ui);
        drawActions(ui, false);
        space(ui, 0.5f);
        drawSteps(ui, false);
    }
    drawPauseDialog(ui);
    drawReadingPad(ui);
    drawOutOfRange(ui);
    drawPicturePicker(ui);
}

// [SECTION] JobScreen: header and clock on / off

void JobScreen::drawHeader(Ui& ui) {
    const core::WorkOrderView& v = *m_view;
    {
        FontScope f(ui.largeFont());
        const std::string top = workshop::numberText(v) + "    " + m_plate;
        ImGui::TextUnformatted(top.c_str());
        ui.registry().recordLastItem(top, WidgetKind::kOther);
    }
    if (!m_car.empty()) text(ui, m_car);
    if (!v.concerns.empty()) text(ui, tr("workshop.job.concerns", {{"text", v.concerns}}));
    std::string state = tr("workshop.job.status", {{"status", workshop::statusLabel(v.job.status)}});
    state += "    ";
    state += v.number ? tr("workshop.job.synced", {{"number", *v.number}}) : tr("workshop.job.not_synced");
    mutedText(ui, state);
    ui.registry().recordLastItem(state, WidgetKind::kOther);
}

void JobScreen::drawActions(Ui& ui, bool narrow) {
    const core::DerivedJob& j = m_view->job;
    const bool mine = clockedOnByMe();
    const bool final = core::isFinal(j.status);
    const float w = columnWidth(ui, narrow ? 2 : 3);
    ScopedWidgetScope scope(ui.registry(), "actions");
    if (mine) {
        if (button(ui, tr("workshop.job.clock_off"), {.kind = ButtonKind::kDanger, .width = w, .large = true,
                                                      .id = "clock-off"})) {
            m_pauseOpen = true;
            m_pauseOpening = true;
        }
    } else {
        if (button(ui, tr("workshop.job.clock_on"), {.kind = ButtonKind::kPrimary, .width = w, .enabled = !final,
                                                     .large = true, .id = "clock-on"}) &&
            m_app.staff && run(ui, m_s.orders.clockOn(*m_app.staff, m_id)))
            ui.toasts().show(tr("workshop.job.clocked_on_toast"), ToastKind::kSuccess);
    }
    ImGui::SameLine();
    const bool canReady = !m_steps.empty() && allStepsDone() && core::canMove(j.status, core::WorkOrderStatus::kReady);
    if (button(ui, tr("workshop.job.ready"), {.kind = ButtonKind::kPrimary, .width = w, .enabled = canReady,
                                              .large = true, .id = "ready"}) &&
        m_app.staff && run(ui, m_s.orders.changeStatus(*m_app.staff, m_id, core::WorkOrderStatus::kReady))) {
        // The work is finished: the clock stops with it.
        if (mine) run(ui, m_s.orders.clockOff(*m_app.staff, m_id, "done"));
        ui.toasts().show(tr("workshop.job.ready_toast"), ToastKind::kSuccess);
    }
    if (!narrow) ImGui::SameLine();
    // Who is on the job: me since when, others by count.
    ImGui::BeginGroup();
    const auto since = m_app.staff ? j.clockedOnSince.find(m_app.staff->staffId()) : j.clockedOnSince.end();
    if (mine && since != j.clockedOnSince.end())
        colouredText(ui, ui.colors().success, tr("workshop.job.clocked_on_since", {{"time", m_s.time.hhmm(since->second)}}));
    else
        mutedText(ui, tr("workshop.job.not_clocked"));
    const size_t others = j.clockedOn.size() - (mine ? 1 : 0);
    if (others > 0) mutedText(ui, tr("workshop.job.others_on", {{"count", others}}));
    if (!canReady && !final && j.status != core::WorkOrderStatus::kReady) mutedText(ui, tr("workshop.job.ready_hint"));
    ImGui::EndGroup();
}

// [SECTION] JobScreen: steps (checklist, readings, finding)

std::string JobScreen::openStepKey() const {
    if (m_openStep) return *m_openStep;
    for (const JobStepRef& ref : m_steps)
        if (!m_view->job.stepsDone.contains(ref.step->key)) return ref.step->key;
    return {};
}

void JobScreen::drawSteps(Ui& ui, bool listOnly) {
    if (!m_s.templatesError.empty()) colouredText(ui, ui.colors().danger, tr("workshop.job.templates_error",
                                                                              {{"detail", m_s.templatesError}}));
    if (m_steps.empty()) {
        mutedText(ui, tr("workshop.job.no_steps"));
        return;
    }
    size_t done = 0;
    for (const JobStepRef& ref : m_steps) done += m_view->job.stepsDone.contains(ref.step->key) ? 1 : 0;
    heading(ui, tr("workshop.job.steps", {{"done", done}, {"total", m_steps.size()}}));
    const std::string open = openStepKey();
    if (listOnly) {
        for (const JobStepRef& ref : m_steps) stepTitleButton(ui, ref, ref.step->key == open);
        return;
    }
    // One column: the open step unfolds under its title; its finish button stays in reach below.
    const JobStepRef* openRef = nullptr;
    for (const JobStepRef& ref : m_steps)
        if (ref.step->key == open && !m_view->job.stepsDone.contains(open)) openRef = &ref;
    const float footer = openRef ? finishHeight(ui, *openRef->step) : 0.0f;
    ImGui::BeginChild("##steps", ImVec2(0, std::max(ui.theme().touch * 3, ImGui::GetContentRegionAvail().y - footer)),
                      false);
    for (const JobStepRef& ref : m_steps) {
        ImGui::PushID(ref.step->key.c_str());
        ScopedWidgetScope scope(ui.registry(), ref.step->key);
        const bool isOpen = ref.step->key == open;
        stepTitleButton(ui, ref, isOpen);
        if (isOpen) drawStepBody(ui, ref);
        ImGui::PopID();
    }
    dragToScroll(ui);
    ImGui::EndChild();
    if (openRef) {
        ImGui::PushID(openRef->step->key.c_str());
        ScopedWidgetScope scope(ui.registry(), openRef->step->key);
        drawFinish(ui, *openRef->step);
        ImGui::PopID();
    }
}

void JobScreen::stepTitleButton(Ui& ui, const JobStepRef& ref, bool open) {
    const core::JobStep& step = *ref.step;
    const bool done = m_view->job.stepsDone.contains(step.key);
    ImGui::PushID(step.key.c_str());
    ScopedWidgetScope scope(ui.registry(), step.key);
    // A closed step's title opens it; the open one's folds it.
    std::string title = tr("workshop.step.title", {{"n", ref.number}, {"title", stepTitle(step)}});
    if (done) title += "    " + std::string(tr("workshop.step.done"));
    if (button(ui, title, {.kind = open ? ButtonKind::kPrimary : done ? ButtonKind::kQuiet : ButtonKind::kSecondary,
                           .width = -1, .id = "title"}))
        m_openStep = open ? std::optional<std::string>(std::string()) : std::optional<std::string>(step.key);
    ImGui::PopID();
}

void JobScreen::drawOpenStep(Ui& ui) {
    const std::string open = openStepKey();
    const JobStepRef* ref = nullptr;
    for (const JobStepRef& r : m_steps)
        if (r.step->key == open) ref = &r;
    if (!ref) {
        mutedText(ui, m_steps.empty() ? tr("workshop.job.no_steps") : tr("workshop.job.ready_hint"));
        return;
    }
    const core::JobStep& step = *ref->step;
    ImGui::PushID(step.key.c_str());
    ScopedWidgetScope scope(ui.registry(), step.key);
    heading(ui, tr("workshop.step.title", {{"n", ref->number}, {"title", stepTitle(step)}}));
    // The step scrolls; its finish button stays in reach below it.
    const bool done = m_view->job.stepsDone.contains(step.key);
    const float footer = done ? 0.0f : finishHeight(ui, step);
    ImGui::BeginChild("##step-body", ImVec2(0, std::max(ui.theme().touch * 3, ImGui::GetContentRegionAvail().y - footer)),
                      false);
    drawStepBody(ui, *ref);
    dragToScroll(ui);
    ImGui::EndChild();
    if (!done) drawFinish(ui, step);
    ImGui::PopID();
}

void JobScreen::drawStepBody(Ui& ui, const JobStepRef& ref) {
    const core::JobStep& step = *ref.step;
    mutedText(ui, tr("workshop.step.minutes", {{"minutes", step.minutes}}));
    drawChecklist(ui, step);
    drawReadings(ui, step);
    drawPhotos(ui, step);
    drawFinding(ui, step);
    space(ui);
}

float JobScreen::finishHeight(Ui& ui, const core::JobStep& step) const {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ui.theme().touch + 2 * style.ItemSpacing.y + (stepReady(step) ? 0.0f : ImGui::GetTextLineHeightWithSpacing());
}

void JobScreen::drawFinish(Ui& ui, const core::JobStep& step) {
    const bool ready = stepReady(step);
    if (button(ui, tr("workshop.step.finish"), {.kind = ButtonKind::kPrimary, .width = -1, .enabled = ready,
                                                .large = true, .id = "finish"}) &&
        m_app.staff && run(ui, m_s.orders.recordStep(*m_app.staff, m_id, step.key))) {
        ui.toasts().show(tr("workshop.step.finished_toast", {{"title", stepTitle(step)}}), ToastKind::kSuccess);
        m_openStep.reset();  // on to the next step not done
    }
    if (!ready)
        mutedText(ui, step.photoRequired && photoCount(step.key) == 0 ? tr("workshop.step.finish_hint_photo")
                                                                      : tr("workshop.step.finish_hint"));
}

void JobScreen::drawChecklist(Ui& ui, const core::JobStep& step) {
    if (step.checklist.empty()) return;
    ScopedWidgetScope scope(ui.registry(), "checklist");
    for (size_t i = 0; i < step.checklist.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        bool ticked = m_view->job.checksDone.contains(step.key + "/" + std::to_string(i));
        const bool was = ticked;
        // A tick is a fact: it stays (pressing a ticked item again does nothing).
        if (checkbox(ui, itemText(step.checklist[i]), ticked) && !was && m_app.staff)
            run(ui, m_s.orders.recordCheck(*m_app.staff, m_id, step.key, static_cast<int>(i)));
        ImGui::PopID();
    }
}

void JobScreen::drawReadings(Ui& ui, const core::JobStep& step) {
    if (step.readings.empty()) return;
    ScopedWidgetScope scope(ui.registry(), "readings");
    const Palette& p = ui.colors();
    for (const core::ReadingSpec& spec : step.readings) {
        ImGui::PushID(spec.key.c_str());
        ScopedWidgetScope rowScope(ui.registry(), spec.key);
        const auto it = m_view->job.readings.find(step.key + "/" + spec.key);
        std::optional<int64_t> value;
        if (it != m_view->job.readings.end()) {
            int64_t n = 0;
            const std::string& t = it->second;
            const auto r = std::from_chars(t.data(), t.data() + t.size(), n);
            if (r.ec == std::errc() && r.ptr == t.data() + t.size()) value = n;
        }
        const std::string label = readingLabel(spec);
        const float buttonW = ui.theme().touch * 2.2f;
        const float x = ImGui::GetCursorPosX();
        const float avail = ImGui::GetContentRegionAvail().x;
        const float top = ImGui::GetCursorPosY();
        ImGui::PushTextWrapPos(x + avail - buttonW - ui.theme().gap);
        text(ui, label + "  " + rangeText(spec));
        if (!value) {
            mutedText(ui, tr("workshop.reading.none"));
        } else {
            const std::string shown = core::formatReading(spec, *value);
            // Flagged from the value itself, so a reading typed on another tablet is flagged here too.
            if (*value < spec.minScaled || *value > spec.maxScaled)
                colouredText(ui, p.danger, tr("workshop.reading.out_of_range_flag", {{"value", shown}}));
            else if ((spec.attentionBelowScaled && *value < *spec.attentionBelowScaled) ||
                     (spec.attentionAboveScaled && *value > *spec.attentionAboveScaled))
                colouredText(ui, p.warning, tr("workshop.reading.attention", {{"value", shown}}));
            else
                colouredText(ui, p.success, shown);
        }
        ImGui::PopTextWrapPos();
        const float bottom = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(x + avail - buttonW, top));
        if (button(ui, value ? tr("workshop.reading.change") : tr("workshop.reading.enter"),
                   {.width = buttonW, .id = "enter"})) {
            m_pad = ReadingTarget{step.key, spec.key};
            m_padOpening = true;
            m_padText.clear();
            m_padError.clear();
        }
        ImGui::SetCursorPos(ImVec2(x, std::max(bottom, top + ui.theme().touch + ui.theme().gap * 0.5f)));
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::PopID();
    }
}

void JobScreen::drawFinding(Ui& ui, const core::JobStep& step) {
    ScopedWidgetScope scope(ui.registry(), "finding");
    const Palette& p = ui.colors();
    space(ui, 0.5f);
    text(ui, tr("workshop.finding.heading"));
    // What was found at this step already (yellow and red; from any tablet).
    for (const core::Finding& f : m_view->job.findings)
        if (f.stepKey == step.key)
            colouredText(ui, levelColour(p, f.level),
                         tr("workshop.finding.listed",
                            {{"level", tr(("workshop.finding." + f.level).c_str())}, {"note", f.note}}));
    FindingDraft& d = m_findings[step.key];
    const float w = columnWidth(ui, 3);
    for (size_t i = 0; i < std::size(kLevels); ++i) {
        if (i > 0) ImGui::SameLine();
        const std::string level = kLevels[i];
        const bool on = d.level == level;
        const std::string label = tr(("workshop.finding." + level).c_str());
        const ButtonKind kind = !on ? ButtonKind::kSecondary : level == "red" ? ButtonKind::kDanger : ButtonKind::kPrimary;
        if (button(ui, label, {.kind = kind, .width = w, .id = level})) {
            d.level = level;
            d.error.clear();
        }
        if (on) {
            // The chosen level is outlined in its colour (yellow has no button colour of its own).
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                                levelColour(p, level), ui.theme().rounding, 0, 4.0f);
        }
    }
    textField(ui, tr("workshop.finding.note"), d.note, {.hint = tr("workshop.finding.note_hint"), .maxChars = 500});
    if (!d.error.empty()) colouredText(ui, p.danger, d.error);
    if (button(ui, tr("workshop.finding.save"), {.width = -1, .id = "save-finding"}) && m_app.staff) {
        if (d.level != "green" && core::trim(d.note).empty()) {
            d.error = tr("workshop.finding.note_needed");
        } else if (auto r = m_s.orders.recordFinding(*m_app.staff, m_id, step.key, d.level, d.note); !r) {
            d.error = workshop::errorText(r.error());
        } else {
            ui.toasts().show(tr("workshop.finding.saved_toast"), ToastKind::kSuccess);
            d = FindingDraft{};
        }
    }
}

// [SECTION] JobScreen: photos

void JobScreen::drawPhotos(Ui& ui, const core::JobStep& step) {
    ScopedWidgetScope scope(ui.registry(), "photos");
    const int count = photoCount(step.key);
    space(ui, 0.5f);
    if (step.photoRequired && count == 0)
        colouredText(ui, ui.colors().warning, tr("workshop.photo.required"));
    else
        text(ui, tr("workshop.photo.count", {{"count", count}}));
    int n = 0;
    for (const core::JobPhotoInfo& p : m_photos) {
        if (p.stepKey != step.key) continue;
        mutedText(ui, tr("workshop.photo.line", {{"n", ++n},
                                                 {"time", m_s.time.hhmm(p.at)},
                                                 {"size", std::to_string(p.width) + "×" + std::to_string(p.height)},
                                                 {"kb", static_cast<int64_t>((p.bytes + 512) / 1024)}}));
    }
    if (m_photoBusy) {
        mutedText(ui, tr("workshop.photo.working"));
        return;
    }
    const bool mayAdd = m_app.staff && !core::isFinal(m_view->job.status);
    auto handler = [this, alive = std::weak_ptr<int>(m_alive)](core::Result<platform::Photo> photo) {
        if (alive.expired()) return;  // the screen was left meanwhile: the photo is dropped
        m_photoResult = std::move(photo);
    };
    if (button(ui, tr("workshop.photo.take"), {.kind = ButtonKind::kSecondary, .enabled = mayAdd, .id = "take"})) {
        m_photoStep = step.key;
        m_photoFileName.clear();
        if (m_app.cameraPhoto && m_app.cameraPhoto(handler)) {
            m_photoBusy = true;
        } else {  // no camera on this tablet: a picture file instead
            m_pickerNoCamera = true;
            m_pictures = platform::listPictureFiles(m_app.photosDir);
            m_pickerOpen = m_pickerOpening = true;
        }
    }
    ImGui::SameLine();
    if (button(ui, tr("workshop.photo.from_file"), {.kind = ButtonKind::kQuiet, .enabled = mayAdd, .id = "file"})) {
        m_photoStep = step.key;
        m_pickerNoCamera = false;
        m_pictures = platform::listPictureFiles(m_app.photosDir);
        m_pickerOpen = m_pickerOpening = true;
    }
}

void JobScreen::drawPicturePicker(Ui& ui) {
    if (!m_pickerOpen) return;
    if (!beginModal(ui, "##pictures", m_pickerOpening)) {
        m_pickerOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "pictures");
    heading(ui, tr("workshop.photo.pick_title"));
    if (m_pickerNoCamera) mutedText(ui, tr("workshop.photo.no_camera"));
    mutedText(ui, tr("workshop.photo.folder", {{"folder", m_app.photosDir}}));
    space(ui, 0.5f);
    bool close = false;
    if (m_pictures.empty()) text(ui, tr("workshop.photo.no_files"));
    // The newest first; a list long enough for a day's pictures, scrolled by dragging.
    const float rowH = ui.theme().touch + ImGui::GetStyle().ItemSpacing.y;
    const float listH = std::min(rowH * static_cast<float>(std::max<size_t>(m_pictures.size(), 1)),
                                 ImGui::GetMainViewport()->WorkSize.y * 0.5f);
    if (!m_pictures.empty()) {
        ImGui::BeginChild("##picture-list", ImVec2(0, listH), false);
        for (size_t i = 0; i < m_pictures.size() && i < 200; ++i) {
            const platform::PictureFile& f = m_pictures[i];
            ImGui::PushID(static_cast<int>(i));
            const bool chosen = button(ui, f.name, {.width = ImGui::GetContentRegionAvail().x * 0.62f, .id = f.name});
            ImGui::SameLine();
            mutedText(ui, m_s.time.hhmm(f.modifiedMs) + " · " + std::to_string((f.bytes + 512) / 1024) + " KB");
            if (chosen) {
                m_photoBusy = true;
                m_photoFileName = f.name;
                auto handler = [this, alive = std::weak_ptr<int>(m_alive)](core::Result<platform::Photo> photo) {
                    if (alive.expired()) return;
                    m_photoResult = std::move(photo);
                };
                if (m_app.filePhoto)
                    m_app.filePhoto(f.path, handler);
                else
                    handler(platform::photoFromFile(f.path));
                close = true;
            }
            ImGui::PopID();
        }
        dragToScroll(ui);
        ImGui::EndChild();
    }
    space(ui, 0.5f);
    if (button(ui, tr("workshop.pause.cancel"), {.kind = ButtonKind::kQuiet, .width = -1, .id = "cancel"})) close = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) close = true;
    if (close) {
        ImGui::CloseCurrentPopup();
        m_pickerOpen = false;
    }
    ImGui::EndPopup();
}

void JobScreen::takePhotoResult(Ui& ui) {
    if (!m_photoResult) return;
    core::Result<platform::Photo> photo = std::move(*m_photoResult);
    m_photoResult.reset();
    m_photoBusy = false;
    if (!photo) {
        const core::Errc code = photo.error().code;
        const char* key = code == core::Errc::kNotFound      ? "workshop.photo.file_gone"
                          : code == core::Errc::kUnsupported ? "workshop.photo.not_a_picture"
                          : m_photoFileName.empty()          ? "workshop.photo.camera_failed"
                                                             : "workshop.photo.failed";
        ui.ensureGlyphs(m_photoFileName);
        std::fprintf(stderr, "forecourt: photo not saved: %s\n", photo.error().message.c_str());
        ui.toasts().show(tr(key, {{"name", m_photoFileName}}), ToastKind::kError, 8000);
        return;
    }
    if (!m_app.staff) return;
    auto saved = m_s.photos.add(*m_app.staff, m_id, m_photoStep, photo->jpeg, photo->width, photo->height);
    if (!saved) {
        ui.toasts().show(workshop::errorText(saved.error()), ToastKind::kError, 8000);
        return;
    }
    ui.toasts().show(tr("workshop.photo.saved"), ToastKind::kSuccess);
    if (auto photos = m_s.photos.list(m_id)) m_photos = std::move(photos).value();
}

// [SECTION] JobScreen: dialogs (pause reason, reading pad, out of range)

void JobScreen::drawPauseDialog(Ui& ui) {
    if (!m_pauseOpen) return;
    if (!beginModal(ui, "##pause", m_pauseOpening)) {
        m_pauseOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "pause");
    heading(ui, tr("workshop.pause.title"));
    space(ui, 0.5f);
    bool close = false;
    for (const char* reason : kPauseReasons) {
        if (button(ui, tr(("workshop.pause.reason." + std::string(reason)).c_str()),
                   {.width = -1, .large = true, .id = reason})) {
            if (m_app.staff && run(ui, m_s.orders.clockOff(*m_app.staff, m_id, reason)))
                ui.toasts().show(tr("workshop.job.clocked_off_toast",
                                    {{"reason", tr(("workshop.pause.reason." + std::string(reason)).c_str())}}),
                                 ToastKind::kSuccess);
            close = true;
        }
    }
    space(ui, 0.5f);
    if (button(ui, tr("workshop.pause.cancel"), {.kind = ButtonKind::kQuiet, .width = -1, .id = "cancel"})) close = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) close = true;
    if (close) {
        ImGui::CloseCurrentPopup();
        m_pauseOpen = false;
    }
    ImGui::EndPopup();
}

void JobScreen::drawReadingPad(Ui& ui) {
    if (!m_pad) return;
    const core::ReadingSpec* spec = nullptr;
    for (const JobStepRef& ref : m_steps)
        if (ref.step->key == m_pad->stepKey) spec = ref.step->findReading(m_pad->readingKey);
    if (!spec) {
        m_pad.reset();
        return;
    }
    if (!beginModal(ui, "##reading", m_padOpening)) {
        m_pad.reset();
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "reading-pad");
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    heading(ui, readingLabel(*spec));
    mutedText(ui, rangeText(*spec));
    // The display.
    const float width = ImGui::GetContentRegionAvail().x;
    {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float h = t.fontLarge + t.pad;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface, t.rounding);
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), p.border, t.rounding, 0, 2.0f);
        const std::string shown = m_padText.empty() ? std::string() : m_padText + " " + core::readingUnitSymbol(spec->unit);
        const ImVec2 ts = textSize(ui.largeFont(), shown);
        dl->AddText(ui.largeFont(), ui.largeFont()->FontSize, ImVec2(pos.x + (width - ts.x) * 0.5f, pos.y + (h - ts.y) * 0.5f),
                    p.text, shown.c_str());
        ImGui::Dummy(ImVec2(width, h));
        ui.registry().recordLastItem(tr("keypad.display"), WidgetKind::kOther);
    }
    if (!m_padError.empty()) colouredText(ui, p.danger, m_padError);
    // 7 8 9 / 4 5 6 / 1 2 3 / - 0 . and the actions.
    const float gap = t.gap * 0.75f;
    const float key = (width - 2 * gap) / 3;
    static const char kKeys[4][3] = {{'7', '8', '9'}, {'4', '5', '6'}, {'1', '2', '3'}, {'-', '0', '.'}};
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 3; ++c) {
            if (c > 0) ImGui::SameLine(0, gap);
            const char k = kKeys[r][c];
            // No minus where nothing below zero is allowed, no point for whole numbers.
            if ((k == '-' && spec->minScaled >= 0) || (k == '.' && spec->decimals == 0)) {
                ImGui::Dummy(ImVec2(key, t.keySize()));
                continue;
            }
            const std::string label(1, k);
            if (button(ui, label, {.width = key, .height = t.keySize(), .large = true})) {
                padKey(m_padText, k);
                m_padError.clear();
            }
        }
    }
    const float third = (width - 2 * gap) / 3;
    if (button(ui, tr("keypad.backspace"), {.width = third, .enabled = !m_padText.empty(), .id = "backspace"}) &&
        !m_padText.empty())
        m_padText.pop_back();
    ImGui::SameLine(0, gap);
    if (button(ui, tr("workshop.reading.cancel"), {.width = third, .id = "cancel"})) m_pad.reset();
    ImGui::SameLine(0, gap);
    bool submit = button(ui, tr("keypad.ok"), {.kind = ButtonKind::kPrimary, .width = third,
                                               .enabled = !m_padText.empty(), .large = true, .id = "ok"});
    // A hardware keyboard (or a test) types too.
    const ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters)
        if ((c >= '0' && c <= '9') || (c == '.' && spec->decimals > 0) || (c == '-' && spec->minScaled < 0))
            padKey(m_padText, static_cast<char>(c));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !m_padText.empty()) m_padText.pop_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && !m_padText.empty()) submit = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) m_pad.reset();

    if (submit && m_pad) {
        auto value = core::readingCheck(*spec, m_padText);
        if (!value) {
            m_padError = readingError(value.error(), *spec);
        } else if (!value->inRange) {
            // Out of range: asked once more, then saved flagged.
            m_confirmFor = m_pad;
            m_confirmValue = *value;
            const std::string shown = core::formatReading(*spec, value->scaled);
            m_confirm.open({.title = tr("workshop.reading.confirm_title"),
                            .message = tr("workshop.reading.confirm_message",
                                          {{"label", readingLabel(*spec)}, {"value", shown}, {"range", rangeText(*spec)}}),
                            .yes = tr("workshop.reading.confirm_yes"),
                            .no = tr("workshop.reading.confirm_no"),
                            .danger = true});
            m_pad.reset();
        } else {
            saveReading(ui, *spec, *value);
            m_pad.reset();
        }
    }
    if (!m_pad) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void JobScreen::drawOutOfRange(Ui& ui) {
    const auto answer = m_confirm.draw(ui, "out-of-range");
    if (!answer || !m_confirmFor) return;
    const ReadingTarget target = *m_confirmFor;
    m_confirmFor.reset();
    const core::ReadingSpec* spec = nullptr;
    for (const JobStepRef& ref : m_steps)
        if (ref.step->key == target.stepKey) spec = ref.step->findReading(target.readingKey);
    if (!spec) return;
    if (*answer) {
        saveReading(ui, *spec, m_confirmValue);
        return;
    }
    // Type it again.
    m_pad = target;
    m_padOpening = true;
    m_padText.clear();
    m_padError.clear();
}

void JobScreen::saveReading(Ui& ui, const core::ReadingSpec& spec, const core::ReadingValue& value) {
    if (!m_app.staff) return;
    std::string step;
    for (const JobStepRef& ref : m_steps)
        if (ref.step->findReading(spec.key) == &spec) step = ref.step->key;
    if (run(ui, m_s.orders.recordReading(*m_app.staff, m_id, step, spec.key, value.scaled, !value.inRange)))
        ui.toasts().show(tr("workshop.reading.saved_toast",
                            {{"label", readingLabel(spec)}, {"value", core::formatReading(spec, value.scaled)}}),
                         value.inRange ? ToastKind::kSuccess : ToastKind::kError);
}

}  // namespace fc::ui
