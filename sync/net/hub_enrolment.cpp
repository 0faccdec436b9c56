#include "sync/net/hub_enrolment.hpp"

#include "sync/net/tls_pin.hpp"

namespace fc::sync {

Result<std::string> pinHubCertificate(const std::string& hubUrl, const std::string& fingerprint,
                                      const CurlOptions& options) {
    FC_ASSIGN(const std::string expected, parseFingerprint(fingerprint));
    FC_ASSIGN(const std::string pem, peerCertificatePem(hubUrl, "/v1/health", options));
    FC_ASSIGN(const std::string key, certificateKeySha256(pem));
    if (fingerprintOf(key) != expected)
        return Error(core::Errc::kPermission,
                     "the hub's certificate fingerprint is " + fingerprintOf(key) + ", the code says " + expected +
                         ": someone may be in between. Nothing was sent; check the fingerprint forecourt-hub "
                         "printed when it started");
    return curlPinOf(key);
}

Result<Enrolled> enrolWithHub(const std::string& dbPath, const core::Clock& clock, const std::string& hubUrl,
                              const std::string& enrolmentCode, const std::string& name,
                              const std::string& fingerprint, const CurlOptions& options) {
    FC_ASSIGN(EnrolmentCode typed, splitEnrolmentCode(enrolmentCode));
    if (!fingerprint.empty()) {
        FC_ASSIGN(const std::string given, parseFingerprint(fingerprint));
        if (!typed.fingerprint.empty() && typed.fingerprint != given)
            return core::invalid("the code carries the fingerprint " + typed.fingerprint + " but " + given +
                                 " was given too: use one");
        typed.fingerprint = given;
    }
    CurlOptions pinned = options;
    if (!typed.fingerprint.empty()) {
        if (!isHttpsUrl(hubUrl))
            return core::invalid("the enrolment code carries the hub's certificate fingerprint, but " + hubUrl +
                                 " is not an https:// address");
        FC_ASSIGN(pinned.pinnedPublicKey, pinHubCertificate(hubUrl, typed.fingerprint, options));
    }
    CurlTransport http(hubUrl, pinned);
    return enrolDevice(dbPath, clock, http, hubUrl, typed.code, name, pinned.pinnedPublicKey);
}

}  // namespace fc::sync
