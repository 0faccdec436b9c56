// V4L2 camera frame source (Linux). Memory-mapped streaming I/O; YUYV frames give their Y bytes,
// MJPEG frames are decoded to grey with stb_image. Frames are copied out of the driver's buffers
// into memory owned by the Frame and are never written anywhere.
//
// Index
//   [SECTION] pixel conversion
//   [SECTION] camera
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/scan/frame_source.hpp"
#include "platform/scan/image_load.hpp"

namespace fc::platform {
namespace {

using core::Errc;
using core::Error;

// [SECTION] pixel conversion

// The JPEG standard's Huffman tables (ITU T.81 Annex K.3) as one DHT segment. stb_image_write
// always writes exactly these, so they are taken from a tiny JPEG it makes rather than copied
// here by hand.
const std::string& standardHuffmanTables() {
    static const std::string tables = [] {
        std::string jpeg;
        unsigned char pixels[16 * 16 * 3] = {};
        stbi_write_jpg_to_func(
            [](void* ctx, void* data, int size) {
                static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                       static_cast<size_t>(size));
            },
            &jpeg, 16, 16, 3, pixels, 90);
        std::string dht;
        // Walk the marker segments up to SOS and keep every DHT.
        size_t i = 2;
        while (i + 4 <= jpeg.size() && static_cast<uint8_t>(jpeg[i]) == 0xff) {
            const auto marker = static_cast<uint8_t>(jpeg[i + 1]);
            const size_t len =
                (static_cast<uint8_t>(jpeg[i + 2]) << 8) | static_cast<uint8_t>(jpeg[i + 3]);
            if (marker == 0xda) break;
            if (marker == 0xc4) dht.append(jpeg, i, len + 2);
            i += len + 2;
        }
        return dht;
    }();
    return tables;
}

// True when the JPEG has a DHT segment before its scan; *sos is the offset of the SOS marker.
bool hasHuffmanTables(std::string_view jpeg, size_t* sos) {
    *sos = std::string_view::npos;
    size_t i = 2;
    while (i + 4 <= jpeg.size()) {
        if (static_cast<uint8_t>(jpeg[i]) != 0xff) return false;
        const auto marker = static_cast<uint8_t>(jpeg[i + 1]);
        if (marker == 0xff) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0xc4) return true;
        if (marker == 0xda) {
            *sos = i;
            return false;
        }
        if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {  // no length
            i += 2;
            continue;
        }
        const size_t len =
            (static_cast<uint8_t>(jpeg[i + 2]) << 8) | static_cast<uint8_t>(jpeg[i + 3]);
        i += len + 2;
    }
    return false;
}

int xioctl(int fd, unsigned long request, void* arg) {
    int r;
    do {
        r = ::ioctl(fd, request, arg);
    } while (r < 0 && errno == EINTR);
    return r;
}

std::string fourcc(uint32_t f) {
    std::string s;
    for (int i = 0; i < 4; ++i) {
        const char c = static_cast<char>((f >> (8 * i)) & 0xff);
        s += (c >= 32 && c < 127) ? c : '?';
    }
    return s;
}

// [SECTION] camera

class V4l2Camera final : public FrameSource {
public:
    V4l2Camera(std::string device, CameraOptions options)
        : m_device(std::move(device)), m_options(options) {}
    ~V4l2Camera() override { close(); }
    V4l2Camera(const V4l2Camera&) = delete;
    V4l2Camera& operator=(const V4l2Camera&) = delete;

    std::string name() const override { return m_device; }
    bool live() const override { return true; }

    core::Status open() override {
        close();
        auto r = openDevice();
        if (!r) close();
        return r;
    }

