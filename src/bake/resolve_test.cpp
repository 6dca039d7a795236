// Tests of ResolveTargets, written from buildx's bake_test.go expectations.
#include "bake/resolve.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"

namespace manifold::bake {
namespace {

using internal::BuildxReadTargetsConfig;
using internal::FakeEnv;
using internal::MakeGroup;
using internal::MakeTarget;
using internal::Strings;

util::Result<Resolved> Resolve(const Config& config, const Strings& requested, const Strings& sets = {},
                               std::map<std::string, std::string> env = {}) {
  ResolveOptions options;
  options.env = FakeEnv(std::move(env));
  return ResolveTargets(config, requested, sets, options);
}

const Target& Get(const Resolved& r, std::string_view name) {
  for (const auto& t : r.targets) {
    if (t.name == name) return t;
  }
  ADD_FAILURE() << "no target " << name;
  static const Target kNone;
  return kNone;
}

const Group* FindGroup(const Resolved& r, std::string_view name) {
  for (const auto& g : r.groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

Strings Names(const Resolved& r) {
  Strings out;
  for (const auto& t : r.targets) out.push_back(t.name);
  return out;
}

Strings GroupNames(const Resolved& r) {
  Strings out;
  for (const auto& g : r.groups) out.push_back(g.name);
  return out;
}

TEST(ResolveTest, InheritsAndDefaults) {
  auto r = Resolve(BuildxReadTargetsConfig(), {"webapp"});
  ASSERT_TRUE(r) << r.error().What();
  ASSERT_EQ(Names(*r), Strings{"webapp"});
  const Target& t = Get(*r, "webapp");
  EXPECT_EQ(t.dockerfile, "Dockerfile.webapp");
  EXPECT_EQ(t.context, ".");
  EXPECT_EQ(t.args, (NullableMap{{"VAR_BOTH", "webapp"}, {"VAR_INHERITED", "webDEP"}}));
  EXPECT_EQ(t.no_cache, true);
  EXPECT_EQ(t.shm_size, "128m");
  EXPECT_EQ(t.ulimits, Strings{"nofile=1024:1024"});
  EXPECT_EQ(t.extra_hosts, (NullableMap{{"my_hostname", "8.8.8.8"}}));
  EXPECT_FALSE(t.pull);
  EXPECT_FALSE(t.inherits);
  ASSERT_EQ(r->groups.size(), 1u);
  EXPECT_EQ(r->groups[0].name, "default");
  EXPECT_EQ(r->groups[0].targets, Strings{"webapp"});
}

TEST(ResolveTest, ArgsOverridesOnLeafAndParent) {
  auto r = Resolve(BuildxReadTargetsConfig(), {"webapp"},
                   {"webapp.args.VAR_UNSET", "webapp.args.VAR_EMPTY=", "webapp.args.VAR_SET=bananas",
                    "webapp.args.VAR_FROMENV", "webapp.args.VAR_INHERITED=override"},
                   {{"VAR_FROMENV", "fromEnv"}});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Get(*r, "webapp").args, (NullableMap{{"VAR_BOTH", "webapp"},
                                                 {"VAR_EMPTY", ""},
                                                 {"VAR_FROMENV", "fromEnv"},
                                                 {"VAR_INHERITED", "override"},
                                                 {"VAR_SET", "bananas"}}));
  // Overriding the parent reaches the child unless the child sets the key itself.
  r = Resolve(BuildxReadTargetsConfig(), {"webapp"},
              {"webDEP.args.VAR_INHERITED=override", "webDEP.args.VAR_BOTH=override"});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "webapp").args, (NullableMap{{"VAR_BOTH", "webapp"}, {"VAR_INHERITED", "override"}}));
}

TEST(ResolveTest, OverridesOfListsAndScalars) {
  struct Case {
    Strings sets;
    std::optional<Strings> Target::*field;
    Strings want;
  };
  const Case cases[] = {
      {{"webapp.annotations=index,manifest:org.opencontainers.image.vendor=docker"},
       &Target::annotations,
       {"index,manifest:org.opencontainers.image.authors=dvdksn", "index,manifest:org.opencontainers.image.vendor=docker"}},
      {{"webapp.attest=type=sbom"}, &Target::attest, {"type=provenance,mode=max", "type=sbom"}},
      {{"webapp.attest+=type=sbom"}, &Target::attest, {"type=provenance,mode=max", "type=sbom"}},
      {{"webapp.platform=linux/arm64"}, &Target::platforms, {"linux/arm64"}},
      {{"webapp.platform+=linux/arm64"}, &Target::platforms, {"linux/amd64", "linux/arm64"}},
      {{"webapp.platform+=linux/arm64", "webapp.platform+=linux/riscv64"},
       &Target::platforms,
       {"linux/amd64", "linux/arm64", "linux/riscv64"}},
      {{"webapp.platform+=linux/arm64", "webapp.platform=linux/riscv64"}, &Target::platforms, {"linux/arm64", "linux/riscv64"}},
      {{"webapp.secrets=id=BAR,env=BAR"}, &Target::secrets, {"id=BAR,env=BAR"}},
      {{"webapp.secrets+=id=BAR,env=BAR"}, &Target::secrets, {"id=FOO,env=FOO", "id=BAR,env=BAR"}},
      {{"webapp.secret.FOO=env=BAR"}, &Target::secrets, {"id=FOO,env=BAR"}},
      {{"webapp.secret.FOO=src=/tmp/foo"}, &Target::secrets, {"id=FOO,src=/tmp/foo"}},
      {{"webapp.tags=a", "webapp.tags=a", "webapp.tags=b"}, &Target::tags, {"a", "b"}},
      {{"webapp.output="}, &Target::outputs, {}},
  };
  for (const auto& c : cases) {
    auto r = Resolve(BuildxReadTargetsConfig(), {"webapp"}, c.sets);
    ASSERT_TRUE(r) << c.sets[0] << ": " << r.error().What();
    EXPECT_EQ(((Get(*r, "webapp")).*(c.field)).value_or(Strings{}), c.want) << c.sets[0];
  }
  auto r = Resolve(BuildxReadTargetsConfig(), {"webapp"},
                   {"webapp.context=foo", "webapp.no-cache=false", "webapp.pull=false", "webapp.shm-size=256m"});
  ASSERT_TRUE(r);
  const Target& t = Get(*r, "webapp");
  EXPECT_EQ(t.context, "foo");
  EXPECT_EQ(t.no_cache, false);
  EXPECT_EQ(t.pull, false);
  EXPECT_EQ(t.shm_size, "256m");
}

TEST(ResolveTest, OverrideErrorsNameTheProblem) {
  EXPECT_EQ(Resolve(BuildxReadTargetsConfig(), {"webapp"}, {"nosuchtarget.context=foo"}).error().What(),
            "could not find any target matching 'nosuchtarget'");
  EXPECT_EQ(Resolve(BuildxReadTargetsConfig(), {"webapp"}, {"nomatch*.dockerfile=foo"}).error().What(),
            "could not find any target matching 'nomatch*'");
  EXPECT_FALSE(Resolve(BuildxReadTargetsConfig(), {"webapp"}, {"webapp.context"}));
  EXPECT_EQ(Resolve(BuildxReadTargetsConfig(), {"webapp"}, {"webapp.secret.BAR=env=BAR"}).error().What(),
            "target \"webapp\": secret \"BAR\" must be declared before it can be overridden");
  // An override of a target that is not built is not applied, so its errors do not show.
  EXPECT_TRUE(Resolve(BuildxReadTargetsConfig(), {"webDEP"}, {"webapp.foo=bar"}));
}

TEST(ResolveTest, PatternOverrides) {
  auto r = Resolve(BuildxReadTargetsConfig(), {"webapp", "webDEP"}, {"web*.dockerfile=foo", "*.args.VAR_BOTH=bar"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Names(*r), (Strings{"webDEP", "webapp"}));
  EXPECT_EQ(Get(*r, "webapp").dockerfile, "foo");
  EXPECT_EQ(Get(*r, "webDEP").dockerfile, "foo");
  EXPECT_EQ(Get(*r, "webapp").args->at("VAR_INHERITED"), "webDEP");
  EXPECT_EQ(FindGroup(*r, "default")->targets, (Strings{"webDEP", "webapp"}));
}

TEST(ResolveTest, DefaultTargetAndMissingDefault) {
  Config c;
  Target d = MakeTarget("default");
  d.dockerfile = "test";
  c.targets.push_back(d);
  auto r = Resolve(c, {});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Get(*r, "default").dockerfile, "test");
  EXPECT_EQ(FindGroup(*r, "default")->targets, Strings{"default"});

  c.targets[0].name = "image";
  auto missing = Resolve(c, {"default"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().What(), "failed to find target default");
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  r = Resolve(c, {"image"});
  ASSERT_TRUE(r);
  EXPECT_EQ(FindGroup(*r, "default")->targets, Strings{"image"});
}

TEST(ResolveTest, GroupsAndTargetsOfTheSameName) {
  Config c;
  c.groups.push_back(MakeGroup("foo", {"image"}));
  Target foo = MakeTarget("foo");
  foo.dockerfile = "bar";
  Target image = MakeTarget("image");
  image.dockerfile = "test";
  c.targets = {foo, image};
  for (const Strings& requested : {Strings{"foo"}, Strings{"foo", "foo"}}) {
    auto r = Resolve(c, requested);
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(GroupNames(*r), (Strings{"default", "foo"}));
    EXPECT_EQ(FindGroup(*r, "default")->targets, Strings{"foo"});
    EXPECT_EQ(FindGroup(*r, "foo")->targets, Strings{"image"});
    EXPECT_EQ(Names(*r), Strings{"image"});  // the group wins over the target
  }
}

TEST(ResolveTest, DefaultGroupAndMixedRequests) {
  Config c;
  c.groups.push_back(MakeGroup("default", {"image"}));
  c.groups.push_back(MakeGroup("release", {"image-release"}));
  Target nocache = MakeTarget("nocache");
  nocache.no_cache = true;
  Target image = MakeTarget("image");
  image.inherits = Strings{"nocache"};
  image.outputs = Strings{"type=docker"};
  Target release = MakeTarget("image-release");
  release.inherits = Strings{"image"};
  release.outputs = Strings{"type=image,push=true"};
  release.tags = Strings{"user/app:latest"};
  c.targets = {nocache, image, release};

  auto r = Resolve(c, {"default"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(GroupNames(*r), Strings{"default"});
  EXPECT_EQ(FindGroup(*r, "default")->targets, Strings{"image"});
  EXPECT_EQ(Get(*r, "image").outputs, Strings{"type=docker"});
  EXPECT_EQ(Get(*r, "image").no_cache, true);

  r = Resolve(c, {"image", "image-release"});
  ASSERT_TRUE(r);
  EXPECT_EQ(FindGroup(*r, "default")->targets, (Strings{"image", "image-release"}));
  EXPECT_EQ(Get(*r, "image-release").outputs, Strings{"type=image,push=true"});
  EXPECT_EQ(Get(*r, "image-release").no_cache, true);

  // buildx's TestGroupTargetsWithDefault: a requested default group absorbs the other names.
  c.groups[0].targets = {"image", "nocache"};
  r = Resolve(c, {"default", "image-release"});
  ASSERT_TRUE(r);
  EXPECT_EQ(GroupNames(*r), Strings{"default"});
  EXPECT_EQ(FindGroup(*r, "default")->targets, (Strings{"image", "image-release", "nocache"}));
}

TEST(ResolveTest, NestedInheritsOrderAndOverrides) {
  Config c;
  Target a = MakeTarget("a");
  a.args = NullableMap{{"foo", "123"}, {"bar", "234"}};
  Target b = MakeTarget("b");
  b.inherits = Strings{"a"};
  b.args = NullableMap{{"bar", "567"}};
  Target cc = MakeTarget("c");
  cc.inherits = Strings{"a"};
  cc.args = NullableMap{{"baz", "890"}};
  Target d = MakeTarget("d");
  d.inherits = Strings{"b", "c"};
  c.targets = {a, b, cc, d};
  struct Case {
    Strings sets;
    NullableMap want;
  };
  const Case cases[] = {
      {{}, {{"bar", "234"}, {"baz", "890"}, {"foo", "123"}}},
      {{"a.args.foo=321", "b.args.bar=432"}, {{"bar", "234"}, {"baz", "890"}, {"foo", "321"}}},
      {{"a.args.foo=321", "c.args.bar=432"}, {{"bar", "432"}, {"baz", "890"}, {"foo", "321"}}},
  };
  for (const auto& tc : cases) {
    auto r = Resolve(c, {"d"}, tc.sets);
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(Get(*r, "d").args, tc.want);
  }
}

TEST(ResolveTest, InheritsCycleIsCutAndUnknownParentFails) {
  Config c;
  Target a = MakeTarget("a");
  a.inherits = Strings{"b"};
  a.tags = Strings{"a"};
  Target b = MakeTarget("b");
  b.inherits = Strings{"a"};
  b.dockerfile = "B";
  c.targets = {a, b};
  auto r = Resolve(c, {"a", "b"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Get(*r, "a").dockerfile, "B");
  EXPECT_EQ(Get(*r, "a").tags, Strings{"a"});
  EXPECT_EQ(Get(*r, "b").tags, Strings{"a"});

  c.targets[0].inherits = Strings{"nope"};
  EXPECT_EQ(Resolve(c, {"a"}).error().What(), "failed to find target nope");
}

TEST(ResolveTest, NestedGroupsWithSameTarget) {
  Config c;
  c.groups = {MakeGroup("a", {"b", "c"}), MakeGroup("b", {"d"}), MakeGroup("c", {"b"}), MakeGroup("e", {"a", "f"})};
  Target d = MakeTarget("d");
  d.context = ".";
  d.dockerfile = "./testdockerfile";
  Target f = MakeTarget("f");
  f.context = "./foo";
  c.targets = {d, f};
  struct Case {
    Strings names;
    Strings groups;
    std::size_t count;
  };
  const Case cases[] = {
      {{"a"}, {"a", "b", "c", "default"}, 1}, {{"b"}, {"b", "default"}, 1},
      {{"c"}, {"b", "c", "default"}, 1},      {{"d"}, {"default"}, 1},
      {{"e"}, {"a", "b", "c", "default", "e"}, 2}, {{"a", "e"}, {"a", "b", "c", "default", "e"}, 2},
  };
  for (const auto& tc : cases) {
    auto r = Resolve(c, tc.names);
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(GroupNames(*r), tc.groups);
    EXPECT_EQ(FindGroup(*r, "default")->targets, tc.names);
    EXPECT_EQ(r->targets.size(), tc.count);
    EXPECT_EQ(Get(*r, "d").dockerfile, "./testdockerfile");
    if (tc.count == 2) {
      EXPECT_EQ(Get(*r, "f").context, "foo");  // cleaned as buildx's --print shows it
    }
  }
}

TEST(ResolveTest, GroupCycleEndsInItsName) {
  Config c;
  c.groups = {MakeGroup("x", {"y"}), MakeGroup("y", {"x", "t"})};
  c.targets = {MakeTarget("t"), MakeTarget("x")};
  auto r = Resolve(c, {"x"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Names(*r), (Strings{"t", "x"}));
  EXPECT_EQ(GroupNames(*r), (Strings{"default", "x", "y"}));
}

TEST(ResolveTest, MatchNames) {
  Config c;
  c.groups = {MakeGroup("default", {"foo", "foo-bar"}), MakeGroup("baz", {"baz-foo", "baz-bar", "baz-fuu"})};
  for (const char* name : {"foo", "foo-bar", "foo-baz", "foo-fuu", "bar-foo", "bar-baz", "bar-fuu", "baz-foo",
                           "baz-bar", "baz-fuu"}) {
    c.targets.push_back(MakeTarget(name));
  }
  struct Case {
    Strings patterns;
    Strings want;
  };
  const Case cases[] = {
      {{"foo"}, {"foo"}},
      {{"foo-*"}, {"foo-bar", "foo-baz", "foo-fuu"}},
      {{"baz*"}, {"baz-bar", "baz-foo", "baz-fuu"}},
      {{"*"}, {"bar-baz", "bar-foo", "bar-fuu", "baz-bar", "baz-foo", "baz-fuu", "foo", "foo-bar", "foo-baz", "foo-fuu"}},
      {{"*", "default"},
       {"bar-baz", "bar-foo", "bar-fuu", "baz-bar", "baz-foo", "baz-fuu", "foo", "foo-bar", "foo-baz", "foo-fuu"}},
      {{"ba?-f[ou]*"}, {"bar-foo", "bar-fuu", "baz-foo", "baz-fuu"}},
  };
  for (const auto& tc : cases) {
    auto r = Resolve(c, tc.patterns);
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(Names(*r), tc.want) << tc.patterns[0];
  }
  EXPECT_EQ(Resolve(c, {"aaa-*"}).error().What(), "could not find any target matching \"aaa-*\"");
}

TEST(ResolveTest, DotsInRequestedNamesReadAsUnderscores) {
  Config c;
  c.targets.push_back(MakeTarget("web_app"));
  auto r = Resolve(c, {"web.app"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Names(*r), Strings{"web_app"});
}

TEST(ResolveTest, TargetNamesAreValidated) {
  for (const char* bad : {"a/b", "a b", "é"}) {
    Config c;
    c.targets.push_back(MakeTarget(bad));
    auto r = Resolve(c, {bad});
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().What().find("only \"[a-zA-Z0-9_-]+\" are allowed"), std::string::npos);
  }
  for (const char* good : {"a", "_a", "AbC-0123"}) {
    Config c;
    c.targets.push_back(MakeTarget(good));
    EXPECT_TRUE(Resolve(c, {good})) << good;
  }
}

TEST(ResolveTest, NormalizesLists) {
  Config c;
  Target t = MakeTarget("default");
  t.dockerfile = "";
  t.attest = Strings{"type=sbom", "type=sbom,generator=custom", "type=sbom,foo=bar", "type=provenance,mode=max"};
  t.tags = Strings{"a", "", "b", "a"};
  t.cache_from = Strings{"user/app:cache", "type=registry,ref=user/app:cache", "type=gha"};
  t.network = "host";
  t.contexts = std::map<std::string, std::string>{{"empty", ""}};
  c.targets.push_back(t);
  auto r = Resolve(c, {});
  ASSERT_TRUE(r) << r.error().What();
  const Target& got = Get(*r, "default");
  EXPECT_EQ(got.dockerfile, "Dockerfile");
  EXPECT_EQ(got.attest, (Strings{"type=sbom,foo=bar", "type=provenance,mode=max"}));
  EXPECT_EQ(got.tags, (Strings{"a", "b"}));
  EXPECT_EQ(got.cache_from, (Strings{"user/app:cache", "type=gha"}));
  EXPECT_EQ(got.entitlements, Strings{"network.host"});
  EXPECT_FALSE(got.contexts);

  r = Resolve(c, {}, {"*.attest=type=sbom,disabled=true"});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "default").attest, (Strings{"type=sbom,disabled=true", "type=provenance,mode=max"}));

  c.targets[0].outputs = Strings{"type=local"};
  c.targets[0].outputs->push_back("dest=x,foo=y");
  EXPECT_EQ(Resolve(c, {}).error().What(), "target \"default\": output: type is required for output");
}

TEST(ResolveTest, ContextsMergeOverrideAndReset) {
  Config c;
  Target base = MakeTarget("base");
  base.contexts = std::map<std::string, std::string>{{"foo", "bar"}, {"abc", "def"}};
  Target app = MakeTarget("app");
  app.inherits = Strings{"base"};
  app.contexts = std::map<std::string, std::string>{{"foo", "baz"}};
  c.targets = {base, app};
  using Map = std::map<std::string, std::string>;
  auto r = Resolve(c, {"app"});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "app").contexts, (Map{{"abc", "def"}, {"foo", "baz"}}));
  r = Resolve(c, {"app"}, {"app.contexts.foo=bay", "base.contexts.ghi=jkl"});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "app").contexts, (Map{{"abc", "def"}, {"foo", "bay"}, {"ghi", "jkl"}}));
  r = Resolve(c, {"app"}, {"app.contexts.foo="});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "app").contexts, (Map{{"abc", "def"}}));
}

