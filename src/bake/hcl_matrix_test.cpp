// Tests of ReadHclFiles' matrix targets: expansion order, names, groups, errors.
#include <gtest/gtest.h>

#include "bake/hcl_config.hpp"
#include "bake/internal/test_read.hpp"

namespace manifold::bake {
namespace {

using testing::FindGroup;
using testing::FindTarget;
using testing::ReadFiles;
using testing::ReadHcl;
using Strings = std::vector<std::string>;

Strings Names(const Config& c) {
  Strings out;
  for (const Target& t : c.targets) out.push_back(t.name);
  return out;
}

TEST(HclMatrixTest, OneKey) {
  auto r = ReadHcl(R"(
target "default" {
  matrix = { foo = ["x", "y"] }
  name = foo
  dockerfile = "${foo}.Dockerfile"
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"x", "y"}));
  EXPECT_EQ(r->config.targets[0].dockerfile, "x.Dockerfile");
  EXPECT_EQ(r->config.targets[1].dockerfile, "y.Dockerfile");
  ASSERT_EQ(r->config.groups.size(), 1u);
  EXPECT_EQ(r->config.groups[0].name, "default");
  EXPECT_EQ(r->config.groups[0].targets, (Strings{"x", "y"}));
}

TEST(HclMatrixTest, KeysSortedLastVaryingFastest) {
  auto r = ReadHcl(R"(
target "default" {
  matrix = {
    tgt = ["a", "b"]
    ver = ["1.0", "2.0"]
  }
  name = "${tgt}-${replace(ver, ".", "-")}"
  args = { VERSION = ver }
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"a-1-0", "a-2-0", "b-1-0", "b-2-0"}));
  EXPECT_EQ(r->config.targets[1].args, (NullableMap{{"VERSION", "2.0"}}));
  EXPECT_EQ(FindGroup(r->config, "default")->targets, Names(r->config));
}

TEST(HclMatrixTest, ListAndObjectValues) {
  auto r = ReadHcl(R"(
target "foo" {
  matrix = {
    aa = [{ foo = "aa", bar = "bb" }, { foo = "cc", bar = "dd" }]
  }
  name = aa.foo
  args = { target = "val${aa.bar}" }
}
target "lists" {
  matrix = { l = [["x", "1"], ["y", "2"]] }
  name = l[0]
  tags = [l[1]]
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"aa", "cc", "x", "y"}));
  EXPECT_EQ(r->config.targets[1].args, (NullableMap{{"target", "valdd"}}));
  EXPECT_EQ(r->config.targets[3].tags, (Strings{"2"}));
}

TEST(HclMatrixTest, VariablesAndGlobalsInMatrix) {
  const std::string file = R"(
a = 1
variable "ABC" { default = "def" }
variable "b" { default = 2 }
target "nums" {
  matrix = { n = [a, b] }
  name = "n${n}"
}
target "bar" {
  matrix = { aa = split(",", ABC) }
  name = "bar-${aa}"
  args = { foo = aa }
}
)";
  auto r = testing::ReadHcl(file, {{"ABC", "11,22"}});
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"n1", "n2", "bar-11", "bar-22"}));
  EXPECT_EQ(FindTarget(r->config, "bar-22")->args, (NullableMap{{"foo", "22"}}));
}

TEST(HclMatrixTest, RenamedTargetsAndReferences) {
  auto r = ReadHcl(R"(
target "def" { dockerfile = target.xyz.dockerfile }
target "abc" {
  name = "xyz"
  matrix = {}
  dockerfile = "foo"
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"def", "xyz"}));
  EXPECT_EQ(r->config.targets[0].dockerfile, "foo");
  EXPECT_EQ(FindGroup(r->config, "abc")->targets, (Strings{"xyz"}));
  // The original name is not a target to refer to.
  auto old = ReadHcl(R"(
target "def" { dockerfile = target.abc.dockerfile }
target "abc" {
  name = "xyz"
  matrix = {}
  dockerfile = "foo"
}
)");
  ASSERT_FALSE(old);
  EXPECT_NE(old.error().What().find("abc"), std::string::npos);
}

