// ReadComposeFiles with service `extends` and top-level `include` (behaviours of compose-go's
// loader/extends_test.go and include_test.go and buildx's TestInclude, with our own files).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "bake/compose.hpp"
#include "support/temp_dir.hpp"

namespace manifold::bake {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;
using Contexts = std::map<std::string, std::string>;

void Write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

ComposeOptions Options(const fs::path& dir,
                       std::map<std::string, std::string, std::less<>> env = {}) {
  ComposeOptions options;
  options.working_dir = dir;
  options.getenv = [env = std::move(env)](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return options;
}

util::Result<Config> ReadFile(const fs::path& dir, const std::string& name,
                              const ComposeOptions& options) {
  std::ifstream in(dir / name);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ReadComposeFiles({DefinitionFile{name, data}}, options);
}

Config Read(const fs::path& dir, const std::string& name = "compose.yaml") {
  auto config = ReadFile(dir, name, Options(dir));
  EXPECT_TRUE(config) << config.error().What();
  return config ? *config : Config{};
}

std::string ReadError(const fs::path& dir, const std::string& name = "compose.yaml") {
  auto config = ReadFile(dir, name, Options(dir));
  return config ? "no error" : config.error().What();
}

const Target& Find(const Config& config, std::string_view name) {
  for (const Target& t : config.targets) {
    if (t.name == name) return t;
  }
  static const Target kMissing;
  ADD_FAILURE() << "no target " << name;
  return kMissing;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(ComposeExtendsTest, SameFileChainsMergeTheBuildSection) {
  testing::TempDir dir;
  Write(dir / "compose.yaml", R"(
services:
  base:
    image: example/base
    build:
      context: ./app
      dockerfile: base.Dockerfile
      args: {A: base, B: base}
      labels: [l1=base]
      tags: [example/base:1]
      cache_from: ["type=registry,ref=example/cache"]
      platforms: [linux/amd64]
      extra_hosts: [h1=10.0.0.1]
  web:
    extends: base
    image: example/web
    build:
      target: web
      args: [B=web, C=web]
      tags: [example/base:1, example/web:1]
      cache_from: [type=gha]
      platforms: [linux/arm64]
      extra_hosts: {h1: 10.0.0.1, h2: 10.0.0.2}
  worker:
    extends:
      service: web
    build:
      context: ./worker
      labels: {l2: worker}
)");
  Config c = Read(dir.path());
  const Target& web = Find(c, "web");
  EXPECT_EQ(web.context, "app");
  EXPECT_EQ(web.dockerfile, "base.Dockerfile");
  EXPECT_EQ(web.target, "web");
  EXPECT_EQ(web.args, (NullableMap{{"A", "base"}, {"B", "web"}, {"C", "web"}}));
  EXPECT_EQ(web.labels, (NullableMap{{"l1", "base"}}));
  EXPECT_EQ(web.tags, (Strings{"example/base:1", "example/web:1"}));
  EXPECT_EQ(web.cache_from, (Strings{"type=registry,ref=example/cache", "type=gha"}));
  EXPECT_EQ(web.platforms, (Strings{"linux/amd64", "linux/arm64"}));
  EXPECT_EQ(web.extra_hosts, (NullableMap{{"h1", "10.0.0.1"}, {"h2", "10.0.0.2"}}));
  const Target& worker = Find(c, "worker");
  EXPECT_EQ(worker.context, "worker");
  EXPECT_EQ(worker.target, "web");
  EXPECT_EQ(worker.args, web.args);
  EXPECT_EQ(worker.labels, (NullableMap{{"l1", "base"}, {"l2", "worker"}}));
  EXPECT_EQ(Find(c, "base").target, std::nullopt);
  EXPECT_EQ(c.groups.at(0).targets, (Strings{"base", "web", "worker"}));
}

TEST(ComposeExtendsTest, ImageOnlyBaseAndResetAndNullBase) {
  testing::TempDir dir;
  Write(dir / "nil.yaml", "services:\n  nil:\n");
  Write(dir / "compose.yaml", R"(
services:
  runtime:
    image: example/runtime
  app:
    extends: runtime
    build: .
  slim:
    extends: app
    build:
      cache_from: !reset []
      args:
        X: !reset
  bare:
    extends: {file: nil.yaml, service: nil}
    build: ./bare
)");
  Config c = Read(dir.path());
  EXPECT_EQ(Find(c, "app").tags, Strings{"example/runtime"});
  EXPECT_EQ(Find(c, "slim").tags, Strings{"example/runtime"});
  EXPECT_EQ(Find(c, "bare").context, "bare");
  EXPECT_EQ(c.targets.size(), 3u);
}

TEST(ComposeExtendsTest, AnotherFileIsRelativeToItsDirectory) {
  testing::TempDir dir;
  Write(dir / "common/services.yaml", R"(
services:
  base:
    build:
      context: .
      dockerfile: Dockerfile.base
      additional_contexts:
        shared: ../shared
        img: docker-image://alpine
        abs: /abs
      args: [FROM_ENV_FILE]
      ssh: [key=./id_ed25519]
    env_file: build.env
    image: ${REGISTRY:-docker.io}/base
  service:
    extends: base
    build:
      target: service
  chained:
    extends:
      file: deeper/more.yaml
      service: more
)");
  Write(dir / "common/build.env", "FROM_ENV_FILE=from-common\n");
  Write(dir / "common/deeper/more.yaml", R"(
services:
  more:
    build:
      context: ..
      target: more
)");
  Write(dir / "compose.yaml", R"(
services:
  api:
    extends:
      file: common/services.yaml
      service: base
    build:
      target: api
  svc:
    extends: {file: ./common/services.yaml, service: service}
  far:
    extends: {file: common/services.yaml, service: chained}
)");
  auto config =
      ReadFile(dir.path(), "compose.yaml", Options(dir.path(), {{"REGISTRY", "r.example"}}));
  ASSERT_TRUE(config) << config.error().What();
  const Target& api = Find(*config, "api");
  EXPECT_EQ(api.context, "common");
  EXPECT_EQ(api.dockerfile, "Dockerfile.base");
  EXPECT_EQ(api.target, "api");
  EXPECT_EQ(api.contexts,
            (Contexts{{"abs", "/abs"}, {"img", "docker-image://alpine"}, {"shared", "shared"}}));
  EXPECT_EQ(api.args, (NullableMap{{"FROM_ENV_FILE", "from-common"}}));
  EXPECT_EQ(api.ssh, Strings{"key=common/id_ed25519"});
  EXPECT_EQ(api.tags, Strings{"r.example/base"});
  EXPECT_EQ(Find(*config, "svc").target, "service");
  EXPECT_EQ(Find(*config, "svc").context, "common");
  EXPECT_EQ(Find(*config, "far").context, "common");
  EXPECT_EQ(Find(*config, "far").target, "more");
}

TEST(ComposeExtendsTest, FilesAreRelativeToTheExtendingFilesDirectory) {
  testing::TempDir dir;
  Write(dir / "project/base.yaml", "services:\n  base:\n    build: ./src\n");
  Write(dir / "project/compose.yaml",
        "services:\n  app:\n    extends: {file: base.yaml, service: base}\n");
  Config c = Read(dir.path(), "project/compose.yaml");
  EXPECT_EQ(Find(c, "app").context, "project/src");

  ComposeOptions options = Options(dir.path());
  options.file_relative_paths = true;
  auto relative = ReadFile(dir.path(), "project/compose.yaml", options);
  ASSERT_TRUE(relative) << relative.error().What();
  EXPECT_EQ(Find(*relative, "app").context, "project/src");
}

TEST(ComposeExtendsTest, CyclesAreErrorsNamingTheServices) {
  testing::TempDir dir;
  Write(dir / "compose.yaml", R"(
services:
  a:
    extends: b
  b:
    extends: {service: c}
  c:
    extends: a
)");
  std::string error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error,
                       "compose.yaml:4:14: circular extends: a in compose.yaml extends b "
                       "in compose.yaml extends c in compose.yaml extends a in compose.yaml"))
      << error;

  Write(dir / "self.yaml", "services:\n  s:\n    extends: s\n    image: x\n");
  EXPECT_TRUE(Contains(ReadError(dir.path(), "self.yaml"), "circular extends: s in self.yaml"));

  Write(dir / "one.yaml", "services:\n  x:\n    extends: {file: two.yaml, service: y}\n");
  Write(dir / "two.yaml", "services:\n  y:\n    extends: {file: ./one.yaml, service: x}\n");
  error = ReadError(dir.path(), "one.yaml");
  EXPECT_TRUE(Contains(error,
                       "circular extends: x in one.yaml extends y in two.yaml extends x in "
                       "one.yaml"))
      << error;
}

TEST(ComposeExtendsTest, LongChainsStop) {
  testing::TempDir dir;
  // Defined deepest first, so that no base is resolved before the chain reaches it.
  std::string yaml = "services:\n";
  for (int i = 40; i >= 1; --i) yaml += fmt::format("  s{}:\n    extends: s{}\n", i, i - 1);
  yaml += "  s0:\n    image: x\n";
  Write(dir / "compose.yaml", yaml);
  std::string error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error, "extends chain longer than 32 services")) << error;

  yaml = "services:\n";
  for (int i = 30; i >= 1; --i) yaml += fmt::format("  s{}:\n    extends: s{}\n", i, i - 1);
  yaml += "  s0:\n    build: .\n";
  Write(dir / "compose.yaml", yaml);
  EXPECT_EQ(Read(dir.path()).targets.size(), 31u);
}

