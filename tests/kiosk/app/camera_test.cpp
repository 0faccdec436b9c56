// The camera is wired in the app, not in main(): a frame source's codes go through the scan
// pipeline to the top screen, as a USB scanner's do. Here the frames are real PNG files of a
// real appointment QR code (ZXing's writer), decoded by the real pipeline; a camera that cannot
// be opened is a toast, not a crash.
#include <gtest/gtest.h>

#include "kiosk/screens/kiosk/check_in_screen.hpp"
#include "platform/scan/frame_source.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"
#include "tests/platform/scan/support/synth.hpp"

namespace fc::ui {
namespace {

class CameraTest : public fc::test::KioskTest {};

TEST_F(CameraTest, AnAppointmentQrSeenByTheCameraOpensItsCheckIn) {
    makeStore("深圳南山店");
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    core::StoreServices& s = app->services();
    auto c = s.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(c.ok());
    auto v = s.get<core::CustomerService>().addVehicle(*c, {.plate = "京A12345"});
    ASSERT_TRUE(v.ok());
    auto a = s.get<core::AppointmentService>().book(
        {.customerId = *c, .vehicleId = *v, .scheduledAt = clock.nowMs() + 3'600'000, .services = {"oil_filter"}});
    ASSERT_TRUE(a.ok()) << a.error().message;
    const std::string payload = core::AppointmentService::qrPayload(s.get<core::AppointmentService>().get(*a)->qrToken);
    const std::string png = dir.file("qr.png");
    ASSERT_TRUE(fc::test::writePng(fc::test::placeCentred(fc::test::makeCode(platform::Symbology::kQrCode, payload, 6),
                                                          1280, 720, 3),
                                   png));

    HeadlessDriver d = driveApp(*app, {.displaySize = ImVec2(1280, 960)});
    d.frame(3);
    ASSERT_TRUE(app->attachCamera(std::make_unique<platform::ImageFileSource>(std::vector<std::string>{png}, clock)).ok());
    app->settleBackground();  // decoded on the pipeline's worker, posted back
    d.frame(3);
    auto* flow = dynamic_cast<CheckInScreen*>(app->router().top());
    ASSERT_NE(flow, nullptr) << "the scan opened the check-in";
    EXPECT_EQ(flow->step(), CheckInScreen::Step::kConfirm) << "straight to confirming the booked car";
    EXPECT_TRUE(d.visible("京A·***45")) << "masked, as the customer sees it";
}

TEST_F(CameraTest, ACameraThatCannotBeOpenedIsAToast) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    auto r = app->attachCamera(platform::makeV4l2Camera("/dev/fc-no-such-camera"));
    ASSERT_FALSE(r.ok());
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("app.camera_unavailable", {{"reason", r.error().message}})));
    EXPECT_EQ(app->router().depth(), 1u) << "the welcome screen is still there";
}

}  // namespace
}  // namespace fc::ui
