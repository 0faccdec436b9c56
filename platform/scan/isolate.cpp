// Index
//   [SECTION] wire format
//   [SECTION] child
//   [SECTION] parent
//   [SECTION] decoding entry points
#include "platform/scan/isolate.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string_view>

#include <fcntl.h>
#include <spawn.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform/scan/image_load.hpp"

namespace fc::platform {
namespace {

using core::Errc;
using core::Error;

// [SECTION] wire format
//
// Message: "FCSD" u64(length) body. Body: u8 ok; ok → payload bytes; not ok → u8 errc, message.
// Numbers are little-endian fixed width (both ends are the same binary, but be explicit).

constexpr char kMagic[4] = {'F', 'C', 'S', 'D'};
constexpr size_t kHeaderSize = 4 + 8;
// Largest answer accepted: a maximum-size RGB frame plus room.
constexpr uint64_t kMaxBody = static_cast<uint64_t>(kMaxImagePixels) * 3 + (1u << 20);

class Writer {
public:
    void u8(uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
    void u64(uint64_t v) {
        for (int i = 0; i < 8; ++i) m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
    void bytes(std::string_view s) {
        u64(s.size());
        m_out.append(s);
    }
    std::string take() { return std::move(m_out); }
    std::string& out() { return m_out; }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool u8(uint8_t& v) {
        if (m_in.size() - m_pos < 1) return false;
        v = static_cast<uint8_t>(m_in[m_pos++]);
        return true;
    }
    bool u32(uint32_t& v) {
        if (m_in.size() - m_pos < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i)
            v |= static_cast<uint32_t>(static_cast<uint8_t>(m_in[m_pos + i])) << (8 * i);
        m_pos += 4;
        return true;
    }
    bool u64(uint64_t& v) {
        if (m_in.size() - m_pos < 8) return false;
        v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<uint64_t>(static_cast<uint8_t>(m_in[m_pos + i])) << (8 * i);
        m_pos += 8;
        return true;
    }
    bool bytes(std::string& s) {
        uint64_t n = 0;
        if (!u64(n) || n > m_in.size() - m_pos) return false;
        s.assign(m_in.substr(m_pos, static_cast<size_t>(n)));
        m_pos += static_cast<size_t>(n);
        return true;
    }
    bool done() const { return m_pos == m_in.size(); }

private:
    std::string_view m_in;
    size_t m_pos = 0;
};

Error garbled(const std::string& what) {
    return Error(Errc::kInternal, "the decoder process gave a garbled answer (" + what + ")");
}

std::string encodeAnswer(const core::Result<std::string>& r) {
    Writer body;
    if (r) {
        body.u8(1);
        body.out().append(r.value());
    } else {
        body.u8(0);
        body.u8(static_cast<uint8_t>(r.error().code));
        body.bytes(r.error().message);
    }
    std::string msg(kMagic, sizeof kMagic);
    Writer len;
    len.u64(body.out().size());
    msg += len.take();
    msg += body.take();
    return msg;
}

// Body (after the header) → the child's result.
core::Result<std::string> decodeAnswer(std::string body) {
    if (body.empty()) return garbled("empty answer");
    if (body[0] == 1) return body.substr(1);
    if (body[0] != 0) return garbled("bad status byte");
    Reader in(std::string_view(body).substr(1));
    uint8_t code = 0;
    std::string message;
    if (!in.u8(code) || !in.bytes(message) || !in.done()) return garbled("bad error record");
    if (code > static_cast<uint8_t>(Errc::kInternal)) return garbled("unknown error code");
    return Error(static_cast<Errc>(code), message);
}

// [SECTION] child

bool writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

void applyFault(ChildFault fault, int fd) {
    switch (fault) {
        case ChildFault::kNone:
            return;
        case ChildFault::kAbort:
            std::abort();
        case ChildFault::kSegfault:
            // Default action (no sanitizer report), exactly what the kernel does on a bad access.
            ::signal(SIGSEGV, SIG_DFL);
            ::raise(SIGSEGV);
            ::_exit(99);  // not reached
        case ChildFault::kHang:
            for (;;) ::pause();
        case ChildFault::kGarbage: {
            static constexpr char kJunk[] = "FCSD\xff\xff\xff\xff\xff\xff\xff\x7fnot an answer";
            (void)writeAll(fd, kJunk, sizeof kJunk - 1);
            ::_exit(0);
        }
    }
}

[[noreturn]] void childMain(int fd, pid_t parent,
                            const std::function<core::Result<std::string>()>& work,
                            ChildFault fault) {
    // Die with the parent; if it is already gone, leave now.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(3);
    applyFault(fault, fd);
    std::string msg;
    try {
        msg = encodeAnswer(work());
    } catch (const std::exception& e) {
        msg = encodeAnswer(Error(Errc::kInternal, std::string("decoder error: ") + e.what()));
    } catch (...) {
        msg = encodeAnswer(Error(Errc::kInternal, "decoder error"));
    }
    // _exit: no atexit handlers, no static destructors, no flushing of the parent's buffers.
    ::_exit(writeAll(fd, msg.data(), msg.size()) ? 0 : 4);
}

// [SECTION] parent

std::string describeStatus(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = ::strsignal(sig);
        return "crashed (signal " + std::to_string(sig) + (name ? std::string(": ") + name : "") +
               ")";
    }
    if (WIFEXITED(status))
        return "failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
    return "ended unexpectedly";
}

std::string describeMs(int ms) {
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

int waitChild(pid_t pid, bool* reaped) {
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, 0);
        if (r == pid) {
            *reaped = true;
            return status;
        }
        if (r < 0 && errno == EINTR) continue;
        *reaped = false;  // ECHILD: SIGCHLD is ignored, the kernel reaped it
        return 0;
    }
}

// Reads the child's answer from `fd` (closed here), within the timeout, and reaps the child.
core::Result<std::string> collectAnswer(pid_t pid, int fd, const IsolationOptions& options) {

    // Read "FCSD" + length + body. Completion is decided by the length, not by EOF: another
    // thread's fork could briefly hold a copy of the write end.
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::milliseconds(options.timeoutMs);
    std::string in;
    uint64_t want = kHeaderSize;
    bool haveHeader = false;
    bool complete = false;
    bool timedOut = false;
    bool cancelled = false;
    std::string problem;
    char buf[64 * 1024];
    while (!complete) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        if (options.cancel && options.cancel->load()) {
            cancelled = true;
            break;
        }
        pollfd p{fd, POLLIN, 0};
        const int pr = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 100)));
        if (pr < 0 && errno != EINTR) {
            problem = std::string("poll: ") + std::strerror(errno);
            break;
        }
        if (pr <= 0) continue;
        const size_t room = static_cast<size_t>(std::min<uint64_t>(sizeof buf, want - in.size()));
        const ssize_t n = ::read(fd, buf, room);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            problem = std::string("read: ") + std::strerror(errno);
            break;
        }
        if (n == 0) break;  // EOF before a whole answer: the child died
        in.append(buf, static_cast<size_t>(n));
        if (!haveHeader && in.size() == kHeaderSize) {
            if (std::memcmp(in.data(), kMagic, sizeof kMagic) != 0) {
                problem = "bad header";
                break;
            }
            Reader r(std::string_view(in).substr(4));
            uint64_t len = 0;
            (void)r.u64(len);
            if (len == 0 || len > kMaxBody) {
                problem = "bad length";
                break;
            }
            haveHeader = true;
            want = kHeaderSize + len;
            in.reserve(static_cast<size_t>(want));
        }
        if (haveHeader && in.size() == want) complete = true;
    }
    ::close(fd);
    if (!complete) ::kill(pid, SIGKILL);  // hung, garbled or already dead: make sure it is gone
    bool reaped = false;
    const int status = waitChild(pid, &reaped);

    const std::string& who = options.name;
    if (cancelled) return Error(Errc::kInternal, "decoding was cancelled");
    if (timedOut)
        return Error(Errc::kInternal,
                     who + " took longer than " + describeMs(options.timeoutMs) + " on this picture and was stopped");
    if (!problem.empty()) return garbled(problem);
    if (!complete) {
        if (!reaped) return Error(Errc::kInternal, who + " ended without an answer");
        return Error(Errc::kInternal, who + " " + describeStatus(status) + " on this picture; nothing was read from it");
    }
    if (reaped && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        return Error(Errc::kInternal, who + " " + describeStatus(status));
    return decodeAnswer(in.substr(kHeaderSize));
}

}  // namespace

