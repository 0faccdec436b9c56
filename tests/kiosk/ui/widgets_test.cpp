// The touch kit through the headless driver: buttons, text fields, checkboxes, the keypad, the
// plate keyboard, confirm dialogs, toasts with an injected clock, the clipped table, the
// signature pad and the QR code.
#include <algorithm>

#include <gtest/gtest.h>

#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/plate_keyboard.hpp"
#include "kiosk/ui/qr_code.hpp"
#include "kiosk/ui/signature_pad.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "kiosk/ui/table.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class KitTest : public fc::test::KioskTest {
protected:
    KitHarness& kit(Mode mode = Mode::kOffice) {
        if (!m_kit) m_kit = std::make_unique<KitHarness>(KitHarnessOptions{.mode = mode, .clock = &clock});
        return *m_kit;
    }
    HeadlessDriver& driver() { return kit().driver(); }
    void TearDown() override {
        m_kit.reset();
        KioskTest::TearDown();
    }

private:
    std::unique_ptr<KitHarness> m_kit;
};

// [SECTION] buttons, fields, checkboxes

TEST_F(KitTest, ClickingAButtonByItsTranslatedLabelRunsItsAction) {
    int pressed = 0;
    kit().setDraw([&](Ui& ui) {
        if (button(ui, tr("common.save"), {.kind = ButtonKind::kPrimary})) ++pressed;
        button(ui, tr("common.cancel"));
    });
    driver().frame(2);
    ASSERT_TRUE(driver().click("保存"));
    EXPECT_EQ(pressed, 1);
    ASSERT_TRUE(driver().click(tr("common.cancel")));
    EXPECT_EQ(pressed, 1);
    EXPECT_FALSE(driver().click("没有这个按钮"));
}

TEST_F(KitTest, ADisabledButtonDoesNothing) {
    int pressed = 0;
    kit().setDraw([&](Ui& ui) {
        if (button(ui, tr("common.save"), {.enabled = false})) ++pressed;
    });
    driver().frame(2);
    const WidgetRecord* r = driver().find(tr("common.save"));
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->enabled);
    driver().clickAt(r->center());
    EXPECT_EQ(pressed, 0);
}

TEST_F(KitTest, TargetsAreAtLeastTouchSized) {
    for (Mode mode : {Mode::kOffice, Mode::kKiosk}) {
        KitHarness k({.mode = mode, .clock = &clock});
        k.setDraw([&](Ui& ui) {
            button(ui, "x");
            Keypad pad;
            pad.draw(ui, "pad");
        });
        k.driver().frame(2);
        const float min = mode == Mode::kKiosk ? 64.0f : 48.0f;
        for (const WidgetRecord& r : k.driver().registry().lastFrame()) {
            if (r.kind != WidgetKind::kButton) continue;
            EXPECT_GE(r.max.y - r.min.y, min) << r.label;
            EXPECT_GE(r.max.x - r.min.x, min) << r.label;
        }
    }
}

TEST_F(KitTest, KeyboardSpacePressesTheFocusedButton) {
    int pressed = 0;
    kit().setDraw([&](Ui& ui) {
        if (button(ui, tr("common.save"))) ++pressed;
    });
    driver().frame(2);
    driver().press(ImGuiKey_DownArrow);  // keyboard navigation: focus the first item
    driver().press(ImGuiKey_Space);
    driver().frame();
    EXPECT_EQ(pressed, 1);
}

TEST_F(KitTest, TextFieldTakesTypedChineseAndLimitsLength) {
    std::string name;
    kit().setDraw([&](Ui& ui) { textField(ui, tr("gallery.name"), name, {.maxChars = 4}); });
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("gallery.name")));
    driver().type("王赟");
    EXPECT_EQ(name, "王赟");
    driver().type("欧阳娜娜");
    EXPECT_EQ(core::utf8Length(name), 4u);
    // The atlas learns the characters typed (the next frame rebuilds it).
    EXPECT_TRUE(kit().fonts().bodyGlyphs().contains(U'赟'));
}

