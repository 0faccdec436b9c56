#include "shared/visits/signature.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace fc::core {

namespace {

void appendInt(std::string& out, int v) {
    char buf[16];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// A number in path data: a space before it unless its minus sign separates it already.
void appendNumber(std::string& out, int v, bool first) {
    if (!first && v >= 0) out += ' ';
    appendInt(out, v);
}

}  // namespace

Result<std::string> encodeSignature(const SignatureInput& in) {
    if (!(std::isfinite(in.width) && std::isfinite(in.height)) || in.width <= 0 || in.height <= 0)
        return invalid("signature: the pad has no size");
    const int boxH = std::clamp(static_cast<int>(std::lround(kSignatureBox * in.height / in.width)),
                                1, 4 * kSignatureBox);
    const float sx = static_cast<float>(kSignatureBox) / in.width;
    const float sy = static_cast<float>(boxH) / in.height;
    size_t points = 0;
    for (const auto& stroke : in.strokes) points += stroke.size();
    if (points > kMaxSignaturePoints)
        return invalid("signature: too many points (" + std::to_string(points) + ", at most " +
                       std::to_string(kMaxSignaturePoints) + ")");

    std::string d;
    std::vector<std::pair<int, int>> distinct;  // up to two, to tell a signature from a dot
    for (const auto& stroke : in.strokes) {
        if (stroke.empty()) continue;
        bool started = false;
        int px = 0, py = 0;
        bool moved = false;
        for (const PadPoint& p : stroke) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                return invalid("signature: a point is not a number");
            const int x = std::clamp(static_cast<int>(std::lround(p.x * sx)), 0, kSignatureBox);
            const int y = std::clamp(static_cast<int>(std::lround(p.y * sy)), 0, boxH);
            if (distinct.size() < 2 &&
                std::find(distinct.begin(), distinct.end(), std::make_pair(x, y)) == distinct.end())
                distinct.emplace_back(x, y);
            if (!started) {
                d += 'M';
                appendNumber(d, x, true);
                appendNumber(d, y, false);
                started = true;
            } else {
                if (x == px && y == py) continue;  // the pen rested: nothing to draw
                if (!moved) {
                    d += 'l';
                    appendNumber(d, x - px, true);
                    moved = true;
                } else {
                    appendNumber(d, x - px, false);
                }
                appendNumber(d, y - py, false);
            }
            px = x;
            py = y;
        }
        if (!moved) d += "l0 0";  // a dot stays visible
    }
    if (distinct.size() < 2) return invalid("signature: nothing was drawn; please sign in the box");
    nlohmann::json j = {{"v", 1}, {"w", kSignatureBox}, {"h", boxH}, {"d", d}};
    std::string out = j.dump();
    if (out.size() > kMaxSignatureBytes) return invalid("signature: too long; please sign again");
    return out;
}

Result<SignatureStrokes> decodeSignature(std::string_view stored) {
    auto j = nlohmann::json::parse(stored.begin(), stored.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("v", 0) != 1 || !j.contains("d") ||
        !j["d"].is_string() || !j.contains("w") || !j["w"].is_number_integer() ||
        !j.contains("h") || !j["h"].is_number_integer())
        return invalid("signature: not a stored signature");
    SignatureStrokes out;
    out.width = j["w"].get<int>();
    out.height = j["h"].get<int>();
    const std::string d = j["d"].get<std::string>();
    size_t i = 0;
    auto number = [&](int& v) -> bool {
        while (i < d.size() && d[i] == ' ') ++i;
        const auto r = std::from_chars(d.data() + i, d.data() + d.size(), v);
        if (r.ec != std::errc()) return false;
        i = static_cast<size_t>(r.ptr - d.data());
        return true;
    };
    int x = 0, y = 0;
    char command = 0;
    while (i < d.size()) {
        while (i < d.size() && d[i] == ' ') ++i;
        if (i >= d.size()) break;
        if (d[i] == 'M' || d[i] == 'l') command = d[i++];
        if (command == 'M') {
            if (!number(x) || !number(y)) return invalid("signature: bad path data");
            out.strokes.push_back({{x, y}});
            command = 'l';  // pairs after a move are relative lines until the next command
            if (i < d.size() && d[i] != 'l' && d[i] != 'M')
                return invalid("signature: bad path data");
        } else if (command == 'l' && !out.strokes.empty()) {
            int dx = 0, dy = 0;
            if (!number(dx) || !number(dy)) return invalid("signature: bad path data");
            x += dx;
            y += dy;
            if (dx != 0 || dy != 0) out.strokes.back().emplace_back(x, y);
        } else {
            return invalid("signature: bad path data");
        }
    }
    return out;
}

}  // namespace fc::core
