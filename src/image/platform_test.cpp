// Platform unit tests beyond the corpus: other hosts, --platform flags, errors, escapes, BestMatch.
#include <gtest/gtest.h>

#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"

namespace manifold::image {
namespace {

Platform Make(std::string os, std::string arch, std::string variant = "") {
  Platform p;
  p.os = std::move(os);
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

Platform MustParse(std::string_view s, const Platform& host) {
  auto p = ParsePlatform(s, host);
  EXPECT_TRUE(p) << p.error().What();
  return p ? *p : Platform{};
}

TEST(PlatformHost, ThisMachine) {
  Platform host = HostPlatform();
  EXPECT_EQ(host.os, "linux");
  EXPECT_FALSE(host.architecture.empty());
  EXPECT_EQ(Normalize(host, host).architecture, host.architecture);
#if defined(__x86_64__)
  EXPECT_EQ(Format(host), "linux/amd64");
#elif defined(__aarch64__)
  EXPECT_EQ(Format(host), "linux/arm64");
#endif
}

TEST(PlatformParse, SingleWordsTakeTheHostsOtherHalf) {
  Platform arm64_host = Make("linux", "arm64");
  EXPECT_EQ(Format(MustParse("linux", arm64_host)), "linux/arm64");
  EXPECT_EQ(Format(MustParse("windows", arm64_host)), "windows/arm64");
  Platform armv6_host = Make("linux", "arm", "v6");
  EXPECT_EQ(Format(MustParse("linux", armv6_host)), "linux/arm/v6");
  Platform armv7_host = Make("linux", "arm", "v7");
  EXPECT_EQ(Format(MustParse("linux", armv7_host)), "linux/arm");
  Platform freebsd_host = Make("freebsd", "amd64");
  EXPECT_EQ(Format(MustParse("arm64", freebsd_host)), "freebsd/arm64");
  EXPECT_EQ(Format(MustParse("armhf", freebsd_host)), "freebsd/arm");
}

TEST(PlatformParse, FlagResolvesLocalAndNormalizes) {
  Platform host = Make("linux", "arm", "v7");
  auto local = ParsePlatformFlag("local", host);
  ASSERT_TRUE(local);
  EXPECT_EQ(Format(*local), "linux/arm/v7");
  auto arm = ParsePlatformFlag("linux/arm", Make("linux", "amd64"));
  ASSERT_TRUE(arm);
  EXPECT_EQ(arm->variant, "v7");
  auto arm64 = ParsePlatformFlag("linux/arm64/v8", Make("linux", "amd64"));
  ASSERT_TRUE(arm64);
  EXPECT_EQ(Format(*arm64), "linux/arm64");
  EXPECT_FALSE(ParsePlatformFlag("locals", host));
  EXPECT_FALSE(ParsePlatformFlag("LOCAL", host));
}

TEST(PlatformParse, ErrorsNameTheSpecifierAndTheValidForms) {
  Platform host = Make("linux", "amd64");
  for (std::string_view bad : {"linux/arm/v7/x", "linux/&arm", "foo", "linux/*", "linux(a%2)/amd64",
                               "linux(a b)/amd64", "linux(+)/amd64", "lin.ux/amd64"}) {
    auto p = ParsePlatform(bad, host);
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().kind(), util::ErrorKind::kInvalidArgument);
    std::string what = p.error().What();
    EXPECT_NE(what.find(fmt::format("invalid platform {:?}", bad)), std::string::npos) << what;
  }
  EXPECT_NE(ParsePlatform("foo", host).error().What().find("os/arch"), std::string::npos);
}

TEST(PlatformParse, KnownPlatformsAreGoNames) {
  Platform host = Make("linux", "amd64");
  for (std::string_view known : {"linux/amd64", "linux/aarch64", "linux/arm/v7", "windows/amd64", "linux/riscv64"}) {
    EXPECT_TRUE(IsKnownPlatform(MustParse(known, host))) << known;
  }
  for (std::string_view unknown : {"linux/bogus", "plan10/amd64", "linux/amd65"}) {
    EXPECT_FALSE(IsKnownPlatform(MustParse(unknown, host))) << unknown << " parses (as containerd's does) but is unknown";
  }
}

TEST(PlatformFormat, EscapesAndSortsOsOptions) {
  Platform p = Make("windows", "amd64");
  p.os_version = "10.0(1)/2";
  p.os_features = {"z+1", "a", "z+1"};
  EXPECT_EQ(FormatAll(p), "windows(10.0%281%29%2F2+a+z%2B1)/amd64");
  auto back = ParsePlatform(FormatAll(p), Make("linux", "amd64"));
  ASSERT_TRUE(back) << back.error().What();
  EXPECT_EQ(back->os_version, p.os_version);
  EXPECT_EQ(FormatAll(*back), FormatAll(p));
  EXPECT_EQ(Format(Platform{}), "unknown");
  EXPECT_EQ(Format(Make("linux", "amd64", "..")), "linux");
}

TEST(PlatformMatch, BestMatchPrefersExactThenNewestCompatibleAndKeepsIndexOrderOnTies) {
  Platform host = Make("linux", "amd64");
  std::vector<Platform> index = {Make("linux", "amd64"), Make("linux", "arm", "v6"),
                                 Make("linux", "arm64", "v8"), Make("linux", "arm", "v7"),
                                 Make("linux", "arm64")};
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "arm", "v7"), host).BestMatch(index), 3u);
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "arm", "v6"), host).BestMatch(index), 1u);
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "arm", "v8"), host).BestMatch(index), 3u);
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "arm64"), host).BestMatch(index), 2u);
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "arm", "v5"), host).BestMatch(index), std::nullopt);
  EXPECT_EQ(PlatformMatcher::OnlyStrict(Make("linux", "386"), host).BestMatch(index), std::nullopt);
  EXPECT_EQ(PlatformMatcher::Only(Make("linux", "amd64", "v3"), host).BestMatch(index), 0u);
  EXPECT_EQ(PlatformMatcher::OnlyOS(Make("linux", "arm64"), host).BestMatch(index), 2u);
  EXPECT_EQ(PlatformMatcher::OnlyOS(Make("windows", "arm64"), host).BestMatch(index), std::nullopt);
}

TEST(PlatformMatch, OsFeaturesAndVersions) {
  Platform host = Make("linux", "amd64");
  Platform gpu = Make("linux", "amd64");
  gpu.os_features = {"gpu"};
  auto only = PlatformMatcher::Only(gpu, host);
  EXPECT_TRUE(only.Match(Make("linux", "amd64")));
  EXPECT_TRUE(only.Match(gpu));
  Platform simd = gpu;
  simd.os_features.push_back("simd");
  EXPECT_FALSE(only.Match(simd));
  EXPECT_TRUE(only.Less(gpu, Make("linux", "amd64")));
  EXPECT_FALSE(only.Less(Make("linux", "amd64"), gpu));

  Platform win = Make("windows", "amd64");
  win.os_version = "10.0.17763.1234";
  Platform other = win;
  other.os_version = "10.0.17763.99";
  EXPECT_TRUE(PlatformMatcher::OnlyStrict(win, host).Match(other));
  other.os_version = "10.0.20348.1";
  EXPECT_FALSE(PlatformMatcher::OnlyStrict(win, host).Match(other));
}

}  // namespace
}  // namespace manifold::image
