#include "kiosk/app/probe.hpp"

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "kiosk/app/app.hpp"

namespace fc::ui {

namespace {

const char* kindName(WidgetKind k) {
    switch (k) {
        case WidgetKind::kButton: return "button";
        case WidgetKind::kKey: return "key";
        case WidgetKind::kTextField: return "text_field";
        case WidgetKind::kRow: return "row";
        case WidgetKind::kToast: return "toast";
        case WidgetKind::kCheckbox: return "checkbox";
        case WidgetKind::kPad: return "pad";
        case WidgetKind::kOther: return "other";
    }
    return "other";
}

}  // namespace

std::string probeJson(App& app) {
    ImGui::SetCurrentContext(app.imgui());
    const ImGuiIO& io = ImGui::GetIO();
    nlohmann::json j;
    j["frame"] = app.framesDrawn();
    j["width"] = static_cast<int>(io.DisplaySize.x);
    j["height"] = static_cast<int>(io.DisplaySize.y);
    j["mode"] = modeName(app.mode());
    j["language"] = app.i18n().language();
    Screen* top = app.router().top();
    j["screen"] = top ? top->title() : std::string();
    j["depth"] = app.router().depth();
    j["signed_in"] = app.staff().has_value();
    nlohmann::json widgets = nlohmann::json::array();
    for (const WidgetRecord& r : app.ui().registry().lastFrame()) {
        widgets.push_back({{"label", r.label},
                           {"scope", r.scope},
                           {"kind", kindName(r.kind)},
                           {"enabled", r.enabled},
                           {"x0", r.min.x},
                           {"y0", r.min.y},
                           {"x1", r.max.x},
                           {"y1", r.max.y},
                           {"full", r.fullyVisible()}});
    }
    j["widgets"] = std::move(widgets);
    return j.dump();
}

core::Status writeProbe(App& app, const std::string& path) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << probeJson(app);
        if (!out) return core::Error(core::Errc::kIo, "cannot write the test state to " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return core::Error(core::Errc::kIo, "cannot rename " + tmp + " to " + path);
    return {};
}

}  // namespace fc::ui
