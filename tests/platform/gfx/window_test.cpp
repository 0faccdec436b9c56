// Which key presses type text (their character follows through the char callback) and which do
// not: only the latter may end a USB scanner's burst, or every scanned character would be cut
// off from the one before it.
#include "platform/gfx/window.hpp"

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

namespace fc::platform {
namespace {

TEST(KeyRoute, LettersDigitsAndPunctuationTypeText) {
    for (int key : {GLFW_KEY_A, GLFW_KEY_Z, GLFW_KEY_0, GLFW_KEY_9, GLFW_KEY_SPACE, GLFW_KEY_MINUS,
                    GLFW_KEY_SLASH, GLFW_KEY_KP_0, GLFW_KEY_KP_ADD, GLFW_KEY_KP_DECIMAL})
        EXPECT_TRUE(keyTypesText(key, 0)) << key;
    EXPECT_TRUE(keyTypesText(GLFW_KEY_A, GLFW_MOD_SHIFT)) << "a capital letter";
}

TEST(KeyRoute, ControlKeysAndShortcutsTypeNothing) {
    for (int key : {GLFW_KEY_BACKSPACE, GLFW_KEY_TAB, GLFW_KEY_ESCAPE, GLFW_KEY_LEFT, GLFW_KEY_F5, GLFW_KEY_DELETE,
                    GLFW_KEY_HOME, GLFW_KEY_LEFT_SHIFT, GLFW_KEY_KP_ENTER})
        EXPECT_FALSE(keyTypesText(key, 0)) << key;
    EXPECT_FALSE(keyTypesText(GLFW_KEY_C, GLFW_MOD_CONTROL)) << "Ctrl+C is a shortcut";
    EXPECT_FALSE(keyTypesText(GLFW_KEY_4, GLFW_MOD_ALT));
}

TEST(KeyRoute, ShiftForACapitalDoesNotEndAScannersBurst) {
    for (int key : {GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT, GLFW_KEY_CAPS_LOCK, GLFW_KEY_NUM_LOCK})
        EXPECT_FALSE(keyEndsBurst(key, 0)) << key;
    for (int key : {GLFW_KEY_BACKSPACE, GLFW_KEY_TAB, GLFW_KEY_ESCAPE, GLFW_KEY_LEFT, GLFW_KEY_F5})
        EXPECT_TRUE(keyEndsBurst(key, 0)) << key;
    EXPECT_FALSE(keyEndsBurst(GLFW_KEY_A, GLFW_MOD_SHIFT)) << "the capital itself types text";
    EXPECT_TRUE(keyEndsBurst(GLFW_KEY_C, GLFW_MOD_CONTROL));
}

}  // namespace
}  // namespace fc::platform