TEST_F(KitTest, CheckboxTogglesOnTap) {
    bool agreed = false;
    kit().setDraw([&](Ui& ui) { checkbox(ui, tr("gallery.consent"), agreed); });
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("gallery.consent")));
    EXPECT_TRUE(agreed);
    ASSERT_TRUE(driver().click(tr("gallery.consent")));
    EXPECT_FALSE(agreed);
}

// [SECTION] numeric keypad

TEST_F(KitTest, KeypadTypesDigitsBackspacesAndSubmits) {
    Keypad pad({.kind = KeypadKind::kPhone, .minLength = 11, .maxLength = 11});
    int submitted = 0;
    kit().setDraw([&](Ui& ui) {
        if (pad.draw(ui, "phone") == KeypadEvent::kSubmitted) ++submitted;
    });
    driver().frame(2);
    for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0", "9"})
        ASSERT_TRUE(driver().click(d, "phone")) << d;
    EXPECT_EQ(pad.value(), "13800138000");  // the 12th digit does not fit
    EXPECT_EQ(pad.displayText(), "138 0013 8000");
    ASSERT_TRUE(driver().click(tr("keypad.backspace"), "phone"));
    EXPECT_EQ(pad.value(), "1380013800");
    EXPECT_FALSE(driver().click(tr("keypad.ok"), "phone")) << "OK needs 11 digits";
    ASSERT_TRUE(driver().click("0", "phone"));
    ASSERT_TRUE(driver().click(tr("keypad.ok"), "phone"));
    EXPECT_EQ(submitted, 1);
    ASSERT_TRUE(driver().click(tr("keypad.clear"), "phone"));
    EXPECT_EQ(pad.value(), "");
}

TEST_F(KitTest, PinKeypadMasksDigits) {
    Keypad pin({.kind = KeypadKind::kPin, .minLength = 4, .maxLength = 6});
    kit().setDraw([&](Ui& ui) { pin.draw(ui, "pin"); });
    driver().frame(2);
    for (const char* d : {"2", "0", "2", "6"}) ASSERT_TRUE(driver().click(d));
    EXPECT_EQ(pin.value(), "2026");
    EXPECT_EQ(pin.displayText(), "●●●●");
    EXPECT_EQ(driver().registry().count("2026"), 0u) << "the PIN is never drawn";
}

TEST_F(KitTest, KeypadTakesAHardwareKeyboard) {
    Keypad pad({.kind = KeypadKind::kNumber, .maxLength = 7});
    int submitted = 0;
    kit().setDraw([&](Ui& ui) {
        if (pad.draw(ui, "odometer") == KeypadEvent::kSubmitted) ++submitted;
    });
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("keypad.display"), "odometer"));  // focus the window
    driver().type("12a34");
    EXPECT_EQ(pad.value(), "1234");
    driver().press(ImGuiKey_Backspace);
    EXPECT_EQ(pad.value(), "123");
    driver().press(ImGuiKey_Enter);
    EXPECT_EQ(submitted, 1);
}

// [SECTION] plate keyboard

TEST_F(KitTest, PlateKeyboardTypesAnOrdinaryPlate) {
    PlateKeyboard plate;
    int submitted = 0;
    kit().setDraw([&](Ui& ui) {
        if (plate.draw(ui, "plate") == PlateEvent::kSubmitted) ++submitted;
    });
    driver().frame(2);
    EXPECT_TRUE(driver().visible("京", "provinces"));
    EXPECT_FALSE(driver().visible("B", "serial")) << "letters come after the province";
    ASSERT_TRUE(driver().click("粤", "provinces"));
    EXPECT_FALSE(driver().visible("京", "provinces"));
    const WidgetRecord* digit = driver().find("1", "serial");
    ASSERT_NE(digit, nullptr);
    EXPECT_FALSE(digit->enabled) << "the second character is the city letter";
    for (const char* k : {"B", "1", "2", "3", "4", "5"}) ASSERT_TRUE(driver().click(k, "serial")) << k;
    EXPECT_EQ(plate.text(), "粤B12345");
    ASSERT_TRUE(plate.valid());
    ASSERT_TRUE(driver().click(tr("keypad.ok"), "plate"));
    EXPECT_EQ(submitted, 1);
    EXPECT_EQ(plate.plate()->text, "粤B12345");
    EXPECT_EQ(plate.plate()->kind, core::PlateKind::kOrdinary);
}

