// MountOverlay on the real kernel: deep stacks through the new API and through mount(2).
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/mount.hpp"
#include "util/temp_file.hpp"

namespace manifold::util {
namespace {

namespace fs = std::filesystem;

class OverlayMountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "overlay mounts need root";
    auto ns = EnterPrivateMountNamespace();
    ASSERT_TRUE(ns) << ns.error().What();
    fs::create_directories(dir_ / "merged");
  }
  // `count` lower dirs with paths of a realistic length (a MANIFOLD_ROOT's diff store), bottom
  // first: layer i holds f<i> and its own version of "top".
  std::vector<fs::path> Layers(size_t count) {
    std::vector<fs::path> lower;
    for (size_t i = 0; i < count; ++i) {
      fs::path layer = dir_ / "var/lib/manifold/snapshots/diffs" / fmt::format("{:012x}", 0x5eed0000 + i);
      fs::create_directories(layer);
      std::ofstream(layer / fmt::format("f{}", i)) << i;
      std::ofstream(layer / "top") << i;
      lower.push_back(layer);
    }
    return lower;
  }
  testing::TempDir dir_;
};

TEST_F(OverlayMountTest, TwoHundredLayersPastOnePageOfOptions) {
  OverlaySpec spec;
  spec.lower = Layers(200);
  spec.read_only = true;
  size_t option_bytes = 0;
  for (const auto& l : spec.lower) option_bytes += l.string().size() + 1;
  ASSERT_GT(option_bytes, static_cast<size_t>(::sysconf(_SC_PAGESIZE))) << "the case mount(2) cannot carry";
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_TRUE(mount) << mount.error().What();
  EXPECT_EQ(*ReadFile(dir_ / "merged/top"), "199") << "the last layer of the chain is the top one";
  EXPECT_EQ(*ReadFile(dir_ / "merged/f0"), "0");
  EXPECT_EQ(*ReadFile(dir_ / "merged/f123"), "123");
}

TEST_F(OverlayMountTest, WritableWithAnUpperDirAndOptions) {
  OverlaySpec spec;
  spec.lower = Layers(150);
  spec.upper = dir_ / "upper";
  spec.work = dir_ / "work";
  spec.options = {"index=off", "redirect_dir=off", "metacopy=off"};
  fs::create_directories(spec.upper);
  fs::create_directories(spec.work);
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_TRUE(mount) << mount.error().What();
  std::ofstream(dir_ / "merged/new") << "n";
  ASSERT_TRUE(mount->Unmount());
  EXPECT_EQ(*ReadFile(dir_ / "upper/new"), "n");
}

TEST_F(OverlayMountTest, LongPathsAreNamedByDescriptors) {
  fs::path deep = dir_.path();
  for (int i = 0; i < 3; ++i) deep /= std::string(100, 'd');
  fs::create_directories(deep / "lower");
  std::ofstream(deep / "lower/x") << "x";
  OverlaySpec spec;
  spec.lower = {deep / "lower", Layers(1)[0]};
  spec.read_only = true;
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_TRUE(mount) << mount.error().What();
  EXPECT_EQ(*ReadFile(dir_ / "merged/x"), "x");
}

TEST_F(OverlayMountTest, LegacyMountUsesShortNamesWhenPathsOutgrowAPage) {
  OverlaySpec spec;
  spec.lower = Layers(200);
  spec.read_only = true;
  spec.legacy = true;
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_TRUE(mount) << mount.error().What();
  EXPECT_EQ(*ReadFile(dir_ / "merged/top"), "199");
  EXPECT_EQ(*ReadFile(dir_ / "merged/f7"), "7");
}

TEST_F(OverlayMountTest, LegacyMountRefusesWhatNoPageHolds) {
  OverlaySpec spec;
  spec.lower = Layers(300);
  spec.read_only = true;
  spec.legacy = true;
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_FALSE(mount);
  EXPECT_EQ(mount.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(mount.error().What().find("300 lower layers do not fit"), std::string::npos) << mount.error().What();
  EXPECT_NE(mount.error().What().find("kernel 6.8 or later"), std::string::npos) << mount.error().What();
}

TEST_F(OverlayMountTest, MoreLayersThanOverlayStacksIsAClearError) {
  OverlaySpec spec;
  spec.lower = std::vector<fs::path>(kOverlayMaxLowerLayers + 1, dir_ / "merged");
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_FALSE(mount);
  EXPECT_NE(mount.error().What().find("501 lower layers, but overlayfs stacks at most 500"), std::string::npos)
      << mount.error().What();
}

TEST_F(OverlayMountTest, KernelMessagesNameTheFailure) {
  OverlaySpec spec;
  spec.lower = {dir_ / "missing", dir_ / "merged"};
  spec.read_only = true;
  auto mount = MountOverlay(spec, dir_ / "merged");
  ASSERT_FALSE(mount);
  EXPECT_NE(mount.error().What().find((dir_ / "missing").string()), std::string::npos) << mount.error().What();
}

}  // namespace
}  // namespace manifold::util
