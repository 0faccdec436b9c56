// Enrolling a device with its store hub: ask the hub which store it serves, create (or open) the
// device's replica for that store, trade the one-time code for a token, and keep the role the hub
// gave, the name and the credentials. forecourtctl's `enroll` and tests call this; the transport
// is injected (libcurl against a real hub). Over the network with a code that carries the hub's
// certificate fingerprint, sync/net/hub_enrolment.hpp checks and pins the hub's key first.
//
//   CurlTransport http(url);
//   FC_ASSIGN(Enrolled e, enrolDevice("bay3.db", clock, http, url, "1234-5678-9012", "3号工位平板"));
#pragma once

#include <string>

#include "shared/core/clock.hpp"
#include "shared/core/device_role.hpp"
#include "sync/client.hpp"

namespace fc::sync {

struct Enrolled {
    std::string storeId;
    std::string deviceId;
    core::DeviceRole role = core::DeviceRole::kPending;
};

// `dbPath` is created when it does not exist; an existing database must belong to the hub's store.
// `hubPin` ("sha256//…", the hub's key the transport already enforces) is kept with the token, so
// every later exchange trusts that key and nothing else; empty: the system's CAs.
Result<Enrolled> enrolDevice(const std::string& dbPath, const core::Clock& clock, Transport& http,
                             const std::string& hubUrl, const std::string& code, const std::string& name,
                             const std::string& hubPin = "");

}  // namespace fc::sync
