#include "platform/print/print.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace fc::platform {

std::optional<PrintLang> parsePrintLang(std::string_view key) {
    if (key == "zh-CN" || key == "zh" || key == "zh_CN" || key == "zh-cn") return PrintLang::kZhCn;
    if (key == "en") return PrintLang::kEn;
    return std::nullopt;
}

core::Status writeFileWhole(const std::string& path, const std::string& bytes) {
    if (path.empty()) return core::invalid("no file to write the PDF to");
    const auto failed = [&](int err) {
        return core::Error(core::Errc::kIo, "cannot write '" + path + "': " + std::strerror(err));
    };
    // Beside the target, so the rename stays on one file system and a reader never sees half a
    // file.
    const std::string part = path + ".part-" + std::to_string(::getpid());
    FILE* f = std::fopen(part.c_str(), "wb");
    if (!f) return failed(errno);
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() &&
                         std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const int writeErr = errno;
    if (std::fclose(f) != 0 || !written) {
        std::remove(part.c_str());
        return failed(written ? errno : writeErr);
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(part.c_str());
        return failed(err);
    }
    return {};
}

std::string chineseCapitalAmount(int64_t fen) {
    static const char* kDigits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char* kSmall[] = {"", "拾", "佰", "仟"};
    static const char* kBig[] = {"", "万", "亿"};
    const bool negative = fen < 0;
    const uint64_t abs =
        negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
    if (abs == 0) return "零元整";
    if (abs >= 100'000'000'000'000) return "";  // 10^12 yuan and more: beyond any invoice
    const uint64_t yuan = abs / 100;
    const int jiao = static_cast<int>(abs / 10 % 10);
    const int cents = static_cast<int>(abs % 10);
    std::string out = negative ? "负" : "";
    if (yuan > 0) {
        const std::string digits = std::to_string(yuan);
        const int n = static_cast<int>(digits.size());
        bool zero = false;
        for (int i = 0; i < n; ++i) {
            const int pos = n - 1 - i;  // power of ten
            const int d = digits[static_cast<size_t>(i)] - '0';
            if (d == 0) {
                zero = true;
            } else {
                if (zero) out += kDigits[0];
                zero = false;
                out += kDigits[d];
                out += kSmall[pos % 4];
            }
            if (pos % 4 == 0 && pos > 0) {
                // The group's unit (万, 亿) when any of its four digits is not zero.
                const int from = std::max(0, i - 3);
                if (digits.substr(static_cast<size_t>(from), static_cast<size_t>(i - from + 1))
                        .find_first_not_of('0') != std::string::npos) {
                    out += kBig[pos / 4];
                    zero = false;
                }
            }
        }
        out += "元";
    }
    if (jiao == 0 && cents == 0) return out + "整";
    if (jiao > 0) out += std::string(kDigits[jiao]) + "角";
    if (cents > 0) {
        if (jiao == 0 && yuan > 0) out += kDigits[0];
        out += std::string(kDigits[cents]) + "分";
    }
    return out;
}

}  // namespace fc::platform
