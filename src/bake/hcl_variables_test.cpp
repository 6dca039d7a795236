// Tests of ReadHclFiles' variables (defaults, types, environment overrides, validation),
// built-in variables and user functions.
#include <gtest/gtest.h>

#include "bake/hcl_config.hpp"
#include "bake/internal/test_read.hpp"

namespace manifold::bake {
namespace {

using testing::ReadFiles;
using testing::ReadHcl;
using Env = std::map<std::string, std::string>;
using Strings = std::vector<std::string>;

// The value of args.foo of the only target.
std::optional<std::string> Arg(const util::Result<HclConfig>& r, const std::string& key = "foo") {
  if (!r || r->config.targets.empty() || !r->config.targets[0].args) return "<no args>";
  auto it = r->config.targets[0].args->find(key);
  if (it == r->config.targets[0].args->end()) return "<missing>";
  return it->second;
}

TEST(HclVariablesTest, DefaultsAndEnvironmentOverride) {
  const std::string file = R"(
variable "BUILD_NUMBER" { default = "123" }
target "webapp" {
  args = { foo = "${BUILD_NUMBER}" }
}
)";
  EXPECT_EQ(Arg(ReadHcl(file)), "123");
  EXPECT_EQ(Arg(ReadHcl(file, Env{{"BUILD_NUMBER", "456"}})), "456");
  // Names are exact: no case folding.
  EXPECT_EQ(Arg(ReadHcl(file, Env{{"build_number", "456"}})), "123");
}

TEST(HclVariablesTest, VariablesReferToEachOtherAcrossFiles) {
  auto read = [](Env env) {
    return ReadFiles({{"c1.hcl", R"(
variable "FOO" { default = upper("${BASE}def") }
variable "BAR" { default = "-${FOO}-" }
target "app" { args = { v1 = "pre-${BAR}" } }
)"},
                      {"c2.hcl", R"(
variable "BASE" { default = "abc" }
target "app" { args = { v2 = "${FOO}-post" } }
)"}},
                     std::move(env));
  };
  auto r = read({});
  EXPECT_EQ(Arg(r, "v1"), "pre--ABCDEF-");
  EXPECT_EQ(Arg(r, "v2"), "ABCDEF-post");
  EXPECT_EQ(Arg(read({{"BASE", "new"}}), "v1"), "pre--NEWDEF-");
}

TEST(HclVariablesTest, CycleIsAnErrorNamingTheChain) {
  auto r = ReadHcl(R"(
variable "FOO" { default = BAR }
variable "FOO2" { default = FOO }
variable "BAR" { default = FOO }
target "app" {}
)");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("variable cycle not allowed for"), std::string::npos);
  EXPECT_NE(r.error().What().find("BAR -> FOO"), std::string::npos) << r.error().What();
}

TEST(HclVariablesTest, UntypedOverridesFollowTheDefaultsType) {
  const std::string file = R"(
variable "FOO" { default = 3 }
variable "IS_FOO" { default = true }
target "app" {
  args = {
    v1 = FOO > 5 ? "higher" : "lower"
    v2 = IS_FOO ? "yes" : "no"
  }
}
)";
  auto r = ReadHcl(file);
  EXPECT_EQ(Arg(r, "v1"), "lower");
  EXPECT_EQ(Arg(r, "v2"), "yes");
  r = ReadHcl(file, Env{{"FOO", "5.1"}, {"IS_FOO", "0"}});
  EXPECT_EQ(Arg(r, "v1"), "higher");
  EXPECT_EQ(Arg(r, "v2"), "no");
  r = ReadHcl(file, Env{{"FOO", "NaN"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("failed to parse FOO as number"), std::string::npos);
  r = ReadHcl(file, Env{{"IS_FOO", "maybe"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("failed to parse IS_FOO as bool"), std::string::npos);
  EXPECT_NE(r.error().What().find("docker-bake.hcl:3:"), std::string::npos) << r.error().What();
  r = ReadHcl("variable \"FOO\" { default = [] }\ntarget \"a\" {}\n", Env{{"FOO", "bar"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("unsupported type"), std::string::npos);
}

TEST(HclVariablesTest, NullAndEmptyVariables) {
  const std::string null_default = R"(
variable "FOO" { default = null }
target "default" { args = { foo = FOO } }
)";
  EXPECT_EQ(Arg(ReadHcl(null_default)), std::nullopt);
  EXPECT_EQ(Arg(ReadHcl(null_default, Env{{"FOO", "bar"}})), "bar");
  EXPECT_EQ(Arg(ReadHcl(R"(
variable "FOO" {}
target "default" { args = { foo = equal(FOO, "") } }
)")),
            "true");
  for (const char* type : {"any", "string", "number", "bool", "list(string)", "set(string)",
                           "map(string)", "tuple([string])", "object({val: string})"}) {
    SCOPED_TRACE(type);
    EXPECT_EQ(Arg(ReadHcl(std::string("variable \"FOO\" { type = ") + type +
                          " }\ntarget \"default\" { args = { foo = equal(FOO, null) } }\n")),
              "true");
  }
}

TEST(HclVariablesTest, TopLevelAttributesAreConstants) {
  const std::string file = R"(
FOO = "abc"
BAR = "attr-${FOO}def"
target "app" { args = { "v1": BAR } }
)";
  EXPECT_EQ(Arg(ReadHcl(file), "v1"), "attr-abcdef");
  // The environment overrides variables only.
  EXPECT_EQ(Arg(ReadHcl(file, Env{{"FOO", "bar"}}), "v1"), "attr-abcdef");
  // A later file's attribute replaces a variable's default; the environment still wins.
  auto read = [](Env env) {
    return ReadFiles({{"c1.hcl", "variable \"FOO\" { default = \"abc\" }\n"
                                 "target \"app\" { args = { v1 = \"pre-${FOO}\" } }\n"},
                      {"c2.hcl", "FOO = \"def\"\n"}},
                     std::move(env));
  };
  EXPECT_EQ(Arg(read({}), "v1"), "pre-def");
  EXPECT_EQ(Arg(read({{"FOO", "ghi"}}), "v1"), "pre-ghi");
}

TEST(HclVariablesTest, BuiltinVariables) {
  auto r = ReadHcl(R"(
variable "BAKE_CMD_CONTEXT" { default = "ignored" }
target "app" {
  context = BAKE_CMD_CONTEXT
  platforms = [BAKE_LOCAL_PLATFORM]
}
)",
                   Env{{"BAKE_CMD_CONTEXT", "env-ignored"}});
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].context, "cwd://");
  EXPECT_EQ(r->config.targets[0].platforms, (Strings{"linux/amd64"}));
}

struct TypedCase {
  const char* type;
  const char* default_value;  // "" = none
  const char* env;            // "" = none; "NAME=value" otherwise
  const char* arg;
  const char* want;           // value of args.foo, or the error text
  bool error = false;
};

class HclTypedVariableTest : public ::testing::TestWithParam<TypedCase> {};

TEST_P(HclTypedVariableTest, Evaluates) {
  const TypedCase& c = GetParam();
  std::string file = std::string("variable \"FOO\" {\n  type = ") + c.type + "\n";
  if (*c.default_value != 0) file += std::string("  default = ") + c.default_value + "\n";
  file += std::string("}\ntarget \"default\" {\n  args = { foo = ") + c.arg + " }\n}\n";
  Env env;
  if (*c.env != 0) {
    std::string kv = c.env;
    env[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
  }
  auto r = ReadHcl(file, env);
  if (c.error) {
    ASSERT_FALSE(r) << file;
    EXPECT_NE(r.error().What().find(c.want), std::string::npos) << r.error().What();
  } else {
    ASSERT_TRUE(r) << r.error().Describe();
    EXPECT_EQ(Arg(r), c.want);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HclTypedVariableTest,
    ::testing::Values(
        TypedCase{"number", "99", "", "FOO + 1", "100"},
        TypedCase{"number", "\"99\"", "", "FOO + 1", "100"},
        TypedCase{"bool", "\"true\"", "", "and(FOO, true)", "true"},
        TypedCase{"number", "\"oops\"", "", "FOO", "invalid type number for variable FOO default "
                                                   "value", true},
        TypedCase{"list(number)", "[\"2\",\"3\"]", "", "join(\"\", [for v in FOO: v + 1])", "34"},
        TypedCase{"list(number)", "[\"oops\"]", "", "FOO", "invalid type", true},
        TypedCase{"bool", "", "FOO=true", "FOO", "true"},
        TypedCase{"string", "", "FOO=\"hello\"", "FOO", "\"hello\""},
        TypedCase{"list(string)", "", "FOO=hi,there", "join(\"-\", FOO)", "hi-there"},
        TypedCase{"list(number)", "", "FOO=3,1,4", "join(\"-\", [for v in FOO: v + 1])", "4-2-5"},
        TypedCase{"set(number)", "", "FOO=3,1,4,1", "join(\"-\", FOO)", "1-3-4"},
        TypedCase{"map(number)", "", "FOO=foo:1,bar:2", "join(\"-\", values(FOO))", "2-1"},
        TypedCase{"tuple([number,string])", "", "FOO=99,bottles",
                  "format(\"%d %s\", FOO[0], FOO[1])", "99 bottles"},
        TypedCase{"tuple([number,string])", "", "FOO=99,100", "FOO", "Unsuitable value type", true},
        TypedCase{"list(string)", "", "FOO=\"hello,world", "FOO", "from CSV", true},
        TypedCase{"object({message: string})", "", "FOO=x", "FOO", "unsupported type", true},
        TypedCase{"list(list(number))", "", "FOO=1,2", "FOO", "unsupported type", true},
        TypedCase{"map(number)", "", "FOO=foo:1:1", "FOO", "expected one k/v pair", true},
        TypedCase{"list(number)", "", "FOO=1,1z", "FOO", "failed to parse element", true},
        TypedCase{"number", "", "FOO=1z", "FOO", "failed to parse", true},
        TypedCase{"any", "", "FOO=x", "FOO", "unsupported type", true},
        TypedCase{"string", "", "FOO_JSON=hello", "FOO", "from JSON", true},
        TypedCase{"string", "", "FOO_JSON=\"hello\"", "FOO", "hello"},
        TypedCase{"list(number)", "", "FOO_JSON=[3, 1, 4]", "join(\"-\", FOO)", "3-1-4"},
        TypedCase{"map(number)", "", "FOO_JSON={\"foo\": \"oops\"}", "FOO", "from JSON", true},
        TypedCase{"object({messages: list(string)})", "",
                  "FOO_JSON={\"messages\": [\"hi\", \"there\"]}", "join(\"-\", FOO[\"messages\"])",
                  "hi-there"},
        TypedCase{"object({a = string, b = optional(number)})", "{a = \"x\"}", "",
                  "FOO.b == null ? \"none\" : FOO.b", "none"},
        TypedCase{"object({a = string, b = optional(number)})", "{a = \"x\", b = \"2\"}", "",
                  "FOO.b + 1", "3"},
        TypedCase{"object({a = string, b = optional(number)})", "", "FOO_JSON={\"a\": \"y\"}",
                  "\"${FOO.a}-${FOO.b == null}\"", "y-true"},
        TypedCase{"list(object({n = optional(number)}))", "[{}, {n = 1}]", "",
                  "join(\",\", [for o in FOO : o.n == null ? \"-\" : o.n])", "-,1"},
        // buildx reads the type with typeexpr.TypeConstraint, which refuses defaults.
        TypedCase{"object({a = string, b = optional(number, 3)})", "{a = \"x\"}", "", "FOO",
                  "Optional attribute modifier expects only one argument: the attribute type.",
                  true},
        // cty drops attributes the object type does not name, and requires the others.
        TypedCase{"object({a = string})", "{a = \"x\", extra = 1}", "", "length(keys(FOO))", "1"},
        TypedCase{"object({a = string})", "{}", "", "FOO",
                  "invalid type object for variable FOO default value: attribute \"a\" is required",
                  true},
        TypedCase{"list(any)", "[1, \"a\"]", "", "FOO[0]", "1"},
        TypedCase{"list(any)", "[1, true]", "", "FOO",
                  "invalid type list of dynamic for variable FOO default value: all list elements "
                  "must have the same type",
                  true},
        TypedCase{"any", "[\"1\", \"2\"]", "", "join(\"+\", convert(FOO, list(number)))", "1+2"},
        TypedCase{"string", "\"7\"", "", "convert(FOO, number) + 1", "8"},
        TypedCase{"boolean", "", "", "FOO", "not a valid type specification", true},
        TypedCase{"lower(\"bool\")", "", "", "FOO", "not a valid type", true}));

TEST(HclVariablesTest, JsonOverridePriority) {
  const std::string file = R"(
variable "FOO" { type = list(number) }
target "default" { args = { foo = length(FOO) } }
)";
  EXPECT_EQ(Arg(ReadHcl(file, Env{{"FOO", "1,2"}, {"FOO_JSON", "[3,4,5]"}})), "3");
  auto own = ReadHcl(R"(
variable "FOO_JSON" { type = list(number) }
target "default" { args = { foo = length(FOO_JSON) } }
)",
                     Env{{"FOO_JSON", "10,11,12"}});
  EXPECT_EQ(Arg(own), "3");
  auto shadowed = ReadHcl(R"(
variable "FOO" { type = list(number) }
variable "FOO_JSON" { type = list(number) }
target "default" { args = { foo = length(FOO) } }
)",
                          Env{{"FOO", "[1,2]"}, {"FOO_JSON", "[3,4]"}});
  ASSERT_FALSE(shadowed);
  EXPECT_NE(shadowed.error().What().find("from CSV"), std::string::npos);
}

TEST(HclVariablesTest, Validation) {
  const std::string file = R"(
variable "PORT" {
  default = 80
  validation {
    condition = PORT > 0 && PORT < 65536
    error_message = "PORT must be a valid port, not ${PORT}."
  }
}
target "app" { args = { foo = PORT } }
)";
  EXPECT_EQ(Arg(ReadHcl(file)), "80");
  auto r = ReadHcl(file, Env{{"PORT", "70000"}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("Validation failed; PORT must be a valid port, not 70000."),
            std::string::npos)
      << r.error().What();
  EXPECT_NE(r.error().What().find("docker-bake.hcl:5:"), std::string::npos) << r.error().What();
  auto null_cond = ReadHcl(R"(
variable "X" {
  validation {
    condition = null
    error_message = "x"
  }
}
)");
  ASSERT_FALSE(null_cond);
  EXPECT_NE(null_cond.error().What().find("not null"), std::string::npos);
}

TEST(HclVariablesTest, VariableList) {
  auto r = ReadHcl(R"(
variable "B" {
  default = "x"
  description = "the b"
}
variable "A" {
  type = list(string)
  default = ["1"]
}
variable "C" { type = string }
variable "D" { default = 2 }
target "t" {}
)",
                   Env{{"B", "y"}});
  ASSERT_TRUE(r) << r.error().Describe();
  const auto& v = r->variables;
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0].name, "A");
  EXPECT_EQ(v[0].type, "list of string");
  EXPECT_EQ(v[0].value, "[\"1\"]");
  EXPECT_EQ(v[1].name, "B");
  EXPECT_EQ(v[1].description, "the b");
  EXPECT_EQ(v[1].default_value, "x");
  EXPECT_EQ(v[1].value, "y");
  EXPECT_EQ(v[1].type, "");
  EXPECT_EQ(v[2].value, "<null>");
  EXPECT_EQ(v[2].type, "string");
  EXPECT_EQ(v[3].value, "2");
}