TEST_F(KitTest, PlateKeyboardTypesANewEnergyPlate) {
    PlateKeyboard plate;
    kit().setDraw([&](Ui& ui) { plate.draw(ui, "plate"); });
    driver().frame(2);
    ASSERT_TRUE(driver().click("沪", "provinces"));
    for (const char* k : {"A", "D", "1", "2", "3", "4"}) ASSERT_TRUE(driver().click(k, "serial")) << k;
    ASSERT_TRUE(plate.valid()) << "沪AD1234 is an ordinary plate";
    EXPECT_EQ(plate.plate()->kind, core::PlateKind::kOrdinary);
    ASSERT_TRUE(driver().click("5", "serial"));
    EXPECT_EQ(plate.text(), "沪AD12345");
    ASSERT_TRUE(plate.valid());
    EXPECT_EQ(plate.plate()->kind, core::PlateKind::kNewEnergy);
    EXPECT_FALSE(driver().find("6", "serial")->enabled) << "8 characters at most";
    ASSERT_TRUE(driver().click(tr("keypad.backspace"), "plate"));
    EXPECT_EQ(plate.text(), "沪AD1234");
}

TEST_F(KitTest, PlateKeyboardKeysFollowThePlateRules) {
    PlateKeyboard plate;
    EXPECT_EQ(PlateKeyboard::provinces().size(), 31u);
    std::vector<std::string> a = PlateKeyboard::provinces(), b = core::plateProvinces();
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << "the keyboard and the normaliser know the same provinces";
    for (const auto& row : PlateKeyboard::keyRows()) {
        EXPECT_EQ(row.find('I'), std::string::npos);
        EXPECT_EQ(row.find('O'), std::string::npos);
    }
    EXPECT_EQ(plate.press("A"), PlateEvent::kNone);  // a province first
    EXPECT_EQ(plate.press("京"), PlateEvent::kChanged);
    EXPECT_EQ(plate.press("学"), PlateEvent::kNone);
    EXPECT_EQ(plate.press("I"), PlateEvent::kNone);
    for (const char* k : {"A", "1", "2", "3", "4"}) EXPECT_EQ(plate.press(k), PlateEvent::kChanged);
    EXPECT_EQ(plate.press("学"), PlateEvent::kChanged);  // the seventh: a suffix is allowed
    EXPECT_TRUE(plate.valid());
    EXPECT_EQ(plate.press("5"), PlateEvent::kNone) << "nothing after a suffix";
}

TEST_F(KitTest, PlateKeyboardTakesAHardwareKeyboard) {
    PlateKeyboard plate;
    int submitted = 0;
    kit().setDraw([&](Ui& ui) {
        if (plate.draw(ui, "plate") == PlateEvent::kSubmitted) ++submitted;
    });
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("plate.display"), "plate"));  // focus
    driver().type("京a1234o5");  // lower case is upper-cased; O is refused
    EXPECT_EQ(plate.text(), "京A12345");
    driver().press(ImGuiKey_Enter);
    EXPECT_EQ(submitted, 1);
}

// [SECTION] dialogs and toasts

TEST_F(KitTest, ConfirmDialogAnswersYesAndNo) {
    ConfirmDialog confirm;
    std::vector<bool> answers;
    int behind = 0;
    kit().setDraw([&](Ui& ui) {
        if (button(ui, tr("gallery.ask"))) {
            confirm.open({.title = tr("gallery.confirm_title"), .yes = tr("common.delete"), .no = tr("common.cancel")});
        }
        if (button(ui, tr("common.save"))) ++behind;
        if (auto a = confirm.draw(ui, "t")) answers.push_back(*a);
    });
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("gallery.ask")));
    driver().frame(2);
    EXPECT_TRUE(confirm.isOpen());
    ASSERT_TRUE(driver().visible(tr("common.delete"), "confirm"));
    // Behind the modal nothing reacts.
    driver().clickAt(driver().find(tr("common.save"))->center());
    EXPECT_EQ(behind, 0);
    ASSERT_TRUE(driver().click(tr("common.delete"), "confirm"));
    EXPECT_FALSE(confirm.isOpen());
    ASSERT_TRUE(driver().click(tr("gallery.ask")));
    driver().frame(2);
    ASSERT_TRUE(driver().click(tr("common.cancel"), "confirm"));
    ASSERT_TRUE(driver().click(tr("gallery.ask")));
    driver().frame(2);
    driver().press(ImGuiKey_Escape);
    EXPECT_EQ(answers, (std::vector<bool>{true, false, false}));
    ASSERT_TRUE(driver().click(tr("common.save")));
    EXPECT_EQ(behind, 1);
}

