// Named contexts: which FROM / COPY --from / RUN --mount=from names they replace, and with what.
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"

namespace manifold::frontend::dockerfile {
namespace {

const image::Platform kAmd64{"linux", "amd64", "", "", {}};
const image::Platform kArm64{"linux", "arm64", "", "", {}};

// A resolver that records what it was asked and answers with a config naming the image and
// platform, so a test can see which image a stage started from.
struct Resolver {
  std::vector<std::string> asked;
  ImageResolver Fn() {
    return [this](std::string_view name, const image::Platform& p) -> util::Result<ResolvedBaseImage> {
      asked.push_back(std::string(name) + " " + p.architecture);
      ResolvedBaseImage out;
      out.reference = std::string(name) + "@sha256:" + std::string(64, p.architecture == "arm64" ? 'b' : 'a');
      out.config.platform = p;
      out.config.config.env = {"PATH=/bin", "FROM_IMAGE=" + std::string(name)};
      return out;
    };
  }
};

NamedContext Dir(std::string local, std::vector<std::string> excludes = {}) {
  NamedContext c;
  c.kind = NamedContext::Kind::kLocal;
  c.local_name = std::move(local);
  c.excludes = std::move(excludes);
  return c;
}

NamedContext Image(std::string ref) {
  NamedContext c;
  c.kind = NamedContext::Kind::kImage;
  c.image = std::move(ref);
  return c;
}

LowerOptions Options(Resolver& resolver, std::vector<image::Platform> targets = {kAmd64}) {
  LowerOptions options;
  options.targets = std::move(targets);
  options.build_platform = kAmd64;
  options.source_date_epoch = 1700000000;
  options.resolve_image = resolver.Fn();
  // The builder's key is the familiar reference without ":latest"; this one knows just enough.
  options.context_key = [](std::string_view name) -> std::optional<std::string> {
    std::string s(name);
    if (s.starts_with("docker.io/library/")) s = s.substr(18);
    if (s.ends_with(":latest")) s.resize(s.size() - 7);
    if (s.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) return std::nullopt;
    return s;
  };
  return options;
}

std::vector<PlatformBuild> MustLower(const std::string& text, const LowerOptions& options) {
  auto parsed = Parse(text, "Dockerfile");
  EXPECT_TRUE(parsed.has_value());
  if (!parsed) return {};
  auto builds = Lower(*parsed, options);
  EXPECT_TRUE(builds.has_value()) << (builds ? "" : builds.error().What());
  return builds ? std::move(*builds) : std::vector<PlatformBuild>{};
}

const graph::SourceOp* SourceOf(const graph::VertexRef& v) {
  return v ? std::get_if<graph::SourceOp>(&v->op()) : nullptr;
}

std::string Env(const image::ImageConfig& config, const std::string& name) {
  for (const auto& e : config.config.env) {
    if (e.starts_with(name + "=")) return e.substr(name.size() + 1);
  }
  return "<unset>";
}

TEST(NamedContexts, CopyFromReadsTheDirectoryAsALocalSourceWithItsOwnIgnorePatterns) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["src"] = Dir("context:src", {"*.log"});
  auto builds = MustLower("FROM scratch\nCOPY --from=src /a /a\nCOPY b /b\n", options);
  ASSERT_EQ(builds.size(), 1u);
  const auto& second = builds[0].root;  // COPY b: reads the build context
  const auto& first = second->inputs()[0];
  const auto* named = SourceOf(first->inputs()[1]);
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->kind, graph::SourceOp::Kind::kLocal);
  EXPECT_EQ(named->identifier, "context:src");
  EXPECT_EQ(named->exclude_patterns, std::vector<std::string>{"*.log"});
  EXPECT_EQ(first->inputs()[1]->name(), "[context src] load from client");
  EXPECT_EQ(SourceOf(second->inputs()[1])->identifier, "context");
  EXPECT_TRUE(resolver.asked.empty());
}

TEST(NamedContexts, DirectoryAsFromIsItsFilesCopiedIntoAnEmptyImage) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["rootfs"] = Dir("context:rootfs");
  auto builds = MustLower("FROM rootfs\nENV A=1\n", options);
  ASSERT_EQ(builds.size(), 1u);
  const auto* file = std::get_if<graph::FileOp>(&builds[0].root->op());
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(std::get<graph::CopyAction>(file->actions.at(0)).source_path, "/");
  EXPECT_EQ(builds[0].root->inputs()[0], nullptr);
  EXPECT_EQ(SourceOf(builds[0].root->inputs()[1])->identifier, "context:rootfs");
  EXPECT_EQ(Env(builds[0].config, "A"), "1");
  EXPECT_NE(Env(builds[0].config, "PATH"), "<unset>");
  // One layer, one history entry with a layer: the exporter pairs them.
  int layers = 0;
  for (const auto& h : builds[0].config.history) layers += h.empty_layer ? 0 : 1;
  EXPECT_EQ(layers, 1);
  EXPECT_TRUE(resolver.asked.empty());
}