core::Result<std::string> runIsolated(const std::function<core::Result<std::string>()>& work,
                                      const IsolationOptions& options) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error(Errc::kIo, "cannot start " + options.name + ": pipe: " + std::strerror(errno));
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        return Error(Errc::kIo, "cannot start " + options.name + ": fork: " + std::strerror(err));
    }
    if (pid == 0) {
        ::close(fds[0]);
        childMain(fds[1], parent, work, options.testFault);
    }
    ::close(fds[1]);
    return collectAnswer(pid, fds[0], options);
}

core::Result<std::string> runProgramIsolated(const std::vector<std::string>& argv, const IsolationOptions& options) {
    if (argv.empty()) return Error(Errc::kInvalid, "runProgramIsolated: no program");
    if (::access(argv[0].c_str(), X_OK) != 0)
        return Error(Errc::kIo, "cannot start " + options.name + ": " + argv[0] + ": " + std::strerror(errno));
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error(Errc::kIo, "cannot start " + options.name + ": pipe: " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // dup2 clears CLOEXEC on 1
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int err = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (err != 0) {
        ::close(fds[0]);
        return Error(Errc::kIo, "cannot start " + options.name + ": " + argv[0] + ": " + std::strerror(err));
    }
    return collectAnswer(pid, fds[0], options);
}

std::string encodeIsolatedAnswer(const core::Result<std::string>& result) { return encodeAnswer(result); }

std::string siblingProgram(const std::string& name) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return name;
    return (self.parent_path() / name).string();
}