TEST_F(KitTest, ToastsExpireByTheInjectedClock) {
    kit().setDraw([](Ui&) {});
    Ui& ui = kit().ui();
    ui.toasts().show("第一条");
    driver().frame();
    clock.advance(1000);
    ui.toasts().show("第二条", ToastKind::kError, 5000);
    driver().frame();
    EXPECT_TRUE(driver().visible("第一条"));
    EXPECT_TRUE(driver().visible("第二条"));
    EXPECT_GT(driver().find("第二条")->min.y, driver().find("第一条")->min.y)
        << "the newest sits at the bottom, older ones stack above it";
    EXPECT_EQ(ui.nextWakeMs(), clock.nowMs() - 1000 + Toasts::kDefaultMs - Toasts::kFadeMs)
        << "the loop sleeps until the first toast starts fading";
    EXPECT_FALSE(ui.animating());
    clock.advance(Toasts::kDefaultMs - 1000 - 100);  // fading
    driver().frame();
    EXPECT_TRUE(ui.animating());
    EXPECT_TRUE(driver().visible("第一条"));
    clock.advance(100);
    driver().frame();
    EXPECT_FALSE(driver().visible("第一条"));
    EXPECT_TRUE(driver().visible("第二条"));
    clock.advance(5000);
    driver().frame();
    EXPECT_TRUE(ui.toasts().active().empty());
    for (int i = 0; i < 6; ++i) ui.toasts().show("t" + std::to_string(i));
    EXPECT_EQ(ui.toasts().active().size(), Toasts::kMaxShown);
}

// [SECTION] lists

