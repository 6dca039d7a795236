// Entry name cleaning and whiteout classification, table-driven.
#include "snapshot/internal/entry_path.hpp"

#include <gtest/gtest.h>

namespace manifold::snapshot::internal {
namespace {

TEST(CleanEntryPathTest, CleansAndStripsLikeDocker) {
  const std::pair<const char*, const char*> rows[] = {
      {"a/b", "a/b"},       {"./a/b", "a/b"},        {"/abs/path", "abs/path"},
      {"a//b/./c/", "a/b/c"}, {"a/x/../b", "a/b"},   {"/../../x", "x"},
      {"./", "."},          {"/", "."},              {"", "."},
      {"a/..", "."},        {".wh..wh..opq", ".wh..wh..opq"}, {"..a/b", "..a/b"},
  };
  for (const auto& [in, want] : rows) {
    auto got = CleanEntryPath(in);
    ASSERT_TRUE(got) << in << ": " << got.error().What();
    EXPECT_EQ(*got, want) << in;
  }
}

TEST(CleanEntryPathTest, EscapesAreErrors) {
  for (const char* in : {"..", "../x", "a/../../x", "./../x", "a/b/../../../c"}) {
    auto got = CleanEntryPath(in);
    ASSERT_FALSE(got) << in;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(got.error().What().find(in), std::string::npos) << got.error().What();
  }
}

TEST(ClassifyWhiteoutTest, Kinds) {
  struct Row {
    const char* path;
    WhiteoutKind kind;
    const char* target;
  };
  const Row rows[] = {
      {"a/b", WhiteoutKind::kNone, ""},
      {"a/.wh.b", WhiteoutKind::kRemove, "a/b"},
      {".wh.top", WhiteoutKind::kRemove, "top"},
      {"a/.wh..hidden", WhiteoutKind::kRemove, "a/.hidden"},
      {"a/.wh..wh..opq", WhiteoutKind::kOpaque, "a"},
      {".wh..wh..opq", WhiteoutKind::kOpaque, "."},
      {".wh..wh.plnk", WhiteoutKind::kMeta, ".wh..wh.plnk"},
      {".wh..wh.plnk/123.4", WhiteoutKind::kMeta, ".wh..wh.plnk/123.4"},
      {"a/.wh..wh.aufs", WhiteoutKind::kMeta, "a/.wh..wh.aufs"},
      {"a/x.wh.b", WhiteoutKind::kNone, ""},
  };
  for (const auto& row : rows) {
    auto got = ClassifyWhiteout(row.path);
    ASSERT_TRUE(got) << row.path;
    EXPECT_EQ(got->kind, row.kind) << row.path;
    if (row.kind != WhiteoutKind::kNone) {
      EXPECT_EQ(got->target, row.target) << row.path;
    }
  }
  for (const char* bad : {"a/.wh.", "a/.wh..", "a/.wh...", ".wh.."}) {
    auto got = ClassifyWhiteout(bad);
    ASSERT_FALSE(got) << bad;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument);
  }
}

}  // namespace
}  // namespace manifold::snapshot::internal
