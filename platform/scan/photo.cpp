// Job photos: scale down, compress as JPEG (stb_image_write), load picture files in colour.
#include "platform/scan/photo.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/stat.h>

#include "platform/scan/image_load.hpp"

namespace fc::platform {
namespace {

using core::Errc;
using core::Error;

// The frame scaled by `scale` (< 1) with each output pixel the mean of the source pixels it
// covers: no aliasing on fine detail such as tyre tread.
Frame shrink(const Frame& f, int outW, int outH) {
    const int bpp = bytesPerPixel(f.format);
    Frame out = f.format == PixelFormat::kRgb ? Frame::rgb(outW, outH) : Frame::grey(outW, outH);
    out.timestampMs = f.timestampMs;
    std::vector<uint32_t> sums(static_cast<size_t>(outW) * bpp);
    for (int oy = 0; oy < outH; ++oy) {
        const int y0 = static_cast<int>(static_cast<int64_t>(oy) * f.height / outH);
        const int y1 = std::max(y0 + 1, static_cast<int>(static_cast<int64_t>(oy + 1) * f.height / outH));
        std::fill(sums.begin(), sums.end(), 0u);
        std::vector<uint32_t> counts(static_cast<size_t>(outW), 0u);
        for (int y = y0; y < y1; ++y) {
            const uint8_t* src = f.row(y);
            for (int ox = 0; ox < outW; ++ox) {
                const int x0 = static_cast<int>(static_cast<int64_t>(ox) * f.width / outW);
                const int x1 = std::max(x0 + 1, static_cast<int>(static_cast<int64_t>(ox + 1) * f.width / outW));
                for (int x = x0; x < x1; ++x)
                    for (int c = 0; c < bpp; ++c) sums[static_cast<size_t>(ox) * bpp + c] += src[x * bpp + c];
                counts[static_cast<size_t>(ox)] += static_cast<uint32_t>(x1 - x0);
            }
        }
        uint8_t* dst = out.row(oy);
        for (int ox = 0; ox < outW; ++ox)
            for (int c = 0; c < bpp; ++c) {
                const uint32_t n = counts[static_cast<size_t>(ox)];
                dst[ox * bpp + c] = static_cast<uint8_t>((sums[static_cast<size_t>(ox) * bpp + c] + n / 2) / n);
            }
    }
    return out;
}

std::string packPhoto(const Photo& p) {
    std::string out(8, '\0');
    const uint32_t w = static_cast<uint32_t>(p.width), h = static_cast<uint32_t>(p.height);
    std::memcpy(out.data(), &w, 4);
    std::memcpy(out.data() + 4, &h, 4);
    return out + p.jpeg;
}

core::Result<Photo> unpackPhoto(const std::string& bytes) {
    if (bytes.size() < 8 + 4) return Error(Errc::kInternal, "the picture loader answered garbage");
    uint32_t w = 0, h = 0;
    std::memcpy(&w, bytes.data(), 4);
    std::memcpy(&h, bytes.data() + 4, 4);
    Photo p{bytes.substr(8), static_cast<int>(w), static_cast<int>(h)};
    if (p.width <= 0 || p.height <= 0 || static_cast<uint8_t>(p.jpeg[0]) != 0xff ||
        static_cast<uint8_t>(p.jpeg[1]) != 0xd8)
        return Error(Errc::kInternal, "the picture loader answered garbage");
    return p;
}

struct StbFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};

}  // namespace

