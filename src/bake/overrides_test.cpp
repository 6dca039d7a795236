// Tests of --set parsing, the flag shorthands and ApplyOverrides (buildx's newOverrides/AddOverrides).
#include "bake/overrides.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::FakeEnv;
using internal::MakeTarget;
using internal::Strings;

Config WebConfig() {
  Config c;
  for (const char* name : {"webapp", "webDEP", "db", "other"}) c.targets.push_back(MakeTarget(name));
  return c;
}

TEST(ParseOverridesTest, PatternsExpandToTargets) {
  auto o = ParseOverrides(WebConfig(), {"web*.dockerfile=foo", "[do]*.target=t", "*.no-cache=true"}, FakeEnv());
  ASSERT_TRUE(o) << o.error().What();
  EXPECT_EQ(o->at("webapp").at("dockerfile").value, "foo");
  EXPECT_EQ(o->at("webDEP").at("dockerfile").value, "foo");
  EXPECT_FALSE(o->at("db").contains("dockerfile"));
  EXPECT_EQ(o->at("db").at("target").value, "t");
  EXPECT_EQ(o->at("other").at("target").value, "t");
  EXPECT_EQ(o->size(), 4u);
}

TEST(ParseOverridesTest, ListKeysCollectAndRememberAppend) {
  auto o = ParseOverrides(WebConfig(),
                          {"webapp.platform+=linux/arm64", "webapp.platform=linux/riscv64", "webapp.tags+=a",
                           "webapp.dockerfile+=x", "webapp.args.A=1", "webapp.args.A=2"},
                          FakeEnv());
  ASSERT_TRUE(o) << o.error().What();
  const auto& web = o->at("webapp");
  EXPECT_EQ(web.at("platform").values, (Strings{"linux/arm64", "linux/riscv64"}));
  EXPECT_FALSE(web.at("platform").append);  // the last one decides, as in buildx
  EXPECT_TRUE(web.at("tags").append);
  EXPECT_EQ(web.at("dockerfile").value, "x");  // += on a scalar is a plain set
  EXPECT_EQ(web.at("args.A").value, "2");
}

TEST(ParseOverridesTest, ArgsWithoutValueComeFromTheEnvironment) {
  auto env = FakeEnv({{"FROM_ENV", "v"}});
  auto o = ParseOverrides(WebConfig(), {"webapp.args.FROM_ENV", "webapp.args.UNSET", "webapp.args.EMPTY="}, env);
  ASSERT_TRUE(o) << o.error().What();
  EXPECT_EQ(o->at("webapp").at("args.FROM_ENV").value, "v");
  EXPECT_FALSE(o->at("webapp").contains("args.UNSET"));
  EXPECT_EQ(o->at("webapp").at("args.EMPTY").value, "");

  auto disabled = FakeEnv({{"FROM_ENV", "v"}, {"BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP", "1"}});
  auto o2 = ParseOverrides(WebConfig(), {"webapp.args.FROM_ENV"}, disabled);
  ASSERT_TRUE(o2);
  EXPECT_EQ(o2->at("webapp").at("args.FROM_ENV").value, "");
}

TEST(ParseOverridesTest, Errors) {
  const std::pair<const char*, const char*> cases[] = {
      {"webapp=foo", "invalid override key webapp, expected target.name"},
      {"webapp.context", "invalid override webapp.context, expected target.name=value"},
      {"nosuchtarget.context=foo", "could not find any target matching 'nosuchtarget'"},
      {"nomatch*.dockerfile=foo", "could not find any target matching 'nomatch*'"},
      {"[.dockerfile=foo", "could not match targets with '[': syntax error in pattern"},
      {"webapp.args=foo", "invalid key webapp.args, args requires name"},
      {"webapp.contexts=foo", "invalid key webapp.contexts, contexts requires name"},
      {"webapp.secret=foo", "invalid key webapp.secret, secret requires name"},
      {"webapp.secret.A+=env=B", "invalid key webapp.secret.A+, secret does not support append"},
  };
  for (const auto& [set, want] : cases) {
    auto o = ParseOverrides(WebConfig(), {set}, FakeEnv());
    ASSERT_FALSE(o) << set;
    EXPECT_EQ(o.error().What(), want);
  }
}

