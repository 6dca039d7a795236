// ReadComposeFiles and IsComposeFile: services to targets, field by field, x-bake, merging of
// several files, .env and env_file, and errors (behaviours of buildx's bake/compose_test.go,
// with our own files).
#include "bake/compose.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "support/temp_dir.hpp"

namespace manifold::bake {
namespace {

using Strings = std::vector<std::string>;

ComposeOptions Options(std::map<std::string, std::string, std::less<>> env = {}) {
  ComposeOptions options;
  options.getenv = [env = std::move(env)](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return options;
}

Config Read(std::string_view yaml, const ComposeOptions& options = Options()) {
  auto config = ReadComposeFiles({DefinitionFile{"compose.yaml", std::string(yaml)}}, options);
  EXPECT_TRUE(config) << config.error().What();
  return config ? *config : Config{};
}

std::string ReadError(std::string_view yaml, const ComposeOptions& options = Options(),
                      std::string name = "compose.yaml") {
  auto config = ReadComposeFiles({DefinitionFile{std::move(name), std::string(yaml)}}, options);
  if (config) return "no error";
  return config.error().What();
}

const Target& Find(const Config& config, std::string_view name) {
  for (const Target& t : config.targets) {
    if (t.name == name) return t;
  }
  static const Target kMissing = [] {
    Target t;
    t.name = "<missing>";
    return t;
  }();
  ADD_FAILURE() << "no target " << name;
  return kMissing;
}

TEST(ComposeTest, ServicesWithBuildBecomeTargetsInFileOrder) {
  Config c = Read(R"(
services:
  db:
    build: ./db
    command: ./entrypoint.sh
    image: docker.io/tonistiigi/db
  external:
    image: "verycooldb:1337"
  webapp:
    build:
      context: ./dir
      dockerfile: Dockerfile-alternate
      network:
        none
      args:
        buildno: 123
      target: webapp
  app.v2:
    build:
      dockerfile_inline: |
        FROM alpine
)");
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].name, "default");
  EXPECT_EQ(c.groups[0].targets, (Strings{"db", "webapp", "app_v2"}));
  ASSERT_EQ(c.targets.size(), 3u);
  const Target& db = c.targets[0];
  EXPECT_EQ(db.name, "db");
  EXPECT_EQ(db.context, "db");
  EXPECT_EQ(db.tags, Strings{"docker.io/tonistiigi/db"});
  EXPECT_FALSE(db.dockerfile);
  const Target& web = c.targets[1];
  EXPECT_EQ(web.context, "dir");
  EXPECT_EQ(web.dockerfile, "Dockerfile-alternate");
  EXPECT_EQ(web.network, "none");
  EXPECT_EQ(web.target, "webapp");
  EXPECT_EQ(web.args, (NullableMap{{"buildno", "123"}}));
  EXPECT_FALSE(web.tags);
  EXPECT_FALSE(web.labels);
  EXPECT_FALSE(web.no_cache);
  EXPECT_FALSE(web.pull);
  const Target& v2 = c.targets[2];
  EXPECT_EQ(v2.name, "app_v2");
  EXPECT_EQ(v2.context, ".");  // compose-go's default context
  EXPECT_EQ(v2.dockerfile_inline, "FROM alpine\n");
}

TEST(ComposeTest, AllBuildFields) {
  Config c = Read(R"(
services:
  web:
    image: ignored-because-tags
    build:
      context: .
      additional_contexts:
        foo: ./bar
        base: service:base.1
        img: docker-image://alpine
        remote: https://github.com/a/b.git
      cache_from:
        - type=local,src=path/to/cache
        - user/app:cache
      cache_to: ["type=local,dest=path/to/cache"]
      extra_hosts:
        - "somehost:162.242.195.82"
        - "somehost:162.242.195.83"
        - "myhostv6:::1"
        - "other=[::2]"
      ssh:
        - key=./keys/id
        - default
      secrets:
        - token
        - source: aws
      labels:
        - com.example.a=1
        - com.example.empty
      platforms: [linux/amd64, linux/arm64]
      tags: [web:1, web:1, web:latest]
      shm_size: 128m
      ulimits:
        nofile:
          soft: 1024
          hard: 2048
        nproc: 65535
      no_cache: true
      pull: "true"
      sbom: true
      provenance: mode=max
  base.1:
    build: .
secrets:
  token:
    environment: ENV_TOKEN
  aws:
    file: ./aws/credentials
)");
  const Target& t = Find(c, "web");
  EXPECT_EQ(t.contexts,
            (std::map<std::string, std::string>{{"foo", "bar"},
                                                {"base", "target:base_1"},
                                                {"img", "docker-image://alpine"},
                                                {"remote", "https://github.com/a/b.git"}}));
  EXPECT_EQ(t.cache_from, (Strings{"type=local,src=path/to/cache", "user/app:cache"}));
  EXPECT_EQ(t.cache_to, Strings{"type=local,dest=path/to/cache"});
  EXPECT_EQ(t.extra_hosts, (NullableMap{{"myhostv6", "::1"},
                                        {"other", "::2"},
                                        {"somehost", "162.242.195.82,162.242.195.83"}}));
  EXPECT_EQ(t.ssh, (Strings{"default", "key=keys/id"}));
  EXPECT_EQ(t.secrets, (Strings{"id=token,env=ENV_TOKEN", "id=aws,src=aws/credentials"}));
  EXPECT_EQ(t.labels, (NullableMap{{"com.example.a", "1"}, {"com.example.empty", ""}}));
  EXPECT_EQ(t.platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(t.tags, (Strings{"web:1", "web:latest"}));
  EXPECT_EQ(t.shm_size, "128MiB");
  EXPECT_EQ(t.ulimits, (Strings{"nofile=1024:2048", "nproc=65535:65535"}));
  EXPECT_EQ(t.no_cache, true);
  EXPECT_EQ(t.pull, true);
  EXPECT_EQ(t.attest, (Strings{"type=sbom", "type=provenance,mode=max"}));
}

TEST(ComposeTest, MappingForms) {
  Config c = Read(R"(
services:
  web:
    build:
      args: {A: 1, B: "two", C: null, D: ~, E: true}
      labels: {l1: x}
      extra_hosts:
        h1: 10.0.0.1
        h2: [10.0.0.2, 10.0.0.3]
      ssh:
        default:
        mykey: /path/to/key
      additional_contexts: [ctx=../shared]
      sbom: false
      shm_size: 1073741824
      no_cache: false
)");
  const Target& t = Find(c, "web");
  EXPECT_EQ(t.args, (NullableMap{{"A", "1"}, {"B", "two"}, {"E", "true"}}));
  EXPECT_EQ(t.labels, (NullableMap{{"l1", "x"}}));
  EXPECT_EQ(t.extra_hosts, (NullableMap{{"h1", "10.0.0.1"}, {"h2", "10.0.0.2,10.0.0.3"}}));
  EXPECT_EQ(t.ssh, (Strings{"default", "mykey=/path/to/key"}));
  EXPECT_EQ(t.contexts, (std::map<std::string, std::string>{{"ctx", "../shared"}}));
  EXPECT_EQ(t.attest, Strings{"type=sbom,disabled=true"});
  EXPECT_EQ(t.shm_size, "1GiB");
  EXPECT_FALSE(t.no_cache);  // buildx sets no_cache only when true
}

TEST(ComposeTest, ArgsWithoutValueComeFromServiceEnvironmentThenVariables) {
  testing::TempDir dir;
  std::ofstream(dir / "app.env") << "FROM_FILE=bsdf -csdf\nNODE_ENV=from-file\n";
  ComposeOptions options = Options({{"FOO", "bar"}, {"ZZZ_BAR", "zzz_foo"}});
  options.working_dir = dir.path();
  Config c = Read(R"(
services:
  example:
    image: example
    build:
      context: .
      args:
        - FOO
        - BAR=$ZZZ_BAR
        - BRB=FOO
        - NODE_ENV
        - FROM_FILE
        - UNSET_ARG
    environment:
      - NODE_ENV=test
    env_file:
      - app.env
      - path: missing.env
        required: false
)",
                  options);
  EXPECT_EQ(Find(c, "example").args, (NullableMap{{"BAR", "zzz_foo"},
                                                  {"BRB", "FOO"},
                                                  {"FOO", "bar"},
                                                  {"FROM_FILE", "bsdf -csdf"},
                                                  {"NODE_ENV", "test"}}));
  EXPECT_EQ(Find(c, "example").tags, Strings{"example"});
}

TEST(ComposeTest, DotEnvFillsWhatTheEnvironmentLeavesUnset) {
  testing::TempDir dir;
  std::ofstream(dir / ".env") << "# defaults\nTAG=from-dotenv\nexport REG='r.example'\n"
                              << "BOTH=dotenv\nDERIVED=${REG}/x\n";
  ComposeOptions options = Options({{"BOTH", "env"}});
  options.working_dir = dir.path();
  Config c = Read(R"(
services:
  app:
    image: ${REG}/app:${TAG}
    build:
      args: [BOTH, DERIVED]
)",
                  options);
  EXPECT_EQ(Find(c, "app").tags, Strings{"r.example/app:from-dotenv"});
  EXPECT_EQ(Find(c, "app").args, (NullableMap{{"BOTH", "env"}, {"DERIVED", "r.example/x"}}));
}

