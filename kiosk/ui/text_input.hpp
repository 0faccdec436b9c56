// What a text field needs from an on-screen keyboard: to open it for the field, to take its text
// each frame, and whether the field is the one being edited. TextKeyboard (text_keyboard.hpp) is
// the implementation; widgets only know this interface, so the kit has no include cycle.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <imgui.h>

namespace fc::ui {

class TextInput {
public:
    struct FieldOptions {
        size_t maxChars = 0;  // 0: no limit
        bool password = false;
    };

    virtual ~TextInput() = default;
    // Opens the keyboard for `field` (an ImGui id) with the field's label and current text.
    virtual void open(ImGuiID field, std::string_view label, const std::string& text, const FieldOptions& options) = 0;
    // The field `field` drawn this frame: true while it is (or was, until this frame) the
    // keyboard's field; `value` then becomes the keyboard's text and `changed` says if it moved.
    virtual bool sync(ImGuiID field, std::string& value, bool& changed) = 0;
    virtual bool editing(ImGuiID field) const = 0;
};

}  // namespace fc::ui
