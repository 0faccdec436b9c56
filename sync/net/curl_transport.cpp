#include "sync/net/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sync/net/tls_pin.hpp"

namespace fc::sync {

namespace {

std::string mib(uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

struct GlobalInit {
    GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

// The long-poll wait a target asks for ("…&wait=25000"), so the timeout can allow for it.
long waitIn(const std::string& target) {
    const size_t p = target.find("wait=");
    if (p == std::string::npos) return 0;
    return std::strtol(target.c_str() + p + 5, nullptr, 10);
}

}  // namespace

// The write callback's state: the answer goes into `body` or `file`, never past `cap` bytes (as
// decoded). For a download the cap is decided when the first bytes arrive, from the status and
// the announced length.
struct CurlTransport::Sink {
    std::string* body = nullptr;
    std::FILE* file = nullptr;
    uint64_t cap = 0;          // for answers other than a download's 200
    uint64_t downloadCap = 0;  // a download's 200 answer
    bool download = false;
    CURL* curl = nullptr;
    bool started = false;
    uint64_t written = 0;
    std::string refused;       // why the answer was cut off

    static size_t write(char* data, size_t size, size_t n, void* self) {
        return static_cast<Sink*>(self)->take(data, size * n);
    }
    size_t take(const char* data, size_t bytes) {
        if (!started) {
            started = true;
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            if (download && status == 200) cap = downloadCap;
            curl_off_t announced = -1;
            curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
            if (announced > 0 && static_cast<uint64_t>(announced) > cap) {
                refused = "the hub announced " + mib(static_cast<uint64_t>(announced)) + ", more than the " +
                          mib(cap) + " this device takes";
                return 0;
            }
        }
        if (bytes > cap - written) {
            refused = "the hub's answer is larger than the " + mib(cap) + " this device takes";
            return 0;  // libcurl stops the transfer (CURLE_WRITE_ERROR)
        }
        written += bytes;
        if (file) return std::fwrite(data, 1, bytes, file) == bytes ? bytes : 0;
        body->append(data, bytes);
        return bytes;
    }
};

CurlTransport::CurlTransport(std::string baseUrl, CurlOptions options)
    : m_base(std::move(baseUrl)), m_options(std::move(options)) {
    static GlobalInit init;
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    m_curl = curl_easy_init();
}

CurlTransport::~CurlTransport() {
    if (m_curl) curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

Result<long> CurlTransport::perform(const std::string& method, const std::string& target,
                                    const std::string& body, const std::string& token, Sink& sink,
                                    bool stream) {
    CURL* c = static_cast<CURL*>(m_curl);
    if (!c) return Error(core::Errc::kIo, "libcurl could not start");
    if (m_cancelled) return Error(core::Errc::kIo, "cancelled");
    curl_easy_reset(c);  // keeps the connection cache: keep-alive survives
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &m_cancelled);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION,
                     +[](void* cancelled, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
                         return static_cast<std::atomic<bool>*>(cancelled)->load() ? 1 : 0;
                     });
    const std::string url = m_base + target;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    // gzip/deflate answers. Not "" (every encoding libcurl has): that offers br, which the hub
    // (cpp-httplib with brotli) prefers and runs at quality 11, ~6x slower than gzip per page.
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    if (stream) {
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, m_options.timeoutMs / 1000));
    } else {
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, m_options.timeoutMs + waitIn(target));
    }
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    // Answers are decoded (gzip) by libcurl before the write callback, which counts them: a
    // small compressed answer cannot inflate beyond the cap. An announced length beyond it is
    // refused before the body is read.
    sink.curl = c;
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Sink::write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!m_options.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, m_options.caFile.c_str());
    if (!m_options.verifyPeer) curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    if (!m_options.pinnedPublicKey.empty()) {
        // The key pinned at enrolment is the trust: no CA signed a store hub's certificate, and
        // its name is an address. libcurl still refuses any other key before a byte is sent.
        if (!isHttpsUrl(m_base))
            return Error(core::Errc::kPermission,
                         "this device pinned its hub's certificate at enrolment: it does not talk plain HTTP to " +
                             m_base);
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, m_options.pinnedPublicKey.c_str());
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    struct curl_slist* headers = nullptr;
    const std::string auth = "Authorization: Bearer " + token;
    if (!token.empty()) headers = curl_slist_append(headers, auth.c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    } else if (method != "GET") {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (!sink.refused.empty())
        return Error(core::Errc::kIo, method + " " + target.substr(0, target.find('?')) + ": " + sink.refused);
    if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
        return Error(core::Errc::kPermission,
                     "the hub at " + m_base + " shows a certificate key other than the one this device enrolled "
                     "with: someone may be in between. Nothing was sent. If the hub really has a new "
                     "certificate, enrol this device again with its new fingerprint");
    if (rc != CURLE_OK)
        return Error(core::Errc::kIo, method + " " + target.substr(0, target.find('?')) + ": " +
                                          curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

Result<HttpResult> CurlTransport::request(const std::string& method, const std::string& target,
                                          const std::string& body, const std::string& token) {
    std::lock_guard lock(m_mutex);
    std::string response;
    Sink sink;
    sink.body = &response;
    sink.cap = m_options.maxResponseBytes;
    FC_ASSIGN(long status, perform(method, target, body, token, sink, false));
    return HttpResult{static_cast<int>(status), std::move(response)};
}

Result<HttpResult> CurlTransport::download(const std::string& target, const std::string& token,
                                           const std::string& path) {
    std::lock_guard lock(m_mutex);
    // Room for the file and, after it, its copy into the database.
    std::error_code ec;
    const auto dir = std::filesystem::absolute(path, ec).parent_path();
    const auto space = std::filesystem::space(dir.empty() ? std::filesystem::path(".") : dir, ec);
    uint64_t diskCap = UINT64_MAX;
    if (!ec) diskCap = space.available > m_options.snapshotReserveBytes
                           ? (space.available - m_options.snapshotReserveBytes) / 2
                           : 0;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Error(core::Errc::kIo, "cannot write '" + path + "'");
    Sink sink;
    sink.file = f;
    sink.download = true;
    sink.cap = 64u << 10;  // an error answer is a small JSON
    sink.downloadCap = std::min(m_options.maxSnapshotBytes, diskCap);
    auto status = perform("GET", target, "", token, sink, true);
    const bool flushed = std::fclose(f) == 0;
    if (!status) {
        if (!sink.refused.empty() && sink.downloadCap == diskCap)
            return status.error().context("snapshot (free disk space limits it to " + mib(diskCap) + ")");
        return status.error();
    }
    if (!flushed) return Error(core::Errc::kIo, "cannot write '" + path + "'");
    HttpResult out{static_cast<int>(*status), {}};
    if (out.status != 200) {  // an error answer: hand its JSON back like request() does
        std::ifstream in(path, std::ios::binary);
        out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

Result<std::string> peerCertificatePem(const std::string& baseUrl, const std::string& target,
                                       const CurlOptions& options) {
    static GlobalInit init;
    if (!isHttpsUrl(baseUrl)) return core::invalid("a certificate is read from an https:// address, not " + baseUrl);
    std::string base = baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    CURL* c = curl_easy_init();
    if (!c) return Error(core::Errc::kIo, "libcurl could not start");
    const std::string url = base + target;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMs);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeoutMs);
    // Not trusted yet: this is how the key is read so that a person's fingerprint can judge it.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(c, CURLOPT_CERTINFO, 1L);
    std::string body;
    CurlTransport::Sink sink;
    sink.body = &body;
    sink.cap = 64u << 10;
    sink.curl = c;
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &CurlTransport::Sink::write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    const CURLcode rc = curl_easy_perform(c);
    std::string pem;
    struct curl_certinfo* info = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_CERTINFO, &info) == CURLE_OK && info && info->num_of_certs > 0)
        for (const curl_slist* f = info->certinfo[0]; f; f = f->next)
            if (std::strncmp(f->data, "Cert:", 5) == 0) pem = f->data + 5;
    curl_easy_cleanup(c);
    if (pem.empty()) {
        const std::string why = rc != CURLE_OK ? curl_easy_strerror(rc) : "it showed no certificate";
        return Error(core::Errc::kIo, "cannot read the certificate of " + base + ": " + why);
    }
    return pem;
}

}  // namespace fc::sync
