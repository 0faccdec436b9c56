#include <stb_image_write.h>

#include "platform/gfx/window.hpp"

namespace fc::platform {

core::Status writePng(const std::string& path, int width, int height, const unsigned char* rgba) {
    if (!stbi_write_png(path.c_str(), width, height, 4, rgba, width * 4))
        return core::Error(core::Errc::kIo, "cannot write the screenshot " + path);
    return {};
}

}  // namespace fc::platform