TEST(ComposeExtendsTest, MissingServicesAndFilesAreLocatedErrors) {
  testing::TempDir dir;
  Write(dir / "compose.yaml", "services:\n  a:\n    build: .\n    extends: nope\n");
  std::string error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error,
                       "compose.yaml:4:14: cannot extend service \"a\" in compose.yaml: "
                       "service \"nope\" not found"))
      << error;

  Write(dir / "compose.yaml",
        "services:\n  a:\n    extends:\n      file: "
        "gone.yaml\n      service: b\n");
  error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error, "compose.yaml:4:7: gone.yaml: no such file")) << error;

  Write(dir / "other.yaml", "services:\n  b:\n    image: x\n");
  Write(dir / "compose.yaml", "services:\n  a:\n    extends: {file: other.yaml, service: c}\n");
  error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error, "service \"c\" not found in other.yaml")) << error;

  Write(dir / "compose.yaml", "services:\n  a:\n    extends: {file: other.yaml}\n");
  EXPECT_TRUE(Contains(ReadError(dir.path()), "services.a.extends.service is required"));
  Write(dir / "compose.yaml", "services:\n  a:\n    extends: [b]\n");
  EXPECT_TRUE(Contains(ReadError(dir.path()), "services.a.extends must be a service name"));

  Write(dir / "broken.yaml", "services:\n  b:\n    build: [\n");
  Write(dir / "compose.yaml", "services:\n  a:\n    extends: {file: broken.yaml, service: b}\n");
  error = ReadError(dir.path());
  EXPECT_TRUE(error.starts_with("broken.yaml:")) << error;
}

