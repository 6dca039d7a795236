// The `# check=` / --check value parser: valid forms, the flag's bare `error`, merging, errors.
#include "frontend/dockerfile/check_options.hpp"

#include <gtest/gtest.h>

#include "frontend/dockerfile/parser.hpp"

namespace manifold::frontend::dockerfile {
namespace {

struct ValidCase {
  std::string text;
  bool skip_all;
  std::vector<std::string> skip;
  std::optional<bool> error;
};

TEST(ParseCheckOptions, ValidValues) {
  const std::vector<ValidCase> cases = {
      {"", false, {}, std::nullopt},
      {"   ", false, {}, std::nullopt},
      {"skip=all", true, {}, std::nullopt},
      {"skip=WrongArchBinary", false, {"WrongArchBinary"}, std::nullopt},
      {"skip=WrongArchBinary,JSONArgsRecommended", false, {"WrongArchBinary", "JSONArgsRecommended"}, std::nullopt},
      {" skip = A , B ; error = true ", false, {"A", "B"}, true},
      {"error=true", false, {}, true},
      {"error=false", false, {}, false},
      {"error=1", false, {}, true},
      {"error=F", false, {}, false},
      {"error=TRUE;skip=all", true, {}, true},
      {"skip=A;experimental=all;error=t", false, {"A"}, true},
  };
  for (const auto& c : cases) {
    auto got = ParseCheckOptions(c.text);
    ASSERT_TRUE(got) << c.text << ": " << got.error().What();
    EXPECT_EQ(got->skip_all, c.skip_all) << c.text;
    EXPECT_EQ(got->skip, c.skip) << c.text;
    EXPECT_EQ(got->error, c.error) << c.text;
  }
}

TEST(ParseCheckOptions, InvalidValuesNameTheOption) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"error", "invalid check option \"error\": want key=value"},
      {"skip", "invalid check option \"skip\""},
      {"error=yes", "invalid check option \"error=yes\": error takes true or false"},
      {"error=", "error takes true or false"},
      {"skip=", "an empty rule name"},
      {"skip=A,,B", "an empty rule name"},
      {"skip=A;", "invalid check option \"\""},
      {"warn=true", "unknown key \"warn\""},
  };
  for (const auto& [text, needle] : cases) {
    auto got = ParseCheckOptions(text);
    ASSERT_FALSE(got) << text;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument) << text;
    EXPECT_NE(got.error().What().find(needle), std::string::npos) << text << ": " << got.error().What();
  }
}

TEST(ParseCheckFlag, BareErrorMeansErrorTrue) {
  for (const char* text : {"error", " error ", "skip=A;error", "error;skip=A"}) {
    auto got = ParseCheckFlag(text);
    ASSERT_TRUE(got) << text << ": " << got.error().What();
    EXPECT_EQ(got->error, true) << text;
  }
  auto both = ParseCheckFlag("skip=WrongArchBinary;error=false");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->error, false);
  EXPECT_TRUE(both->Skips("WrongArchBinary"));
  EXPECT_FALSE(ParseCheckFlag("errors"));
  EXPECT_FALSE(ParseCheckFlag("skip"));
}

TEST(CheckOptions, SkipsAndMerges) {
  CheckOptions none;
  EXPECT_FALSE(none.Skips("WrongArchBinary"));
  EXPECT_FALSE(none.Fails());
  CheckOptions directive = *ParseCheckOptions("skip=A;error=true");
  EXPECT_TRUE(directive.Skips("A"));
  EXPECT_FALSE(directive.Skips("a")) << "rule names compare exactly, as BuildKit's";
  EXPECT_TRUE(directive.Fails());
  CheckOptions merged = MergeCheckOptions(directive, *ParseCheckFlag("skip=B"));
  EXPECT_TRUE(merged.Skips("A"));
  EXPECT_TRUE(merged.Skips("B"));
  EXPECT_TRUE(merged.Fails()) << "a flag that says nothing about error keeps the directive's";
  EXPECT_FALSE(MergeCheckOptions(directive, *ParseCheckFlag("error=false")).Fails());
  EXPECT_TRUE(MergeCheckOptions(none, *ParseCheckFlag("skip=all")).Skips("anything"));
}

TEST(CheckOptions, TheDirectiveIsParsedWithTheDockerfile) {
  auto parsed = Parse("# check=skip=WrongArchBinary;error=true\nFROM a\n", "Dockerfile");
  ASSERT_TRUE(parsed) << parsed.error().Describe();
  EXPECT_EQ(parsed->check, "skip=WrongArchBinary;error=true");
  EXPECT_TRUE(parsed->checks.Skips("WrongArchBinary"));
  EXPECT_TRUE(parsed->checks.Fails());
  auto bad = Parse("# syntax=x\n# check=error=maybe\nFROM a\n", "Dockerfile");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().What(),
            "Dockerfile:2:1: check directive: invalid check option \"error=maybe\": error takes true or false");
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
