// ParseIdMap and IsInitialIdMap: /proc/self/uid_map as the kernel prints it.
#include "util/id_map.hpp"

#include <gtest/gtest.h>

namespace manifold::util {
namespace {

TEST(ParseIdMap, KernelFormat) {
  auto lines = ParseIdMap("         0       1000          1\n         1     100000      65536\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].inside, 0u);
  EXPECT_EQ(lines[0].outside, 1000u);
  EXPECT_EQ(lines[0].count, 1u);
  EXPECT_EQ(lines[1].inside, 1u);
  EXPECT_EQ(lines[1].outside, 100000u);
  EXPECT_EQ(lines[1].count, 65536u);
  EXPECT_FALSE(IsInitialIdMap(lines));
}

TEST(ParseIdMap, InitialNamespace) {
  EXPECT_TRUE(IsInitialIdMap(ParseIdMap("         0          0 4294967295\n")));
  EXPECT_FALSE(IsInitialIdMap(ParseIdMap("0 0 4294967294\n")));
  EXPECT_FALSE(IsInitialIdMap(ParseIdMap("")));
}

TEST(ParseIdMap, SkipsMalformedLines) {
  auto lines = ParseIdMap("0 1000\nx y z\n0 1000 1 extra\n5 6 7");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].inside, 5u);
}

TEST(CurrentUserNamespace, AgreesWithProc) {
  // The test runs as root of the host, or inside some user namespace: either way the answer
  // matches the map, and a single-id map is the only one with advice.
  const auto& ns = CurrentUserNamespace();
  EXPECT_EQ(ns.uid_count == 1 && ns.rootless, !SingleIdAdvice().empty());
  if (ns.rootless && ns.uid_count == 1) {
    EXPECT_NE(SingleIdAdvice().find("/etc/subuid"), std::string::npos);
  }
}

}  // namespace
}  // namespace manifold::util
