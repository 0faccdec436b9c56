// The hub's certificate pin (issue 12, finding 13): the key hash of a known certificate, its
// fingerprint as people see it and as they type it, libcurl's form, the CODE@FINGERPRINT an
// enrolment code becomes, and which hub addresses send data in clear. The checks against a real
// hub over TLS are in tests/e2e/hub_tls_test.cpp.
#include "sync/net/tls_pin.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "shared/core/clock.hpp"
#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::sync {
namespace {

// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj /CN=forecourt-test
constexpr const char* kCertPem = R"(-----BEGIN CERTIFICATE-----
MIIBijCCAS+gAwIBAgIUCeXpq5JkRbxChsWFtJe8NKYw51YwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOZm9yZWNvdXJ0LXRlc3QwIBcNMjYxMjA2MDIyNDI1WhgPMjEy
NjExMTIwMjI0MjVaMBkxFzAVBgNVBAMMDmZvcmVjb3VydC10ZXN0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEY/eSlBEiRPHMSBxwlRcrWGGk2JrxwSx0H8ERvfQo
km+ctQghdvObUodr2WMV6Td7xaIkZtnEYto3/79TIBjAEaNTMFEwHQYDVR0OBBYE
FOoctAcSNNh4wS7fU6yAXcVp+J+1MB8GA1UdIwQYMBaAFOoctAcSNNh4wS7fU6yA
XcVp+J+1MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhANIyVKPk
NZlgvtppAuheU2f2EbBvgRIImmvIB1exP7ISAiEA1JZvZ2YlVm4nHAhu79lzB16o
dRA9c74Xw5HhR9kG1Y0=
-----END CERTIFICATE-----
)";
// openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256
constexpr const char* kKeySha256Hex = "d8dbb577ff7240bc1b5b0cd72c4e01d670309e29f98d638558dd196be087d2fd";
// base32 of its first 20 bytes (Python's base64.b32encode), in groups of 4
constexpr const char* kFingerprint = "3DN3-K577-OJAL-YG23-BTLS-YTQB-2ZYD-BHRJ";
constexpr const char* kCurlPin = "sha256//2Nu1d/9yQLwbWwzXLE4B1nAwnin5jWOFWN0Za+CH0v0=";

std::string hex(const std::string& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

// The same certificate in DER, decoded from the PEM's base64 here.
std::string derOf(const std::string& pem) {
    std::string b64;
    for (const char* p = pem.c_str() + pem.find('\n') + 1; *p && *p != '-'; ++p)
        if (*p != '\n') b64 += *p;
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    std::string out;
    uint32_t bits = 0;
    int have = 0;
    for (char c : b64) {
        const int v = value(c);
        if (v < 0) break;  // '=' padding
        bits = (bits << 6) | static_cast<uint32_t>(v);
        have += 6;
        if (have >= 8) {
            out += static_cast<char>((bits >> (have - 8)) & 0xFF);
            have -= 8;
        }
    }
    return out;
}

TEST(TlsPin, HashesTheCertificatesPublicKeyAsLibcurlDoes) {
    auto key = certificateKeySha256(kCertPem);
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_EQ(hex(*key), kKeySha256Hex);
    auto fromDer = certificateKeySha256(derOf(kCertPem));
    ASSERT_TRUE(fromDer.ok()) << fromDer.error().message;
    EXPECT_EQ(*fromDer, *key) << "PEM and DER are the same certificate";
    EXPECT_EQ(fingerprintOf(*key), kFingerprint);
    EXPECT_EQ(curlPinOf(*key), kCurlPin);

    test::TempDir dir;
    const std::string path = dir.file("hub.crt");
    std::ofstream(path) << kCertPem;
    auto fromFile = certificateFileKeySha256(path);
    ASSERT_TRUE(fromFile.ok()) << fromFile.error().message;
    EXPECT_EQ(*fromFile, *key);

    EXPECT_FALSE(certificateKeySha256("not a certificate").ok());
    EXPECT_FALSE(certificateKeySha256("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").ok());
    auto missing = certificateFileKeySha256(dir.file("nothing.crt"));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nothing.crt"), std::string::npos) << missing.error().message;
}

TEST(TlsPin, AFingerprintIsReadAsPeopleTypeIt) {
    EXPECT_EQ(parseFingerprint(kFingerprint).value(), kFingerprint);
    EXPECT_EQ(parseFingerprint("3dn3k577ojalyg23btlsytqb2zydbhrj").value(), kFingerprint) << "case, no dashes";
    EXPECT_EQ(parseFingerprint(" 3DN3 K577 OJAL YG23  BTLS-YTQB-2ZYD-BHRJ ").value(), kFingerprint) << "spaces";
    // Base32 has no 0, 1 or 8: a person who read O, I or B as a digit still gets it right.
    EXPECT_EQ(parseFingerprint("3DN3-K577-0JAL-YG23-8TLS-YTQB-2ZYD-BHRJ").value(), kFingerprint);
    EXPECT_EQ(parseFingerprint("AAAA-1111-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA").value(),
              "AAAA-IIII-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");

    auto tooShort = parseFingerprint("3DN3-K577-OJAL");
    ASSERT_FALSE(tooShort.ok());
    EXPECT_NE(tooShort.error().message.find("32"), std::string::npos) << tooShort.error().message;
    EXPECT_FALSE(parseFingerprint(std::string(kFingerprint) + "-AAAA").ok()) << "too long";
    auto badChar = parseFingerprint("3DN3-K577-OJAL-YG23-BTLS-YTQB-2ZYD-BHR9");
    ASSERT_FALSE(badChar.ok());
    EXPECT_NE(badChar.error().message.find("'9'"), std::string::npos) << badChar.error().message;
    EXPECT_FALSE(parseFingerprint("").ok());
}

TEST(TlsPin, AnotherKeyDoesNotMatchTheFingerprint) {
    const std::string key = certificateKeySha256(kCertPem).value();
    EXPECT_TRUE(fingerprintMatches(key, kFingerprint));
    EXPECT_TRUE(fingerprintMatches(key, "3dn3 k577 0jal yg23 btls ytqb 2zyd bhrj"));
    std::string other = key;
    other[19] = static_cast<char>(other[19] ^ 1);  // the last byte the fingerprint shows
    EXPECT_FALSE(fingerprintMatches(other, kFingerprint));
    EXPECT_NE(fingerprintOf(other), kFingerprint);
    std::string beyond = key;
    beyond[20] = static_cast<char>(beyond[20] ^ 1);  // past the fingerprint: only the pin sees it
    EXPECT_TRUE(fingerprintMatches(beyond, kFingerprint));
    EXPECT_NE(curlPinOf(beyond), curlPinOf(key));
    EXPECT_FALSE(fingerprintMatches(key, "not a fingerprint"));
    EXPECT_FALSE(fingerprintMatches(key.substr(0, 20), kFingerprint)) << "a key hash is 32 bytes";
}

TEST(TlsPin, TheEnrolmentCodeCarriesTheFingerprintAfterAnAt) {
    auto plain = splitEnrolmentCode(" 4821-0937-5562\n");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->code, "4821-0937-5562");
    EXPECT_EQ(plain->fingerprint, "");
    auto pinned = splitEnrolmentCode("4821-0937-5562@3dn3 k577 0jal yg23 btls ytqb 2zyd bhrj");
    ASSERT_TRUE(pinned.ok()) << pinned.error().message;
    EXPECT_EQ(pinned->code, "4821-0937-5562");
    EXPECT_EQ(pinned->fingerprint, kFingerprint);
    EXPECT_EQ(joinEnrolmentCode("4821-0937-5562", kFingerprint), std::string("4821-0937-5562@") + kFingerprint);
    EXPECT_EQ(joinEnrolmentCode("4821-0937-5562", ""), "4821-0937-5562");
    auto bad = splitEnrolmentCode("4821-0937-5562@3DN3");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("after '@'"), std::string::npos) << bad.error().message;
    EXPECT_FALSE(splitEnrolmentCode("@" + std::string(kFingerprint)).ok()) << "no code";
}

