// Tests of LoadArchive: libarchive is loaded once and every entry point is resolved.
#include "content/archive_library.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace manifold::content {
namespace {

TEST(ArchiveLibrary, LoadsOnceWithEveryEntryPoint) {
  auto first = LoadArchive();
  ASSERT_TRUE(first) << first.error().What();
  auto second = LoadArchive();
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(&Archive(), *first);
#define MANIFOLD_ARCHIVE_CHECK(member, function) EXPECT_NE((*first)->member, nullptr) << #function;
  MANIFOLD_ARCHIVE_FUNCTIONS(MANIFOLD_ARCHIVE_CHECK)
#undef MANIFOLD_ARCHIVE_CHECK
  EXPECT_TRUE(std::string_view((*first)->version_string()).starts_with("libarchive "));
}

}  // namespace
}  // namespace manifold::content
