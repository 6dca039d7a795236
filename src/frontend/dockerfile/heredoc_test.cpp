// Heredoc conformance (BuildKit's parser_heredoc_test data) and heredoc edge cases.
#include "frontend/dockerfile/heredoc.hpp"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "frontend/dockerfile/dump.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "support/conformance.hpp"

namespace manifold::frontend::dockerfile {
namespace {

using nlohmann::json;

json LoadJson(const std::string& relative) {
  auto path = testing::ConformancePath(relative);
  if (!path) return json::array();
  return json::parse(testing::ReadBytes(*path));
}

class HeredocChild : public ::testing::TestWithParam<int> {};

TEST_P(HeredocChild, MatchesExpected) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerfile-parser/heredoc/expected.json");
  const json expected = LoadJson("dockerfile-parser/heredoc/expected.json");
  const std::string input =
      testing::ReadBytes(*testing::ConformancePath("dockerfile-parser/heredoc/Dockerfile"));
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->instructions.size(), expected.size());
  const int index = GetParam();
  ASSERT_LT(static_cast<std::size_t>(index), expected.size());
  const json& want = expected[index];
  const Instruction& got = parsed->instructions[index];
  EXPECT_EQ(DumpInstruction(got), want["dump"].get<std::string>());
  EXPECT_EQ(got.start_line, want["start_line"].get<int>());
  EXPECT_EQ(got.end_line, want["end_line"].get<int>());
  EXPECT_EQ(got.original, want["original"].get<std::string>());
  ASSERT_EQ(got.heredocs.size(), want["heredocs"].size());
  for (std::size_t i = 0; i < got.heredocs.size(); ++i) {
    const json& h = want["heredocs"][i];
    EXPECT_EQ(got.heredocs[i].name, h["name"].get<std::string>()) << i;
    EXPECT_EQ(got.heredocs[i].fd, h["fd"].get<int>()) << i;
    EXPECT_EQ(got.heredocs[i].expand, h["expand"].get<bool>()) << i;
    EXPECT_EQ(got.heredocs[i].chomp, h["chomp"].get<bool>()) << i;
    EXPECT_EQ(got.heredocs[i].content, h["content"].get<std::string>()) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, HeredocChild, ::testing::Range(0, 28),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "child" + std::to_string(info.param);
                         });

TEST(HeredocWords, MatchCorpus) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerfile-parser/heredoc/words.json");
  const json words = LoadJson("dockerfile-parser/heredoc/words.json");
  ASSERT_FALSE(words.empty());
  for (const json& row : words) {
    const std::string word = row["word"].get<std::string>();
    const std::string kind = row["kind"].get<std::string>();
    auto got = ParseHeredocWord(word);
    if (kind == "error") {
      EXPECT_FALSE(got.has_value()) << word;
    } else if (kind == "not-heredoc") {
      ASSERT_TRUE(got.has_value()) << word << ": " << got.error().What();
      EXPECT_FALSE(got->has_value()) << word;
    } else {
      ASSERT_TRUE(got.has_value()) << word << ": " << got.error().What();
      ASSERT_TRUE(got->has_value()) << word;
      EXPECT_EQ((*got)->name, row["name"].get<std::string>()) << word;
    }
  }
}

TEST(HeredocLines, MatchCorpus) {
  MANIFOLD_REQUIRE_CONFORMANCE("dockerfile-parser/heredoc/lines.json");
  const json lines = LoadJson("dockerfile-parser/heredoc/lines.json");
  ASSERT_FALSE(lines.empty());
  for (const json& row : lines) {
    const std::string line = row["line"].get<std::string>();
    auto got = HeredocsFromLine(line);
    ASSERT_TRUE(got.has_value()) << line;
    std::vector<std::string> names;
    for (const Heredoc& h : *got) names.push_back(h.name);
    EXPECT_EQ(names, row["names"].get<std::vector<std::string>>()) << line;
  }
}

TEST(Heredoc, ChompRemovesLeadingTabsOfEveryLine) {
  EXPECT_EQ(ChompHeredocContent("\t\tbaz\n\tquux\nx\t\n"), "baz\nquux\nx\t\n");
}

TEST(Heredoc, OnbuildTriggerReadsBody) {
  auto parsed = Parse("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nRUN x\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->instructions.size(), 3u);
  const Instruction& onbuild = parsed->instructions[1];
  ASSERT_EQ(onbuild.heredocs.size(), 1u);
  EXPECT_EQ(onbuild.heredocs[0].content, "echo hi\n");
  EXPECT_EQ(onbuild.end_line, 4);
  EXPECT_EQ(DumpInstruction(onbuild), "onbuild (run \"<<EOF\")");
  ASSERT_NE(onbuild.trigger, nullptr);
  EXPECT_EQ(onbuild.trigger->original, "RUN <<EOF");
  EXPECT_EQ(onbuild.trigger->start_line, 2);
  EXPECT_EQ(onbuild.trigger->end_line, 4);
  ASSERT_EQ(onbuild.trigger->heredocs.size(), 1u);
  EXPECT_EQ(onbuild.trigger->heredocs[0].name, "EOF");
}

TEST(Heredoc, NotReadForJsonFormOrOtherInstructions) {
  auto parsed = Parse("RUN [\"<<EOF\"]\nCMD <<EOF\nEOF\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->instructions.size(), 3u);
  EXPECT_TRUE(parsed->instructions[0].heredocs.empty());
  EXPECT_TRUE(parsed->instructions[1].heredocs.empty());
  EXPECT_EQ(DumpInstruction(parsed->instructions[2]), "eof \"\"");
}

TEST(Heredoc, CrlfBodyKeepsLineEndingsAndMatchesTerminator) {
  auto parsed = Parse("COPY <<EOF /x\r\na\r\nEOF\r\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->instructions.size(), 1u);
  ASSERT_EQ(parsed->instructions[0].heredocs.size(), 1u);
  EXPECT_EQ(parsed->instructions[0].heredocs[0].content, "a\r\n");
}

TEST(Heredoc, UnterminatedNamesHeredocAndStartLine) {
  auto parsed = Parse("FROM a\n\nRUN <<EOF\necho hi\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  const std::string what = parsed.error().What();
  EXPECT_TRUE(what.starts_with("Dockerfile:3:1: unterminated heredoc \"EOF\"")) << what;
  EXPECT_NE(what.find("started on line 3"), std::string::npos) << what;
  EXPECT_NE(parsed.error().Describe().find("RUN <<EOF\n"), std::string::npos);
}

TEST(Heredoc, SecondOfTwoUnterminated) {
  auto parsed = Parse("COPY <<A <<B /d\na\nA\nb\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().What().find("unterminated heredoc \"B\""), std::string::npos);
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