TEST(NamedContexts, BuildContextIsTheOtherBuildsResultOfTheSamePlatformWithItsConfig) {
  // bake's `contexts = { base = "target:base" }`: the base target lowered first, then used.
  Resolver resolver;
  auto base_options = Options(resolver, {kAmd64, kArm64});
  auto base = MustLower("FROM scratch\nCOPY deps /deps\nENV FROM_BASE=yes\n", base_options);
  ASSERT_EQ(base.size(), 2u);
  NamedContext link;
  link.kind = NamedContext::Kind::kBuild;
  link.builds = base;
  auto options = Options(resolver, {kAmd64, kArm64});
  options.named_contexts["base"] = link;
  auto builds = MustLower("FROM base\nCOPY app /app\n", options);
  ASSERT_EQ(builds.size(), 2u);
  for (size_t i = 0; i < builds.size(); ++i) {
    EXPECT_EQ(builds[i].root->inputs()[0], base[i].root);
    EXPECT_EQ(Env(builds[i].config, "FROM_BASE"), "yes");
    EXPECT_EQ(builds[i].config.platform, builds[i].platform);
  }
  EXPECT_TRUE(resolver.asked.empty());

  // A build for one platform serves every platform; two others serve neither.
  link.builds = {base[1]};
  options.named_contexts["base"] = link;
  auto one = MustLower("FROM base\nCOPY app /app\n", options);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0].root->inputs()[0], base[1].root);
  options.targets = {image::Platform{"linux", "arm", "v7", "", {}}};
  link.builds = base;
  options.named_contexts["base"] = link;
  auto parsed = Parse("FROM base\nCOPY app /app\n", "Dockerfile");
  ASSERT_TRUE(parsed);
  auto refused = Lower(*parsed, options);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().What().find("context base is a build for linux/amd64, linux/arm64, not for linux/arm/v7"),
            std::string::npos)
      << refused.error().What();
}

TEST(NamedContexts, ImageContextReplacesFromPerPlatformWithItsConfig) {
  Resolver resolver;
  auto options = Options(resolver, {kAmd64, kArm64});
  options.named_contexts["base"] = Image("localhost:5000/other:tag");
  auto builds = MustLower("FROM base\nRUN true\n", options);
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(resolver.asked, (std::vector<std::string>{"localhost:5000/other:tag amd64", "localhost:5000/other:tag arm64"}));
  for (const auto& b : builds) {
    const auto* source = SourceOf(b.root->inputs()[0]);
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->kind, graph::SourceOp::Kind::kImage);
    EXPECT_EQ(source->platform, b.platform);
    EXPECT_TRUE(source->identifier.starts_with("localhost:5000/other:tag@sha256:"));
    EXPECT_EQ(Env(b.config, "FROM_IMAGE"), "localhost:5000/other:tag");
  }
  EXPECT_NE(builds[0].root->digest(), builds[1].root->digest());
}

TEST(NamedContexts, NamesMatchInFamiliarFormWithoutLatest) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["alpine"] = Image("localhost:5000/pinned:1");
  for (const char* from : {"alpine", "alpine:latest", "docker.io/library/alpine"}) {
    resolver.asked.clear();
    MustLower(std::string("FROM ") + from + "\n", options);
    EXPECT_EQ(resolver.asked, std::vector<std::string>{"localhost:5000/pinned:1 amd64"}) << from;
  }
  resolver.asked.clear();
  MustLower("FROM alpine:3.18\n", options);
  EXPECT_EQ(resolver.asked, std::vector<std::string>{"alpine:3.18 amd64"});
}