TEST(FlagOverridesTest, BuildxOrder) {
  OverrideFlags flags;
  flags.load = true;
  flags.push = true;
  flags.no_cache = false;
  flags.pull = true;
  flags.sbom = "true";
  flags.provenance = "mode=max";
  flags.call = "check";
  auto o = FlagOverrides(flags);
  ASSERT_TRUE(o) << o.error().What();
  EXPECT_EQ(*o, (Strings{"*.push=true", "*.load=true", "*.call=lint", "*.no-cache=false", "*.pull=true",
                         "*.attest=type=sbom,disabled=false", "*.attest=type=provenance,mode=max"}));
  auto with = [](auto set) {
    OverrideFlags f;
    set(f);
    return FlagOverrides(f);
  };
  EXPECT_EQ(*with([](auto& f) { f.provenance = "false"; }), Strings{"*.attest=type=provenance,disabled=true"});
  EXPECT_TRUE(with([](auto& f) { f.call = "build"; })->empty());
  EXPECT_EQ(*with([](auto& f) { f.call = "outline,format=json"; }), Strings{"*.call=outline"});
  EXPECT_EQ(with([](auto& f) { f.call = "a,b"; }).error().What(), "invalid print value: a,b");
  EXPECT_EQ(with([](auto& f) { f.call = "a,x=1"; }).error().What(), "invalid print field: x=1");
}

util::Status ApplySets(Target& t, const Strings& sets) {
  Config c;
  c.targets.push_back(MakeTarget(t.name));
  auto o = ParseOverrides(c, sets, FakeEnv());
  if (!o) return std::unexpected(o.error());
  return ApplyOverrides(t, (*o)[t.name]);
}

struct OutputCase {
  const char* name;
  std::optional<Strings> outputs;
  Strings sets;
  Strings want;
};

// buildx's TestPushOverride, TestLoadOverride and TestLoadAndPushOverride.
TEST(ApplyOverridesTest, PushAndLoad) {
  const OutputCase cases[] = {
      {"push empty", std::nullopt, {"*.push=true"}, {"type=image,push=true"}},
      {"push image", Strings{"type=image,compression=zstd"}, {"*.push=true"}, {"type=image,compression=zstd,push=true"}},
      {"no push image", Strings{"type=image,compression=zstd"}, {"*.push=false"}, {"type=image,compression=zstd,push=false"}},
      {"push registry", Strings{"type=registry"}, {"*.push=true"}, {"type=registry"}},
      {"no push registry", Strings{"type=registry"}, {"*.push=false"}, {}},
      {"push local", Strings{"type=local,dest=out"}, {"*.push=true"}, {"type=local,dest=out"}},
      {"push docker", Strings{"type=docker"}, {"*.push=true"}, {"type=docker", "type=image,push=true"}},
      {"load empty", std::nullopt, {"*.load=true"}, {"type=docker"}},
      {"load docker", Strings{"type=docker"}, {"*.load=true"}, {"type=docker"}},
      {"load image", Strings{"type=image"}, {"*.load=true"}, {"type=image", "type=docker"}},
      {"no load image", Strings{"type=image"}, {"*.load=false"}, {"type=image"}},
      {"load registry", Strings{"type=registry"}, {"*.load=true"}, {"type=registry", "type=docker"}},
      {"load oci", Strings{"type=oci,dest=out"}, {"*.load=true"}, {"type=oci,dest=out", "type=docker"}},
      {"load docker dest", Strings{"type=docker,dest=out"}, {"*.load=true"}, {"type=docker,dest=out", "type=docker"}},
      {"load local", Strings{"type=local,dest=out"}, {"*.load=true"}, {"type=local,dest=out"}},
      // Keys apply in sorted order: load, then push.
      {"load and push", std::nullopt, {"*.push=true", "*.load=true"}, {"type=docker", "type=image,push=true"}},
      {"load and push registry", Strings{"type=registry"}, {"*.load=true", "*.push=true"}, {"type=registry", "type=docker"}},
      {"bare path", Strings{"./bin"}, {"*.push=true"}, {"type=local,dest=./bin"}},
  };
  for (const auto& c : cases) {
    Target t = MakeTarget("app");
    t.outputs = c.outputs;
    auto applied = ApplySets(t, c.sets);
    ASSERT_TRUE(applied) << c.name << ": " << applied.error().What();
    EXPECT_EQ(t.outputs.value_or(Strings{}), c.want) << c.name;
  }
}

