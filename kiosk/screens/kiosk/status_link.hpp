// The link on the kiosk's queue ticket (as a QR code): the visit's status page, which the hub will
// serve at /v/<status token>. The token is random and carries no personal data; nothing else goes
// into the link. This is the only place that knows the link's shape.
//
//   statusLink("http://hub.local:8443/", "q7Tz…")  → "http://hub.local:8443/v/q7Tz…"
//   statusLink("", "q7Tz…")                        → "http://forecourt.local/v/q7Tz…"
#pragma once

#include <string>
#include <string_view>

namespace fc::ui {

// Where the link points when this device is not enrolled with a hub: the store's own name on the
// shop network.
inline constexpr std::string_view kStatusLinkFallbackBase = "http://forecourt.local";
inline constexpr std::string_view kStatusLinkPath = "/v/";

inline std::string statusLink(std::string_view hubUrl, std::string_view statusToken) {
    std::string base(hubUrl.empty() ? kStatusLinkFallbackBase : hubUrl);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + std::string(kStatusLinkPath) + std::string(statusToken);
}

}  // namespace fc::ui
