// ShellLexer and shell-pattern cases beyond BuildKit's tables: modes, escapes, names, limits.
#include "frontend/dockerfile/shell_lexer.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "frontend/dockerfile/shell_pattern.hpp"

namespace manifold::frontend::dockerfile {
namespace {

using Words = std::vector<std::string>;

std::string Expand(const ShellLexer& lexer, std::string_view word, const ShellEnv& env) {
  auto result = lexer.ProcessWord(word, env);
  EXPECT_TRUE(result.has_value()) << word << ": " << result.error().What();
  return result ? result->text : "<error>";
}

TEST(ShellEnv, LaterSetWinsAndKeepsOrder) {
  ShellEnv env{{"A", "1"}, {"B", "2"}};
  env.Set("A", "3");
  env.Set("C", "");
  EXPECT_EQ(env.Get("A"), "3");
  EXPECT_EQ(env.Get("C"), "");
  EXPECT_FALSE(env.Get("a").has_value());
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env.entries()[0].first, "A");
  env.Unset("A");
  EXPECT_FALSE(env.Contains("A"));
  ShellEnv listed = ShellEnv::FromList({"X=1=2", "Y", "X=3"});
  EXPECT_EQ(listed.Get("X"), "3");
  EXPECT_EQ(listed.Get("Y"), "");
}

TEST(ShellLexer, BacktickEscape) {
  ShellLexer lexer('`');
  ShellEnv env{{"X", "v"}};
  EXPECT_EQ(Expand(lexer, "a`$X", env), "a$X");
  EXPECT_EQ(Expand(lexer, R"(C:\dir\$X)", env), R"(C:\dir\v)");
  EXPECT_EQ(Expand(lexer, "\"q`\"q\"", env), "q\"q");
  EXPECT_EQ(Expand(lexer, "\"a\\b\"", env), "a\\b");
}

TEST(ShellLexer, RawQuotesKeepQuotesButProcessInside) {
  ShellLexer lexer(ShellLexerOptions{.raw_quotes = true});
  ShellEnv env{{"X", "1"}};
  EXPECT_EQ(Expand(lexer, R"('a $X' "b $X" c\ d)", env), R"('a $X' "b 1" c d)");
}

TEST(ShellLexer, RawEscapesKeepEscapeCharacters) {
  ShellLexer lexer(ShellLexerOptions{.raw_escapes = true});
  ShellEnv env{{"X", "1"}};
  EXPECT_EQ(Expand(lexer, R"(a\ b\$X$X)", env), R"(a\ b\$X1)");
}

TEST(ShellLexer, SkipProcessQuotesTreatsQuotesAsText) {
  ShellLexer lexer(ShellLexerOptions{.skip_process_quotes = true});
  ShellEnv env{{"X", "1"}};
  EXPECT_EQ(Expand(lexer, R"('$X' "$X)", env), R"('1' "1)");
}

TEST(ShellLexer, SkipUnsetEnvLeavesUnsetReferences) {
  ShellLexer lexer(ShellLexerOptions{.skip_unset_env = true});
  ShellEnv env{{"SET", "v"}, {"EMPTY", ""}};
  auto result = lexer.ProcessWord(
      "$A ${B} ${C:-x$SET} ${D+y} ${E/p/r} ${F//p/r} $SET ${EMPTY:-d} ${SET%v}", env);
  ASSERT_TRUE(result.has_value()) << result.error().What();
  EXPECT_EQ(result->text, "$A ${B} ${C:-xv} ${D+y} ${E/p/r} ${F//p/r} v d ");
  EXPECT_EQ(result->unmatched, (std::set<std::string>{"A", "B", "C", "D", "E", "F"}));
  EXPECT_EQ(result->matched, (std::set<std::string>{"EMPTY", "SET"}));
}

TEST(ShellLexer, FieldSplittingFollowsQuotingAndExpansion) {
  ShellLexer lexer;
  ShellEnv env{{"X", " d \t e "}, {"E", ""}};
  auto words = lexer.ProcessWords(R"(  a "b  c" $X"$X"f '' $E g\ h)", env);
  ASSERT_TRUE(words.has_value()) << words.error().What();
  EXPECT_EQ(*words, (Words{"a", "b  c", "d", "e", " d \t e f", "g h"}));
}

TEST(ShellLexer, NestedDefaultsRecordBothNames) {
  ShellLexer lexer;
  auto result = lexer.ProcessWord("${A:-${B}-$C}", ShellEnv{{"B", "b"}});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->text, "b-");
  EXPECT_EQ(result->matched, (std::set<std::string>{"B"}));
  EXPECT_EQ(result->unmatched, (std::set<std::string>{"A", "C"}));
}

TEST(ShellLexer, ErrorsNameTheWordAndTheReason) {
  ShellLexer lexer;
  ShellEnv env{{"EMPTY", ""}};
  struct Case {
    const char* word;
    const char* reason;
  };
  for (const Case& c : std::vector<Case>{
           {"${X:?}", "X: is not allowed to be unset"},
           {"${EMPTY:?}", "EMPTY: is not allowed to be empty"},
           {"${X?custom $EMPTY msg}", "X: custom  msg"},
           {"${X:=y}", "unsupported modifier (:=) in substitution"},
           {"${X:#y}", "unsupported modifier (:#) in substitution"},
           {"${X^^}", "unsupported modifier (^) in substitution"},
           {"${X", "syntax error: missing '}'"},
           {"${X:-a", "syntax error: missing '}'"},
           {"${X/a", "syntax error: missing '/' in ${}"},
           {"${}", "syntax error: bad substitution"},
           {"'a", "looking for matching single-quote"},
           {"\"a", "looking for matching double-quote"},
           {"${EMPTY#\\a}", "invalid pattern (\\a) in substitution: invalid escape '\\a'"},
       }) {
    auto result = lexer.ProcessWord(c.word, env);
    ASSERT_FALSE(result.has_value()) << c.word << " gave " << result->text;
    EXPECT_EQ(result.error().kind(), util::ErrorKind::kInvalidArgument);
    const std::string what = result.error().What();
    EXPECT_TRUE(what.starts_with("failed to process \"")) << what;
    EXPECT_NE(what.find(c.reason), std::string::npos) << what;
  }
}

TEST(ShellLexer, DeepNestingIsAnErrorNotACrash) {
  std::string word;
  for (int i = 0; i < 100000; ++i) word += "${A:-";
  word += "x";
  for (int i = 0; i < 100000; ++i) word += "}";
  auto result = ShellLexer().ProcessWord(word, ShellEnv{});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().What().find("nested"), std::string::npos);
}