TEST(NamedContexts, AContextReplacesAStageOfTheSameNameWhole) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["base"] = Dir("context:base");
  auto builds = MustLower("FROM busybox AS base\nRUN exit 1\nFROM base\nENV B=2\n"
                          "FROM scratch\nCOPY --from=0 /x /x\n",
                          options);
  ASSERT_EQ(builds.size(), 1u);
  // The busybox stage is never lowered: no image resolved, no RUN anywhere.
  EXPECT_TRUE(resolver.asked.empty());
  const auto& copy = builds[0].root;
  EXPECT_EQ(SourceOf(copy->inputs()[1])->identifier, "context:base");
  // --target of a replaced stage builds the context.
  options.target_stage = "base";
  auto target = MustLower("FROM busybox AS base\nRUN exit 1\nFROM base\n", options);
  ASSERT_EQ(target.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<graph::FileOp>(target[0].root->op()));
}

TEST(NamedContexts, RunMountFromADirectoryMountsItAsAFilesystem) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["src"] = Dir("context:src");
  auto builds = MustLower("FROM scratch\nRUN --mount=from=src,target=/src [\"/src/x\"]\n", options);
  ASSERT_EQ(builds.size(), 1u);
  const auto& exec = std::get<graph::ExecOp>(builds[0].root->op());
  ASSERT_EQ(exec.mounts.size(), 1u);
  const auto& mounted = builds[0].root->inputs()[static_cast<size_t>(exec.mounts[0].input)];
  ASSERT_TRUE(std::holds_alternative<graph::FileOp>(mounted->op()));
  EXPECT_EQ(SourceOf(mounted->inputs()[1])->identifier, "context:src");
}

TEST(NamedContexts, ScratchAndContextAreNeverReplaced) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["scratch"] = Image("localhost:5000/not-empty:1");
  options.named_contexts["context"] = Dir("context:context");
  auto builds = MustLower("FROM scratch\nCOPY --from=context /a /a\n", options);
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_EQ(builds[0].root->inputs()[0], nullptr);
  // --from=context is an image named "context" as before: the resolver was asked for it.
  EXPECT_EQ(resolver.asked, std::vector<std::string>{"context amd64"});
}

TEST(NamedContexts, DockerImageScratchIsAnEmptyFilesystem) {
  Resolver resolver;
  auto options = Options(resolver);
  options.named_contexts["base"] = Image("scratch");
  auto builds = MustLower("FROM base\nENV A=1\n", options);
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_EQ(builds[0].root, nullptr);
  EXPECT_TRUE(resolver.asked.empty());
}

TEST(NamedContexts, ADirectoryIsOneVertexForEveryPlatform) {
  Resolver resolver;
  auto options = Options(resolver, {kAmd64, kArm64});
  options.named_contexts["src"] = Dir("context:src");
  auto builds = MustLower("FROM scratch\nCOPY --from=src / /\n", options);
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(builds[0].root->inputs()[1]->digest(), builds[1].root->inputs()[1]->digest());
  // Another directory name is another source: the key is part of the digest.
  auto other = options;
  other.named_contexts["src"] = Dir("context:other");
  auto moved = MustLower("FROM scratch\nCOPY --from=src / /\n", other);
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_NE(moved[0].root->inputs()[1]->digest(), builds[0].root->inputs()[1]->digest());
}

// The prefetch hint names the images every target platform starts from, before the resolver is
// asked for them; not those of a FROM --platform (one platform, whatever the target), stages,
// scratch, or names a --build-context replaces.
TEST(PrefetchHint, NamesTheFromImagesThatFollowTheTarget) {
  Resolver resolver;
  LowerOptions options = Options(resolver, {kAmd64, kArm64});
  options.prefetch_image = [&resolver](std::string_view image) { resolver.asked.push_back("hint " + std::string(image)); };
  options.named_contexts["replaced"] = Image("docker-image://other");
  MustLower(
      "FROM --platform=$BUILDPLATFORM tools AS build\n"
      "FROM replaced AS side\n"
      "FROM scratch AS empty\n"
      "FROM alpine AS base\n"
      "COPY --from=build /x /x\n"
      "COPY --from=side /y /y\n"
      "COPY --from=empty / /\n"
      "FROM base\n",
      options);
  std::set<std::string> hints;
  for (size_t i = 0; i < resolver.asked.size(); ++i) {
    if (!resolver.asked[i].starts_with("hint ")) continue;
    hints.insert(resolver.asked[i]);
    ASSERT_LT(i + 1, resolver.asked.size());
    EXPECT_EQ(resolver.asked[i + 1].substr(0, resolver.asked[i + 1].find(' ')), resolver.asked[i].substr(5))
        << "the hint comes right before the resolver is asked for the same image";
  }
  EXPECT_EQ(hints, (std::set<std::string>{"hint alpine"})) << ::testing::PrintToString(resolver.asked);
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
