// BuildKit's parser corpus: every testfiles case dumps byte for byte, negatives fail located,
// and testfile-line has BuildKit's line spans.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "frontend/dockerfile/dump.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "support/conformance.hpp"

namespace manifold::frontend::dockerfile {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> CaseNames(const std::string& folder) {
  std::vector<std::string> names;
  auto dir = testing::ConformancePath("dockerfile-parser/" + folder);
  if (!dir) return {"corpus_absent"};
  for (const auto& entry : fs::directory_iterator(*dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string NameOf(const ::testing::TestParamInfo<std::string>& info) {
  return testing::SanitizeTestName(info.param);
}

class DockerfileParse : public ::testing::TestWithParam<std::string> {};

TEST_P(DockerfileParse, DumpMatchesResult) {
  const std::string dir = "dockerfile-parser/testfiles/" + GetParam();
  MANIFOLD_REQUIRE_CONFORMANCE(dir + "/Dockerfile");
  const std::string input = testing::ReadBytes(*testing::ConformancePath(dir + "/Dockerfile"));
  const std::string expected = testing::ReadBytes(*testing::ConformancePath(dir + "/result"));
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  EXPECT_EQ(Dump(*parsed) + "\n", expected);
}

INSTANTIATE_TEST_SUITE_P(Corpus, DockerfileParse, ::testing::ValuesIn(CaseNames("testfiles")),
                         NameOf);

class DockerfileParseNegative : public ::testing::TestWithParam<std::string> {};

TEST_P(DockerfileParseNegative, FailsWithLocation) {
  const std::string dir = "dockerfile-parser/testfiles-negative/" + GetParam();
  MANIFOLD_REQUIRE_CONFORMANCE(dir + "/Dockerfile");
  const std::string input = testing::ReadBytes(*testing::ConformancePath(dir + "/Dockerfile"));
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value()) << Dump(*parsed);
  EXPECT_EQ(parsed.error().kind(), util::ErrorKind::kInvalidArgument);
  ASSERT_TRUE(parsed.error().location().has_value());
  EXPECT_EQ(parsed.error().location()->file, "Dockerfile");
  EXPECT_GE(parsed.error().location()->line, 1);
  EXPECT_TRUE(parsed.error().What().starts_with("Dockerfile:")) << parsed.error().What();
}

INSTANTIATE_TEST_SUITE_P(Corpus, DockerfileParseNegative,
                         ::testing::ValuesIn(CaseNames("testfiles-negative")), NameOf);

TEST(DockerfileParseNegativeMessages, MatchBuildKit) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerfile-parser/testfiles-negative");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty_dockerfile", "file with no instructions"},
      {"only_comments", "file with no instructions"},
      {"env_no_value", "ENV must have two arguments"},
      {"shykes-nested-json", "arrays must be comprised of strings only"},
  };
  for (const auto& [name, message] : cases) {
    const std::string dir = "dockerfile-parser/testfiles-negative/" + name + "/Dockerfile";
    auto path = testing::ConformancePath(dir);
    ASSERT_TRUE(path) << dir;
    auto parsed = Parse(testing::ReadBytes(*path), "Dockerfile");
    ASSERT_FALSE(parsed.has_value()) << name;
    EXPECT_NE(parsed.error().message().find(message), std::string::npos)
        << name << ": " << parsed.error().Describe();
  }
}

TEST(DockerfileParseLines, MatchesTestfileLine) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerfile-parser/testfile-line/expected.json");
  const fs::path dir = *testing::ConformancePath("dockerfile-parser/testfile-line");
  const auto expected = nlohmann::json::parse(testing::ReadBytes(dir / "expected.json"));
  auto parsed = Parse(testing::ReadBytes(dir / "Dockerfile"), "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  const auto& instructions = parsed->instructions;
  ASSERT_EQ(instructions.size(), expected["children"].size());
  EXPECT_EQ(instructions.front().start_line, expected["root_start_line"].get<int>());
  EXPECT_EQ(instructions.back().end_line, expected["root_end_line"].get<int>());
  for (std::size_t i = 0; i < instructions.size(); ++i) {
    EXPECT_EQ(instructions[i].start_line, expected["children"][i][0].get<int>()) << i;
    EXPECT_EQ(instructions[i].end_line, expected["children"][i][1].get<int>()) << i;
  }
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
