#include "kiosk/screens/workshop/my_jobs_screen.hpp"

#include <algorithm>
#include <map>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

namespace {

std::string language() {
    const I18n* i18n = currentI18n();
    return i18n ? i18n->language() : "zh-CN";
}

// "10:30" today, "1月3日 10:30" another day.
std::string promisedText(const core::StoreTime& t, int64_t nowMs, const std::optional<int64_t>& at) {
    if (!at) return tr("workshop.jobs.promised_none");
    if (t.dayNumber(*at) == t.dayNumber(nowMs)) return t.hhmm(*at);
    const int day = t.dayNumber(*at);
    return tr("workshop.jobs.promised_day", {{"month", day / 100 % 100}, {"day", day % 100}, {"time", t.hhmm(*at)}});
}

}  // namespace

MyJobsScreen::MyJobsScreen(AppContext& app, WorkshopServices services)
    : m_app(app),
      m_s(std::move(services)),
      m_watch(app.data, {&core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries, &core::tables::kVehicles}) {}

std::string MyJobsScreen::title() const { return tr("workshop.jobs.title"); }

void MyJobsScreen::reload(Ui& ui) {
    ++m_reloads;
    m_rows.clear();
    m_mine = 0;
    auto ids = m_s.orders.openOrders();
    if (!ids) {
        ui.toasts().show(workshop::errorText(ids.error()), ToastKind::kError, 6000);
        return;
    }
    const std::string me = m_app.staff ? m_app.staff->staffId() : "";
    const std::string lang = language();
    std::map<std::string, std::string> plates;  // vehicle id → plate shown
    for (const std::string& id : *ids) {
        auto v = m_s.orders.get(id);
        if (!v) continue;  // gone between the two reads: the next reload settles it
        JobRow row;
        row.id = id;
        row.number = workshop::numberText(*v);
        row.status = v->job.status;
        row.promisedAt = v->promisedAt;
        row.openedAt = v->openedAt;
        row.clockedOnMe = !me.empty() && v->job.clockedOn.contains(me);
        std::vector<std::string> codes;
        bool assigned = false;
        for (const core::WorkOrderLine& line : v->lines) {
            if (line.kind != core::LineKind::kLabour) continue;
            if (!line.serviceCode.empty()) codes.push_back(line.serviceCode);
            for (const core::TechnicianShare& share : line.technicians) assigned |= share.staffId == me;
        }
        row.mine = row.clockedOnMe || (assigned && !me.empty());
        row.services = m_s.catalog.displayNames(codes, lang, lang == "en" ? ", " : "、");
        auto plate = plates.find(v->vehicleId);
        if (plate == plates.end()) {
            auto car = m_s.customers.getVehicle(v->vehicleId);
            plate = plates.emplace(v->vehicleId, car ? core::displayPlate(car->plate) : std::string()).first;
        }
        row.plate = plate->second;
        ui.ensureGlyphs(row.plate + row.services);
        m_rows.push_back(std::move(row));
    }
    // Mine first; then by promised time (none last), then the order they were opened in.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const JobRow& a, const JobRow& b) {
        if (a.mine != b.mine) return a.mine;
        if (a.promisedAt.has_value() != b.promisedAt.has_value()) return a.promisedAt.has_value();
        if (a.promisedAt && *a.promisedAt != *b.promisedAt) return *a.promisedAt < *b.promisedAt;
        return a.openedAt < b.openedAt;
    });
    m_mine = static_cast<size_t>(std::count_if(m_rows.begin(), m_rows.end(), [](const JobRow& r) { return r.mine; }));
}

void MyJobsScreen::open(const std::string& orderId) {
    m_app.router.push(std::make_unique<JobScreen>(m_app, m_s, orderId));
}

bool MyJobsScreen::onScan(Ui& ui, const std::string& text) {
    auto found = m_s.orders.findByNumber(text);
    if (!found) {
        ui.toasts().show(workshop::errorText(found.error()), ToastKind::kError, 6000);
    } else if (!*found) {
        ui.ensureGlyphs(text);
        ui.toasts().show(tr("workshop.jobs.unknown_number", {{"number", text}}), ToastKind::kError, 6000);
    } else {
        open(**found);
    }
    return true;
}

void MyJobsScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!workshop::mayWork(m_app)) {
        text(ui, tr("workshop.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);
    {
        FontScope f(ui.largeFont());
        const std::string summary = tr("workshop.jobs.summary", {{"count", m_rows.size()}, {"mine", m_mine}});
        ImGui::TextUnformatted(summary.c_str());
        ui.registry().recordLastItem(summary, WidgetKind::kOther);
    }
    mutedText(ui, tr("workshop.jobs.scan_hint"));
    space(ui, 0.5f);
    if (m_rows.empty()) {
        text(ui, tr("workshop.jobs.empty"));
        return;
    }
    const core::StoreTime& st = m_s.time;
    const int64_t now = ui.nowMs();
    const std::vector<TableColumn> cols = {{tr("workshop.jobs.col.number"), 1.1f},  {tr("workshop.jobs.col.plate"), 0.9f},
                                           {tr("workshop.jobs.col.services"), 1.6f}, {tr("workshop.jobs.col.status"), 0.9f},
                                           {tr("workshop.jobs.col.promised"), 0.9f}, {tr("workshop.jobs.col.mine"), 0.8f}};
    TableOptions options;
    options.rowHeight = ui.theme().touch * 1.4f;
    if (auto row = m_table.draw(ui, "jobs", cols, static_cast<int>(m_rows.size()),
                                [&](int r, int c, std::string& scratch) -> std::string_view {
                                    const JobRow& j = m_rows[static_cast<size_t>(r)];
                                    switch (c) {
                                        case 0: return j.number;
                                        case 1: return j.plate;
                                        case 2: return j.services;
                                        case 3: return scratch = workshop::statusLabel(j.status);
                                        case 4: return scratch = promisedText(st, now, j.promisedAt);
                                        default:
                                            return scratch = j.clockedOnMe ? tr("workshop.jobs.clocked_on_me")
                                                             : j.mine      ? tr("workshop.jobs.mine")
                                                                           : "";
                                    }
                                },
                                options))
        open(m_rows[static_cast<size_t>(*row)].id);
}

}  // namespace fc::ui
