// ProbeNodes and LocalNodeInfo: this machine answers with its own platform and version.
#include <gtest/gtest.h>

#include "builder/node_info.hpp"
#include "image/platform_parse.hpp"
#include "util/version.hpp"

namespace manifold::builder {
namespace {

TEST(LocalNodeInfo, IsThisMachine) {
  NodeInfo info = LocalNodeInfo();
  EXPECT_EQ(info.version, util::Version());
  EXPECT_EQ(info.protocol, kNodeProtocolVersion);
  EXPECT_EQ(info.native, image::HostPlatform());
  for (const auto& p : info.emulated) EXPECT_NE(p, info.native) << "the native platform is not emulated";
}

TEST(ProbeNodes, OneStatusPerNodeInOrder) {
  Instance instance{.name = "mixed",
                    .driver = "local",
                    .nodes = {Node{.name = "here", .endpoint = "", .platforms = {}},
                              Node{.name = "there", .endpoint = "ssh://build@box.invalid", .platforms = {}}}};
  auto status = ProbeNodes(instance);
  ASSERT_EQ(status.size(), 2u);
  EXPECT_EQ(status[0].node.name, "here");
  EXPECT_TRUE(status[0].reachable);
  EXPECT_EQ(status[0].info.native, image::HostPlatform());
  EXPECT_EQ(status[1].node.name, "there");
  EXPECT_FALSE(status[1].reachable) << "box.invalid cannot resolve";
  EXPECT_FALSE(status[1].error.empty());
}

}  // namespace
}  // namespace manifold::builder
