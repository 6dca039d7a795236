// DirSkipRule: fsutil's cases, and soundness against PathPatterns over a synthetic tree.
#include "util/path_pattern_prune.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "util/path_pattern.hpp"

namespace manifold::util {
namespace {

using Patterns = std::vector<std::string>;

TEST(DirSkipRule, NoExceptionsSkipsEveryExcludedDir) {
  DirSkipRule rule = DirSkipRule::Create({"node_modules", "*.log", "  ", ""});
  EXPECT_TRUE(rule.prefix_only());
  EXPECT_TRUE(rule.MaySkip("node_modules"));
  EXPECT_TRUE(rule.MaySkip("a/b"));
}

TEST(DirSkipRule, LiteralExceptionKeepsItsAncestorsOpen) {
  DirSkipRule rule = DirSkipRule::Create({"data", " !data/keep/file ", "!other/./x//"});
  EXPECT_TRUE(rule.prefix_only());
  EXPECT_FALSE(rule.MaySkip("data"));
  EXPECT_FALSE(rule.MaySkip("data/keep"));
  EXPECT_FALSE(rule.MaySkip("data/keep/file"));
  EXPECT_TRUE(rule.MaySkip("data/other"));
  EXPECT_TRUE(rule.MaySkip("dat"));  // a name prefix is not a directory prefix
  EXPECT_FALSE(rule.MaySkip("other"));
}

TEST(DirSkipRule, TrailingGlobsStayPrefixOnly) {
  DirSkipRule rule = DirSkipRule::Create({"a", "!a/b/**", "!c/*", "!e/*/**"});
  EXPECT_TRUE(rule.prefix_only());
  EXPECT_FALSE(rule.MaySkip("a"));
  EXPECT_FALSE(rule.MaySkip("c"));
  EXPECT_FALSE(rule.MaySkip("e"));
  EXPECT_TRUE(rule.MaySkip("d"));
}

TEST(DirSkipRule, WildcardExceptionDisablesSkipping) {
  for (const char* exception :
       {"!*.md", "!a/*/b", "!a/b?", "!a/[bc]", "!a\\*", "!a^b", "!a/**/b", "!a/*/b/**"}) {
    DirSkipRule rule = DirSkipRule::Create({"a", exception});
    EXPECT_FALSE(rule.prefix_only()) << exception;
    EXPECT_FALSE(rule.MaySkip("zzz")) << exception;
  }
}

// Whenever the rule lets a walker skip an excluded directory, nothing below it is included.
TEST(DirSkipRule, SkippingNeverLosesAnIncludedPath) {
  std::vector<std::string> tree;
  const std::vector<std::string> names = {"a", "b", "c"};
  for (const auto& x : names) {
    tree.push_back(x);
    for (const auto& y : names) {
      tree.push_back(x + "/" + y);
      for (const auto& z : names) tree.push_back(x + "/" + y + "/" + z);
    }
  }
  const std::vector<Patterns> cases = {
      {"a"},           {"a", "!a/b"},       {"a/*", "!a/b/c"},  {"*", "!a/b"},
      {"a", "!a/b/**"}, {"**/b", "!a/b/c"}, {"a", "!a"},        {"a/b", "!a", "a/b/c"},
      {"a", "!b"},     {"*/b", "!c/b/a"},   {"*", "!a", "a/b"}, {"a", "!a/b", "a/b/c"},
      {"!a", "a"},     {"a/**", "!a/c/*"},  {"*/*", "!b/a"},    {"a", "!a/b/c/d"},
  };
  int skipped = 0;
  for (const Patterns& patterns : cases) {
    auto matcher = PathPatterns::Create(patterns);
    ASSERT_TRUE(matcher.has_value());
    DirSkipRule rule = DirSkipRule::Create(patterns);
    for (const std::string& dir : tree) {
      if (!matcher->Matches(dir).value() || !rule.MaySkip(dir)) continue;
      ++skipped;
      for (const std::string& below : tree) {
        if (!below.starts_with(dir + "/")) continue;
        EXPECT_TRUE(matcher->Matches(below).value())
            << "skipping " << dir << " loses " << below << " with patterns "
            << ::testing::PrintToString(patterns);
      }
    }
  }
  EXPECT_GT(skipped, 20);  // the property was exercised, not vacuous
}

}  // namespace
}  // namespace manifold::util