Config LinkConfig() {
  Config c;
  Target base = MakeTarget("base");
  base.entitlements = Strings{"network.host"};
  Target mid = MakeTarget("mid");
  mid.outputs = Strings{"foo"};
  mid.contexts = std::map<std::string, std::string>{{"parent", "target:base"}};
  Target app = MakeTarget("app");
  app.contexts = std::map<std::string, std::string>{{"foo", "baz"}, {"bar", "target:mid"}};
  c.targets = {base, mid, app, MakeTarget("unused")};
  return c;
}

TEST(ResolveTest, LinkedTargetsJoinAsCacheOnly) {
  auto r = Resolve(LinkConfig(), {"app"});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Names(*r), (Strings{"app", "base", "mid"}));
  EXPECT_EQ(r->linked, (Strings{"base", "mid"}));
  EXPECT_EQ(Get(*r, "mid").outputs, Strings{"type=cacheonly"});
  EXPECT_EQ(Get(*r, "app").contexts->size(), 2u);
  EXPECT_EQ(Get(*r, "app").entitlements, Strings{"network.host"});  // through mid from base
  EXPECT_EQ(FindGroup(*r, "default")->targets, Strings{"app"});

  // A requested target keeps its own outputs.
  r = Resolve(LinkConfig(), {"app", "mid"});
  ASSERT_TRUE(r);
  EXPECT_EQ(Get(*r, "mid").outputs, Strings{"type=local,dest=foo"});
  EXPECT_EQ(r->linked, Strings{"base"});
}

