// ZXing-cpp 1.4 (Debian's libzxing-dev) behind decoder.hpp.
//
// Only ZXing::ReadBarcode (one result) is used: Debian builds ZXing with assertions on, and
// ZXing::ReadBarcodes (all results) aborts the process on one of the sample photos
// (code128-1/4.png) while ReadBarcode reads every sample. Pictures from outside still go through
// isolate.hpp in case another input finds another assertion.
#include "platform/scan/decoder.hpp"

#include <algorithm>
#include <exception>
#include <optional>

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>

namespace fc::platform {
namespace {

constexpr ZXing::BarcodeFormats kFormats =
    ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::Code39 | ZXing::BarcodeFormat::EAN13 |
    ZXing::BarcodeFormat::EAN8 | ZXing::BarcodeFormat::UPCA | ZXing::BarcodeFormat::UPCE |
    ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::DataMatrix;

// Pictures with a long side up to this also get the 2x enlarged attempt in the thorough pass.
constexpr int kSmallPictureMaxSide = 1024;
// Pictures whose short side is at least this are also tried halved in the thorough pass.
constexpr int kMinSideToHalve = 160;
// Turns tried for tilted 1D codes; with the scan lines' own tolerance they cover about +-40.
constexpr double kTurns[] = {15, -15, 30, -30};
// Long side of the picture that is turned.
constexpr int kTurnMaxSide = 1280;
// Quiet zone (white) around the enlarged picture, in enlarged pixels: enough for a DataMatrix
// cropped to its edge, small because a wide white border skews the 1D readers' row threshold
// (a blurred EAN-13 sample reads with 8 and not with 32).
constexpr int kEnlargedPad = 8;

std::optional<Symbology> fromZXing(ZXing::BarcodeFormat f) {
    switch (f) {
        case ZXing::BarcodeFormat::Code128:
            return Symbology::kCode128;
        case ZXing::BarcodeFormat::Code39:
            return Symbology::kCode39;
        case ZXing::BarcodeFormat::EAN13:
            return Symbology::kEan13;
        case ZXing::BarcodeFormat::EAN8:
            return Symbology::kEan8;
        case ZXing::BarcodeFormat::UPCA:
            return Symbology::kUpcA;
        case ZXing::BarcodeFormat::UPCE:
            return Symbology::kUpcE;
        case ZXing::BarcodeFormat::QRCode:
            return Symbology::kQrCode;
        case ZXing::BarcodeFormat::DataMatrix:
            return Symbology::kDataMatrix;
        default:
            return std::nullopt;
    }
}

ZXing::DecodeHints fastHints() {
    ZXing::DecodeHints h;
    h.setFormats(kFormats).setTryHarder(false).setTryRotate(false).setTryDownscale(false);
    return h;
}

ZXing::DecodeHints thoroughHints() {
    ZXing::DecodeHints h;
    h.setFormats(kFormats).setTryHarder(true).setTryRotate(true).setTryDownscale(true);
    return h;
}

// Try-harder for 1D codes only, for the turned pictures.
ZXing::DecodeHints linearHints() {
    ZXing::DecodeHints h = thoroughHints();
    h.setFormats(kFormats & ZXing::BarcodeFormat::LinearCodes);
    return h;
}

// One ZXing read of a grey frame.
std::optional<Code> readOnce(const Frame& grey, const ZXing::DecodeHints& hints) {
    if (grey.empty()) return std::nullopt;
    try {
        const ZXing::ImageView view(grey.pixels.data(), grey.width, grey.height,
                                    ZXing::ImageFormat::Lum, grey.stride);
        const ZXing::Result r = ZXing::ReadBarcode(view, hints);
        if (!r.isValid()) return std::nullopt;
        const auto symbology = fromZXing(r.format());
        if (!symbology) return std::nullopt;
        std::string raw = r.text();
        std::string text = normalizeCode(*symbology, raw);
        return Code{*symbology, std::move(text), std::move(raw)};
    } catch (const std::exception&) {
        // ZXing throws for pictures it cannot take (e.g. sides over 65535): nothing read.
        return std::nullopt;
    }
}

// The frame itself when it is grey (any stride), else a grey copy made in `storage`.
const Frame& asGrey(const Frame& frame, Frame& storage) {
    if (frame.format == PixelFormat::kGrey) return frame;
    storage = toGrey(frame);
    return storage;
}

std::vector<Code> one(std::optional<Code> c) {
    if (!c) return {};
    return {std::move(*c)};
}

}  // namespace

std::vector<Code> decodeFast(const Frame& frame) {
    if (!frame.wellFormed()) return {};
    Frame converted;
    const Frame& grey = asGrey(frame, converted);
    const int longSide = std::max(grey.width, grey.height);
    const int factor = (longSide + kFastPassMaxSide - 1) / kFastPassMaxSide;
    if (factor <= 1) return one(readOnce(grey, fastHints()));
    return one(readOnce(downscaleBox(grey, factor), fastHints()));
}

std::vector<Code> decodeThorough(const Frame& frame) {
    if (!frame.wellFormed()) return {};
    Frame converted;
    const Frame& grey = asGrey(frame, converted);
    const int longSide = std::max(grey.width, grey.height);
    const int factor = (longSide + kFastPassMaxSide - 1) / kFastPassMaxSide;
    // 1. The fast pass's picture (box-averaged: less noise, thinner blur), try-harder and rotated.
    if (factor > 1) {
        if (auto c = readOnce(downscaleBox(grey, factor), thoroughHints())) return {std::move(*c)};
    }
    // 2. The full-size picture with ZXing's own downscaled layers: what ZXing reads on its own
    //    with try-harder on.
    if (auto c = readOnce(grey, thoroughHints())) return {std::move(*c)};
    // 3. Pictures already small enough for the fast pass: halved once, for the same reason as 1.
    if (factor <= 1 && std::min(grey.width, grey.height) >= kMinSideToHalve) {
        if (auto c = readOnce(downscaleBox(grey, 2), thoroughHints())) return {std::move(*c)};
    }
    // 4. Small pictures (thumbnails, cropped labels, 1-pixel modules): enlarged with a quiet zone.
    if (longSide <= kSmallPictureMaxSide) {
        if (auto c = readOnce(upscale2x(grey, kEnlargedPad), thoroughHints()))
            return {std::move(*c)};
    }
    // 5. 1D codes tilted more than a scan line can cross (a long, short label at 10 degrees):
    //    the picture turned by +-15 and +-30 degrees. 2D codes need no help here.
    //    Turned at up to 1280 px (a camera frame as it is) so thin bars survive the turn.
    const int turnFactor = (longSide + kTurnMaxSide - 1) / kTurnMaxSide;
    const Frame turnable = turnFactor > 1 ? downscaleBox(grey, turnFactor) : Frame{};
    const Frame& source = turnFactor > 1 ? turnable : grey;
    for (double degrees : kTurns) {
        if (auto c = readOnce(rotateGrey(source, degrees), linearHints())) return {std::move(*c)};
    }
    return {};
}

std::vector<Code> decode(const Frame& frame, Pass pass) {
    return pass == Pass::kFast ? decodeFast(frame) : decodeThorough(frame);
}

void warmUpDecoder() {
    Frame blank = Frame::grey(64, 64, 255);
    (void)readOnce(blank, thoroughHints());
}

}  // namespace fc::platform