// [SECTION] decoding entry points

std::string encodeCodes(const std::vector<Code>& codes) {
    Writer w;
    w.u32(static_cast<uint32_t>(codes.size()));
    for (const Code& c : codes) {
        w.u8(static_cast<uint8_t>(c.symbology));
        w.bytes(c.text);
        w.bytes(c.raw);
    }
    return w.take();
}

core::Result<std::vector<Code>> decodeCodes(const std::string& bytes) {
    Reader in(bytes);
    uint32_t n = 0;
    if (!in.u32(n) || n > 1024) return garbled("bad code count");
    std::vector<Code> codes;
    for (uint32_t i = 0; i < n; ++i) {
        uint8_t s = 0;
        Code c;
        if (!in.u8(s) || s >= kSymbologyCount || !in.bytes(c.text) || !in.bytes(c.raw))
            return garbled("bad code record");
        c.symbology = static_cast<Symbology>(s);
        codes.push_back(std::move(c));
    }
    if (!in.done()) return garbled("trailing bytes");
    return codes;
}

std::string encodeFrame(const Frame& f) {
    Writer w;
    w.u32(static_cast<uint32_t>(f.width));
    w.u32(static_cast<uint32_t>(f.height));
    w.u32(static_cast<uint32_t>(f.stride));
    w.u8(static_cast<uint8_t>(f.format));
    w.u64(static_cast<uint64_t>(f.timestampMs));
    w.bytes(std::string_view(reinterpret_cast<const char*>(f.pixels.data()), f.pixels.size()));
    return w.take();
}

core::Result<Frame> decodeFrame(const std::string& bytes) {
    Reader in(bytes);
    uint32_t w = 0, h = 0, stride = 0;
    uint8_t format = 0;
    uint64_t ts = 0;
    std::string pixels;
    if (!in.u32(w) || !in.u32(h) || !in.u32(stride) || !in.u8(format) || !in.u64(ts) ||
        !in.bytes(pixels) || !in.done())
        return garbled("bad frame record");
    Frame f;
    if (w > 1'000'000 || h > 1'000'000 || stride > 4'000'000) return garbled("bad frame size");
    f.width = static_cast<int>(w);
    f.height = static_cast<int>(h);
    f.stride = static_cast<int>(stride);
    f.format = static_cast<PixelFormat>(format);
    f.timestampMs = static_cast<int64_t>(ts);
    f.pixels.assign(pixels.begin(), pixels.end());
    if (!f.wellFormed()) return garbled("inconsistent frame");
    return f;
}

core::Result<std::vector<Code>> decodeIsolated(const Frame& frame, Pass pass,
                                               const IsolationOptions& options) {
    auto bytes = runIsolated(
        [&]() -> core::Result<std::string> { return encodeCodes(decode(frame, pass)); }, options);
    if (!bytes) return bytes.error();
    return decodeCodes(bytes.value());
}

core::Result<Frame> loadImageIsolated(const std::string& path, int64_t timestampMs,
                                      const IsolationOptions& options) {
    auto bytes = runIsolated(
        [&]() -> core::Result<std::string> {
            auto f = loadImageFile(path, timestampMs);
            if (!f) return f.error();
            return encodeFrame(f.value());
        },
        options);
    if (!bytes) return bytes.error();
    return decodeFrame(bytes.value());
}

core::Result<std::vector<Code>> scanImageFileIsolated(const std::string& path,
                                                      const IsolationOptions& options) {
    auto bytes = runIsolated(
        [&]() -> core::Result<std::string> {
            auto f = loadImageFile(path);
            if (!f) return f.error();
            return encodeCodes(decodeThorough(f.value()));
        },
        options);
    if (!bytes) return bytes.error();
    return decodeCodes(bytes.value());
}

}  // namespace fc::platform
