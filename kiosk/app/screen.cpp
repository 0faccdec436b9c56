#include "kiosk/app/screen.hpp"

namespace fc::ui {

void Router::push(std::unique_ptr<Screen> screen) {
    auto shared = std::make_shared<std::unique_ptr<Screen>>(std::move(screen));
    m_pending.push_back([this, shared] {
        if (Screen* t = top()) t->onHide();
        m_stack.push_back(std::move(*shared));
        m_serials.push_back(++m_nextSerial);
        m_stack.back()->onShow();
    });
}

void Router::pop() {
    m_pending.push_back([this] {
        if (m_stack.size() <= 1) return;
        m_stack.back()->onHide();
        m_stack.pop_back();
        m_serials.pop_back();
        m_stack.back()->onShow();
    });
}

void Router::popToRoot() {
    m_pending.push_back([this] {
        if (m_stack.size() <= 1) return;
        m_stack.back()->onHide();
        m_stack.resize(1);
        m_serials.resize(1);
        m_stack.back()->onShow();
    });
}

void Router::replaceRoot(std::unique_ptr<Screen> screen) {
    auto shared = std::make_shared<std::unique_ptr<Screen>>(std::move(screen));
    m_pending.push_back([this, shared] {
        if (Screen* t = top()) t->onHide();
        m_stack.clear();
        m_serials.clear();
        m_stack.push_back(std::move(*shared));
        m_serials.push_back(++m_nextSerial);
        m_stack.back()->onShow();
    });
}

bool Router::apply() {
    if (m_pending.empty()) return false;
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& op : pending) op();
    return true;
}

}  // namespace fc::ui
