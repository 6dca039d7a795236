// BuildKit's shell tables: envVarTest (ProcessWord), wordsTest (ProcessWords), process-word.json.
#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "frontend/dockerfile/shell_lexer.hpp"
#include "frontend/dockerfile/text.hpp"
#include "support/conformance.hpp"

namespace manifold::frontend::dockerfile {
namespace {

constexpr const char* kEnvVarTest = "shell/envVarTest";
constexpr const char* kWordsTest = "shell/wordsTest";
constexpr const char* kProcessWord = "shell/process-word.json";

// One table row, named by its 1-based line (or array index for JSON).
struct Row {
  int line = 0;  // 0: the corpus is absent
  std::string tag;
  std::string input;
  std::string expected;
  ShellEnv env;  // wordsTest: the ENV lines above the row
};

// Shown by GoogleTest when a row fails.
void PrintTo(const Row& row, std::ostream* out) { *out << "line " << row.line << ": " << row.input; }

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  return info.param.line == 0 ? "corpus_absent" : "line_" + std::to_string(info.param.line);
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    fields.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

// envVarTest: '#' in column 1 is a comment; then trim, skip empty; TAG|input|expected, each
// field trimmed. A malformed row is kept with tag "?" so that its test fails visibly.
std::vector<Row> LoadEnvVarRows() {
  auto file = testing::ConformancePath(kEnvVarTest);
  if (!file) return {Row{}};
  std::vector<Row> rows;
  auto lines = testing::SplitLines(testing::ReadBytes(*file));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].starts_with('#')) continue;
    std::string_view line = TrimSpace(lines[i]);
    if (line.empty()) continue;
    auto fields = Split(line, '|');
    Row row{static_cast<int>(i + 1), "?", std::string(line), "", {}};
    if (fields.size() == 3) {
      row.tag = TrimSpace(fields[0]);
      row.input = TrimSpace(fields[1]);
      row.expected = TrimSpace(fields[2]);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

class ShellEnvVarTest : public ::testing::TestWithParam<Row> {};

TEST_P(ShellEnvVarTest, ProcessWord) {
  MANIFOLD_REQUIRE_CONFORMANCE(kEnvVarTest);
  const Row& row = GetParam();
  ASSERT_NE(row.tag, "?") << "malformed row: " << row.input;
  if (row.tag == "W") GTEST_SKIP() << "Windows-only row (case-insensitive names)";
  ASSERT_TRUE(row.tag == "A" || row.tag == "U") << row.tag;
  const ShellEnv env{{"PWD", "/home"}, {"SHELL", "bash"}, {"KOREAN", "한국어"}, {"NULL", ""}};
  auto result = ShellLexer('\\').ProcessWord(row.input, env);
  if (row.expected == "error") {
    EXPECT_FALSE(result.has_value()) << row.input << " gave " << result->text;
    if (!result) {
      EXPECT_EQ(result.error().kind(), util::ErrorKind::kInvalidArgument);
    }
    return;
  }
  ASSERT_TRUE(result.has_value()) << row.input << ": " << result.error().What();
  EXPECT_EQ(result->text, row.expected) << row.input;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ShellEnvVarTest, ::testing::ValuesIn(LoadEnvVarRows()), RowName);

// wordsTest: '#' comments; `ENV k=v` accumulates (leading spaces removed, trailing kept);
// other lines are input|expected with input trimmed and only leading spaces of expected
// removed; expected splits on ','.
std::vector<Row> LoadWordsRows() {
  auto file = testing::ConformancePath(kWordsTest);
  if (!file) return {Row{}};
  std::vector<Row> rows;
  ShellEnv env;
  auto lines = testing::SplitLines(testing::ReadBytes(*file));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.starts_with('#')) continue;
    if (line.starts_with("ENV ")) {
      std::string_view assignment = line;
      assignment.remove_prefix(3);
      assignment.remove_prefix(std::min(assignment.find_first_not_of(' '), assignment.size()));
      std::size_t eq = assignment.find('=');
      if (eq == std::string_view::npos) {
        env.Set(assignment, "");
      } else {
        env.Set(assignment.substr(0, eq), assignment.substr(eq + 1));
      }
      continue;
    }
    auto fields = Split(line, '|');
    Row row{static_cast<int>(i + 1), "?", line, "", env};
    if (fields.size() == 2) {
      row.tag = "";
      row.input = TrimSpace(fields[0]);
      std::string_view expected = fields[1];
      expected.remove_prefix(std::min(expected.find_first_not_of(' '), expected.size()));
      row.expected = expected;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

class ShellWordsTest : public ::testing::TestWithParam<Row> {};

TEST_P(ShellWordsTest, ProcessWords) {
  MANIFOLD_REQUIRE_CONFORMANCE(kWordsTest);
  const Row& row = GetParam();
  ASSERT_NE(row.tag, "?") << "malformed row: " << row.input;
  auto words = ShellLexer('\\').ProcessWords(row.input, row.env);
  if (row.expected == "error") {
    EXPECT_FALSE(words.has_value()) << row.input;
    return;
  }
  ASSERT_TRUE(words.has_value()) << row.input << ": " << words.error().What();
  EXPECT_EQ(*words, Split(row.expected, ',')) << row.input;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ShellWordsTest, ::testing::ValuesIn(LoadWordsRows()), RowName);

// process-word.json: one case per array element, named by its index.
std::vector<int> JsonCaseIndexes() {
  auto file = testing::ConformancePath(kProcessWord);
  if (!file) return {-1};
  auto cases = nlohmann::json::parse(testing::ReadBytes(*file), nullptr, false);
  if (!cases.is_array()) return {-2};
  std::vector<int> indexes;
  for (std::size_t i = 0; i < cases.size(); ++i) indexes.push_back(static_cast<int>(i));
  return indexes;
}

std::string CaseName(const ::testing::TestParamInfo<int>& info) {
  if (info.param == -1) return "corpus_absent";
  if (info.param == -2) return "unreadable";
  return "case_" + std::to_string(info.param);
}

std::vector<std::string> SortedNames(const std::set<std::string>& names) {
  return {names.begin(), names.end()};
}

class ShellProcessWordJson : public ::testing::TestWithParam<int> {};

TEST_P(ShellProcessWordJson, ResultAndNames) {
  MANIFOLD_REQUIRE_CONFORMANCE(kProcessWord);
  ASSERT_GE(GetParam(), 0) << kProcessWord << " is not a JSON array";
  auto cases = nlohmann::json::parse(testing::ReadBytes(*testing::ConformancePath(kProcessWord)));
  const nlohmann::json& c = cases.at(static_cast<std::size_t>(GetParam()));
  const std::string input = c.at("input").get<std::string>();
  ShellEnv env;
  for (const auto& [name, value] : c.at("env").items()) env.Set(name, value.get<std::string>());

  auto result = ShellLexer('\\').ProcessWord(input, env);
  if (c.at("error").get<bool>()) {
    ASSERT_FALSE(result.has_value()) << input << " gave " << result->text;
    if (c.contains("error_contains")) {
      EXPECT_NE(result.error().What().find(c["error_contains"].get<std::string>()),
                std::string::npos)
          << result.error().What();
    }
    return;
  }
  ASSERT_TRUE(result.has_value()) << input << ": " << result.error().What();
  EXPECT_EQ(result->text, c.at("result").get<std::string>()) << input;
  if (c.contains("matched")) {
    EXPECT_EQ(SortedNames(result->matched), c["matched"].get<std::vector<std::string>>()) << input;
  }
  if (c.contains("unmatched")) {
    EXPECT_EQ(SortedNames(result->unmatched), c["unmatched"].get<std::vector<std::string>>())
        << input;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, ShellProcessWordJson, ::testing::ValuesIn(JsonCaseIndexes()),
                         CaseName);

}  // namespace
}  // namespace manifold::frontend::dockerfile
