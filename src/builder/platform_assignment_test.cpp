// Platform → node: listed first, then native, then emulated, local first among equals; an
// unreachable node fails unless fallback is allowed; nothing capable falls to this machine.
#include "builder/platform_assignment.hpp"

#include <gtest/gtest.h>

#include "image/platform_parse.hpp"

namespace manifold::builder {
namespace {

image::Platform P(std::string_view s) {
  if (s.empty()) return {};  // an unreachable node never said
  auto p = image::ParsePlatformFlag(s, image::HostPlatform());
  EXPECT_TRUE(p) << s;
  return p ? *p : image::Platform{};
}

NodeStatus Status(std::string name, std::string endpoint, std::string native, std::vector<std::string> emulated,
                  std::vector<std::string> listed = {}, bool reachable = true) {
  NodeStatus s;
  s.node.name = std::move(name);
  s.node.endpoint = std::move(endpoint);
  for (const auto& p : listed) s.node.platforms.push_back(P(p));
  s.reachable = reachable;
  if (!reachable) s.error = "ssh: connect to host box port 22: Connection refused";
  s.info.native = P(native);
  for (const auto& p : emulated) s.info.emulated.push_back(P(p));
  return s;
}

TEST(AssignPlatforms, NativeNodeBeatsLocalEmulation) {
  std::vector<NodeStatus> nodes = {Status("here", "", "linux/amd64", {"linux/arm64", "linux/arm/v7"}),
                                   Status("arm", "ssh://box", "linux/arm64", {})};
  auto a = AssignPlatforms({P("linux/amd64"), P("linux/arm64"), P("linux/arm/v7")}, "b", nodes, false);
  ASSERT_TRUE(a) << a.error().What();
  EXPECT_EQ((*a)[0].node, 0u);
  EXPECT_TRUE((*a)[0].native);
  EXPECT_EQ((*a)[1].node, 1u) << "arm64 goes to the node whose CPU runs it";
  EXPECT_TRUE((*a)[1].native);
  EXPECT_EQ((*a)[2].node, 0u) << "arm/v7: emulated, and this machine is preferred";
  EXPECT_FALSE((*a)[2].native);
}

TEST(AssignPlatforms, ListedPlatformWinsEvenWhenEmulated) {
  std::vector<NodeStatus> nodes = {Status("here", "", "linux/arm64", {}),
                                   Status("x86", "ssh://box", "linux/amd64", {"linux/arm64"}, {"linux/arm64"})};
  auto a = AssignPlatforms({P("linux/arm64")}, "b", nodes, false);
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)[0].node, 1u);
  EXPECT_FALSE((*a)[0].native);
}

TEST(AssignPlatforms, UnreachableNodeFailsUnlessFallback) {
  std::vector<NodeStatus> nodes = {Status("here", "", "linux/amd64", {"linux/arm64"}),
                                   Status("arm", "ssh://box", "", {}, {"linux/arm64"}, false)};
  auto refused = AssignPlatforms({P("linux/arm64")}, "b", nodes, false);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().What().find("\"arm\""), std::string::npos) << refused.error().What();
  EXPECT_NE(refused.error().What().find("Connection refused"), std::string::npos);
  EXPECT_NE(refused.error().What().find("--allow-fallback"), std::string::npos);
  auto fallback = AssignPlatforms({P("linux/arm64")}, "b", nodes, true);
  ASSERT_TRUE(fallback);
  EXPECT_EQ((*fallback)[0].node, 0u);
  EXPECT_FALSE((*fallback)[0].native);
}

TEST(AssignPlatforms, NothingCapableFallsToThisMachine) {
  std::vector<NodeStatus> nodes = {Status("arm", "ssh://box", "linux/arm64", {}),
                                   Status("here", "", "linux/amd64", {})};
  auto a = AssignPlatforms({P("linux/s390x")}, "b", nodes, false);
  ASSERT_TRUE(a) << "a file-only build needs no s390x CPU";
  EXPECT_EQ((*a)[0].node, 1u);
  EXPECT_FALSE((*a)[0].native);
}

TEST(RunsNatively, AmdRunsI386ButArmDoesNotClaimArm32) {
  EXPECT_TRUE(RunsNatively(P("linux/amd64"), P("linux/386")));
  EXPECT_TRUE(RunsNatively(P("linux/arm64"), P("linux/arm64")));
  EXPECT_FALSE(RunsNatively(P("linux/arm64"), P("linux/arm/v7")));
}

}  // namespace
}  // namespace manifold::builder
