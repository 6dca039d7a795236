// Tests of ReadHclFiles on JSON files, alone and merged with native ones.
#include <gtest/gtest.h>

#include "bake/hcl_config.hpp"
#include "bake/internal/test_read.hpp"

namespace manifold::bake {
namespace {

using testing::FindTarget;
using testing::ReadFiles;
using Strings = std::vector<std::string>;

util::Result<HclConfig> ReadJson(std::string text, std::map<std::string, std::string> env = {}) {
  return ReadFiles({{"docker-bake.json", std::move(text)}}, std::move(env));
}

TEST(HclJsonTest, Basic) {
  auto r = ReadJson(R"J({
  "group": { "default": { "targets": ["db", "webapp"] } },
  "target": {
    "db": { "context": "./db", "tags": ["docker.io/tonistiigi/db"] },
    "webapp": {
      "context": "./dir",
      "dockerfile": "Dockerfile-alternate",
      "args": { "buildno": "123", "n": 5, "none": null },
      "pull": true,
      "cache-from": [{ "type": "registry", "ref": "r" }]
    }
  }
})J");
  ASSERT_TRUE(r) << r.error().Describe();
  const Config& c = r->config;
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].targets, (Strings{"db", "webapp"}));
  ASSERT_EQ(c.targets.size(), 2u);
  EXPECT_EQ(c.targets[0].context, "./db");
  EXPECT_EQ(c.targets[1].args, (NullableMap{{"buildno", "123"}, {"n", "5"}, {"none", std::nullopt}}));
  EXPECT_EQ(c.targets[1].pull, true);
  EXPECT_EQ(c.targets[1].cache_from, (Strings{"type=registry,ref=r"}));
}

TEST(HclJsonTest, TemplatesVariablesAndFunctions) {
  auto r = ReadJson(R"J({
  "FOO": "abc",
  "variable": {
    "BAR": { "default": "def" },
    "N": { "type": "number", "default": "3" },
    "L": { "type": "list(string)", "default": ["a"] }
  },
  "function": {
    "myfunc": { "params": ["inp"], "result": "<${upper(inp)}-${FOO}>" }
  },
  "target": {
    "app": {
      "args": {
        "v1": "pre-${FOO}-${BAR}",
        "v2": "pre-${myfunc(\"foo\")}",
        "v3": "myfunc(\"foo\")",
        "v4": "$${FOO} and %%{x}",
        "v5": "${N + 1}",
        "v6": "line\n\"quoted\" \\ \u00e9"
      },
      "tags": "${L}"
    }
  }
})J",
                    {{"BAR", "env"}});
  ASSERT_TRUE(r) << r.error().Describe();
  const Target& t = r->config.targets.at(0);
  EXPECT_EQ(t.args, (NullableMap{{"v1", "pre-abc-env"},
                                 {"v2", "pre-<FOO-abc>"},
                                 {"v3", "myfunc(\"foo\")"},
                                 {"v4", "${FOO} and %{x}"},
                                 {"v5", "4"},
                                 {"v6", "line\n\"quoted\" \\ \xc3\xa9"}}));
  EXPECT_EQ(t.tags, (Strings{"a"}));
  ASSERT_EQ(r->variables.size(), 3u);
  EXPECT_EQ(r->variables[2].name, "N");
  EXPECT_EQ(r->variables[2].type, "number");
}

TEST(HclJsonTest, NullVariableAndEmptyVariable) {
  const std::string file = R"J({
  "variable": { "FOO": { "default": null }, "VAR": {} },
  "target": { "default": { "args": { "foo": "${FOO}" } } }
})J";
  auto r = ReadJson(file);
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].args, (NullableMap{{"foo", std::nullopt}}));
  r = ReadJson(file, {{"FOO", "bar"}});
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].args, (NullableMap{{"foo", "bar"}}));
}

