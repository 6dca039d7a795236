// PathPatterns: every dockerignore/matches.tsv row, by Matches and by an incremental walk.
#include "util/path_pattern.hpp"

#include <gtest/gtest.h>

#include "support/conformance.hpp"
#include "util/root_path.hpp"

namespace manifold::util {
namespace {

constexpr const char* kMatches = "dockerignore/matches.tsv";

struct Row {
  int line = 0;  // 0: the corpus is absent
  std::vector<std::string> patterns;
  std::string path;
  std::string expected;
};

std::vector<std::string> SplitSpaces(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<Row> LoadRows() {
  auto file = testing::ConformancePath(kMatches);
  if (!file) return {Row{}};
  std::vector<Row> rows;
  auto lines = testing::SplitLines(testing::ReadBytes(*file));
  for (std::size_t i = 1; i < lines.size(); ++i) {  // line 1 is the header
    auto fields = testing::SplitTabs(lines[i]);
    if (fields.size() < 3) continue;
    rows.push_back({static_cast<int>(i + 1), SplitSpaces(fields[0]), fields[1], fields[2]});
  }
  return rows;
}

// Evaluates a path the way a context walker does: each ancestor first, passing its results on.
Result<bool> MatchesByWalk(const PathPatterns& patterns, std::string_view raw) {
  std::string path = CleanPath(raw);
  if (path == ".") return patterns.Matches(path);
  std::vector<std::string_view> steps;
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    steps.push_back(std::string_view(path).substr(0, slash));
  }
  steps.push_back(path);
  std::optional<PathMatch> parent;
  for (std::string_view step : steps) {
    PathMatch here = MANIFOLD_TRY(patterns.MatchesInWalk(step, parent ? &*parent : nullptr));
    parent = std::move(here);
  }
  return parent->matched;
}

class DockerignoreMatches : public ::testing::TestWithParam<Row> {};

TEST_P(DockerignoreMatches, Row) {
  MANIFOLD_REQUIRE_CONFORMANCE(kMatches);
  const Row& row = GetParam();
  auto patterns = PathPatterns::Create(row.patterns);
  std::optional<bool> by_match, by_walk;
  if (patterns) {
    if (auto r = patterns->Matches(row.path)) by_match = *r;
    if (auto r = MatchesByWalk(*patterns, row.path)) by_walk = *r;
  }
  auto show = [](std::optional<bool> v) { return v ? (*v ? "true" : "false") : "error"; };
  EXPECT_EQ(show(by_match), row.expected) << "path " << row.path;
  EXPECT_EQ(show(by_walk), row.expected) << "walk, path " << row.path;
}

INSTANTIATE_TEST_SUITE_P(Corpus, DockerignoreMatches, ::testing::ValuesIn(LoadRows()),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           return info.param.line == 0 ? std::string("corpus_absent")
                                                       : "line" + std::to_string(info.param.line);
                         });

bool Excluded(const std::vector<std::string>& patterns, std::string_view path) {
  auto compiled = PathPatterns::Create(patterns);
  EXPECT_TRUE(compiled) << compiled.error().What();
  if (!compiled) return false;
  auto matched = compiled->Matches(path);
  EXPECT_TRUE(matched) << matched.error().What();
  return matched.value_or(false);
}

TEST(PathPatterns, DoubleStarSpansSegments) {
  EXPECT_TRUE(Excluded({"a/**/b"}, "a/b"));
  EXPECT_TRUE(Excluded({"a/**/b"}, "a/x/b"));
  EXPECT_TRUE(Excluded({"a/**/b"}, "a/x/y/b"));
  EXPECT_FALSE(Excluded({"a/**/b"}, "a/x/y/c"));
  EXPECT_TRUE(Excluded({"**/node_modules"}, "web/app/node_modules/x/index.js"));
  EXPECT_FALSE(Excluded({"dir/**"}, "dir"));
  EXPECT_TRUE(Excluded({"dir/**"}, "dir/a/b"));
  EXPECT_FALSE(Excluded({"*.md"}, "docs/x.md"));  // '*' stays inside one segment
}

TEST(PathPatterns, ClassesAndEscapes) {
  EXPECT_TRUE(Excluded({"log[0-9].txt"}, "log7.txt"));
  EXPECT_FALSE(Excluded({"log[^0-9].txt"}, "log7.txt"));
  EXPECT_TRUE(Excluded({"[[:upper:]]*"}, "README"));
  EXPECT_FALSE(Excluded({"[[:upper:]]*"}, "readme"));
  EXPECT_TRUE(Excluded({"f\\[1\\]"}, "f[1]"));
  EXPECT_FALSE(Excluded({"f?"}, "f/"));
  EXPECT_TRUE(Excluded({"a+b(c)"}, "a+b(c)"));
  EXPECT_FALSE(Excluded({"a+b(c)"}, "aab(c)"));
}

TEST(PathPatterns, ExclusionsReincludeBelowAnExcludedDirectory) {
  std::vector<std::string> patterns = {"build", "!build/keep", "build/keep/tmp"};
  EXPECT_TRUE(Excluded(patterns, "build/out.o"));
  EXPECT_FALSE(Excluded(patterns, "build/keep/a.txt"));
  EXPECT_TRUE(Excluded(patterns, "build/keep/tmp/x"));
  EXPECT_FALSE(Excluded(patterns, "src/main.c"));
  EXPECT_TRUE(PathPatterns::Create(patterns)->HasExclusions());
  EXPECT_FALSE(PathPatterns::Create({"build"})->HasExclusions());
}

TEST(PathPatterns, CompileRules) {
  auto trimmed = PathPatterns::Create({"  ", "", " ./a//b/../c "});
  ASSERT_TRUE(trimmed);
  EXPECT_EQ(trimmed->size(), 1u);
  EXPECT_TRUE(*trimmed->Matches("a/c/d"));
  EXPECT_FALSE(*trimmed->Matches("."));
  EXPECT_TRUE(PathPatterns::Create({})->empty());

  auto lone = PathPatterns::Create({"ok", "!"});
  ASSERT_FALSE(lone);
  EXPECT_EQ(lone.error().kind(), ErrorKind::kInvalidArgument);
  auto bad = PathPatterns::Create({"x[a-"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("x[a-"), std::string::npos) << bad.error().What();

  // A reversed range is valid for Go's filepath.Match but not as a regex: the error comes when
  // the pattern is used, and only if it is evaluated.
  auto reversed = PathPatterns::Create({"[z-a]"});
  ASSERT_TRUE(reversed);
  EXPECT_FALSE(reversed->Matches("q"));
}

TEST(PathPatterns, WalkAgreesWithMatches) {
  auto patterns = PathPatterns::Create({"**/*.log", "!keep/**", "keep/tmp", "!keep/tmp/x.log"});
  ASSERT_TRUE(patterns);
  for (std::string path : {"a.log", "d/a.log", "keep/a.log", "keep/tmp/y", "keep/tmp/x.log",
                           "keep/tmp/z/x.log", "src/x.c"}) {
    EXPECT_EQ(*patterns->Matches(path), *MatchesByWalk(*patterns, path)) << path;
  }
}

TEST(TrimGoSpace, TrimsUnicodeWhiteSpace) {
  EXPECT_EQ(TrimGoSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimGoSpace("\xC2\xA0x\xE3\x80\x80"), "x");
  EXPECT_EQ(TrimGoSpace("\xFF "), "\xFF");
  EXPECT_EQ(TrimGoSpace("   "), "");
}

}  // namespace
}  // namespace manifold::util