TEST(ShellLexer, NamesAreUnicodeLettersDigitsAndUnderscore) {
  ShellLexer lexer;
  ShellEnv env{{"한국", "k"}, {"_a1", "u"}, {"é", "e"}};
  EXPECT_EQ(Expand(lexer, "$한국.$_a1-$é€", env), "k.u-e€");
  // A leading digit is a positional parameter: only the digits form the name.
  EXPECT_EQ(Expand(lexer, "$1a", env), "a");
}

TEST(ShellLexer, InvalidUtf8PassesThrough) {
  ShellEnv env{{"X", "\xff"}};
  EXPECT_EQ(Expand(ShellLexer(), "a\xfe$X'\xfd'", env), "a\xfe\xff\xfd");
}

TEST(ShellPattern, TrimPrefixAndSuffix) {
  EXPECT_EQ(ShellTrimPrefix("*/", "a/b/c", false).value(), "b/c");
  EXPECT_EQ(ShellTrimPrefix("*/", "a/b/c", true).value(), "c");
  EXPECT_EQ(ShellTrimSuffix(".*", "a.tar.gz", false).value(), "a.tar");
  EXPECT_EQ(ShellTrimSuffix(".*", "a.tar.gz", true).value(), "a");
  EXPECT_EQ(ShellTrimSuffix("\\*x", "a*x", false).value(), "a");
  EXPECT_EQ(ShellTrimPrefix("?", "한국", false).value(), "국");
  EXPECT_EQ(ShellTrimSuffix("?", "한국", false).value(), "한");
  EXPECT_EQ(ShellTrimPrefix("nomatch", "value", false).value(), "value");
}

TEST(ShellPattern, BracketsAreLiteralAndStarsStopAtNewline) {
  EXPECT_EQ(ShellTrimPrefix("[ab]", "[ab]x", false).value(), "x");
  EXPECT_EQ(ShellTrimPrefix("[ab]", "ax", false).value(), "ax");
  EXPECT_EQ(ShellTrimPrefix("*", "ab\ncd", true).value(), "\ncd");
  EXPECT_EQ(ShellTrimPrefix("a?c", "a\nc", false).value(), "a\nc");
  EXPECT_EQ(ShellTrimPrefix("\\}\\/", "}/x", false).value(), "x");
}

TEST(ShellPattern, Replace) {
  EXPECT_EQ(ShellReplace("a.b.c", ".", "-", false).value(), "a-b.c");
  EXPECT_EQ(ShellReplace("a.b.c", ".", "-", true).value(), "a-b-c");
  EXPECT_EQ(ShellReplace("abc", "", "-", true).value(), "-a-b-c-");
  EXPECT_EQ(ShellReplace("abc", "", "-", false).value(), "-abc");
  EXPECT_EQ(ShellReplace("abcb", "b*", "X", false).value(), "aX");
  // ReplaceAll uses Go's template rules; the single replacement is literal.
  EXPECT_EQ(ShellReplace("abc", "b", "[$0|${0}|$$|$x|$]", true).value(), "a[b|b|$||$]c");
  EXPECT_EQ(ShellReplace("abc", "b", "[$0]", false).value(), "a[$0]c");
  EXPECT_FALSE(ShellReplace("abc", "\\q", "", true).has_value());
  EXPECT_FALSE(ShellReplace("abc", "a\\", "", true).has_value());
}

TEST(ShellPattern, ManyStarsOnALongValueStayFast) {
  std::string value(200000, 'a');
  // No 'b': every star state fails; memoization keeps this linear per token.
  EXPECT_EQ(ShellTrimPrefix("*a*a*a*a*b", value, false).value(), value);
  EXPECT_EQ(ShellTrimSuffix("b*a*a*a*a*", value, true).value(), value);
  EXPECT_EQ(ShellReplace(value, "*a*a*b", "", true).value(), value);
  value += "b";
  EXPECT_EQ(ShellTrimPrefix("*a*a*a*a*b", value, false).value(), "");
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
