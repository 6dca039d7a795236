// ADD's extraction limits: sizes, defaults proportional to the archive, environment overrides.
#include "worker/internal/extract_limits.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

namespace manifold::worker::internal {
namespace {

TEST(ParseByteSize, UnitsArePowersOf1024) {
  EXPECT_EQ(*ParseByteSize("512", "X"), 512u);
  EXPECT_EQ(*ParseByteSize("64K", "X"), 64u << 10);
  EXPECT_EQ(*ParseByteSize("300m", "X"), 300ULL << 20);
  EXPECT_EQ(*ParseByteSize("20GiB", "X"), 20ULL << 30);
  EXPECT_EQ(*ParseByteSize("1T", "X"), 1ULL << 40);
  EXPECT_EQ(*ParseByteSize("0", "X"), 0u);
  for (const char* bad : {"", "lots", "-1", "1.5G", "10X", "G", "99999999999T"}) {
    auto r = ParseByteSize(bad, "MANIFOLD_ADD_MAX_EXTRACT");
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().What().find("MANIFOLD_ADD_MAX_EXTRACT="), std::string::npos) << r.error().What();
  }
}

TEST(AddExtractLimits, DefaultsScaleWithTheArchive) {
  ::unsetenv("MANIFOLD_ADD_MAX_EXTRACT");
  ::unsetenv("MANIFOLD_ADD_MAX_ENTRIES");
  EXPECT_EQ(AddExtractLimits(1000)->max_bytes, kAddExtractFloor);
  EXPECT_EQ(AddExtractLimits(100ULL << 20)->max_bytes, 100 * (100ULL << 20));
  EXPECT_EQ(AddExtractLimits(~0ULL)->max_bytes, ~0ULL) << "no overflow";
  EXPECT_EQ(AddExtractLimits(1000)->max_entries, kAddMaxEntries);
}

TEST(AddExtractLimits, EnvironmentOverrides) {
  ::setenv("MANIFOLD_ADD_MAX_EXTRACT", "64M", 1);
  ::setenv("MANIFOLD_ADD_MAX_ENTRIES", "0", 1);
  auto limits = AddExtractLimits(100ULL << 20);
  ASSERT_TRUE(limits) << limits.error().What();
  EXPECT_EQ(limits->max_bytes, 64ULL << 20);
  EXPECT_EQ(limits->max_entries, 0u);
  EXPECT_NE(limits->hint.find("MANIFOLD_ADD_MAX_EXTRACT=<size>"), std::string::npos);
  ::setenv("MANIFOLD_ADD_MAX_ENTRIES", "many", 1);
  EXPECT_FALSE(AddExtractLimits(1));
  ::unsetenv("MANIFOLD_ADD_MAX_EXTRACT");
  ::unsetenv("MANIFOLD_ADD_MAX_ENTRIES");
}

}  // namespace
}  // namespace manifold::worker::internal
