// HTTPS with the store hub's own certificate, pinned at enrolment (issue 12, finding 13): the real
// forecourt-hub started with --cert/--key prints its certificate's fingerprint, `forecourtctl
// hub-code` joins it to the code, and `forecourtctl enroll` checks the hub's key against it before
// anything is sent. A device then syncs with nothing but the pin (no CA file), a wrong fingerprint
// is refused with the code left unused, a hub that comes back with another key gets nothing, and
// plain HTTP beyond this machine is warned about. Every address used is 127.0.0.1: the
// beyond-loopback cases never connect (the CLI refuses before it does).
//
//   build/debug/bin/fc_e2e_tests --gtest_filter='HubTls.*'
#include <gtest/gtest.h>
#include <signal.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "shared/core/clock.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/services.hpp"
#include "sync/client.hpp"
#include "sync/net/curl_transport.hpp"
#include "sync/net/tls_pin.hpp"
#include "tests/e2e/support/hub.hpp"
#include "tests/support/test_store.hpp"

namespace fc::sync {
namespace {

using fc::test::ctl;
using fc::test::HubProcess;
using fc::test::systemClock;
using fc::test::TempDir;

// A self-signed certificate for 127.0.0.1 with a new key (as sync_e2e_test's TLS test makes it).
bool makeCertificate(const TempDir& dir, const std::string& name) {
    auto gen = fc::test::runProcess({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                     dir.file(name + ".key"), "-out", dir.file(name + ".crt"), "-days", "2", "-subj",
                                     "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
                                    dir.file("openssl-" + name));
    return gen.ok() && gen->status.exitedWith(0);
}

// The hub's --cert and --key for a certificate made by makeCertificate.
std::vector<std::string> certArgs(const TempDir& dir, const std::string& cert) {
    return {"--cert", dir.file(cert + ".crt"), "--key", dir.file(cert + ".key")};
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string fingerprintOfFile(const std::string& cert) {
    auto key = certificateFileKeySha256(cert);
    return key ? fingerprintOf(*key) : "";
}

class HubTls : public ::testing::Test {
protected:
    void SetUp() override {
        if (!makeCertificate(dir, "a") || !makeCertificate(dir, "b"))
            GTEST_SKIP() << "openssl could not make a certificate";
    }
    // `forecourtctl hub-code`: stdout is the bare code alone; stderr has CODE@FINGERPRINT.
    std::string code(const std::string& role = "office") {
        auto r = ctl(dir, {"--db", dir.file("hub.db"), "hub-code", "--role", role});
        EXPECT_TRUE(r.ok() && r->status.exitedWith(0)) << (r ? r->err : r.error().message);
        return r ? firstLine(r->out) : "";
    }
    TempDir dir;
};

TEST_F(HubTls, TheHubPrintsItsFingerprintAndHubCodeJoinsIt) {
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start(certArgs(dir, "a")));
    EXPECT_EQ(hub.fingerprint(), fingerprintOfFile(dir.file("a.crt")));
    auto r = ctl(dir, {"--db", hub.db(), "hub-code", "--role", "kiosk"});
    ASSERT_OK(r);
    ASSERT_TRUE(r->status.exitedWith(0)) << r->err;
    const std::string bare = firstLine(r->out);
    EXPECT_EQ(r->out, bare + "\n") << "stdout is the bare code alone (tools/run reads it)";
    EXPECT_EQ(bare.size(), 14u) << bare;
    EXPECT_NE(r->err.find(bare + "@" + hub.fingerprint()), std::string::npos) << r->err;
    ASSERT_OK(hub.stop());

    // Started again without TLS: no code carries the old fingerprint.
    ASSERT_OK(hub.start());
    auto plain = ctl(dir, {"--db", hub.db(), "hub-code", "--role", "kiosk"});
    ASSERT_OK(plain);
    EXPECT_EQ(plain->err.find('@'), std::string::npos) << plain->err;
}

TEST_F(HubTls, TheRightFingerprintEnrolsAndSyncsWithOnlyThePin) {
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start(certArgs(dir, "a")));
    ASSERT_EQ(hub.url().rfind("https://127.0.0.1:", 0), 0u) << hub.url();
    // Typed the way a person might: lower case, spaces, a zero for an O.
    std::string typed = hub.fingerprint();
    for (char& c : typed)
        c = c == '-' ? ' ' : c == 'O' ? '0' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string device = dir.file("device.db");
    auto enrolled = ctl(dir, {"--db", device, "enroll", "--hub", hub.url(), "--code", code() + "@" + typed, "--name",
                              "前台电脑"});
    ASSERT_OK(enrolled);
    ASSERT_TRUE(enrolled->status.exitedWith(0)) << enrolled->err;
    EXPECT_EQ(enrolled->err.find("warning"), std::string::npos) << enrolled->err;

    {
        auto services = core::StoreServices::open(device, systemClock());
        ASSERT_OK(services);
        const core::HubCredentials c = (*services)->store().syncState().credentials().value();
        EXPECT_EQ(c.hubUrl, hub.url());
        EXPECT_EQ(c.hubPin, curlPinOf(certificateFileKeySha256(dir.file("a.crt")).value()));
        ASSERT_OK((*services)->get<core::CustomerService>().createCustomer({.name = "周杰", .phones = {"13700137000"}}));
        // The device's own transport, with only the pin: no CA file, no system CA vouches for it.
        CurlTransport http(c.hubUrl, CurlOptions{.pinnedPublicKey = c.hubPin});
        SyncClient client(**services, http);
        auto r = client.exchange();
        ASSERT_OK(r);
        EXPECT_GE(r->pushed, 1u);
        // Without the pin the same hub is not trusted (its certificate is its own).
        CurlTransport untrusting(c.hubUrl);
        EXPECT_FALSE(untrusting.request("GET", "/v1/health", "", "").ok());
    }
    auto synced = ctl(dir, {"--db", device, "sync"});
    ASSERT_OK(synced);
    EXPECT_TRUE(synced->status.exitedWith(0)) << synced->err;
    EXPECT_EQ(synced->err.find("warning"), std::string::npos) << synced->err;
    ASSERT_OK(hub.stop());
}

TEST_F(HubTls, AWrongFingerprintIsRefusedWithNothingSent) {
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start(certArgs(dir, "a")));
    const std::string c = code();
    const std::string other = fingerprintOfFile(dir.file("b.crt"));
    ASSERT_NE(other, hub.fingerprint());
    const std::string device = dir.file("device.db");
    auto refused = ctl(dir, {"--db", device, "enroll", "--hub", hub.url(), "--code", c + "@" + other, "--name", "x"});
    ASSERT_OK(refused);
    EXPECT_TRUE(refused->status.exitedWith(1)) << refused->status.describe();
    EXPECT_NE(refused->err.find("the hub's certificate fingerprint is " + hub.fingerprint() + ", the code says " + other),
              std::string::npos)
        << refused->err;
    EXPECT_NE(refused->err.find("someone may be in between"), std::string::npos) << refused->err;
    EXPECT_FALSE(std::filesystem::exists(device)) << "nothing was set up for a hub that was not trusted";

