// The store hub's certificate as a device pins it. A store's hub has no public name and no CA
// vouches for its certificate, so a device trusts the hub's public key itself: the SHA-256 of the
// certificate's DER SubjectPublicKeyInfo. People see its first 20 bytes as a fingerprint (base32,
// RFC 4648 alphabet, 8 groups of 4: forecourt-hub prints it, `forecourtctl hub-code` joins it to
// the code as CODE@FINGERPRINT); libcurl gets all 32 bytes as "sha256//BASE64"
// (CURLOPT_PINNEDPUBLICKEY). Also here: whether a hub address sends data in clear beyond this
// machine.
//
//   FC_ASSIGN(std::string key, certificateFileKeySha256("hub.crt"));
//   fingerprintOf(key) → "K7QW-2MZD-…";  curlPinOf(key) → "sha256//q1w2…=";
//   FC_ASSIGN(EnrolmentCode c, splitEnrolmentCode("4821-0937-5562@k7qw 2mzd …"));
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace fc::sync {

using core::Result;

// [SECTION] the key and its forms
// The SHA-256 (32 raw bytes) of the public key in a certificate given as PEM or DER.
Result<std::string> certificateKeySha256(std::string_view pemOrDer);
Result<std::string> certificateFileKeySha256(const std::string& path);

constexpr size_t kFingerprintBytes = 20;  // of the SHA-256: 160 bits, 32 base32 characters
// "K7QW-2MZD-…" (39 characters) from the 32-byte key hash.
std::string fingerprintOf(std::string_view keySha256);
// A fingerprint as a person typed or scanned it, in the form fingerprintOf() writes. Case, spaces
// and dashes do not matter, and the digits people put for look-alike letters are taken as those
// letters (0 → O, 1 → I, 8 → B: base32 has no 0, 1 or 8).
Result<std::string> parseFingerprint(std::string_view typed);
// libcurl's pin of the key: "sha256//" + base64 of all 32 bytes.
std::string curlPinOf(std::string_view keySha256);
// Whether the key hash's first 20 bytes are the (parsed) fingerprint.
bool fingerprintMatches(std::string_view keySha256, std::string_view fingerprint);

// [SECTION] the enrolment code
// What a person types or scans on the device: the hub's one-time code, and after '@' the hub's
// certificate fingerprint when the hub serves HTTPS.
struct EnrolmentCode {
    std::string code;         // "4821-0937-5562" (as typed, trimmed)
    std::string fingerprint;  // parsed; empty when the code carries none
};
Result<EnrolmentCode> splitEnrolmentCode(std::string_view typed);
std::string joinEnrolmentCode(const std::string& code, const std::string& fingerprint);

// [SECTION] plain HTTP
bool isHttpsUrl(std::string_view url);  // the scheme is https (any case)
// The host of a URL is this machine: 127.0.0.0/8, ::1 (also as ::ffff:127.x.x.x) or localhost.
bool isLoopbackUrl(std::string_view url);
// An http:// URL to anything but this machine: tokens and customer data cross the network in clear.
bool plainHttpBeyondLoopback(std::string_view url);
// The loud warning the CLI prints for such a URL.
std::string plainHttpWarning(std::string_view url);

}  // namespace fc::sync
