// A store with its services and a signed-in admin, PINs hashed at Argon2id's minimum cost so a
// suite of sign-ins stays quick. Ends with the integrity check and `verify` (StoreTest).
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {

class StaffTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_NE(s, nullptr);
        s->get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
        auto id = s->get<core::StaffService>().bootstrapAdmin("赵敏", "246810", "FC-STAFF-0001");
        ASSERT_TRUE(id.ok()) << id.error().message;
        adminId = *id;
    }

    // Signs the admin in (or whoever `id` is, with `pin`) and returns the session.
    core::Session signIn(const std::string& id, const std::string& pin) {
        auto r = s->get<core::SessionManager>().signInByPin(id, pin);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        if (!r.ok()) throw std::runtime_error("sign-in failed");
        return *r;
    }
    core::Session admin() { return signIn(adminId, "246810"); }

    std::string addStaff(const std::string& name, core::StaffRole role, const std::string& pin,
                         const std::string& badge = "") {
        auto by = admin();
        auto r =
            s->get<core::StaffService>().createStaff(by, {.name = name, .role = role, .badgeCode = badge, .pin = pin});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : "";
    }

    int64_t count(const std::string& sql) { return s->db().queryInt(sql)->value_or(-1); }

    std::string adminId;
};

}  // namespace fc::test