TEST(HclMatrixTest, SplitAcrossBlocksAndFiles) {
  auto r = ReadFiles({{"c1.hcl", R"(
target "x" {
  name = "y"
  matrix = {}
  dockerfile = "foo"
}
target "x" {
  name = "z"
  matrix = {}
  dockerfile = "bar"
}
)"},
                      {"c2.hcl", "target \"y\" { target = \"t\" }\n"}});
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"y", "z"}));
  EXPECT_EQ(r->config.targets[0].target, "t");
  EXPECT_EQ(r->config.targets[1].dockerfile, "bar");
  EXPECT_EQ(FindGroup(r->config, "x")->targets, (Strings{"y", "z"}));
}

TEST(HclMatrixTest, GlobalTargetReferenceAndIndexOf) {
  auto r = ReadHcl(R"(
variable "APP_VERSIONS" { default = ["1.42.4", "1.42.3"] }
target "x" { tags = ["a", "b"] }
target "default" {
  matrix = { app_version = APP_VERSIONS }
  name = "app-${replace(app_version, ".", "-")}"
  args = { APP_VERSION = app_version }
  tags = [
    "app:${app_version}",
    indexof(APP_VERSIONS, app_version) == 0 ? "app:latest" : "",
  ]
  platforms = target.x.tags
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(Names(r->config), (Strings{"x", "app-1-42-4", "app-1-42-3"}));
  EXPECT_EQ(r->config.targets[1].tags, (Strings{"app:1.42.4", "app:latest"}));
  EXPECT_EQ(r->config.targets[2].tags, (Strings{"app:1.42.3", ""}));
  EXPECT_EQ(r->config.targets[2].platforms, (Strings{"a", "b"}));
}

TEST(HclMatrixTest, EmptyListMakesNoTarget) {
  auto r = ReadHcl("target \"t\" {\n  matrix = { a = [] }\n  name = a\n}\n");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_TRUE(r->config.targets.empty());
  ASSERT_NE(FindGroup(r->config, "t"), nullptr);
  EXPECT_TRUE(FindGroup(r->config, "t")->targets.empty());
}

// Every generated target reads another block; each evaluation builds only the blocks it
// names, so this stays linear (rebuilding all 5000 each time took 40 s under ASan).
TEST(HclMatrixTest, ManyTargetsReadingOneBlock) {
  auto r = ReadHcl(R"(
target "base" { tags = ["a"] }
target "m" {
  matrix = { i = concat(range(1000), range(1000, 2000), range(2000, 3000), range(3000, 4000),
                     range(4000, 5000)) }
  name = "m${i}"
  tags = target.base.tags
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  ASSERT_EQ(r->config.targets.size(), 5001u);
  EXPECT_EQ(r->config.targets.back().name, "m4999");
  EXPECT_EQ(r->config.targets.back().tags, (Strings{"a"}));
}

TEST(HclMatrixTest, Errors) {
  struct Case {
    const char* matrix;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"matrix = \"test\"", "matrix must be a map"},
           {"matrix = [\"test\"]", "matrix must be a map"},
           {"matrix = { [\"a\"] = [\"b\"] }", ""},
           {"matrix = { 1 = 2 }", "matrix values must be a list"},
           {"matrix = { a = \"b\" }", "matrix values must be a list"},
           {"matrix = { foo = [\"a\", \"b\"] }\n  name = \"c\"", "duplicate name \"c\""},
           {"matrix = { foo = [\"a.b\"] }\n  name = foo", "only \"[a-zA-Z0-9_-]+\" are allowed"},
           {"matrix = { a = range(1000), b = range(1000) }", "more than 10000 combinations"},
       }) {
    SCOPED_TRACE(c.matrix);
    auto r = ReadHcl(std::string("target \"default\" {\n  ") + c.matrix + "\n}\n");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().What().find(c.message), std::string::npos) << r.error().What();
    EXPECT_NE(r.error().What().find("docker-bake.hcl:"), std::string::npos) << r.error().What();
  }
}

}  // namespace
}  // namespace manifold::bake
