// The sync status strip: online or offline, how many local changes are waiting, when the last
// sync succeeded and how many conflicts wait for a person. One line, always visible, colour-coded
// (green online, amber offline with changes waiting, grey when no hub is configured). At its right
// end, amber markers for what staff must fix even when everything is sent: the hub is reached
// over plain HTTP beyond this machine, or the hub's clock is wrong.
//
//   syncStrip(ui, SyncView{.state = SyncState::kOnline, .pending = 3, .lastSuccessMs = t});
#pragma once

#include <cstdint>
#include <string>

#include "kiosk/ui/ui.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::ui {

enum class SyncState {
    kNotConfigured,  // no hub: this device works alone
    kConnecting,     // started, no answer yet
    kOnline,         // the last exchange reached the hub
    kOffline,        // the last exchange failed; changes wait and are sent later
};

struct SyncView {
    SyncState state = SyncState::kNotConfigured;
    int64_t pending = 0;
    int64_t lastSuccessMs = 0;  // 0: never
    int64_t conflictsOpen = 0;
    std::string lastError;      // shown only in office mode (staff can act on it)
    bool unencrypted = false;   // plain HTTP to a hub beyond this machine (tls_pin.hpp)
    std::string clockProblem;   // the hub's clock is implausible (SyncStatus::clockProblem)
    bool operator==(const SyncView&) const = default;
};

// "14:05" (today) or "03-18 14:05" on the store's clock (not the machine's time zone).
std::string formatClockTime(int64_t ms, int64_t nowMs, const core::StoreTime& time = {});

void syncStrip(Ui& ui, const SyncView& view);

}  // namespace fc::ui
