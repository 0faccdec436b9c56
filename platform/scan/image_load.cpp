// Image files → grey frames with stb_image (Debian's libstb).
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include <stb_image.h>
#include <sys/stat.h>

#include "platform/scan/image_load.hpp"

namespace fc::platform {
namespace {

using core::Errc;
using core::Error;

struct StbFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};
using StbPixels = std::unique_ptr<unsigned char, StbFree>;

struct FileClose {
    void operator()(FILE* f) const { std::fclose(f); }
};

Error notAnImage(const std::string& name) {
    const char* why = stbi_failure_reason();
    return Error(Errc::kUnsupported, name + ": not a picture that can be read (PNG or JPEG; " +
                                         (why ? std::string("stb_image: ") + why : "unknown") +
                                         ")");
}

core::Result<Frame> toFrame(StbPixels pixels, int w, int h, int64_t timestampMs, bool colour = false) {
    Frame f;
    f.width = w;
    f.height = h;
    f.format = colour ? PixelFormat::kRgb : PixelFormat::kGrey;
    f.stride = w * bytesPerPixel(f.format);
    f.timestampMs = timestampMs;
    f.pixels.assign(pixels.get(), pixels.get() + static_cast<size_t>(f.stride) * static_cast<size_t>(h));
    return f;
}

Error tooLarge(const std::string& name, int w, int h) {
    return Error(Errc::kUnsupported,
                 name + ": picture too large (" + std::to_string(w) + "x" + std::to_string(h) +
                     "; at most " + std::to_string(kMaxImagePixels / 1'000'000) + " megapixels)");
}

}  // namespace

core::Result<Frame> loadImageFile(const std::string& path, int64_t timestampMs) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        return Error(err == ENOENT ? Errc::kNotFound : Errc::kIo,
                     path + ": cannot open: " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) return Error(Errc::kInvalid, path + ": is a folder, not a picture");
    std::unique_ptr<FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        const int err = errno;
        return Error(Errc::kIo, path + ": cannot open: " + std::strerror(err));
    }
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_file(file.get(), &w, &h, &channels)) return notAnImage(path);
    if (w <= 0 || h <= 0 || static_cast<int64_t>(w) * h > kMaxImagePixels)
        return tooLarge(path, w, h);
    StbPixels pixels(stbi_load_from_file(file.get(), &w, &h, &channels, 1));
    if (!pixels) return notAnImage(path);
    return toFrame(std::move(pixels), w, h, timestampMs);
}

core::Result<Frame> loadImageBytes(const std::string& bytes, const std::string& name,
                                   int64_t timestampMs, bool colour) {
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) return tooLarge(name, 0, 0);
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(data, len, &w, &h, &channels)) return notAnImage(name);
    if (w <= 0 || h <= 0 || static_cast<int64_t>(w) * h > kMaxImagePixels)
        return tooLarge(name, w, h);
    StbPixels pixels(stbi_load_from_memory(data, len, &w, &h, &channels, colour ? 3 : 1));
    if (!pixels) return notAnImage(name);
    return toFrame(std::move(pixels), w, h, timestampMs, colour);
}

}  // namespace fc::platform
