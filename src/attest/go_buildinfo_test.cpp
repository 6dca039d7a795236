// Go build info: synthetic ELF files (both classes and byte orders), corrupt and truncated ones.
#include "attest/go_buildinfo.hpp"

#include <gtest/gtest.h>

#include "attest/go_packages.hpp"

namespace manifold::attest {
namespace {

constexpr std::string_view kModInfo =
    "path\texample.com/app/cmd/app\n"
    "mod\texample.com/app\t(devel)\t\n"
    "dep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n"
    "dep\texample.com/dep\tv0.1.0\n"
    "=>\t./dep\t(devel)\t\n"
    "dep\texample.com/old\tv1.0.0\n"
    "=>\texample.com/fork\tv1.0.1\th1:abc=\n"
    "build\t-compiler=gc\n"
    "build\t\"-ldflags\"=\"-X main.v=1 -s\"\n"
    "build\tGOARCH=arm64\n"
    "build\tGOOS=linux\n"
    "build\tvcs.revision=0123456789abcdef\n";

std::string Uvarint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
  return out;
}

std::string Blob(std::string_view version, std::string_view modinfo, uint8_t flags = 2) {
  std::string blob("\xff Go buildinf:", 14);
  blob += static_cast<char>(8);
  blob += static_cast<char>(flags);
  blob.append(16, '\0');
  const std::string framed = std::string(16, 'S') + std::string(modinfo) + std::string(16, 'E');
  return blob + Uvarint(version.size()) + std::string(version) + Uvarint(framed.size()) + framed;
}

void Put(std::string& out, size_t at, uint64_t v, size_t n, bool little) {
  for (size_t i = 0; i < n; ++i) out[at + (little ? i : n - 1 - i)] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// A minimal ELF: header, section names, the section, then the section header table.
std::string Elf(std::string_view section, bool is64 = true, bool little = true, std::string_view name = ".go.buildinfo") {
  const std::string names = std::string("\0.shstrtab\0", 11) + std::string(name) + std::string(1, '\0');
  const size_t eh = is64 ? 64 : 52, sh = is64 ? 64 : 40;
  std::string f(eh, '\0');
  f.replace(0, 4, "\x7f" "ELF");
  f[4] = is64 ? 2 : 1;
  f[5] = little ? 1 : 2;
  f[6] = 1;
  Put(f, 16, 2, 2, little);                   // ET_EXEC
  Put(f, 18, is64 ? 0xB7 : 0x28, 2, little);  // aarch64 / arm
  const size_t names_at = f.size();
  f += names;
  f.resize((f.size() + 15) / 16 * 16, '\0');
  const size_t section_at = f.size();
  f += section;
  f.resize((f.size() + 7) / 8 * 8, '\0');
  const size_t shoff = f.size();
  f.resize(shoff + 3 * sh, '\0');
  auto header = [&](size_t i, uint32_t name_off, uint32_t type, uint64_t off, uint64_t size) {
    const size_t at = shoff + i * sh;
    Put(f, at, name_off, 4, little);
    Put(f, at + 4, type, 4, little);
    Put(f, at + (is64 ? 24 : 16), off, is64 ? 8 : 4, little);
    Put(f, at + (is64 ? 32 : 20), size, is64 ? 8 : 4, little);
  };
  header(1, 1, 3, names_at, names.size());
  header(2, 11, 1, section_at, section.size());
  Put(f, is64 ? 0x28 : 0x20, shoff, is64 ? 8 : 4, little);
  Put(f, is64 ? 0x3A : 0x2E, sh, 2, little);
  Put(f, is64 ? 0x3C : 0x30, 3, 2, little);
  Put(f, is64 ? 0x3E : 0x32, 1, 2, little);
  return f;
}

util::Result<std::optional<GoBuildInfo>> Read(const std::string& bytes) { return ReadGoBuildInfo(MemoryByteSource(bytes)); }

TEST(GoBuildInfo, ReadsVersionModulesReplacementsAndSettingsInEveryElfForm) {
  for (const bool is64 : {true, false}) {
    for (const bool little : {true, false}) {
      auto info = Read(Elf(Blob("go1.21.5", kModInfo), is64, little));
      ASSERT_TRUE(info) << info.error().What();
      ASSERT_TRUE(*info) << "64-bit " << is64 << " little " << little;
      const GoBuildInfo& bi = **info;
      EXPECT_EQ(bi.go_version, "go1.21.5");
      EXPECT_EQ(bi.path, "example.com/app/cmd/app");
      EXPECT_EQ(bi.main.path, "example.com/app");
      EXPECT_EQ(bi.main.version, "(devel)");
      ASSERT_EQ(bi.deps.size(), 3u);
      EXPECT_EQ(bi.deps[0].sum, "h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=");
      EXPECT_EQ(bi.deps[1].replace_path, "./dep");
      EXPECT_EQ(bi.deps[2].replace_version, "v1.0.1");
      ASSERT_EQ(bi.settings.size(), 5u);
      EXPECT_EQ(bi.settings[1], (std::pair<std::string, std::string>{"-ldflags", "-X main.v=1 -s"}));
      EXPECT_EQ(bi.settings[2], (std::pair<std::string, std::string>{"GOARCH", "arm64"}));
    }
  }
}

TEST(GoBuildInfo, PackagesWithPurlsAndStdlib) {
  GoBuildInfo info;
  info.go_version = "go1.21.5 X:boringcrypto";
  ASSERT_TRUE(ParseGoModInfo(kModInfo, info));
  ScanReport report;
  AddGoPackages(info, "/usr/bin/app", report);
  EXPECT_EQ(report.go_binaries, 1u);
  EXPECT_EQ(report.go_modules, 4u);
  std::vector<std::string> purls;
  for (const auto& p : report.packages) purls.push_back(p.purl);
  EXPECT_EQ(purls, (std::vector<std::string>{
                       "pkg:golang/example.com/app@%28devel%29", "pkg:golang/golang.org/x/text@v0.14.0",
                       "pkg:golang/example.com/dep@v0.1.0", "pkg:golang/example.com/fork@v1.0.1",
                       "pkg:golang/stdlib@go1.21.5"}));
  EXPECT_EQ(report.packages[0].comment, "main module of /usr/bin/app; GOARCH=arm64; GOOS=linux; vcs.revision=0123456789abcdef");
  EXPECT_EQ(report.packages[2].comment, "replaced by the local directory ./dep");
  EXPECT_EQ(report.packages[3].comment, "replaces example.com/old v1.0.0");
}

TEST(GoBuildInfo, NotGoIsNulloptNotAnError) {
  EXPECT_FALSE(*Read("#!/bin/sh\necho hello, this is a script and not an ELF file\n"));
  EXPECT_FALSE(*Read(Elf("data", true, true, ".rodata")));
}

TEST(GoBuildInfo, CorruptOrTruncatedIsAClearErrorNeverACrash) {
  // The version's length says more bytes than the section holds.
  std::string blob = Blob("go1.21.5", kModInfo);
  blob[32] = '\x7f';
  auto cut = Read(Elf(blob.substr(0, 40)));
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(cut.error().What().find("truncated"), std::string::npos) << cut.error().What();
  // A varint that never ends.
  std::string endless = Blob("", "").substr(0, 32) + std::string(12, '\xff');
  EXPECT_NE(Read(Elf(endless)).error().What().find("bad length"), std::string::npos);
  // The pointer form of Go < 1.18.
  auto old = Read(Elf(Blob("go1.17", kModInfo, 0)));
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().kind(), util::ErrorKind::kUnavailable);
  EXPECT_NE(old.error().What().find("not supported"), std::string::npos);
  // A module line with too many columns.
  EXPECT_FALSE(Read(Elf(Blob("go1.21.5", "dep\ta\tb\tc\td\n"))));
  // Every prefix of a valid file, and every byte of its headers flipped: no crash, no hang.
  const std::string whole = Elf(Blob("go1.21.5", kModInfo));
  for (size_t n = 0; n < whole.size(); ++n) (void)Read(whole.substr(0, n));
  for (size_t i = 0; i < 64; ++i) {
    std::string flipped = whole;
    flipped[i] = static_cast<char>(~flipped[i]);
    (void)Read(flipped);
  }
}

TEST(GoBuildInfo, HugeSectionSizeIsBoundedByTheFile) {
  std::string f = Elf(Blob("go1.21.5", kModInfo));
  const size_t shoff = f.size() - 3 * 64;
  Put(f, shoff + 2 * 64 + 32, uint64_t{1} << 40, 8, true);  // .go.buildinfo claims 1 TiB
  auto info = Read(f);
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().What().find("past the end"), std::string::npos) << info.error().What();
}

}  // namespace
}  // namespace manifold::attest
