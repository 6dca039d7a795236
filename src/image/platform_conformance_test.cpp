// containerd platform conformance: every row of parse.tsv, normalize.tsv, match.tsv and
// match-order.tsv, one named test per row.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"
#include "support/conformance.hpp"

namespace manifold::image {
namespace {

// The corpus was generated on linux/amd64; passing that host explicitly makes the host-dependent
// rows exact on any machine.
Platform MakePlatform(std::string os, std::string arch, std::string variant) {
  Platform p;
  p.os = std::move(os);
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

const Platform kTableHost = MakePlatform("linux", "amd64", "");

struct Row {
  size_t line = 0;  // 1-based line in the file; 0 = corpus absent
  std::vector<std::string> fields;
};

std::vector<Row> Rows(const std::string& file) {
  auto path = testing::ConformancePath("platforms/" + file);
  if (!path) return {Row{}};
  std::vector<std::string> lines = testing::SplitLines(testing::ReadBytes(*path));
  std::vector<Row> rows;
  for (size_t i = 1; i < lines.size(); ++i) rows.push_back({i + 1, testing::SplitTabs(lines[i])});
  return rows;
}

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  if (info.param.line == 0) return "corpus_absent";
  std::string name = "L" + std::to_string(info.param.line);
  for (size_t i = 0; i < std::min<size_t>(info.param.fields.size(), 3); ++i) {
    name += "_" + info.param.fields[i];
  }
  return testing::SanitizeTestName(name);
}

std::string JoinPlus(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "+") + s;
  return out;
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class PlatformParse : public ::testing::TestWithParam<Row> {};

TEST_P(PlatformParse, MatchesContainerd) {
  MANIFOLD_REQUIRE_CONFORMANCE("platforms/parse.tsv");
  const auto& f = GetParam().fields;
  ASSERT_EQ(f.size(), 15u);
  auto parsed = ParsePlatform(f[0], kTableHost);
  if (f[1] == "error") {
    ASSERT_FALSE(parsed) << FormatAll(*parsed);
    EXPECT_EQ(parsed.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(parsed.error().What().find(fmt::format("{:?}", f[0])), std::string::npos)
        << parsed.error().What();
    EXPECT_FALSE(ParsePlatformFlag(f[0], kTableHost) && f[0] != "local");
    return;
  }
  ASSERT_TRUE(parsed) << parsed.error().What();
  EXPECT_EQ(parsed->os, f[2]);
  EXPECT_EQ(parsed->architecture, f[3]);
  EXPECT_EQ(parsed->variant, f[4]);
  EXPECT_EQ(parsed->os_version, f[5]);
  EXPECT_EQ(JoinPlus(parsed->os_features), f[6]);
  EXPECT_EQ(Format(*parsed), f[7]);
  EXPECT_EQ(FormatAll(*parsed), f[8]);
  Platform normalized = Normalize(*parsed, kTableHost);
  EXPECT_EQ(normalized.os, f[9]);
  EXPECT_EQ(normalized.architecture, f[10]);
  EXPECT_EQ(normalized.variant, f[11]);
  EXPECT_EQ(Format(normalized), f[12]);
  auto flag = ParsePlatformFlag(f[0], kTableHost);
  ASSERT_TRUE(flag) << flag.error().What();
  EXPECT_EQ(Format(*flag), f[12]);
  EXPECT_EQ(Normalize(normalized, kTableHost), normalized) << "Normalize is idempotent";
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlatformParse, ::testing::ValuesIn(Rows("parse.tsv")), RowName);

class PlatformNormalize : public ::testing::TestWithParam<Row> {};

TEST_P(PlatformNormalize, MatchesContainerd) {
  MANIFOLD_REQUIRE_CONFORMANCE("platforms/normalize.tsv");
  const auto& f = GetParam().fields;
  ASSERT_EQ(f.size(), 7u);
  Platform p = Normalize(MakePlatform(f[0], f[1], f[2]), kTableHost);
  EXPECT_EQ(p.os, f[3]);
  EXPECT_EQ(p.architecture, f[4]);
  EXPECT_EQ(p.variant, f[5]);
  EXPECT_EQ(Format(p), f[6]);
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlatformNormalize, ::testing::ValuesIn(Rows("normalize.tsv")),
                         RowName);

PlatformMatcher MakeMatcher(const std::string& kind, const Platform& want) {
  if (kind == "OnlyStrict") return PlatformMatcher::OnlyStrict(want, kTableHost);
  if (kind == "OnlyOS") return PlatformMatcher::OnlyOS(want, kTableHost);
  EXPECT_EQ(kind, "Only");
  return PlatformMatcher::Only(want, kTableHost);
}

class PlatformMatch : public ::testing::TestWithParam<Row> {};

TEST_P(PlatformMatch, MatchesContainerd) {
  MANIFOLD_REQUIRE_CONFORMANCE("platforms/match.tsv");
  const auto& f = GetParam().fields;
  ASSERT_EQ(f.size(), 4u);
  auto want = ParsePlatform(f[1], kTableHost);
  auto candidate = ParsePlatform(f[2], kTableHost);
  ASSERT_TRUE(want) << want.error().What();
  ASSERT_TRUE(candidate) << candidate.error().What();
  EXPECT_EQ(MakeMatcher(f[0], *want).Match(*candidate), f[3] == "true");
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlatformMatch, ::testing::ValuesIn(Rows("match.tsv")), RowName);

class PlatformMatchOrder : public ::testing::TestWithParam<Row> {};

TEST_P(PlatformMatchOrder, MatchesContainerd) {
  MANIFOLD_REQUIRE_CONFORMANCE("platforms/match-order.tsv");
  const auto& f = GetParam().fields;
  ASSERT_EQ(f.size(), 4u);
  auto want = ParsePlatform(f[1], kTableHost);
  ASSERT_TRUE(want) << want.error().What();
  PlatformMatcher matcher = MakeMatcher(f[0], *want);
  std::vector<std::string> names = SplitSpaces(f[2]);
  std::vector<Platform> candidates;
  for (const auto& name : names) {
    auto p = ParsePlatform(name, kTableHost);
    ASSERT_TRUE(p) << p.error().What();
    candidates.push_back(*p);
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (matcher.Match(candidates[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return matcher.Less(candidates[a], candidates[b]); });
  std::vector<std::string> got;
  for (size_t i : order) got.push_back(names[i]);
  EXPECT_EQ(got, SplitSpaces(f[3]));
  auto best = matcher.BestMatch(candidates);
  ASSERT_TRUE(best.has_value());
  EXPECT_EQ(names[*best], got.front());
}

INSTANTIATE_TEST_SUITE_P(Corpus, PlatformMatchOrder, ::testing::ValuesIn(Rows("match-order.tsv")),
                         RowName);

}  // namespace
}  // namespace manifold::image
