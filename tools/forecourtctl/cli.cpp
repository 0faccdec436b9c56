#include "tools/forecourtctl/cli.hpp"

namespace fc::ctl {

Args::Args(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) m_words.emplace_back(argv[i]);
    m_used.assign(m_words.size(), false);
}

std::optional<std::string> Args::option(const std::string& name) {
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (m_used[i]) continue;
        const std::string& w = m_words[i];
        if (w == name) {
            m_used[i] = true;
            if (i + 1 >= m_words.size() || m_used[i + 1]) {
                if (!error) error = "option " + name + " needs a value";
                return std::nullopt;
            }
            m_used[i + 1] = true;
            return m_words[i + 1];
        }
        if (w.rfind(name + "=", 0) == 0) {
            m_used[i] = true;
            return w.substr(name.size() + 1);
        }
    }
    return std::nullopt;
}

bool Args::flag(const std::string& name) {
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (!m_used[i] && m_words[i] == name) {
            m_used[i] = true;
            return true;
        }
    }
    return false;
}

std::optional<std::string> Args::next() {
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (m_used[i]) continue;
        if (m_words[i].size() > 1 && m_words[i][0] == '-') continue;  // reported as leftover
        m_used[i] = true;
        return m_words[i];
    }
    return std::nullopt;
}

std::optional<std::string> Args::leftoverError() {
    if (error) return error;
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (m_used[i]) continue;
        if (m_words[i].size() > 1 && m_words[i][0] == '-') return "unknown option " + m_words[i];
        return "unexpected argument '" + m_words[i] + "'";
    }
    return std::nullopt;
}

}  // namespace fc::ctl