TEST(ComposeIncludeTest, IncludedServicesJoinWithPathsRelativeToTheirFile) {
  testing::TempDir dir;
  Write(dir / "compose-foo.yml", R"(
services:
  foo:
    build:
      context: .
      target: buildfoo
    ports:
      - 3306:3306
)");
  Write(dir / "lib/compose.yaml", R"(
services:
  lib:
    build:
      dockerfile: lib.Dockerfile
      secrets: [token]
      additional_contexts: {up: .., other: "service:foo"}
    env_file: lib.env
    image: lib
  db:
    image: postgres
secrets:
  token:
    file: ./token.txt
)");
  Write(dir / "lib/lib.env", "X=1\n");
  Write(dir / "compose.yaml", R"(
include:
  - compose-foo.yml
  - path: lib/compose.yaml
services:
  bar:
    build:
      context: .
      target: buildbar
)");
  Config c = Read(dir.path());
  ASSERT_EQ(c.targets.size(), 3u);
  EXPECT_EQ(Find(c, "bar").target, "buildbar");
  EXPECT_EQ(Find(c, "foo").target, "buildfoo");
  EXPECT_EQ(Find(c, "foo").context, ".");
  const Target& lib = Find(c, "lib");
  EXPECT_EQ(lib.context, "lib");
  EXPECT_EQ(lib.dockerfile, "lib.Dockerfile");
  EXPECT_EQ(lib.contexts, (Contexts{{"other", "target:foo"}, {"up", "."}}));
  EXPECT_EQ(lib.secrets, Strings{"id=token,src=lib/token.txt"});
}