TEST(HclJsonTest, ArrayBlockFormsAndValidation) {
  auto r = ReadJson(R"J({
  "variable": [{ "V": [{
    "default": "x",
    "validation": [{ "condition": "${V != \"bad\"}", "error_message": "V is bad" }]
  }] }],
  "target": [{ "metadata-a": [{ "tags": ["app/a:1.0.0"] }] }, { "b": { "tags": ["b"] } }]
})J");
  ASSERT_TRUE(r) << r.error().Describe();
  ASSERT_EQ(r->config.targets.size(), 2u);
  EXPECT_EQ(r->config.targets[0].tags, (Strings{"app/a:1.0.0"}));
  auto bad = ReadJson(R"J({
  "variable": { "V": { "default": "bad", "validation": { "condition": "${V != \"bad\"}", "error_message": "V is bad" } } }
})J");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("V is bad"), std::string::npos) << bad.error().What();
}

TEST(HclJsonTest, CombinedWithNativeFiles) {
  auto r = ReadFiles({{"docker-bake.hcl", R"(
variable "ABC" { default = "foo" }
variable "DEF" { default = "" }
group "default" { targets = ["one"] }
target "metadata-a" {}
target "one" {
  inherits = ["metadata-a"]
  args = { a = "pre-${ABC}" }
}
target "two" { args = { b = "pre-${DEF}" } }
)"},
                      {"foo.json", R"J({"variable": {"DEF": {"default": "bar"}},
                                      "target": { "one": { "args": {"a": "pre-${ABC}-${DEF}"}} } })J"},
                      {"bar.json", R"J({"ABC": "ghi", "DEF": "jkl"})J"},
                      {"metadata-a.json", R"J({"target": [{"metadata-a": [{"tags": ["app/a:1"]}]}]})J"}});
  ASSERT_TRUE(r) << r.error().Describe();
  const Config& c = r->config;
  ASSERT_EQ(c.targets.size(), 3u);
  EXPECT_EQ(c.targets[0].name, "metadata-a");
  EXPECT_EQ(c.targets[0].tags, (Strings{"app/a:1"}));
  EXPECT_EQ(FindTarget(c, "one")->args, (NullableMap{{"a", "pre-ghi-jkl"}}));
  EXPECT_EQ(FindTarget(c, "two")->args, (NullableMap{{"b", "pre-jkl"}}));
}

TEST(HclJsonTest, ErrorsAreLocated) {
  struct Case {
    const char* json;
    const char* where;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"{\n  \"target\": {\"a\": {\"tags\": [1,]}}}", "docker-bake.json:2:", "Invalid JSON"},
           {"[1]", "docker-bake.json:1:1", "root of a JSON bake file must be an object"},
           {"{\"target\": {\"a\": 1}}", "docker-bake.json:1:", "A JSON object is required"},
           {"{\"A\": 1, \"A\": 2}", "docker-bake.json:1:10", "Duplicate argument"},
           {"{\n\"target\": {\"a\": {\"tags\": [\"${nope}\"]}}}", "docker-bake.json:2:",
            "There is no variable named \"nope\""},
           {"{\"target\": {\"a\": {\"tags\": [\"${\"]}}}", "docker-bake.json:1:", ""},
           {"{\"target\": {\"a\": {\"tags\": \"x\"}}}", "docker-bake.json:1:",
            "tags: list of string required"},
           {"{\"a\": \"\\x\"}", "docker-bake.json:1:", "invalid escape"},
           {"{\"a\": \"x\x01\"}", "docker-bake.json:1:", "control character"},
       }) {
    SCOPED_TRACE(c.json);
    auto r = ReadJson(c.json);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().What().find(c.where), std::string::npos) << r.error().What();
    EXPECT_NE(r.error().What().find(c.message), std::string::npos) << r.error().What();
  }
}

TEST(HclJsonTest, DeepNestingIsAnError) {
  std::string deep = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = ReadJson(deep);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("too deep"), std::string::npos);
}

TEST(HclJsonTest, DeeplyNestedTemplateIsAnError) {
  std::string value;
  for (int i = 0; i < 2000; ++i) value += "${\\\"";
  auto r = ReadJson("{\"a\": \"" + value + "\"}");
  ASSERT_FALSE(r);
}

TEST(HclJsonTest, QuotesInsideInterpolations) {
  auto r = ReadJson(R"J({"target": {"a": {"tags": ["${join(\",\", [\"x\", \"y\\\"z\"])}-\"q\""]}}})J");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].tags, (Strings{"x,y\"z-\"q\""}));
}

}  // namespace
}  // namespace manifold::bake