TEST(HclFunctionsTest, UserFunctions) {
  auto r = ReadHcl(R"(
variable "REPO" { default = "user/repo" }
function "tag" {
  params = [tag]
  result = ["${REPO}:${tag}"]
}
function "brace" {
  params = [inp]
  result = "[${inp}]"
}
function "myupper" {
  params = [val]
  variadic_params = rest
  result = "${upper(val)} <> ${brace(v2)} ${length(rest)}"
}
v1 = myupper("foo", 1, 2)
v2 = lower("BAZ")
variable "FROM_FN" { default = brace("d") }
target "webapp" {
  tags = tag("v1")
  args = {
    v1 = v1
    d = FROM_FN
    n = "${add(123, 1)}"
  }
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].tags, (Strings{"user/repo:v1"}));
  EXPECT_EQ(Arg(r, "v1"), "FOO <> [baz] 2");
  EXPECT_EQ(Arg(r, "d"), "[d]");
  EXPECT_EQ(Arg(r, "n"), "124");
}

TEST(HclFunctionsTest, FunctionReadsATarget) {
  auto r = ReadHcl(R"(
function "image" {
  params = [tag]
  result = "${target.base.tags[0]}:${tag}"
}
target "base" { tags = ["repo/app"] }
target "app" { tags = [image("v1")] }
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[1].tags, (Strings{"repo/app:v1"}));
}