TEST(ComposeIncludeTest, LongFormProjectDirectoryAndEnvFile) {
  testing::TempDir dir;
  Write(dir / "custom.env", "VERSION=1.2\nTARGET=release\n");
  Write(dir / "module/compose.yaml", R"(
services:
  module:
    image: example/module:${VERSION}
    build:
      target: ${TARGET}
      args: [VERSION, FLAVOUR]
      context: src
    environment: [VERSION]
)");
  Write(dir / "other/.env", "FLAVOUR=from-dotenv\n");
  Write(dir / "other/compose.yaml", R"(
services:
  other:
    build:
      args: {FLAVOUR: $FLAVOUR}
)");
  Write(dir / "compose.yaml", R"(
include:
  - path: [module/compose.yaml]
    project_directory: base
    env_file: ./custom.env
  - path: other/compose.yaml
services:
  main:
    image: example/main:${VERSION:-unset}
    build: .
)");
  auto config = ReadFile(dir.path(), "compose.yaml", Options(dir.path(), {{"TARGET", "from-env"}}));
  ASSERT_TRUE(config) << config.error().What();
  const Target& module = Find(*config, "module");
  EXPECT_EQ(module.context, "base/src");
  EXPECT_EQ(module.tags, Strings{"example/module:1.2"});
  EXPECT_EQ(module.target,
            "from-env");  // the environment wins over the include's env_file
  // A bare arg takes the service's environment, whose bare entries the include's variables resolve
  // (compose-go's ResolveEnvironment), not the include's variables themselves.
  EXPECT_EQ(module.args, (NullableMap{{"VERSION", "1.2"}}));
  EXPECT_EQ(Find(*config, "other").args, (NullableMap{{"FLAVOUR", "from-dotenv"}}));
  EXPECT_EQ(Find(*config, "other").context, "other");
  // The include's variables are its own.
  EXPECT_EQ(Find(*config, "main").tags, Strings{"example/main:unset"});
}

TEST(ComposeIncludeTest, IncluderRedefinesAndExtendsIncludedServices) {
  testing::TempDir dir;
  Write(dir / "sub/compose.yaml", R"(
services:
  app:
    build:
      context: ./app
      args: {A: included, B: included}
      tags: [example/app:included]
  tool:
    build: ./tool
)");
  Write(dir / "compose.yaml", R"(
include: [sub/compose.yaml]
services:
  app:
    build:
      args: {B: includer}
  tool2:
    extends: tool
    build:
      target: t2
)");
  Config c = Read(dir.path());
  const Target& app = Find(c, "app");
  EXPECT_EQ(app.context, "sub/app");
  EXPECT_EQ(app.args, (NullableMap{{"A", "included"}, {"B", "includer"}}));
  EXPECT_EQ(app.tags, Strings{"example/app:included"});
  EXPECT_EQ(Find(c, "tool2").context, "sub/tool");
  EXPECT_EQ(Find(c, "tool2").target, "t2");
}