TEST(ApplyOverridesTest, ListsReplaceOrAppend) {
  Target t = MakeTarget("app");
  t.platforms = Strings{"linux/amd64"};
  t.tags = Strings{"a"};
  t.annotations = Strings{"x=1"};
  t.attest = Strings{"type=provenance,mode=max"};
  t.cache_from = Strings{"type=gha"};
  t.entitlements = Strings{"security.insecure"};
  ASSERT_TRUE(ApplySets(t, {"app.platform+=linux/arm64", "app.tags=b", "app.annotations=y=2", "app.attest=type=sbom",
                            "app.cache-from+=user/app:cache,other", "app.entitlements=network.host"}));
  EXPECT_EQ(t.platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(t.tags, Strings{"b"});
  EXPECT_EQ(t.annotations, (Strings{"x=1", "y=2"}));
  EXPECT_EQ(t.attest, (Strings{"type=provenance,mode=max", "type=sbom"}));
  EXPECT_EQ(t.cache_from, (Strings{"type=gha", "user/app:cache", "other"}));
  EXPECT_EQ(t.entitlements, (Strings{"security.insecure", "network.host"}));

  ASSERT_TRUE(ApplySets(t, {"app.platform=linux/s390x", "app.cache-from=type=local,src=x"}));
  EXPECT_EQ(t.platforms, Strings{"linux/s390x"});
  EXPECT_EQ(t.cache_from, Strings{"type=local,src=x"});
}

TEST(ApplyOverridesTest, ScalarsAndMaps) {
  Target t = MakeTarget("app");
  ASSERT_TRUE(ApplySets(t, {"app.context=ctx", "app.dockerfile=D", "app.args.A=1", "app.labels.l=v",
                            "app.contexts.c=target:x", "app.extra-hosts.h=1.2.3.4", "app.no-cache=1",
                            "app.pull=false", "app.shm-size=1g", "app.network=host", "app.target=stage",
                            "app.call=outline", "app.ulimits=nofile=1:1", "app.no-cache-filter=a"}));
  EXPECT_EQ(t.context, "ctx");
  EXPECT_EQ(t.dockerfile, "D");
  EXPECT_EQ(t.args, (NullableMap{{"A", "1"}}));
  EXPECT_EQ(t.labels, (NullableMap{{"l", "v"}}));
  EXPECT_EQ(t.contexts, (std::map<std::string, std::string>{{"c", "target:x"}}));
  EXPECT_EQ(t.extra_hosts, (NullableMap{{"h", "1.2.3.4"}}));
  EXPECT_EQ(t.no_cache, true);
  EXPECT_EQ(t.pull, false);
  EXPECT_EQ(t.shm_size, "1g");
  EXPECT_EQ(t.network, "host");
  EXPECT_EQ(t.target, "stage");
  EXPECT_EQ(t.call, "outline");
  EXPECT_EQ(t.ulimits, Strings{"nofile=1:1"});
  EXPECT_EQ(t.no_cache_filter, Strings{"a"});
}

TEST(ApplyOverridesTest, Secrets) {
  Target t = MakeTarget("app");
  t.secrets = Strings{"id=FOO,env=FOO"};
  ASSERT_TRUE(ApplySets(t, {"app.secrets+=id=BAR,env=BAR"}));
  EXPECT_EQ(t.secrets, (Strings{"id=FOO,env=FOO", "id=BAR,env=BAR"}));
  ASSERT_TRUE(ApplySets(t, {"app.secret.FOO=src=/tmp/foo"}));
  EXPECT_EQ(t.secrets, (Strings{"id=FOO,src=/tmp/foo", "id=BAR,env=BAR"}));
  // secrets replace first, then the source override applies to the result.
  ASSERT_TRUE(ApplySets(t, {"app.secrets=id=FOO,src=/tmp/foo", "app.secret.FOO=env=BAR"}));
  EXPECT_EQ(t.secrets, Strings{"id=FOO,env=BAR"});
  EXPECT_EQ(ApplySets(t, {"app.secret.BAR=env=BAR"}).error().What(),
            "secret \"BAR\" must be declared before it can be overridden");
  EXPECT_EQ(ApplySets(t, {"app.secret.FOO=id=BAR,env=BAR"}).error().What(),
            "secret override id \"BAR\" does not match declared secret \"FOO\"");
}

TEST(ApplyOverridesTest, Errors) {
  const std::pair<const char*, const char*> cases[] = {
      {"app.no-cache=maybe", "invalid value maybe for boolean key no-cache"},
      {"app.push=x", "invalid value x for boolean key push"},
      {"app.foo=bar", "unknown key: foo"},
      {"app.labels=c", "invalid format for labels, expecting labels.<name>=<value>"},
      {"app.output=type=local,x", "invalid value for outputs: invalid value x"},
      {"app.attest=mode=max", "invalid value for attest: attestation type not specified"},
      {"app.cache-to=ref=x", "type required for \"ref=x\""},
  };
  for (const auto& [set, want] : cases) {
    Target t = MakeTarget("app");
    auto applied = ApplySets(t, {set});
    ASSERT_FALSE(applied) << set;
    EXPECT_EQ(applied.error().What(), want);
  }
}

}  // namespace
}  // namespace manifold::bake