TEST(ComposeTest, DotEnvDirectoryIsIgnoredAndBadDotEnvNamesItsLine) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir / ".env");
  ComposeOptions options = Options();
  options.working_dir = dir.path();
  EXPECT_EQ(Read("services:\n  a:\n    build: .\n", options).targets.size(), 1u);

  testing::TempDir bad;
  std::ofstream(bad / ".env") << "OK=1\nNOT OK=2\n";
  options.working_dir = bad.path();
  std::string error = ReadError("services:\n  a:\n    build: .\n", options);
  EXPECT_NE(error.find(".env: line 2: key cannot contain a space"), std::string::npos) << error;
}

TEST(ComposeTest, InterpolationEverywhereAndProjectName) {
  const char* yaml = R"(
services:
  app:
    build:
      context: ${CTX:-./default}
      tags: ["${REG?}/app:${TAG:-latest}", "$$literal"]
      args:
        PROJECT: ${COMPOSE_PROJECT_NAME}
        ALT: ${TAG:+has-tag}
)";
  Config c = Read(yaml, Options({{"REG", "r"}}));
  const Target& t = Find(c, "app");
  EXPECT_EQ(t.context, "default");
  EXPECT_EQ(t.tags, (Strings{"r/app:latest", "$literal"}));
  EXPECT_EQ(t.args, (NullableMap{{"ALT", ""}, {"PROJECT", "bake"}}));

  c = Read(yaml, Options({{"REG", "r"}, {"TAG", "v1"}, {"COMPOSE_PROJECT_NAME", "foo"}}));
  EXPECT_EQ(Find(c, "app").args, (NullableMap{{"ALT", "has-tag"}, {"PROJECT", "foo"}}));

  c = Read(std::string("name: ${PN:-named}\n") + yaml, Options({{"REG", "r"}}));
  EXPECT_EQ(Find(c, "app").args->at("PROJECT"), "named");
}