TEST(TlsPin, PlainHttpBeyondThisMachineIsTold) {
    for (const char* url : {"http://127.0.0.1:8787", "http://127.1.2.3", "http://localhost:8787/", "http://LOCALHOST",
                            "http://[::1]:8787", "http://[::ffff:127.0.0.1]:8787", "http://user@127.0.0.1:1"}) {
        EXPECT_TRUE(isLoopbackUrl(url)) << url;
        EXPECT_FALSE(plainHttpBeyondLoopback(url)) << url;
    }
    for (const char* url : {"http://10.0.0.5:8787", "http://192.168.1.10:8787", "HTTP://hub.local:8787",
                            "http://[fe80::1]:8787", "http://128.0.0.1", "http://127.0.0.1.example.com",
                            "http://localhost.example.com", "http://127.0.0.1@10.0.0.5:8787"}) {
        EXPECT_FALSE(isLoopbackUrl(url)) << url;
        EXPECT_TRUE(plainHttpBeyondLoopback(url)) << url;
    }
    EXPECT_FALSE(plainHttpBeyondLoopback("https://10.0.0.5:8787")) << "TLS";
    EXPECT_FALSE(plainHttpBeyondLoopback("inproc://hub")) << "no network";
    EXPECT_TRUE(isHttpsUrl("HTTPS://10.0.0.5"));
    EXPECT_FALSE(isHttpsUrl("http://10.0.0.5"));
    const std::string warning = plainHttpWarning("http://10.0.0.5:8787");
    EXPECT_NE(warning.find("http://10.0.0.5:8787"), std::string::npos);
    EXPECT_NE(warning.find("unencrypted"), std::string::npos);
    EXPECT_NE(warning.find("--cert/--key"), std::string::npos);
}

// The pin is kept with the token (migration 7) and every field survives a round trip.
TEST(TlsPin, TheDeviceKeepsThePinWithItsCredentials) {
    test::TempDir dir;
    core::SystemClock clock;
    core::InitOptions init;
    init.storeId = "store-1";
    init.deviceName = "tablet";
    init.role = core::DeviceRole::kOffice;
    auto services = core::StoreServices::init(dir.file("device.db"), clock, init);
    ASSERT_TRUE(services.ok()) << services.error().message;
    core::SyncState& sync = (*services)->store().syncState();
    EXPECT_EQ(sync.credentials().value().hubPin, "") << "never enrolled";
    ASSERT_TRUE(sync.setCredentials({"https://192.168.1.10:8787", "tok", kCurlPin}).ok());
    const core::HubCredentials c = sync.credentials().value();
    EXPECT_EQ(c.hubUrl, "https://192.168.1.10:8787");
    EXPECT_EQ(c.token, "tok");
    EXPECT_EQ(c.hubPin, kCurlPin);
    ASSERT_TRUE(sync.setCredentials({"http://127.0.0.1:8787", "tok2"}).ok());
    EXPECT_EQ(sync.credentials().value().hubPin, "") << "new credentials without a pin clear it";
}

}  // namespace
}  // namespace fc::sync