TEST(HclFunctionsTest, Errors) {
  struct Case {
    const char* file;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"function \"foo\" {\n  result = \"bar\"\n}\n", "empty params not allowed for foo"},
           {"function \"foo\" {\n  params = [a]\n}\n", "empty result not allowed for foo"},
           {"function \"f\" {\n  params = [a]\n  result = f(a)\n}\n", "function cycle not allowed"},
           {"function \"f\" {\n  params = [a]\n  result = g(a)\n}\n"
            "function \"g\" {\n  params = [a]\n  result = f(a)\n}\n",
            "function cycle not allowed"},
           {"function \"f\" {\n  params = [\"a\" + 1]\n  result = 1\n}\n",
            "Each parameter name must be an identifier"},
           {"function \"f\" {\n  params = [a]\n  result = a + nope\n}\n",
            "variable \"nope\" does not exist"},
           {"function \"f\" {\n  params = [a]\n  result = a\n  other = 1\n}\n",
            "An argument named \"other\" is not expected"},
           {"function \"f\" {\n  params = [a]\n  result = a\n}\n"
            "target \"t\" { tags = f(1, 2) }\n",
            "f"},
       }) {
    SCOPED_TRACE(c.file);
    auto r = ReadHcl(c.file);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().What().find(c.message), std::string::npos) << r.error().What();
  }
}

TEST(HclFunctionsTest, ExponentialCallsAreBounded) {
  std::string file = "function \"f0\" {\n  params = [x]\n  result = x\n}\n";
  for (int i = 1; i <= 40; ++i) {
    file += "function \"f" + std::to_string(i) + "\" {\n  params = [x]\n  result = f" +
            std::to_string(i - 1) + "(x) + f" + std::to_string(i - 1) + "(x)\n}\n";
  }
  file += "target \"t\" { args = { a = f40(1) } }\n";
  auto r = ReadHcl(file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("calls of user functions"), std::string::npos)
      << r.error().What();
}

TEST(HclVariablesTest, LongChainsAreBounded) {
  std::string file;
  for (int i = 0; i < 20000; ++i) {
    file += "variable \"V" + std::to_string(i) + "\" { default = V" + std::to_string(i + 1) +
            " }\n";
  }
  auto r = ReadHcl(file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("nested too deeply"), std::string::npos) << r.error().What();
}

}  // namespace
}  // namespace manifold::bake
