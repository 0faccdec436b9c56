// forecourt-photo PATH MAX_EDGE QUALITY — makes a job photo from a picture file for the app
// (photo.hpp, photoFromFileIsolated): loads it in colour, scales it to MAX_EDGE pixels on the long
// side, compresses it as JPEG at QUALITY and writes the answer (isolate.hpp's wire format) to
// stdout. A separate program so a crafted picture can only crash this process, and so the app's
// threads are never forked. Not meant to be run by hand.
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include "platform/scan/isolate.hpp"
#include "platform/scan/photo.hpp"

int main(int argc, char** argv) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // die with the app
    fc::platform::PhotoOptions options;
    std::string answer;
    if (argc != 4) {
        answer = fc::platform::encodeIsolatedAnswer(
            fc::core::Error(fc::core::Errc::kInvalid, "usage: forecourt-photo PATH MAX_EDGE QUALITY"));
    } else {
        options.maxEdge = std::atoi(argv[2]);
        options.quality = std::atoi(argv[3]);
        if (options.maxEdge < 16 || options.maxEdge > 8192 || options.quality < 1 || options.quality > 100)
            answer = fc::platform::encodeIsolatedAnswer(
                fc::core::Error(fc::core::Errc::kInvalid, "forecourt-photo: MAX_EDGE 16–8192, QUALITY 1–100"));
        else
            answer = fc::platform::photoWorkerAnswer(argv[1], options);
    }
    const char* p = answer.data();
    size_t left = answer.size();
    while (left > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, p, left);
        if (n <= 0) return 4;
        p += n;
        left -= static_cast<size_t>(n);
    }
    return 0;
}
