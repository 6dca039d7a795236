// SubstituteVariables and ParseDotEnv: Compose interpolation forms and .env rules (cases
// after compose-go's template and dotenv tests).
#include "bake/internal/compose_template.hpp"

#include <gtest/gtest.h>

#include <map>

#include "bake/internal/dotenv.hpp"

namespace manifold::bake::internal {
namespace {

VariableLookup MapLookup(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const VariableLookup kVars = MapLookup({{"FOO", "foo"}, {"EMPTY", ""}, {"lower", "l"}});

struct SubstCase {
  const char* in;
  const char* out;
};

TEST(ComposeTemplateTest, Substitutes) {
  const SubstCase cases[] = {
      {"plain", "plain"},
      {"$FOO", "foo"},
      {"${FOO}", "foo"},
      {"x$FOO.y", "xfoo.y"},
      {"$lower-$FOO", "l-foo"},
      {"$UNSET", ""},
      {"${UNSET}", ""},
      {"$$FOO", "$FOO"},
      {"$${FOO}", "${FOO}"},
      {"a$", "a$"},
      {"$ x", "$ x"},
      {"$1", "$1"},
      {"${FOO:-d}", "foo"},
      {"${EMPTY:-d}", "d"},
      {"${UNSET:-d}", "d"},
      {"${EMPTY-d}", ""},
      {"${UNSET-d}", "d"},
      {"${FOO:+alt}", "alt"},
      {"${EMPTY:+alt}", ""},
      {"${EMPTY+alt}", "alt"},
      {"${UNSET+alt}", ""},
      {"${FOO?e}", "foo"},
      {"${EMPTY?e}", ""},
      {"${UNSET:-${FOO}}", "foo"},
      {"${UNSET:-${UNSET2:-deep}}/x", "deep/x"},
      {"${UNSET:-a b} and ${FOO}", "a b and foo"},
      {"${UNSET:-$FOO}", "foo"},
      {"${UNSET:-}", ""},
  };
  for (const SubstCase& c : cases) {
    auto out = SubstituteVariables(c.in, kVars);
    ASSERT_TRUE(out) << c.in << ": " << out.error().What();
    EXPECT_EQ(*out, c.out) << c.in;
  }
}

TEST(ComposeTemplateTest, Errors) {
  const SubstCase cases[] = {
      {"${UNSET:?must be set}", "required variable UNSET is missing a value: must be set"},
      {"${EMPTY:?no ${FOO}}", "required variable EMPTY is missing a value: no foo"},
      {"${UNSET?}", "required variable UNSET is missing a value"},
      {"${}", "invalid interpolation format"},
      {"${1A}", "invalid interpolation format"},
      {"${FOO", "invalid interpolation format"},
      {"${FOO BAR}", "invalid interpolation format"},
      {"${FOO:x}", "invalid interpolation format"},
  };
  for (const SubstCase& c : cases) {
    auto out = SubstituteVariables(c.in, kVars);
    ASSERT_FALSE(out) << c.in << " gave " << *out;
    EXPECT_NE(out.error().What().find(c.out), std::string::npos)
        << c.in << ": " << out.error().What();
  }
}

TEST(ComposeTemplateTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "${A:-";
  deep += "x";
  for (int i = 0; i < 10000; ++i) deep += "}";
  auto out = SubstituteVariables(deep, kVars);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().What().find("nested"), std::string::npos);
}

EnvEntries Env(std::string_view text, const VariableLookup& lookup = MapLookup({})) {
  auto out = ParseDotEnv(text, lookup);
  EXPECT_TRUE(out) << text << ": " << out.error().What();
  return out ? *out : EnvEntries{};
}

TEST(ComposeDotEnvTest, LinesCommentsQuotesAndExport) {
  EnvEntries env =
      Env("# comment\n"
          "\n"
          "A=1\n"
          "export B = two words  \n"
          "C=value # trailing comment\n"
          "D=no#comment\n"
          "E='single $A \\n'\n"
          "F=\"double $A\\tx\\\"q\\\"\"\n"
          "G=\"multi\nline\"\n"
          "H: yaml style\n"
          "I=\n"
          "J=${A}-${UNSET:-dflt}\n"
          "K=\\$literal\n"
          "L=\"\\$literal\"\n"
          "A=again\n");
  EnvEntries want = {{"A", "again"},
                     {"B", "two words"},
                     {"C", "value"},
                     {"D", "no#comment"},
                     {"E", "single $A \\n"},
                     {"F", "double 1\tx\"q\""},
                     {"G", "multi\nline"},
                     {"H", "yaml style"},
                     {"I", ""},
                     {"J", "1-dflt"},
                     {"K", "\\"},
                     {"L", "$literal"}};
  EXPECT_EQ(env, want);
}

TEST(ComposeDotEnvTest, EnvironmentWinsInInterpolationAndBareKeysInherit) {
  // buildx's TestDotEnvEvaluate: a later line sees an earlier one; the lookup (the process
  // environment) is asked first.
  EnvEntries env =
      Env("TEST_VALUE=${SYSTEM_VALUE:?system_value_not_set}\n"
          "FOO_VALUE=${TEST_VALUE:?test_value_not_set}\n"
          "INHERITED\n"
          "MISSING\n",
          MapLookup({{"SYSTEM_VALUE", "abc"}, {"INHERITED", "from-env"}}));
  EnvEntries want = {{"TEST_VALUE", "abc"}, {"FOO_VALUE", "abc"}, {"INHERITED", "from-env"}};
  EXPECT_EQ(env, want);
}

TEST(ComposeDotEnvTest, ErrorsCarryTheLine) {
  const SubstCase cases[] = {
      {"A=1\nB C=2\n", "line 2: key cannot contain a space"},
      {"A=1\n\nB$=2\n", "line 3: unexpected character '$' in variable name"},
      {"A=\"open\n", "line 1: unterminated quoted value"},
      {"A=1\nB=${NOPE:?set it}\n", "line 2: required variable NOPE is missing a value: set it"},
  };
  for (const SubstCase& c : cases) {
    auto out = ParseDotEnv(c.in, MapLookup({}));
    ASSERT_FALSE(out) << c.in;
    EXPECT_NE(out.error().What().find(c.out), std::string::npos) << out.error().What();
  }
}

}  // namespace
}  // namespace manifold::bake::internal
