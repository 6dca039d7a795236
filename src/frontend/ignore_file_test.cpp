// ReadIgnoreFile: the dockerignore/readall corpus case and the line rules one by one.
#include "frontend/ignore_file.hpp"

#include <gtest/gtest.h>

#include "support/conformance.hpp"
#include "util/path_pattern.hpp"

namespace manifold::frontend {
namespace {

using Patterns = std::vector<std::string>;

Patterns Read(std::string_view bytes) {
  auto patterns = ReadIgnoreFile(bytes);
  EXPECT_TRUE(patterns) << patterns.error().What();
  return patterns.value_or(Patterns{});
}

TEST(ReadIgnoreFile, Corpus) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerignore/readall/expected.txt");
  auto dir = *testing::ConformancePath("dockerignore/readall");
  auto input = testing::ReadBytes(dir / "input.dockerignore");
  auto expected = testing::ReadBytes(dir / "expected.txt");
  ASSERT_FALSE(input.empty());
  EXPECT_EQ(Read(input), testing::SplitLines(expected));
}

TEST(ReadIgnoreFile, LineRules) {
  EXPECT_EQ(Read(""), Patterns{});
  EXPECT_EQ(Read("\xEF\xBB\xBF" "a\r\n\xEF\xBB\xBF" "b\n"), (Patterns{"a", "\xEF\xBB\xBF" "b"}));
  EXPECT_EQ(Read("# c\n  # not a comment\n\t\n"), Patterns{"# not a comment"});
  EXPECT_EQ(Read("!  /x//y/../z\n/\n/a/\n./b\n..\n"),
            (Patterns{"!x/z", "/", "a", "b", ".."}));
  EXPECT_EQ(Read("\xEF\xBB\xBF# bom then comment\nx"), Patterns{"x"});
}

TEST(ReadIgnoreFile, RefusesAHugeLine) {
  auto r = ReadIgnoreFile(std::string(70000, 'a'));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
}

TEST(ReadIgnoreFile, FeedsPathPatterns) {
  auto patterns = util::PathPatterns::Create(Read("node_modules\n*.log\n!keep.log\n"));
  ASSERT_TRUE(patterns);
  EXPECT_TRUE(*patterns->Matches("node_modules/x/y.js"));
  EXPECT_TRUE(*patterns->Matches("a.log"));
  EXPECT_FALSE(*patterns->Matches("keep.log"));
  EXPECT_FALSE(util::PathPatterns::Create(Read("a\n!\n")));  // kept by the reader, refused here
}

}  // namespace
}  // namespace manifold::frontend
