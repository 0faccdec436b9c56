#include "sync/net/tls_pin.hpp"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

namespace fc::sync {

namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kFingerprintChars = kFingerprintBytes * 8 / 5;  // 32

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

// [SECTION] the key and its forms

Result<std::string> certificateKeySha256(std::string_view pemOrDer) {
    std::unique_ptr<X509, X509Free> cert;
    if (pemOrDer.find("-----BEGIN") != std::string_view::npos) {
        BIO* bio = BIO_new_mem_buf(pemOrDer.data(), static_cast<int>(pemOrDer.size()));
        if (!bio) return core::internal("OpenSSL could not read the certificate");
        cert.reset(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(pemOrDer.data());
        cert.reset(d2i_X509(nullptr, &p, static_cast<long>(pemOrDer.size())));
    }
    if (!cert) return core::invalid("not a certificate (PEM or DER)");
    // The DER SubjectPublicKeyInfo, as libcurl hashes it for CURLOPT_PINNEDPUBLICKEY.
    unsigned char* der = nullptr;
    const int n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &der);
    if (n <= 0 || !der) return core::invalid("the certificate has no readable public key");
    unsigned char hash[SHA256_DIGEST_LENGTH];
    SHA256(der, static_cast<size_t>(n), hash);
    OPENSSL_free(der);
    return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

Result<std::string> certificateFileKeySha256(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Error(core::Errc::kIo, "cannot read the certificate '" + path + "'");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto key = certificateKeySha256(text);
    if (!key) return key.error().context("'" + path + "'");
    return key;
}

std::string fingerprintOf(std::string_view keySha256) {
    std::string out;
    uint32_t bits = 0;
    int have = 0;
    for (size_t i = 0; i < kFingerprintBytes && i < keySha256.size(); ++i) {
        bits = (bits << 8) | static_cast<unsigned char>(keySha256[i]);
        have += 8;
        while (have >= 5) {
            if (!out.empty() && out.size() % 5 == 4) out += '-';
            out += kBase32[(bits >> (have - 5)) & 31];
            have -= 5;
        }
    }
    return out;  // 20 bytes are 160 bits: no bits left over
}

Result<std::string> parseFingerprint(std::string_view typed) {
    std::string letters;
    for (char c : typed) {
        if (c == '-' || c == ' ' || c == '\t') continue;
        c = upper(c);
        if (c == '0') c = 'O';
        if (c == '1') c = 'I';
        if (c == '8') c = 'B';
        if (!std::strchr(kBase32, c) || c == '\0')
            return core::invalid("'" + std::string(1, c) +
                                 "' is not in a certificate fingerprint (letters A–Z and digits 2–7)");
        letters += c;
    }
    if (letters.size() != kFingerprintChars)
        return core::invalid("a certificate fingerprint has 32 letters and digits (8 groups of 4); this one has " +
                             std::to_string(letters.size()));
    std::string out;
    for (size_t i = 0; i < letters.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += letters[i];
    }
    return out;
}

std::string curlPinOf(std::string_view keySha256) {
    std::string b64(4 * ((keySha256.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                                  reinterpret_cast<const unsigned char*>(keySha256.data()),
                                  static_cast<int>(keySha256.size()));
    b64.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return "sha256//" + b64;
}

bool fingerprintMatches(std::string_view keySha256, std::string_view fingerprint) {
    auto parsed = parseFingerprint(fingerprint);
    return keySha256.size() == 32 && parsed && fingerprintOf(keySha256) == *parsed;
}

// [SECTION] the enrolment code

Result<EnrolmentCode> splitEnrolmentCode(std::string_view typed) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
            s.remove_suffix(1);
        return s;
    };
    EnrolmentCode out;
    const size_t at = typed.find('@');
    out.code = std::string(trim(typed.substr(0, at)));
    if (out.code.empty()) return core::invalid("the enrolment code is empty");
    if (at != std::string_view::npos) {
        auto fp = parseFingerprint(typed.substr(at + 1));
        if (!fp) return fp.error().context("the part after '@' in the enrolment code");
        out.fingerprint = std::move(fp).value();
    }
    return out;
}

std::string joinEnrolmentCode(const std::string& code, const std::string& fingerprint) {
    return fingerprint.empty() ? code : code + "@" + fingerprint;
}

// [SECTION] plain HTTP

namespace {

// The scheme (lower case) and host (lower case, without brackets, port or user) of a URL.
std::pair<std::string, std::string> schemeAndHost(std::string_view url) {
    const size_t sep = url.find("://");
    if (sep == std::string_view::npos) return {};
    std::string scheme(url.substr(0, sep));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    std::string_view authority = url.substr(sep + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const size_t userEnd = authority.rfind('@'); userEnd != std::string_view::npos)
        authority.remove_prefix(userEnd + 1);
    std::string_view host;
    if (!authority.empty() && authority.front() == '[') {
        const size_t close = authority.find(']');
        host = authority.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    std::string h(host);
    std::transform(h.begin(), h.end(), h.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (!h.empty() && h.back() == '.') h.pop_back();  // "localhost." is localhost
    return {scheme, h};
}

}  // namespace

bool isHttpsUrl(std::string_view url) { return schemeAndHost(url).first == "https"; }

bool isLoopbackUrl(std::string_view url) {
    const std::string host = schemeAndHost(url).second;
    if (host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        if (std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0) return true;
        // ::ffff:127.x.x.x
        static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        const auto* b = reinterpret_cast<const unsigned char*>(&v6);
        return std::memcmp(b, kMapped, sizeof kMapped) == 0 && b[12] == 127;
    }
    return false;
}

bool plainHttpBeyondLoopback(std::string_view url) {
    return schemeAndHost(url).first == "http" && !isLoopbackUrl(url);
}

std::string plainHttpWarning(std::string_view url) {
    return "warning: " + std::string(url) +
           " is plain HTTP beyond this machine: the device's token and customer data cross the network "
           "unencrypted, and anyone on the network can pose as the hub. Start the hub with --cert/--key "
           "and enrol with its certificate fingerprint (CODE@FINGERPRINT from `forecourtctl hub-code`).";
}

}  // namespace fc::sync
