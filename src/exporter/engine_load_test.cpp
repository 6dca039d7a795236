// Which platform a classic-store Docker Engine gets of a build.
#include "exporter/engine_load.hpp"

#include <gtest/gtest.h>

namespace manifold::exporter {
namespace {

AssembledImages Of(std::vector<image::Platform> platforms) {
  AssembledImages images;
  for (auto& p : platforms) {
    PlatformImage image;
    image.platform = std::move(p);
    images.platforms.push_back(std::move(image));
  }
  return images;
}

const image::Platform kAmd64{"linux", "amd64", "", "", {}};
const image::Platform kArm64{"linux", "arm64", "", "", {}};
const image::Platform kArmV7{"linux", "arm", "v7", "", {}};

TEST(EnginePlatform, TheOnlyOne) {
  EXPECT_EQ(EnginePlatform(Of({kArm64}), kAmd64).platform, kArm64);  // --platform linux/arm64 --load
}

TEST(EnginePlatform, TheHostsWhenBuilt) {
  EXPECT_EQ(EnginePlatform(Of({kArm64, kAmd64, kArmV7}), kAmd64).platform, kAmd64);
  EXPECT_EQ(EnginePlatform(Of({kAmd64, kArm64}), kArm64).platform, kArm64);
}

TEST(EnginePlatform, ElseTheFirst) {
  EXPECT_EQ(EnginePlatform(Of({kArmV7, kArm64}), kAmd64).platform, kArmV7);
}

}  // namespace
}  // namespace manifold::exporter