core::Result<Photo> encodePhoto(const Frame& frame, const PhotoOptions& options) {
    if (frame.empty() || !frame.wellFormed()) return Error(Errc::kInvalid, "photo: the picture is empty");
    if (options.maxEdge < 16 || options.quality < 10 || options.quality > 100)
        return Error(Errc::kInvalid, "photo: bad size or quality");
    const int longEdge = std::max(frame.width, frame.height);
    const Frame* src = &frame;
    Frame scaled;
    if (longEdge > options.maxEdge) {
        const int w = std::max(1, static_cast<int>(static_cast<int64_t>(frame.width) * options.maxEdge / longEdge));
        const int h = std::max(1, static_cast<int>(static_cast<int64_t>(frame.height) * options.maxEdge / longEdge));
        scaled = shrink(frame, w, h);
        src = &scaled;
    } else if (frame.stride != frame.width * bytesPerPixel(frame.format)) {
        scaled = shrink(frame, frame.width, frame.height);  // compact rows for the encoder
        src = &scaled;
    }
    Photo p;
    p.width = src->width;
    p.height = src->height;
    const int ok = stbi_write_jpg_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
        },
        &p.jpeg, src->width, src->height, bytesPerPixel(src->format), src->pixels.data(), options.quality);
    if (!ok || p.jpeg.size() < 4) return Error(Errc::kInternal, "photo: the picture could not be compressed");
    return p;
}

core::Result<Photo> photoFromFile(const std::string& path, const PhotoOptions& options) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        return Error(err == ENOENT ? Errc::kNotFound : Errc::kIo, path + ": cannot open: " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) return Error(Errc::kInvalid, path + ": is a folder, not a picture");
    int w = 0, h = 0, channels = 0;
    if (!stbi_info(path.c_str(), &w, &h, &channels))
        return Error(Errc::kUnsupported, path + ": not a picture that can be read (PNG or JPEG)");
    if (w <= 0 || h <= 0 || static_cast<int64_t>(w) * h > kMaxImagePixels)
        return Error(Errc::kUnsupported, path + ": picture too large (" + std::to_string(w) + "x" + std::to_string(h) +
                                             ")");
    std::unique_ptr<unsigned char, StbFree> pixels(stbi_load(path.c_str(), &w, &h, &channels, 3));
    if (!pixels) return Error(Errc::kUnsupported, path + ": not a picture that can be read (PNG or JPEG)");
    Frame f = Frame::rgb(w, h);
    std::memcpy(f.pixels.data(), pixels.get(), f.pixels.size());
    pixels.reset();
    auto photo = encodePhoto(f, options);
    if (!photo) return photo.error().context(path);
    return photo;
}

std::string photoWorkerAnswer(const std::string& path, const PhotoOptions& options) {
    auto p = photoFromFile(path, options);
    if (!p) return encodeIsolatedAnswer(p.error());
    return encodeIsolatedAnswer(packPhoto(p.value()));
}

core::Result<Photo> photoFromFileIsolated(const std::string& path, const PhotoOptions& options,
                                          const IsolationOptions& isolation) {
    // A separate program, not a fork: the app calls this from a worker thread (isolate.hpp).
    IsolationOptions iso = isolation;
    iso.name = "the photo reader";
    auto bytes = runProgramIsolated({siblingProgram(kPhotoWorker), path, std::to_string(options.maxEdge),
                                     std::to_string(options.quality)},
                                    iso);
    if (!bytes) return bytes.error();
    return unpackPhoto(bytes.value());
}

std::vector<PictureFile> listPictureFiles(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<PictureFile> files;
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) return files;
    for (const auto& entry : fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, ec)) {
        std::error_code fec;
        if (!entry.is_regular_file(fec)) continue;
        std::string ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (ext != ".jpg" && ext != ".jpeg" && ext != ".png") continue;
        struct stat st {};
        if (::stat(entry.path().c_str(), &st) != 0) continue;
        files.push_back({entry.path().string(), entry.path().filename().string(),
                         static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1'000'000,
                         static_cast<uint64_t>(st.st_size)});
    }
    std::sort(files.begin(), files.end(), [](const PictureFile& a, const PictureFile& b) {
        return a.modifiedMs != b.modifiedMs ? a.modifiedMs > b.modifiedMs : a.name < b.name;
    });
    return files;
}

}  // namespace fc::platform
