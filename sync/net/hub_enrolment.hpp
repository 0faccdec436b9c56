// Enrolling this device with a hub over the network: the code a person typed or scanned
// (CODE[@FINGERPRINT]), and when it carries the hub's certificate fingerprint, the hub's key is
// read and compared with it before anything is sent; a match pins the key (kept with the
// credentials, used for every later request), a mismatch refuses with nothing sent.
// forecourtctl's `enroll` calls this; sync::enrolDevice does the rest over the pinned transport.
//
//   FC_ASSIGN(Enrolled e, enrolWithHub("bay3.db", clock, "https://192.168.1.10:8787",
//                                      "4821-0937-5562@K7QW-2MZD-…", "3号工位平板"));
#pragma once

#include <string>

#include "sync/enrolment.hpp"
#include "sync/net/curl_transport.hpp"

namespace fc::sync {

// `fingerprint` (optional) is the hub's certificate fingerprint given apart from the code; when
// the code carries one too, both must agree. A fingerprint needs an https:// hub address.
Result<Enrolled> enrolWithHub(const std::string& dbPath, const core::Clock& clock, const std::string& hubUrl,
                              const std::string& enrolmentCode, const std::string& name,
                              const std::string& fingerprint = "", const CurlOptions& options = {});

// The hub's key checked against a fingerprint a person gave: its libcurl pin ("sha256//…") when
// they agree; a refusal naming both when they do not. Sends only GET /v1/health.
Result<std::string> pinHubCertificate(const std::string& hubUrl, const std::string& fingerprint,
                                      const CurlOptions& options = {});

}  // namespace fc::sync