TEST_F(KitTest, TableOf200000RowsDrawsOnlyTheVisibleRows) {
    VirtualTable table;
    std::vector<int> asked;
    std::optional<int> picked;
    kit().setDraw([&](Ui& ui) {
        asked.clear();
        auto row = table.draw(ui, "big", {{tr("gallery.col_name"), 1}, {tr("gallery.col_phone"), 1}}, 200'000,
                              [&](int r, int c, std::string& s) -> std::string_view {
                                  if (c == 0) asked.push_back(r);
                                  return s = "客户 " + std::to_string(r);
                              });
        if (row) picked = row;
    });
    driver().frame(3);
    EXPECT_GT(table.rowsDrawn(), 5);
    EXPECT_LT(table.rowsDrawn(), 40) << "800 px of 48 px rows";
    EXPECT_EQ(asked.size(), static_cast<size_t>(table.rowsDrawn()));
    EXPECT_TRUE(driver().visible("客户 0"));
    EXPECT_FALSE(driver().visible("客户 199999"));
    table.scrollTo(150'000);
    driver().frame(2);
    EXPECT_TRUE(driver().visible("客户 150000"));
    EXPECT_FALSE(driver().visible("客户 0"));
    EXPECT_LT(table.rowsDrawn(), 40);
    EXPECT_TRUE(std::all_of(asked.begin(), asked.end(), [](int r) { return r >= 149'990 && r < 150'040; }));
    ASSERT_TRUE(driver().click("客户 150002"));
    ASSERT_TRUE(picked.has_value());
    EXPECT_EQ(*picked, 150'002);
    EXPECT_EQ(table.selected(), 150'002);
}

TEST_F(KitTest, TableScrollsByFingerDragWithoutPickingARow) {
    VirtualTable table;
    std::optional<int> picked;
    kit().setDraw([&](Ui& ui) {
        auto row = table.draw(ui, "list", {{tr("gallery.col_name"), 1}}, 1000,
                              [](int r, int, std::string& s) -> std::string_view { return s = "行" + std::to_string(r); });
        if (row) picked = row;
    });
    driver().frame(3);
    const int before = table.firstRowDrawn();
    ASSERT_TRUE(driver().drag("行5", ImVec2(0.5f, 0.5f), ImVec2(0.5f, -4.0f), 10));
    driver().frame();
    EXPECT_GT(table.firstRowDrawn(), before + 2) << "dragging up scrolls down";
    EXPECT_FALSE(picked.has_value()) << "a drag is not a tap";
}

// [SECTION] signature pad and QR code

TEST_F(KitTest, SignaturePadCapturesNormalisedStrokes) {
    SignaturePad pad;
    kit().setDraw([&](Ui& ui) { pad.draw(ui, tr("gallery.sign_here"), ImVec2(600, 200)); });
    driver().frame(2);
    EXPECT_FALSE(pad.isSigned());
    ASSERT_TRUE(driver().click(tr("gallery.sign_here")));  // a tap is a dot, not a signature
    EXPECT_FALSE(pad.isSigned());
    ASSERT_TRUE(driver().drag(tr("gallery.sign_here"), ImVec2(0.1f, 0.7f), ImVec2(0.6f, 0.3f), 12));
    EXPECT_TRUE(pad.isSigned());
    ASSERT_EQ(pad.strokes().size(), 2u);
    const auto& s = pad.strokes()[1];
    EXPECT_GE(s.size(), 10u);
    for (const auto& p : s) {
        EXPECT_GE(p.x, 0.0f);
        EXPECT_LE(p.x, 1.0f);
        EXPECT_GE(p.y, 0.0f);
        EXPECT_LE(p.y, 1.0f);
    }
    EXPECT_NEAR(s.front().x, 0.1f, 0.02f);
    EXPECT_NEAR(s.back().y, 0.3f, 0.02f);
    ASSERT_TRUE(driver().click(tr("signature.clear")));
    EXPECT_TRUE(pad.strokes().empty());
    EXPECT_FALSE(pad.isSigned());
}

TEST_F(KitTest, QrCodeEncodesAndDraws) {
    auto qr = QrCode::encode("https://forecourt.local/status/K1-0042");
    ASSERT_TRUE(qr.ok()) << qr.error().message;
    ASSERT_GE(qr->size(), 21);
    // The three finder patterns: dark 7×7 borders in three corners.
    const int n = qr->size();
    for (auto [ox, oy] : {std::pair{0, 0}, std::pair{n - 7, 0}, std::pair{0, n - 7}}) {
        for (int i = 0; i < 7; ++i) {
            EXPECT_TRUE(qr->module(ox + i, oy));
            EXPECT_TRUE(qr->module(ox + i, oy + 6));
            EXPECT_TRUE(qr->module(ox, oy + i));
        }
        EXPECT_FALSE(qr->module(ox + 1, oy + 1));
        EXPECT_TRUE(qr->module(ox + 3, oy + 3));
    }
    EXPECT_FALSE(QrCode::encode("").ok());
    kit().setDraw([&](Ui& ui) { drawQrCode(ui, *qr, 300, tr("gallery.ticket_qr")); });
    driver().frame(2);
    const WidgetRecord* r = driver().find(tr("gallery.ticket_qr"));
    ASSERT_NE(r, nullptr);
    EXPECT_LE(r->max.x - r->min.x, 300.0f);
    EXPECT_GE(r->max.x - r->min.x, 250.0f);
}

// [SECTION] sync strip

TEST_F(KitTest, SyncStripShowsStateCountsAndConflicts) {
    SyncView view{.state = SyncState::kOnline, .pending = 3, .lastSuccessMs = clock.nowMs(), .conflictsOpen = 2};
    kit().setDraw([&](Ui& ui) { syncStrip(ui, view); });
    driver().frame(2);
    const auto& frame = driver().registry().lastFrame();
    auto line = std::find_if(frame.begin(), frame.end(), [](const WidgetRecord& r) { return r.scope == "sync"; });
    ASSERT_NE(line, frame.end());
    EXPECT_NE(line->label.find(tr("sync.online")), std::string::npos);
    EXPECT_NE(line->label.find(tr("sync.pending", {{"count", 3}})), std::string::npos);
    EXPECT_NE(line->label.find(tr("sync.conflicts", {{"count", 2}})), std::string::npos);
    EXPECT_NE(line->label.find(formatClockTime(clock.nowMs(), clock.nowMs())), std::string::npos);
    EXPECT_EQ(line->label.find(tr("sync.unencrypted")), std::string::npos) << "nothing to warn about";
    EXPECT_EQ(line->label.find(tr("sync.clock_wrong")), std::string::npos);
}

// Plain HTTP beyond this machine, and a hub whose clock is wrong, are marked while staff could
// otherwise think all is well (issue 12, finding 13).
TEST_F(KitTest, SyncStripMarksPlainHttpAndAWrongHubClock) {
    SyncView view{.state = SyncState::kOnline, .lastSuccessMs = clock.nowMs(), .unencrypted = true,
                  .clockProblem = "the hub's clock reads 2126-01-01"};
    kit().setDraw([&](Ui& ui) { syncStrip(ui, view); });
    auto label = [&] {
        driver().frame(2);
        const auto& frame = driver().registry().lastFrame();
        auto line = std::find_if(frame.begin(), frame.end(), [](const WidgetRecord& r) { return r.scope == "sync"; });
        return line == frame.end() ? std::string("(no strip)") : line->label;
    };
    std::string shown = label();
    EXPECT_NE(shown.find(tr("sync.online")), std::string::npos) << shown;
    EXPECT_NE(shown.find(tr("sync.unencrypted")), std::string::npos) << shown;
    EXPECT_NE(shown.find(tr("sync.clock_wrong")), std::string::npos) << shown;
    view.state = SyncState::kOffline;  // offline: the error says it (office mode); still unencrypted
    shown = label();
    EXPECT_NE(shown.find(tr("sync.unencrypted")), std::string::npos) << shown;
    EXPECT_EQ(shown.find(tr("sync.clock_wrong")), std::string::npos) << shown;
    view.state = SyncState::kNotConfigured;  // no hub: nothing crosses any network
    shown = label();
    EXPECT_EQ(shown.find(tr("sync.unencrypted")), std::string::npos) << shown;
}

}  // namespace
}  // namespace fc::ui

namespace fc::ui {
namespace {

TEST(ClockTime, ShowsTheStoresClockNotTheMachines) {
    const int64_t newYearUtc = 1'767'225'600'000;  // 2026-01-01 00:00 UTC
    EXPECT_EQ(formatClockTime(newYearUtc, newYearUtc), "08:00") << "a store in China: UTC+8";
    EXPECT_EQ(formatClockTime(newYearUtc, newYearUtc, core::StoreTime{.offsetMinutes = 0}), "00:00");
    EXPECT_EQ(formatClockTime(newYearUtc - 3'600'000, newYearUtc + 17 * 3'600'000), "01-01 07:00")
        << "another day shows its date";
}

}  // namespace
}  // namespace fc::ui

namespace fc::ui {
namespace {

TEST(LayoutScale, BigScreensDrawBiggerSmallOnesFitInstead) {
    EXPECT_FLOAT_EQ(Theme::layoutScale(1280, 800), 1.0f);
    EXPECT_FLOAT_EQ(Theme::layoutScale(1280, 960), 1.0f) << "taller than the design: it fits, no growth";
    EXPECT_FLOAT_EQ(Theme::layoutScale(800, 1280), 1.0f) << "portrait has its own design size";
    EXPECT_NEAR(Theme::layoutScale(1920, 1080), 1.35f, 0.001f) << "limited by the height";
    EXPECT_NEAR(Theme::layoutScale(1080, 1920), 1.35f, 0.001f) << "a big portrait kiosk";
    EXPECT_FLOAT_EQ(Theme::layoutScale(1024, 600), 1.0f) << "never smaller: keys shrink to fit instead";
    EXPECT_FLOAT_EQ(Theme::layoutScale(7680, 4320), 2.5f) << "bounded";
}

}  // namespace
}  // namespace fc::ui
