#include "tests/sync/support/sim_transport.hpp"

namespace fc::sync::test {

Result<HttpResult> InProcessTransport::request(const std::string& method, const std::string& target,
                                               const std::string& body, const std::string& token) {
    ++requests;
    ApiRequest r;
    r.method = method;
    splitTarget(target, r.path, r.query);
    r.body = body;
    r.token = token;
    ApiResponse resp = m_api.handle(r);
    inlineFile(resp);
    return HttpResult{resp.status, std::move(resp.body)};
}

Result<HttpResult> FaultyTransport::request(const std::string& method, const std::string& target,
                                            const std::string& body, const std::string& token) {
    if (offline) return Error(core::Errc::kIo, "network unreachable (partition)");
    // A request held back earlier arrives now, out of order.
    if (m_held && m_rng.chance(0.5)) {
        (void)m_inner.request(m_held->method, m_held->target, m_held->body, m_held->token);
        m_held.reset();
    }
    if (!m_held && m_rng.chance(rates.delay)) {
        ++delayed;
        m_held = Held{method, target, body, token};
    }
    if (m_rng.chance(rates.dropRequest)) {
        ++dropped;
        return Error(core::Errc::kIo, "connection reset before the request arrived");
    }
    if (m_rng.chance(rates.duplicate)) {
        ++duplicated;
        (void)m_inner.request(method, target, body, token);  // delivered twice; the first answer is lost
    }
    auto r = m_inner.request(method, target, body, token);
    if (m_rng.chance(rates.loseResponse)) {
        ++lost;
        return Error(core::Errc::kIo, "timeout waiting for the response");
    }
    return r;
}

}  // namespace fc::sync::test
