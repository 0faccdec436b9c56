// `forecourtctl scan FILE...` run as a person would: codes per file, "none", errors naming the
// file with exit status 1 after the other files were still scanned, usage errors with 2. Reads
// two sample photos where they are (../shared/data/barcodes); skips those checks without them.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/support/test_store.hpp"

namespace {

namespace fs = std::filesystem;

// The team's sample photos beside the repository (tests/CMakeLists.txt names the folder).
fs::path samples() { return FC_BARCODE_SAMPLES; }

struct Run {
    int status = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run ctl(const std::string& args, const fc::test::TempDir& dir) {
    Run r;
    const std::string errFile = dir.file("stderr.txt");
    const std::string cmd = std::string(FC_CTL_PATH) + " " + args + " 2>" + quote(errFile);
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (FILE* e = std::fopen(errFile.c_str(), "rb")) {
        while ((n = fread(buf.data(), 1, buf.size(), e)) > 0) r.err.append(buf.data(), n);
        std::fclose(e);
    }
    return r;
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

TEST(ScanCli, UsageErrorsExitWithTwo) {
    fc::test::TempDir dir;
    auto none = ctl("scan", dir);
    EXPECT_EQ(none.status, 2);
    EXPECT_TRUE(has(none.err, "scan needs at least one picture file")) << none.err;
    auto bad = ctl("scan --bogus x.png", dir);
    EXPECT_EQ(bad.status, 2);
    EXPECT_TRUE(has(bad.err, "unknown option --bogus")) << bad.err;
    auto help = ctl("--help", dir);
    EXPECT_EQ(help.status, 0);
    EXPECT_TRUE(has(help.out, "scan FILE...")) << help.out;
}

TEST(ScanCli, BadFilesAreNamedAndTheRestIsStillScanned) {
    fc::test::TempDir dir;
    fc::test::writeFile(dir.file("notes.png"), "not a picture at all");
    const std::string missing = dir.file("missing.png");
    const std::string notes = dir.file("notes.png");
    const fs::path photo = samples() / "code128-1/1.png";
    const bool withPhoto = fs::exists(photo);
    std::string args = "scan " + quote(missing) + " " + quote(notes);
    if (withPhoto) args += " " + quote(photo.string());
    auto r = ctl(args, dir);
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.err, missing + ": cannot open")) << r.err;
    EXPECT_TRUE(has(r.err, notes + ": not a picture")) << r.err;
    if (withPhoto) {
        EXPECT_TRUE(has(r.out, photo.string() + ": Code128 168901\n")) << r.out;
    }
}

TEST(ScanCli, PrintsEachCodeOrNone) {
    const fs::path upca = samples() / "upca-1/2.png";
    const fs::path nothing = samples() / "falsepositives-1/01.png";
    if (!fs::exists(upca) || !fs::exists(nothing))
        GTEST_SKIP() << "sample photos not found in " << samples().string();
    fc::test::TempDir dir;
    auto r = ctl("scan " + quote(upca.string()) + " " + quote(nothing.string()), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    // UPC-A is printed as the GTIN-13 stores compare; --raw prints what the decoder read.
    EXPECT_EQ(r.out, upca.string() + ": UPC-A 0036602301467\n" + nothing.string() + ": none\n");
    auto raw = ctl("scan --raw " + quote(upca.string()), dir);
    EXPECT_EQ(raw.out, upca.string() + ": UPC-A 036602301467\n");
}

}  // namespace