TEST(ComposeTest, InterpolationErrorsNameFileVariableAndPlace) {
  std::string error = ReadError(R"(services:
  app:
    build:
      args:
        A: ${NEEDED:?set NEEDED to the release}
)");
  EXPECT_EQ(error,
            "compose.yaml:5:12: error while interpolating services.app.build.args.A: required "
            "variable NEEDED is missing a value: set NEEDED to the release");
  error = ReadError("services:\n  app:\n    image: ${oops\n    build: .\n");
  EXPECT_NE(error.find("compose.yaml:3:12: error while interpolating services.app.image: invalid "
                       "interpolation format"),
            std::string::npos)
      << error;
}

TEST(ComposeTest, XBakeExtension) {
  Config c = Read(R"(
services:
  addon:
    image: ct-addon:bar
    build:
      context: .
      dockerfile: ./Dockerfile
      cache_from:
        - user/app:cache
      cache_to:
        - user/app:cache
      tags:
        - ct-addon:baz
      ssh:
        key: /path/to/key
      additional_contexts:
        alpine: ./mine
      x-bake:
        contexts:
          alpine: docker-image://alpine:3.13
          base: service:base.1
        tags:
          - ct-addon:foo
          - ct-addon:baz
        ssh:
          - default
          - other=path/to/otherkey
        platforms:
          - linux/amd64
          - linux/arm64
        cache-from:
          - type=local,src=path/to/cache
          - user/app:cache
        cache-to:
          - type=local,dest=path/to/cache
        pull: true
        no-cache-filter: [stage1]
  aws:
    image: ct-fake-aws:bar
    build:
      dockerfile: ./aws.Dockerfile
      no_cache: true
      x-bake:
        secret:
          - id=mysecret,src=/local/secret
          - id=mysecret2,src=/local/secret2
        ssh: default
        platforms: linux/arm64 linux/riscv64
        output: type=docker
        no-cache: false
        pull: false
  base.1:
    build: .
)");
  const Target& addon = Find(c, "addon");
  EXPECT_EQ(addon.tags, (Strings{"ct-addon:baz", "ct-addon:foo"}));
  EXPECT_EQ(addon.platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(addon.cache_from, (Strings{"user/app:cache", "type=local,src=path/to/cache"}));
  EXPECT_EQ(addon.cache_to, (Strings{"user/app:cache", "type=local,dest=path/to/cache"}));
  EXPECT_EQ(addon.ssh, (Strings{"default", "key=/path/to/key", "other=path/to/otherkey"}));
  EXPECT_EQ(addon.pull, true);
  EXPECT_EQ(addon.no_cache_filter, Strings{"stage1"});
  EXPECT_EQ(addon.contexts,
            (std::map<std::string, std::string>{{"alpine", "mine"}, {"base", "target:base_1"}}));
  const Target& aws = Find(c, "aws");
  EXPECT_EQ(aws.tags, Strings{"ct-fake-aws:bar"});
  EXPECT_EQ(aws.secrets,
            (Strings{"id=mysecret,src=/local/secret", "id=mysecret2,src=/local/secret2"}));
  EXPECT_EQ(aws.ssh, Strings{"default"});
  EXPECT_EQ(aws.platforms, (Strings{"linux/arm64", "linux/riscv64"}));
  EXPECT_EQ(aws.outputs, Strings{"type=docker"});
  EXPECT_EQ(aws.no_cache, false);
  EXPECT_EQ(aws.pull, false);
}

TEST(ComposeTest, XBakeTagsSuppressTheImageTag) {
  Config c = Read(R"(
services:
  a:
    image: app:image
    build:
      x-bake:
        tags: [app:x]
)");
  EXPECT_EQ(Find(c, "a").tags, Strings{"app:x"});
}

TEST(ComposeTest, LaterFilesOverrideAndExtend) {
  std::vector<DefinitionFile> files = {{"compose.yaml", R"(
services:
  app:
    image: app:base
    build:
      context: ./app
      args: [A=1, B=2, C=3]
      tags: [t1]
      extra_hosts: ["h=1.1.1.1"]
      labels: {keep: "yes"}
      platforms: [linux/amd64]
      target: base
  db:
    image: postgres
  other:
    build: ./other
)"},
                                       {"compose.override.yaml", R"(
services:
  app:
    build:
      args:
        B: 20
        C:
        D: 4
      tags: [t1, t2]
      extra_hosts: ["h=1.1.1.1", "h=2.2.2.2"]
      platforms: [linux/arm64]
      target: !reset null
      labels: !override {only: "this"}
  db:
    build: ./db
  late:
    build:
      context: ./late
)"}};
  auto config = ReadComposeFiles(files, Options());
  ASSERT_TRUE(config) << config.error().What();
  std::vector<std::string> names;
  for (const Target& t : config->targets) names.push_back(t.name);
  EXPECT_EQ(names, (Strings{"app", "db", "other", "late"}));
  EXPECT_EQ(config->groups[0].targets, names);
  const Target& app = Find(*config, "app");
  EXPECT_EQ(app.context, "app");
  EXPECT_EQ(app.args, (NullableMap{{"A", "1"}, {"B", "20"}, {"D", "4"}}));  // C: reset to no value
  EXPECT_EQ(app.tags, (Strings{"t1", "t2"}));
  EXPECT_EQ(app.extra_hosts, (NullableMap{{"h", "1.1.1.1,2.2.2.2"}}));
  EXPECT_EQ(app.platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_FALSE(app.target);
  EXPECT_EQ(app.labels, (NullableMap{{"only", "this"}}));
  EXPECT_EQ(Find(*config, "db").tags, Strings{"postgres"});
  EXPECT_EQ(Find(*config, "db").context, "db");
}

TEST(ComposeTest, OverrideChangingShapeIsAnError) {
  std::vector<DefinitionFile> files = {
      {"compose.yaml", "services:\n  app:\n    build:\n      tags: [a]\n"},
      {"compose.override.yaml", "services:\n  app:\n    build:\n      tags: {a: b}\n"}};
  auto config = ReadComposeFiles(files, Options());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().What(),
            "compose.override.yaml:4:13: cannot override services.app.build.tags");
}

TEST(ComposeTest, AnchorsAndMergeKeys) {
  Config c = Read(R"(
x-common: &common
  context: ./shared
  args: &args
    A: "1"
  platforms: [linux/amd64]
x-more: &more
  target: from-more
  context: ./ignored
services:
  one:
    build:
      <<: [*common, *more]
      dockerfile: one.Dockerfile
  two:
    build:
      <<: *common
      context: ./two
      args:
        <<: *args
        B: "2"
)");
  const Target& one = Find(c, "one");
  EXPECT_EQ(one.context, "shared");
  EXPECT_EQ(one.target, "from-more");
  EXPECT_EQ(one.dockerfile, "one.Dockerfile");
  EXPECT_EQ(one.platforms, Strings{"linux/amd64"});
  const Target& two = Find(c, "two");
  EXPECT_EQ(two.context, "two");
  EXPECT_EQ(two.args, (NullableMap{{"A", "1"}, {"B", "2"}}));
}

TEST(ComposeTest, FileRelativePathsRebaseOntoTheFirstFile) {
  std::vector<DefinitionFile> files = {
      {"project/compose.yml", "services:\n  app:\n    build:\n      context: ./app\n"},
      {"overrides/compose.yml", R"(
services:
  app:
    build:
      additional_contexts:
        shared: ./shared
        img: docker-image://alpine
        abs: /abs
  other:
    build: ./other
  dflt:
    build: {}
)"}};
  ComposeOptions options = Options();
  auto plain = ReadComposeFiles(files, options);
  ASSERT_TRUE(plain) << plain.error().What();
  EXPECT_EQ(Find(*plain, "app").context, "app");
  options.file_relative_paths = true;
  auto config = ReadComposeFiles(files, options);
  ASSERT_TRUE(config) << config.error().What();
  EXPECT_EQ(Find(*config, "app").context, "project/app");
  EXPECT_EQ(Find(*config, "app").contexts,
            (std::map<std::string, std::string>{
                {"abs", "/abs"}, {"img", "docker-image://alpine"}, {"shared", "project/shared"}}));
  EXPECT_EQ(Find(*config, "other").context, "project/other");
  EXPECT_EQ(Find(*config, "dflt").context, "project");
}

TEST(ComposeTest, NoBuildableServicesGiveNoTargets) {
  Config c = Read("services:\n  db:\n    image: postgres\n");
  EXPECT_TRUE(c.targets.empty());
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_TRUE(c.groups[0].targets.empty());
  c = Read("secrets:\n  s:\n    file: ./s\n");
  EXPECT_TRUE(c.targets.empty());
}

TEST(ComposeTest, UnrelatedComposeFeaturesAreAccepted) {
  Config c = Read(R"(
version: "3.8"
name: myproject
services:
  foo:
    build:
      context: .
    ports:
      - 3306:3306
      - mode: ingress
        target: 3306
    depends_on:
      bar:
        condition: service_healthy
    networks:
      default:
        aliases: [x]
    develop:
      watch:
        - path: ./webapp/html
          action: sync
    bar: baz
  bar:
    image: example/other:latest
    profiles: [test]
networks:
  default:
    name: test-net
foo:
  - bar.baz
)");
  EXPECT_EQ(c.targets.size(), 1u);
}

struct ErrorCase {
  const char* name;
  const char* yaml;
  const char* error;
};

TEST(ComposeTest, Errors) {
  const ErrorCase cases[] = {
      {"empty", "", "compose.yaml: empty compose file"},
      {"only version", "version: '3'\n", "compose.yaml: empty compose file"},
      {"root list", "- a\n- b\n",
       "compose.yaml:1:1: top-level object must be a mapping, not a list"},
      {"root scalar", "just text\n", "top-level object must be a mapping, not a scalar"},
      {"malformed", "services:\n  a: [1, 2\n",
       "compose.yaml:3:1: yaml: end of sequence flow not found"},
      {"duplicate key", "services:\n  a:\n    build: .\n  a:\n    build: .\n",
       "compose.yaml:4:3: yaml: mapping key \"a\" already defined"},
      {"build number", "services:\n  a:\n    build: 12\n", ""},  // a number is a context path
      {"build list", "services:\n  a:\n    build: [x]\n",
       "compose.yaml:3:12: services.a.build must be a string (the context) or a mapping, not a "
       "list"},
      {"service list", "services:\n  a: [x]\n", "services.a must be a mapping, not a list"},
      {"services list", "services: [a]\n", "services must be a mapping, not a list"},
      {"unknown build key", "services:\n  a:\n    build:\n      context: .\n      foo: bar\n",
       "compose.yaml:5:12: services.a.build: additional properties 'foo' not allowed"},
      {"invalid service name", "services:\n  a/b:\n    build: .\n", "invalid service name \"a/b\""},
      {"neither image nor build", "services:\n  webapp:\n    entrypoint: echo 1\n",
       "service \"webapp\" has neither an image nor a build context specified"},
      {"undefined secret", "services:\n  a:\n    build:\n      secrets: [token]\n",
       "service \"a\" refers to undefined build secret token"},
      {"unset secret", "secrets:\n  foo: {}\n", "secret \"foo\" must declare"},
      {"external secret",
       "services:\n  a:\n    build:\n      secrets: [s]\nsecrets:\n  s:\n    external: true\n",
       "unsupported external secret s"},
      {"both dockerfiles",
       "services:\n  a:\n    build:\n      dockerfile: D\n      dockerfile_inline: FROM x\n",
       "mutually exclusive dockerfile and dockerfile_inline"},
      {"unknown service context",
       "services:\n  a:\n    build:\n      additional_contexts: {b: 'service:nope'}\n",
       "declares unknown service \"nope\" as additional contexts b"},
      {"args nested", "services:\n  a:\n    build:\n      args: {A: [1]}\n",
       "services.a.build.args.A must be a string, number, boolean or null"},
      {"tags scalar", "services:\n  a:\n    build:\n      tags: t\n",
       "services.a.build.tags must be a list, not a scalar"},
      {"bad bool", "services:\n  a:\n    build:\n      pull: maybe\n",
       "services.a.build.pull must be a boolean"},
      {"bad shm", "services:\n  a:\n    build:\n      shm_size: lots\n", "invalid size 'lots'"},
      {"bad ulimit name", "services:\n  a:\n    build:\n      ulimits: {files: 1}\n",
       "invalid ulimit type: files"},
      {"soft above hard",
       "services:\n  a:\n    build:\n      ulimits: {nofile: {soft: 10, hard: 5}}\n",
       "soft limit must be less than or equal to hard limit: 10 > 5"},
      {"host without ip", "services:\n  a:\n    build:\n      extra_hosts: [justhost]\n",
       "invalid additional host, missing IP: justhost"},
      {"bad ssh", "services:\n  a:\n    build:\n      ssh: [mykey]\n", "invalid ssh key \"mykey\""},
      {"context list entry", "services:\n  a:\n    build:\n      additional_contexts: [novalue]\n",
       "invalid value novalue, expected key=value"},
      {"x-bake list", "services:\n  a:\n    build:\n      x-bake: [1]\n",
       "services.a.build.x-bake must be a mapping"},
      {"env_file missing", "services:\n  a:\n    build: .\n    env_file: nope.env\n",
       "env file nope.env not found"},
      {"merge key scalar", "x: &s 1\nservices:\n  a:\n    <<: *s\n    build: .\n",
       "yaml: a `<<` merge key needs a mapping or a list of mappings"},
  };
  for (const ErrorCase& c : cases) {
    std::string error = ReadError(c.yaml);
    if (std::string_view(c.error).empty()) {
      EXPECT_EQ(error, "no error") << c.name;
      continue;
    }
    EXPECT_NE(error.find(c.error), std::string::npos) << c.name << ": " << error;
    EXPECT_TRUE(error.starts_with("compose.yaml")) << c.name << ": " << error;
  }
}

TEST(ComposeTest, HostileInputIsAnErrorNotACrash) {
  std::string deep_flow(100000, '[');
  std::string deep_block;
  for (int i = 0; i < 600; ++i) deep_block += std::string(i * 2, ' ') + "a:\n";
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, prev,
                        prev, prev, prev, prev, prev, prev, prev, prev, prev);
  }
  for (const std::string& yaml : {deep_flow, deep_block, bomb, std::string("\xff\xfe\x00", 3),
                                  std::string("services:\n  a:\n    build: \"\\xZZ\"\n")}) {
    std::string error = ReadError(yaml);
    EXPECT_NE(error, "no error");
    EXPECT_TRUE(error.starts_with("compose.yaml")) << error;
  }
}

TEST(ComposeTest, IsComposeFile) {
  struct Case {
    const char* name;
    const char* data;
    bool compose;
  };
  const Case cases[] = {
      {"docker-compose.yml", "services:\n  foo:\n", true},
      {"compose.YAML", "not: compose", true},  // by name; errors come when read
      {"docker-compose.foo", "services:\n  simple:\n    image: nginx\n", true},
      {"docker-bake.hcl", "target \"default\" {\n  dockerfile = \"test\"\n}\n", false},
      {"docker-bake.json", "{\"services\": {}}", false},
      {"docker-bake.foo",
       "{\"group\": [{\"targets\": [\"s\"]}], \"target\": [{\"context\": \".\"}]}", false},
      {"bake.override", "target \"default\" {\n  dockerfile = \"test\"\n}\n", false},
      {"stdin", "[unclosed", false},
      {"stdin", "secrets:\n  a:\n    file: x\n", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsComposeFile({c.name, c.data}), c.compose) << c.name << ": " << c.data;
  }
}

}  // namespace
}  // namespace manifold::bake
