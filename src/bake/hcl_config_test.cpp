// Tests of ReadHclFiles: targets, groups, attribute types, references between blocks, merging.
#include "bake/hcl_config.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_read.hpp"

namespace manifold::bake {
namespace {

using testing::FindGroup;
using testing::FindTarget;
using testing::ReadFiles;
using testing::ReadHcl;
using Strings = std::vector<std::string>;

TEST(HclConfigTest, BasicTargetsAndGroups) {
  auto r = ReadHcl(R"(
group "default" {
  targets = ["db", "webapp"]
  description = "all"
}
target "db" {
  context = "./db"
  tags = ["docker.io/tonistiigi/db"]
  output = ["type=image"]
}
target "webapp" {
  context = "./dir"
  dockerfile = "Dockerfile-alternate"
  args = { buildno = "123" }
  output = [{ type = "image" }]
}
target "cross" {
  platforms = ["linux/amd64", "linux/arm64"]
}
target "webapp-plus" {
  inherits = ["webapp", "cross"]
  args = { IAMCROSS = "true" }
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  const Config& c = r->config;
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].name, "default");
  EXPECT_EQ(c.groups[0].description, "all");
  EXPECT_EQ(c.groups[0].targets, (Strings{"db", "webapp"}));
  ASSERT_EQ(c.targets.size(), 4u);
  EXPECT_EQ(c.targets[0].name, "db");
  EXPECT_EQ(c.targets[0].context, "./db");
  EXPECT_EQ(c.targets[0].outputs, (Strings{"type=image"}));
  EXPECT_EQ(c.targets[1].name, "webapp");
  EXPECT_EQ(c.targets[1].args, (NullableMap{{"buildno", "123"}}));
  EXPECT_EQ(c.targets[1].outputs, (Strings{"type=image"}));
  EXPECT_EQ(c.targets[2].platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(c.targets[3].inherits, (Strings{"webapp", "cross"}));
  EXPECT_FALSE(c.targets[3].context.has_value());
}

TEST(HclConfigTest, EveryTargetAttribute) {
  auto r = ReadHcl(R"(
target "all" {
  description = "d"
  context = "ctx"
  contexts = { base = "docker-image://alpine" }
  dockerfile = "df"
  dockerfile-inline = "FROM scratch"
  args = { A = "1", B = null, C = 2, D = true }
  labels = { L = "v" }
  tags = ["t1", 5]
  cache-from = ["user/app:cache", { type = "local", src = "dir" }]
  cache-to = [{ type = "registry", ref = "r", mode = "max" }]
  target = "stage"
  secret = [{ id = "s", src = "/f" }, "id=e,env=TOKEN"]
  ssh = [{ id = "default" }, { id = "key", paths = ["a", "b"] }]
  platforms = ["linux/arm64"]
  output = ["type=local,dest=out"]
  pull = true
  no-cache = "false"
  network = "host"
  no-cache-filter = ["s1"]
  shm-size = 128
  ulimits = ["nofile=1024:1024"]
  call = "check"
  entitlements = ["network.host"]
  extra-hosts = { "my.host" = "1.2.3.4" }
  annotations = ["a=b"]
  attest = [{ type = "sbom", generator = "g" }, { type = "provenance", mode = "max", disabled = true }]
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  const Target& t = r->config.targets.at(0);
  EXPECT_EQ(t.description, "d");
  EXPECT_EQ(t.context, "ctx");
  EXPECT_EQ(t.contexts, (std::map<std::string, std::string>{{"base", "docker-image://alpine"}}));
  EXPECT_EQ(t.dockerfile, "df");
  EXPECT_EQ(t.dockerfile_inline, "FROM scratch");
  EXPECT_EQ(t.args, (NullableMap{{"A", "1"}, {"B", std::nullopt}, {"C", "2"}, {"D", "true"}}));
  EXPECT_EQ(t.labels, (NullableMap{{"L", "v"}}));
  EXPECT_EQ(t.tags, (Strings{"t1", "5"}));
  EXPECT_EQ(t.cache_from, (Strings{"user/app:cache", "type=local,src=dir"}));
  EXPECT_EQ(t.cache_to, (Strings{"type=registry,mode=max,ref=r"}));
  EXPECT_EQ(t.target, "stage");
  EXPECT_EQ(t.secrets, (Strings{"id=s,src=/f", "id=e,env=TOKEN"}));
  EXPECT_EQ(t.ssh, (Strings{"default", "key=a,b"}));
  EXPECT_EQ(t.platforms, (Strings{"linux/arm64"}));
  EXPECT_EQ(t.outputs, (Strings{"type=local,dest=out"}));
  EXPECT_EQ(t.pull, true);
  EXPECT_EQ(t.no_cache, false);
  EXPECT_EQ(t.network, "host");
  EXPECT_EQ(t.no_cache_filter, (Strings{"s1"}));
  EXPECT_EQ(t.shm_size, "128");
  EXPECT_EQ(t.ulimits, (Strings{"nofile=1024:1024"}));
  EXPECT_EQ(t.call, "check");
  EXPECT_EQ(t.entitlements, (Strings{"network.host"}));
  EXPECT_EQ(t.extra_hosts, (NullableMap{{"my.host", "1.2.3.4"}}));
  EXPECT_EQ(t.annotations, (Strings{"a=b"}));
  EXPECT_EQ(t.attest, (Strings{"type=sbom,generator=g", "type=provenance,disabled=true,mode=max"}));
}

TEST(HclConfigTest, ObjectEntriesQuoteValuesWithCommas) {
  auto r = ReadHcl(R"(
target "a" {
  attest = [{ type = "sbom", "ENV1" = "bar,baz" }, "", null]
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets[0].attest, (Strings{"type=sbom,\"ENV1=bar,baz\""}));
}

struct TypeErrorCase {
  const char* body;
  const char* message;
};

class HclTypeErrorTest : public ::testing::TestWithParam<TypeErrorCase> {};

TEST_P(HclTypeErrorTest, IsLocated) {
  auto r = ReadHcl(std::string("target \"app\" {\n  ") + GetParam().body + "\n}\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find(GetParam().message), std::string::npos) << r.error().What();
  EXPECT_NE(r.error().What().find("docker-bake.hcl:2:"), std::string::npos) << r.error().What();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HclTypeErrorTest,
    ::testing::Values(TypeErrorCase{"tags = \"x\"", "tags: list of string required"},
                      TypeErrorCase{"context = [\"x\"]", "context: string required"},
                      TypeErrorCase{"pull = \"maybe\"", "pull: bool required"},
                      TypeErrorCase{"args = [\"a\"]", "args: map of string required"},
                      TypeErrorCase{"args = { a = [1] }", "args: element \"a\""},
                      TypeErrorCase{"contexts = { a = null }", "null value is not allowed"},
                      TypeErrorCase{"tags = [null]", "element 0: null value is not allowed"},
                      TypeErrorCase{"output = \"type=local\"", "output: list of map of string"},
                      TypeErrorCase{"secret = [{ id = \"a\", foo = \"b\" }]",
                                    "unsupported attribute \"foo\""},
                      TypeErrorCase{"nope = 1", "An argument named \"nope\" is not expected"},
                      TypeErrorCase{"foo {}", "Blocks of type \"foo\" are not expected"},
                      TypeErrorCase{"tags = [unknown]", "There is no variable named \"unknown\""},
                      TypeErrorCase{"tags = nofunc()", "There is no function named \"nofunc\""},
                      TypeErrorCase{"name = \"x\"", "name requires matrix"}));

TEST(HclConfigTest, InvalidTargetName) {
  auto r = ReadHcl("target \"a.b\" {}\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("only \"[a-zA-Z0-9_-]+\" are allowed"), std::string::npos);
}

TEST(HclConfigTest, SyntaxErrorNamesTheFile) {
  auto r = ReadFiles({{"x.hcl", "target \"a\" {\n  tags = [\n"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().What().rfind("x.hcl:", 0), 0u) << r.error().What();
}

TEST(HclConfigTest, GroupErrors) {
  auto missing = ReadHcl("group \"g\" { description = \"x\" }\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().What().find("\"targets\" is required"), std::string::npos);
  auto named = ReadHcl("group \"g\" {\n  name = \"x\"\n  targets = []\n}\n");
  ASSERT_FALSE(named);
  EXPECT_NE(named.error().What().find("not supported for groups"), std::string::npos);
  auto matrix = ReadHcl("group \"g\" {\n  matrix = { a = [\"b\"] }\n  targets = []\n}\n");
  ASSERT_FALSE(matrix);
  EXPECT_NE(matrix.error().What().find("matrix is not supported for groups"), std::string::npos);
}

TEST(HclConfigTest, TargetReferences) {
  auto r = ReadHcl(R"(
target "foo" {
  dockerfile = "xxx"
  context = target.bar.context
  target = target.foo.dockerfile
}
target "bar" {
  dockerfile = target.foo.dockerfile
  context = "yyy"
  target = target.bar.context
  tags = ["${target.bar.name}:latest"]
}
target "unset" {
  context = target.unset.dockerfile
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  const Config& c = r->config;
  EXPECT_EQ(c.targets[0].dockerfile, "xxx");
  EXPECT_EQ(c.targets[0].context, "yyy");
  EXPECT_EQ(c.targets[0].target, "xxx");
  EXPECT_EQ(c.targets[1].dockerfile, "xxx");
  EXPECT_EQ(c.targets[1].target, "yyy");
  EXPECT_EQ(c.targets[1].tags, (Strings{"bar:latest"}));
  EXPECT_FALSE(c.targets[2].context.has_value());
}

TEST(HclConfigTest, ReferencesThroughGlobalsAndGroups) {
  auto r = ReadHcl(R"(
target "foo" {
  dockerfile = "x"
  cache-from = [{ type = "registry", ref = "user/app:cache" }, "type=local,src=path"]
  output = [{ type = "oci", dest = "../out.tar" }]
}
x = target.foo.dockerfile
y = x
group "g" { targets = ["foo"] }
target "bar" {
  dockerfile = y
  tags = group.g.targets
  cache-to = [target.foo.cache-from[0]]
  secret = [{ id = target.foo.output[0].type, src = "/${target.foo.cache-from[1].type}/s" }]
}
)");
  ASSERT_TRUE(r) << r.error().Describe();
  const Target* bar = FindTarget(r->config, "bar");
  ASSERT_NE(bar, nullptr);
  EXPECT_EQ(bar->dockerfile, "x");
  EXPECT_EQ(bar->tags, (Strings{"foo"}));
  EXPECT_EQ(bar->cache_to, (Strings{"type=registry,ref=user/app:cache"}));
  EXPECT_EQ(bar->secrets, (Strings{"id=oci,src=/local/s"}));
}

TEST(HclConfigTest, ReferenceCyclesAreErrors) {
  auto r = ReadHcl(R"(
target "a" { context = target.b.context }
target "b" { context = target.a.context }
)");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("reference cycle not allowed for target."), std::string::npos)
      << r.error().What();
  auto self = ReadHcl("target \"a\" {\n  tags = target.a.tags\n}\n");
  ASSERT_FALSE(self);
  EXPECT_NE(self.error().What().find("reference cycle not allowed for target.a.tags"),
            std::string::npos);
  auto whole = ReadHcl("target \"a\" {\n  tags = [target.a]\n}\n");
  ASSERT_FALSE(whole);
  auto bare = ReadHcl("target \"a\" {\n  tags = target\n}\n");
  ASSERT_FALSE(bare);
  EXPECT_NE(bare.error().What().find("cannot access target as a variable"), std::string::npos);
}

TEST(HclConfigTest, DuplicateTargetsMergeLaterWins) {
  auto r = ReadFiles({{"a.hcl", R"(
target "app" {
  dockerfile = "x"
  args = { v1 = "a" }
}
target "app" {
  dockerfile = "y"
}
group "g" { targets = ["one"] }
)"},
                      {"b.hcl", R"(
target "app" {
  args = { v2 = "b" }
  context = "c"
}
group "g" { targets = ["two"] }
)"}});
  ASSERT_TRUE(r) << r.error().Describe();
  const Config& c = r->config;
  ASSERT_EQ(c.targets.size(), 1u);
  EXPECT_EQ(c.targets[0].dockerfile, "y");
  EXPECT_EQ(c.targets[0].context, "c");
  EXPECT_EQ(c.targets[0].args, (NullableMap{{"v1", "a"}, {"v2", "b"}}));
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].targets, (Strings{"two"}));
}

TEST(HclConfigTest, UnknownTopLevelBlocksAreIgnored) {
  auto r = ReadHcl("something \"x\" { a = 1 }\ntarget \"a\" {}\n");
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets.size(), 1u);
}

TEST(HclConfigTest, UnsuffixedNameFallsBackToJson) {
  auto r = ReadFiles({{"bakefile", R"({"target": {"a": {"tags": ["x"]}}})"}});
  ASSERT_TRUE(r) << r.error().Describe();
  EXPECT_EQ(r->config.targets.at(0).tags, (Strings{"x"}));
  auto bad = ReadFiles({{"bakefile", "target {"}});
  ASSERT_FALSE(bad);
}

}  // namespace
}  // namespace manifold::bake