    // --fingerprint apart from the code is checked the same way.
    auto refusedToo = ctl(dir, {"--db", device, "enroll", "--hub", hub.url(), "--code", c, "--fingerprint", other,
                                "--name", "x"});
    ASSERT_OK(refusedToo);
    EXPECT_TRUE(refusedToo->status.exitedWith(1)) << refusedToo->err;

    // The code was never sent: it still enrols, with the right fingerprint.
    auto enrolled = ctl(dir, {"--db", device, "enroll", "--hub", hub.url(), "--code", c, "--fingerprint",
                              hub.fingerprint(), "--name", "x"});
    ASSERT_OK(enrolled);
    EXPECT_TRUE(enrolled->status.exitedWith(0)) << enrolled->err;
    ASSERT_OK(hub.stop());
}

TEST_F(HubTls, AHubWithAnotherKeyGetsNothing) {
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start(certArgs(dir, "a")));
    const std::string device = dir.file("device.db");
    auto enrolled = ctl(dir, {"--db", device, "enroll", "--hub", hub.url(), "--code", code() + "@" + hub.fingerprint(),
                              "--name", "x"});
    ASSERT_OK(enrolled);
    ASSERT_TRUE(enrolled->status.exitedWith(0)) << enrolled->err;
    ASSERT_OK(hub.stop());

