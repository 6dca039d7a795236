// Tests of Merge and MergeConfig against buildx's Target.Merge and mergeConfig rules.
#include "bake/target.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::MakeGroup;
using internal::MakeTarget;
using internal::Strings;

TEST(MergeTest, ScalarsReplaceOnlyWhenSet) {
  Target base = MakeTarget("a");
  base.context = "ctx";
  base.dockerfile = "Dockerfile.a";
  base.pull = true;
  Target newer = MakeTarget("b");
  newer.dockerfile = "Dockerfile.b";
  newer.no_cache = false;
  newer.description = "";  // an empty description keeps the old one, as buildx's != ""
  base.description = "old";
  Merge(base, newer);
  EXPECT_EQ(base.name, "a");
  EXPECT_EQ(base.context, "ctx");
  EXPECT_EQ(base.dockerfile, "Dockerfile.b");
  EXPECT_EQ(base.pull, true);
  EXPECT_EQ(base.no_cache, false);
  EXPECT_EQ(base.description, "old");
}

TEST(MergeTest, MapsMergeByKeyAndNullKeepsBase) {
  Target base;
  base.args = NullableMap{{"A", "1"}, {"B", "2"}};
  base.labels = NullableMap{{"l", "x"}};
  Target newer;
  newer.args = NullableMap{{"B", std::nullopt}, {"C", "3"}, {"A", "9"}};
  newer.extra_hosts = NullableMap{{"h", "1.2.3.4"}, {"n", std::nullopt}};
  newer.contexts = std::map<std::string, std::string>{{"c", "dir"}};
  Merge(base, newer);
  EXPECT_EQ(base.args, (NullableMap{{"A", "9"}, {"B", "2"}, {"C", "3"}}));
  EXPECT_EQ(base.labels, (NullableMap{{"l", "x"}}));
  EXPECT_EQ(base.extra_hosts, (NullableMap{{"h", "1.2.3.4"}}));
  EXPECT_EQ(base.contexts, (std::map<std::string, std::string>{{"c", "dir"}}));
}

TEST(MergeTest, ReplacedLists) {
  Target base;
  base.tags = Strings{"a"};
  base.platforms = Strings{"linux/amd64"};
  base.outputs = Strings{"type=docker"};
  base.cache_to = Strings{"type=inline"};
  Target newer;
  newer.tags = Strings{"b"};
  newer.platforms = Strings{};
  newer.outputs = Strings{"type=registry"};
  Merge(base, newer);
  EXPECT_EQ(base.tags, Strings{"b"});
  EXPECT_EQ(base.platforms, Strings{});
  EXPECT_EQ(base.outputs, Strings{"type=registry"});
  EXPECT_EQ(base.cache_to, Strings{"type=inline"});
}

TEST(MergeTest, AppendedLists) {
  Target base;
  base.annotations = Strings{"a=1"};
  base.no_cache_filter = Strings{"x"};
  base.ulimits = Strings{"nofile=1:1"};
  Target newer;
  newer.annotations = Strings{"a=1", "b=2"};
  newer.no_cache_filter = Strings{"y"};
  newer.entitlements = Strings{"network.host"};
  Merge(base, newer);
  EXPECT_EQ(base.annotations, (Strings{"a=1", "a=1", "b=2"}));  // dedup happens at resolution
  EXPECT_EQ(base.no_cache_filter, (Strings{"x", "y"}));
  EXPECT_EQ(base.ulimits, Strings{"nofile=1:1"});
  EXPECT_EQ(base.entitlements, Strings{"network.host"});
}

TEST(MergeTest, AttestMergesByType) {
  Target base;
  base.attest = Strings{"type=provenance,mode=min", "type=sbom"};
  Target newer;
  newer.attest = Strings{"type=provenance,mode=max"};
  Merge(base, newer);
  EXPECT_EQ(base.attest, (Strings{"type=provenance,mode=max", "type=sbom"}));
}

TEST(MergeTest, SecretsAndSshMergeById) {
  Target base;
  base.secrets = Strings{"id=FOO,env=FOO", "id=BAR,src=/bar"};
  base.ssh = Strings{"default", "key=/a"};
  Target newer;
  newer.secrets = Strings{"id=BAR,env=BAR", "id=BAZ,src=/baz"};
  newer.ssh = Strings{"default=/b"};
  Merge(base, newer);
  EXPECT_EQ(base.secrets, (Strings{"id=FOO,env=FOO", "id=BAR,env=BAR", "id=BAZ,src=/baz"}));
  EXPECT_EQ(base.ssh, (Strings{"default=/b", "key=/a"}));
}

TEST(MergeTest, CacheFromDropsEqualEntries) {
  Target base;
  base.cache_from = Strings{"user/app:cache", "type=local,src=a"};
  Target newer;
  newer.cache_from = Strings{"type=registry,ref=user/app:cache", "type=gha"};
  Merge(base, newer);
  // "user/app:cache" is type=registry,ref=user/app:cache: the duplicate goes.
  EXPECT_EQ(base.cache_from, (Strings{"user/app:cache", "type=local,src=a", "type=gha"}));
}

TEST(MergeTest, UnsetListStaysUnset) {
  Target base;
  Merge(base, Target{});
  EXPECT_FALSE(base.attest);
  EXPECT_FALSE(base.cache_from);
  EXPECT_FALSE(base.annotations);
  EXPECT_FALSE(base.args);
}

TEST(MergeConfigTest, TargetsMergeGroupsReplace) {
  Config base;
  base.groups.push_back(MakeGroup("default", {"db", "web"}));
  Target web = MakeTarget("web");
  web.dockerfile = "Dockerfile.web";
  web.inherits = Strings{"a"};
  base.targets.push_back(web);
  Config newer;
  newer.groups.push_back(MakeGroup("default", {"web"}));
  newer.groups.push_back(MakeGroup("other", {"x"}));
  Target web2 = MakeTarget("web");
  web2.tags = Strings{"web:latest"};
  web2.inherits = Strings{"b"};
  newer.targets.push_back(web2);
  newer.targets.push_back(MakeTarget("x"));
  MergeConfig(base, newer);
  ASSERT_EQ(base.groups.size(), 2u);
  EXPECT_EQ(base.groups[0].targets, Strings{"web"});
  EXPECT_EQ(base.groups[1].name, "other");
  ASSERT_EQ(base.targets.size(), 2u);
  EXPECT_EQ(base.targets[0].dockerfile, "Dockerfile.web");
  EXPECT_EQ(base.targets[0].tags, Strings{"web:latest"});
  EXPECT_EQ(base.targets[0].inherits, (Strings{"a", "b"}));
  EXPECT_EQ(base.targets[1].name, "x");
}

TEST(ConfigTest, Find) {
  Config config;
  config.targets.push_back(MakeTarget("t"));
  config.groups.push_back(MakeGroup("g", {}));
  const Config& c = config;
  EXPECT_NE(c.FindTarget("t"), nullptr);
  EXPECT_EQ(c.FindTarget("g"), nullptr);
  EXPECT_NE(c.FindGroup("g"), nullptr);
  EXPECT_EQ(config.FindGroup("t"), nullptr);
}

}  // namespace
}  // namespace manifold::bake