    core::Result<std::optional<Frame>> next() override {
        if (m_fd < 0) return std::optional<Frame>();
        for (;;) {
            pollfd p{m_fd, POLLIN, 0};
            const int pr = ::poll(&p, 1, m_options.frameTimeoutMs);
            if (pr < 0 && errno == EINTR) continue;
            if (pr < 0) return sysError("waiting for a picture");
            if (pr == 0)
                return Error(Errc::kIo, "camera " + m_device + " gave no picture within " +
                                            std::to_string(m_options.frameTimeoutMs) + " ms");
            if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
                return Error(Errc::kIo, "camera " + m_device + " stopped (unplugged?)");
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            if (xioctl(m_fd, VIDIOC_DQBUF, &buf) < 0) {
                if (errno == EAGAIN) continue;
                return sysError("reading a picture");
            }
            const int64_t ts =
                static_cast<int64_t>(buf.timestamp.tv_sec) * 1000 + buf.timestamp.tv_usec / 1000;
            core::Result<Frame> frame = Error(Errc::kIo, "camera " + m_device + ": empty buffer");
            if (buf.index < m_buffers.size() && buf.bytesused > 0) {
                const auto* data = static_cast<const uint8_t*>(m_buffers[buf.index].start);
                const size_t used = std::min<size_t>(buf.bytesused, m_buffers[buf.index].length);
                if (m_pixelFormat == V4L2_PIX_FMT_YUYV) {
                    if (used >= static_cast<size_t>(m_bytesPerLine) * static_cast<size_t>(m_height))
                        frame = m_colour.load() ? yuyvToRgb(data, m_width, m_height, m_bytesPerLine, ts)
                                                : yuyvToGrey(data, m_width, m_height, m_bytesPerLine, ts);
                    else
                        frame = Error(Errc::kIo, "camera " + m_device + ": short YUYV picture");
                } else {
                    frame = decodeMjpeg(data, used, ts, m_colour.load());
                }
            }
            if (xioctl(m_fd, VIDIOC_QBUF, &buf) < 0) return sysError("returning a buffer");
            if (!frame) return frame.error().context("camera " + m_device);
            return std::optional<Frame>(std::move(frame).value());
        }
    }

    void setColour(bool on) override { m_colour.store(on); }

    void close() override {
        if (m_fd < 0) return;
        if (m_streaming) {
            v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            (void)xioctl(m_fd, VIDIOC_STREAMOFF, &type);
            m_streaming = false;
        }
        for (const Buffer& b : m_buffers)
            if (b.start != MAP_FAILED) ::munmap(b.start, b.length);
        m_buffers.clear();
        ::close(m_fd);
        m_fd = -1;
    }

private:
    struct Buffer {
        void* start = MAP_FAILED;
        size_t length = 0;
    };

    Error sysError(const std::string& what) const {
        const int err = errno;
        return Error(Errc::kIo, "camera " + m_device + ": " + what + ": " + std::strerror(err));
    }

    core::Status openDevice() {
        struct stat st {};
        if (::stat(m_device.c_str(), &st) != 0) {
            const int err = errno;
            if (err == ENOENT)
                return Error(Errc::kNotFound, "camera " + m_device +
                                                  " not found: no such device (is a camera "
                                                  "connected, and is this its number?)");
            return Error(Errc::kIo, "camera " + m_device + ": " + std::strerror(err));
        }
        if (!S_ISCHR(st.st_mode))
            return Error(Errc::kInvalid,
                         "camera " + m_device + ": not a device (a camera is /dev/videoN)");
        m_fd = ::open(m_device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (m_fd < 0) {
            const int err = errno;
            if (err == EACCES)
                return Error(Errc::kPermission, "camera " + m_device +
                                                    ": permission denied (the user needs to be in "
                                                    "the 'video' group)");
            if (err == EBUSY)
                return Error(Errc::kConflict, "camera " + m_device + ": in use by another program");
            return Error(Errc::kIo, "camera " + m_device + ": cannot open: " + std::strerror(err));
        }
        v4l2_capability cap{};
        if (xioctl(m_fd, VIDIOC_QUERYCAP, &cap) < 0)
            return Error(Errc::kInvalid, "camera " + m_device + ": not a video device");
        const uint32_t caps =
            (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
        if (!(caps & V4L2_CAP_VIDEO_CAPTURE))
            return Error(Errc::kUnsupported, "camera " + m_device + ": cannot capture video");
        if (!(caps & V4L2_CAP_STREAMING))
            return Error(Errc::kUnsupported, "camera " + m_device + ": does not support streaming");
        FC_TRY(chooseFormat());
        FC_TRY(startStreaming());
        return {};
    }

    core::Status chooseFormat() {
        for (uint32_t want : {V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_MJPEG}) {
            v4l2_format fmt{};
            fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            fmt.fmt.pix.width = static_cast<uint32_t>(m_options.width);
            fmt.fmt.pix.height = static_cast<uint32_t>(m_options.height);
            fmt.fmt.pix.pixelformat = want;
            fmt.fmt.pix.field = V4L2_FIELD_NONE;
            if (xioctl(m_fd, VIDIOC_S_FMT, &fmt) < 0) {
                if (errno == EBUSY)
                    return Error(Errc::kConflict,
                                 "camera " + m_device + ": in use by another program");
                continue;
            }
            if (fmt.fmt.pix.pixelformat != want) continue;
            m_pixelFormat = want;
            m_width = static_cast<int>(fmt.fmt.pix.width);
            m_height = static_cast<int>(fmt.fmt.pix.height);
            m_bytesPerLine = static_cast<int>(fmt.fmt.pix.bytesperline);
            if (m_bytesPerLine < m_width * 2) m_bytesPerLine = m_width * 2;
            if (m_width <= 0 || m_height <= 0)
                return Error(Errc::kUnsupported,
                             "camera " + m_device + ": reports an empty picture size");
            return {};
        }
        v4l2_format cur{};
        cur.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        const std::string offered =
            xioctl(m_fd, VIDIOC_G_FMT, &cur) == 0 ? fourcc(cur.fmt.pix.pixelformat) : "unknown";
        return Error(Errc::kUnsupported, "camera " + m_device +
                                             " offers neither YUYV nor MJPEG pictures (it offers " +
                                             offered + ")");
    }

    core::Status startStreaming() {
        v4l2_requestbuffers req{};
        req.count = static_cast<uint32_t>(m_options.buffers);
        req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        req.memory = V4L2_MEMORY_MMAP;
        if (xioctl(m_fd, VIDIOC_REQBUFS, &req) < 0) return sysError("requesting buffers");
        if (req.count < 2)
            return Error(Errc::kUnsupported, "camera " + m_device + ": too few buffers");
        for (uint32_t i = 0; i < req.count; ++i) {
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            buf.index = i;
            if (xioctl(m_fd, VIDIOC_QUERYBUF, &buf) < 0) return sysError("querying a buffer");
            Buffer b;
            b.length = buf.length;
            b.start =
                ::mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, buf.m.offset);
            if (b.start == MAP_FAILED) return sysError("mapping a buffer");
            m_buffers.push_back(b);
            if (xioctl(m_fd, VIDIOC_QBUF, &buf) < 0) return sysError("queueing a buffer");
        }
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(m_fd, VIDIOC_STREAMON, &type) < 0) return sysError("starting the stream");
        m_streaming = true;
        return {};
    }