    // The same hub database behind another key (a new certificate, or someone posing as the hub).
    ASSERT_OK(hub.start(certArgs(dir, "b")));
    EXPECT_EQ(hub.fingerprint(), fingerprintOfFile(dir.file("b.crt")));
    auto synced = ctl(dir, {"--db", device, "sync", "--hub", hub.url()});
    ASSERT_OK(synced);
    EXPECT_TRUE(synced->status.exitedWith(1)) << synced->out;
    EXPECT_NE(synced->err.find("certificate key other than the one this device enrolled with"), std::string::npos)
        << synced->err;
    EXPECT_NE(synced->err.find("enrol this device again"), std::string::npos) << synced->err;

    // libcurl enforces the pin with peer and host checks off: a wrong pin gets no answer.
    auto services = core::StoreServices::open(device, systemClock());
    ASSERT_OK(services);
    const std::string pin = (*services)->store().syncState().credentials().value().hubPin;
    CurlTransport pinned(hub.url(), CurlOptions{.pinnedPublicKey = pin});
    auto health = pinned.request("GET", "/v1/health", "", "");
    ASSERT_FALSE(health.ok());
    EXPECT_EQ(health.error().code, core::Errc::kPermission) << health.error().message;
    {
        CurlTransport rightPin(
            hub.url(), CurlOptions{.pinnedPublicKey = curlPinOf(certificateFileKeySha256(dir.file("b.crt")).value())});
        auto ok = rightPin.request("GET", "/v1/health", "", "");
        ASSERT_OK(ok);
        EXPECT_EQ(ok->status, 200);
    }  // hung up before the hub stops (it would wait out an idle keep-alive connection)
    ASSERT_OK(hub.stop());
}

// The warning for plain HTTP beyond this machine, from the CLI, without connecting anywhere but
// 127.0.0.1: a fingerprint with an http:// address, and a pinned device told to use http://, are
// both refused before any connection.
TEST_F(HubTls, PlainHttpBeyondLoopbackIsWarnedAboutLoudly) {
    const std::string fp = fingerprintOfFile(dir.file("a.crt"));
    auto enrol = ctl(dir, {"--db", dir.file("far.db"), "enroll", "--hub", "http://10.20.30.40:8787", "--code",
                           "1234-5678-9012@" + fp, "--name", "x"});
    ASSERT_OK(enrol);
    EXPECT_TRUE(enrol->status.exitedWith(1)) << enrol->err;
    EXPECT_NE(enrol->err.find("warning: http://10.20.30.40:8787 is plain HTTP"), std::string::npos) << enrol->err;
    EXPECT_NE(enrol->err.find("unencrypted"), std::string::npos) << enrol->err;
    EXPECT_NE(enrol->err.find("not an https:// address"), std::string::npos) << enrol->err;

    // A plain HTTP hub on this machine: enrolment works and nothing is warned about.
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start(certArgs(dir, "a")));
    const std::string pinnedDevice = dir.file("pinned.db");
    auto pinned = ctl(dir, {"--db", pinnedDevice, "enroll", "--hub", hub.url(), "--code",
                            code() + "@" + hub.fingerprint(), "--name", "x"});
    ASSERT_OK(pinned);
    ASSERT_TRUE(pinned->status.exitedWith(0)) << pinned->err;
    ASSERT_OK(hub.stop());
    ASSERT_OK(hub.start());
    auto local = ctl(dir, {"--db", dir.file("local.db"), "enroll", "--hub", hub.url(), "--code", code(), "--name", "y"});
    ASSERT_OK(local);
    EXPECT_TRUE(local->status.exitedWith(0)) << local->err;
    EXPECT_EQ(local->err.find("warning"), std::string::npos) << local->err;

    // A pinned device pointed at plain HTTP: warned, and it does not talk.
    auto downgraded = ctl(dir, {"--db", pinnedDevice, "sync", "--hub", "http://10.20.30.40:8787"});
    ASSERT_OK(downgraded);
    EXPECT_TRUE(downgraded->status.exitedWith(1)) << downgraded->err;
    EXPECT_NE(downgraded->err.find("warning: http://10.20.30.40:8787 is plain HTTP"), std::string::npos)
        << downgraded->err;
    EXPECT_NE(downgraded->err.find("does not talk plain HTTP"), std::string::npos) << downgraded->err;
    ASSERT_OK(hub.stop());
}

}  // namespace
}  // namespace fc::sync