TEST(ComposeIncludeTest, NestedIncludesAndExtendsInsideThem) {
  testing::TempDir dir;
  Write(dir / "a/compose.yaml", "include:\n  - b/compose.yaml\n");
  Write(dir / "a/b/compose.yaml", R"(
include:
  - project_directory: .
    path: dir/included.yaml
services:
  deep:
    extends: {file: dir/extended.yaml, service: extended}
)");
  Write(dir / "a/b/dir/included.yaml", R"(
services:
  included:
    extends:
      file: dir/extended.yaml
      service: extended
)");
  Write(dir / "a/b/dir/extended.yaml",
        "services:\n  extended:\n    build: ctx\n    image: alpine\n");
  Write(dir / "compose.yaml", "include: [a/compose.yaml]\n");
  Config c = Read(dir.path());
  EXPECT_EQ(Find(c, "included").context, "a/b/dir/ctx");
  EXPECT_EQ(Find(c, "included").tags, Strings{"alpine"});
  EXPECT_EQ(Find(c, "deep").context, "a/b/dir/ctx");

  ComposeOptions options = Options(dir.path());
  options.file_relative_paths = true;
  Write(dir / "proj/compose.yaml", "include: [../a/compose.yaml]\n");
  auto relative = ReadFile(dir.path(), "proj/compose.yaml", options);
  ASSERT_TRUE(relative) << relative.error().What();
  EXPECT_EQ(Find(*relative, "deep").context, "a/b/dir/ctx");
}

TEST(ComposeIncludeTest, CyclesDepthAndFanOutAreErrors) {
  testing::TempDir dir;
  Write(dir / "compose.yaml", "include: [sub/compose.yaml]\nservices:\n  a:\n    build: .\n");
  Write(dir / "sub/compose.yaml", "include: [../compose.yaml]\n");
  std::string error = ReadError(dir.path());
  EXPECT_TRUE(Contains(error,
                       "sub/compose.yaml:1:11: include cycle: compose.yaml includes "
                       "sub/compose.yaml includes compose.yaml"))
      << error;

  for (int i = 0; i < 40; ++i)
    Write(dir / fmt::format("d{}.yaml", i), fmt::format("include: [d{}.yaml]\n", i + 1));
  Write(dir / "d40.yaml", "services:\n  a:\n    build: .\n");
  error = ReadError(dir.path(), "d0.yaml");
  EXPECT_TRUE(Contains(error, "includes nested deeper than 32 files")) << error;

  for (int i = 0; i < 12; ++i) {
    Write(dir / fmt::format("f{}.yaml", i),
          fmt::format("include: [f{0}.yaml, f{0}.yaml]\n", i + 1));
  }
  Write(dir / "f12.yaml", "secrets:\n  s:\n    file: s\n");
  error = ReadError(dir.path(), "f0.yaml");
  EXPECT_TRUE(Contains(error, "more than 1024 included or extended files")) << error;
}

TEST(ComposeIncludeTest, MalformedIncludesAreLocatedErrors) {
  struct Case {
    const char* yaml;
    const char* error;
  };
  const Case cases[] = {
      {"include: other.yaml\n", "compose.yaml:1:10: include must be a list, not a scalar"},
      {"include: [gone.yaml]\n", "compose.yaml:1:11: gone.yaml: no such file"},
      {"include:\n  - path: [x.yaml]\n    wrong: 1\n",
       "compose.yaml:3:12: include: unknown key 'wrong'"},
      {"include:\n  - project_directory: .\n", "include entry without a path"},
      {"include:\n  - {path: [[a]]}\n", "include.path entries must be paths"},
      {"include:\n  - path: x.yaml\n    env_file: missing.env\n",
       "compose.yaml:3:15: missing.env: no such file"},
  };
  testing::TempDir dir;
  Write(dir / "x.yaml", "services:\n  x:\n    build: .\n");
  for (const Case& c : cases) {
    Write(dir / "compose.yaml", c.yaml);
    std::string error = ReadError(dir.path());
    EXPECT_TRUE(Contains(error, c.error)) << c.yaml << " gave: " << error;
  }
}

}  // namespace
}  // namespace manifold::bake