    std::string m_device;
    CameraOptions m_options;
    int m_fd = -1;
    bool m_streaming = false;
    std::atomic<bool> m_colour{false};
    std::vector<Buffer> m_buffers;
    uint32_t m_pixelFormat = 0;
    int m_width = 0;
    int m_height = 0;
    int m_bytesPerLine = 0;
};

}  // namespace

Frame yuyvToGrey(const uint8_t* data, int width, int height, int bytesPerLine,
                 int64_t timestampMs) {
    Frame f = Frame::grey(width, height);
    f.timestampMs = timestampMs;
    for (int y = 0; y < height; ++y) {
        const uint8_t* src = data + static_cast<size_t>(y) * static_cast<size_t>(bytesPerLine);
        uint8_t* dst = f.row(y);
        for (size_t x = 0; x < static_cast<size_t>(width); ++x) dst[x] = src[2 * x];
    }
    return f;
}

Frame yuyvToRgb(const uint8_t* data, int width, int height, int bytesPerLine, int64_t timestampMs) {
    Frame f = Frame::rgb(width, height);
    f.timestampMs = timestampMs;
    auto clamp = [](int v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v); };
    for (int y = 0; y < height; ++y) {
        const uint8_t* src = data + static_cast<size_t>(y) * static_cast<size_t>(bytesPerLine);
        uint8_t* dst = f.row(y);
        for (int x = 0; x < width; ++x) {
            const size_t pair = static_cast<size_t>(x / 2) * 4;  // Y0 U Y1 V
            const int luma = src[2 * static_cast<size_t>(x)];
            const int u = src[pair + 1] - 128;
            const int v = src[pair + 3] - 128;
            // R = Y + 1.402 V, G = Y − 0.344 U − 0.714 V, B = Y + 1.772 U (×1024, rounded)
            dst[3 * x] = clamp(luma + ((1436 * v + 512) >> 10));
            dst[3 * x + 1] = clamp(luma - ((352 * u + 731 * v + 512) >> 10));
            dst[3 * x + 2] = clamp(luma + ((1815 * u + 512) >> 10));
        }
    }
    return f;
}

core::Result<Frame> decodeMjpeg(const uint8_t* data, size_t size, int64_t timestampMs, bool colour) {
    if (size < 4 || data[0] != 0xff || data[1] != 0xd8)
        return Error(Errc::kInvalid, "MJPEG picture does not start like a JPEG");
    std::string jpeg(reinterpret_cast<const char*>(data), size);
    size_t sos = std::string::npos;
    if (!hasHuffmanTables(jpeg, &sos) && sos != std::string::npos)
        jpeg.insert(sos, standardHuffmanTables());
    auto frame = loadImageBytes(jpeg, "MJPEG picture", timestampMs, colour);
    if (!frame) return frame.error();
    return frame;
}

std::unique_ptr<FrameSource> makeV4l2Camera(std::string device, CameraOptions options) {
    return std::make_unique<V4l2Camera>(std::move(device), options);
}

}  // namespace fc::platform
