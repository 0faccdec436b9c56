// A modal confirm dialog: a question, a message and two big answers. Everything behind it is
// blocked until it is answered; Escape answers no.
//
//   ConfirmDialog m_confirm;
//   if (button(ui, tr("customer.delete"))) m_confirm.open({.title = tr("customer.delete_q"),
//       .yes = tr("common.delete"), .no = tr("common.cancel"), .danger = true});
//   if (auto answer = m_confirm.draw(ui, "delete"); answer && *answer) remove();
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

struct ConfirmRequest {
    std::string title;
    std::string message;
    std::string yes;  // translated answers ("删除", "取消")
    std::string no;
    bool danger = false;  // the yes button is red
};

class ConfirmDialog {
public:
    void open(ConfirmRequest request);
    bool isOpen() const { return m_state != State::kClosed; }
    // Draws the dialog while open. Returns the answer on the frame it is given.
    std::optional<bool> draw(Ui& ui, std::string_view id);

private:
    enum class State { kClosed, kOpening, kOpen };
    State m_state = State::kClosed;
    ConfirmRequest m_request;
};

}  // namespace fc::ui