TEST(ResolveTest, LinkErrors) {
  Config c = LinkConfig();
  c.targets[2].contexts->emplace("x", "target:nope");
  EXPECT_EQ(Resolve(c, {"app"}).error().What(), "failed to find target nope");

  c = LinkConfig();
  c.targets[1].contexts->at("parent") = "target:app";
  auto loop = Resolve(c, {"app", "mid"});
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().What().find("infinite loop from"), std::string::npos);

  c = LinkConfig();
  c.targets[2].contexts->at("foo") = "target:app";
  EXPECT_EQ(Resolve(c, {"app"}).error().What(), "target app cannot link to itself");

  c = LinkConfig();
  c.targets[1].platforms = Strings{"linux/amd64", "linux/riscv64"};
  c.targets[2].platforms = Strings{"linux/amd64", "linux/arm64"};
  EXPECT_EQ(Resolve(c, {"app"}).error().What(),
            "target mid can't be used by app because its platforms [linux/amd64 linux/arm64] are not a subset of "
            "[linux/amd64 linux/riscv64]");
  c.targets[1].platforms->push_back("linux/arm64");
  EXPECT_TRUE(Resolve(c, {"app"}));
}

TEST(ResolveTest, ContextCleanedAsBuildxPrintsIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"cwd://foo/", "foo"},
      {"./", "."},
      {"a/../b", "b"},
      {"https://github.com/docker/buildx.git#main", "https://github.com/docker/buildx.git#main"},
      {"git@github.com:docker/buildx.git", "git@github.com:docker/buildx.git"},
  };
  for (const auto& [in, want] : cases) {
    Config c;
    Target t = MakeTarget("app");
    t.context = in;
    c.targets.push_back(t);
    auto r = Resolve(c, {"app"});
    ASSERT_TRUE(r) << in;
    EXPECT_EQ(Get(*r, "app").context, want) << in;
  }
}

}  // namespace
}  // namespace manifold::bake
