// Lower: per-platform args and their scoping, stage selection, COPY path rules, config and history.
#include "frontend/dockerfile/lower.hpp"

#include <set>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "frontend/dockerfile/parser.hpp"

namespace manifold::frontend::dockerfile {
namespace {

const image::Platform kAmd64{"linux", "amd64", "", "", {}};
const image::Platform kArm64{"linux", "arm64", "", "", {}};
const image::Platform kArmV7{"linux", "arm", "v7", "", {}};

LowerOptions Options(std::vector<image::Platform> targets) {
  LowerOptions options;
  options.targets = std::move(targets);
  options.build_platform = kAmd64;
  options.source_date_epoch = 1700000000;
  return options;
}

util::Result<std::vector<PlatformBuild>> LowerText(const std::string& text, const LowerOptions& options) {
  auto parsed = Parse(text, "Dockerfile");
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return Lower(*parsed, options);
}

std::vector<PlatformBuild> MustLower(const std::string& text, const LowerOptions& options) {
  auto builds = LowerText(text, options);
  EXPECT_TRUE(builds.has_value()) << (builds ? "" : builds.error().What());
  return builds ? std::move(*builds) : std::vector<PlatformBuild>{};
}

/// The value of `name` in the config's env; "<unset>" when absent.
std::string Env(const image::ImageConfig& config, const std::string& name) {
  for (const auto& entry : config.config.env) {
    if (entry.starts_with(name + "=")) return entry.substr(name.size() + 1);
  }
  return "<unset>";
}

const graph::FileOp& FileOpOf(const graph::VertexRef& v) {
  EXPECT_NE(v, nullptr);
  return std::get<graph::FileOp>(v->op());
}

const graph::CopyAction& CopyAt(const graph::VertexRef& v, size_t i) {
  const auto& op = FileOpOf(v);
  EXPECT_LT(i, op.actions.size());
  return std::get<graph::CopyAction>(op.actions.at(i));
}

TEST(LowerArgs, AutomaticPlatformArgsPerTarget) {
  auto builds = MustLower(
      "FROM scratch\n"
      "ARG TARGETARCH\nARG TARGETVARIANT\nARG TARGETPLATFORM\nARG BUILDPLATFORM\nARG BUILDARCH\n"
      "ENV A=$TARGETARCH V=x$TARGETVARIANT P=$TARGETPLATFORM B=$BUILDPLATFORM BA=$BUILDARCH\n",
      Options({kAmd64, kArm64, kArmV7}));
  ASSERT_EQ(builds.size(), 3u);
  EXPECT_EQ(Env(builds[0].config, "A"), "amd64");
  EXPECT_EQ(Env(builds[1].config, "A"), "arm64");
  EXPECT_EQ(Env(builds[2].config, "A"), "arm");
  EXPECT_EQ(Env(builds[0].config, "V"), "x");
  EXPECT_EQ(Env(builds[2].config, "V"), "xv7");
  EXPECT_EQ(Env(builds[1].config, "P"), "linux/arm64");
  EXPECT_EQ(Env(builds[2].config, "P"), "linux/arm/v7");
  for (const auto& b : builds) {
    EXPECT_EQ(Env(b.config, "B"), "linux/amd64");
    EXPECT_EQ(Env(b.config, "BA"), "amd64");
  }
  EXPECT_EQ(builds[2].config.platform, kArmV7);
}

TEST(LowerArgs, StageSeesPlatformArgsOnlyAfterDeclaringThem) {
  auto builds = MustLower("FROM scratch\nENV BEFORE=x$TARGETARCH\nARG TARGETARCH\nENV AFTER=x$TARGETARCH\n",
                          Options({kArm64}));
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_EQ(Env(builds[0].config, "BEFORE"), "x");
  EXPECT_EQ(Env(builds[0].config, "AFTER"), "xarm64");
}

TEST(LowerArgs, GlobalArgsServeFromOnly) {
  // A global ARG (and the automatic ones) expand in FROM, but a stage sees them only when it
  // declares them again.
  auto builds = MustLower(
      "ARG FLAVOR=b\n"
      "FROM scratch AS base-amd64\nENV WHO=amd\n"
      "FROM scratch AS base-arm64\nENV WHO=arm\n"
      "FROM base-$TARGETARCH\nENV F=x$FLAVOR\n"
      "FROM base-$TARGETARCH AS final\nARG FLAVOR\nENV F=x$FLAVOR\n",
      Options({kAmd64, kArm64}));
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(Env(builds[0].config, "WHO"), "amd");
  EXPECT_EQ(Env(builds[1].config, "WHO"), "arm");
  EXPECT_EQ(Env(builds[0].config, "F"), "xb");

  // The unnamed stage did not redeclare FLAVOR.
  auto unnamed = MustLower(
      "ARG FLAVOR=b\n"
      "FROM scratch AS base-amd64\nENV WHO=amd\n"
      "FROM scratch AS base-arm64\nENV WHO=arm\n"
      "FROM base-$TARGETARCH\nENV F=x$FLAVOR\n"
      "FROM scratch\n",
      [&] { auto o = Options({kAmd64}); o.target_stage = "2"; return o; }());
  ASSERT_EQ(unnamed.size(), 1u);
  EXPECT_EQ(Env(unnamed[0].config, "F"), "x");
  EXPECT_EQ(Env(unnamed[0].config, "WHO"), "amd");
}

TEST(LowerArgs, BuildArgOverridesDefaultAndUnsetStaysEmpty) {
  const std::string text = "FROM scratch\nARG V=default\nARG U\nENV V=$V U=x$U\n";
  auto plain = MustLower(text, Options({kAmd64}));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(Env(plain[0].config, "V"), "default");
  EXPECT_EQ(Env(plain[0].config, "U"), "x");

  LowerOptions options = Options({kAmd64});
  options.build_args = {{"V", "cli"}, {"U", "given"}};
  auto overridden = MustLower(text, options);
  ASSERT_EQ(overridden.size(), 1u);
  EXPECT_EQ(Env(overridden[0].config, "V"), "cli");
  EXPECT_EQ(Env(overridden[0].config, "U"), "xgiven");
}

TEST(LowerSharing, PlatformFreeStageHasOneDigestAndTargetArchSplitsIt) {
  auto same = MustLower("FROM scratch\nCOPY a /a\n", Options({kAmd64, kArm64}));
  ASSERT_EQ(same.size(), 2u);
  ASSERT_NE(same[0].root, nullptr);
  EXPECT_EQ(same[0].root->digest(), same[1].root->digest());
  EXPECT_EQ(same[0].root->platform(), "linux/amd64");
  EXPECT_EQ(same[1].root->platform(), "linux/arm64");

  auto split = MustLower("FROM scratch\nARG TARGETARCH\nCOPY bin-$TARGETARCH /app\n", Options({kAmd64, kArm64}));
  ASSERT_EQ(split.size(), 2u);
  ASSERT_NE(split[0].root, nullptr);
  EXPECT_NE(split[0].root->digest(), split[1].root->digest());
  EXPECT_EQ(CopyAt(split[0].root, 0).source_path, "bin-amd64");
  EXPECT_EQ(CopyAt(split[1].root, 0).source_path, "bin-arm64");
}

TEST(LowerSharing, FromBuildPlatformRunsOnTheBuildPlatformOnce) {
  const std::string text =
      "FROM --platform=$BUILDPLATFORM scratch AS build\nRUN make\n"
      "FROM scratch\nCOPY --from=build /out /out\n";
  auto builds = MustLower(text, Options({kAmd64, kArm64}));
  ASSERT_EQ(builds.size(), 2u);
  ASSERT_NE(builds[0].root, nullptr);
  const auto& exec_vertex = builds[1].root->inputs().at(1);
  ASSERT_NE(exec_vertex, nullptr);
  const auto& exec = std::get<graph::ExecOp>(exec_vertex->op());
  EXPECT_EQ(exec.platform, kAmd64);
  EXPECT_EQ(builds[0].root->digest(), builds[1].root->digest());
  EXPECT_EQ(builds[1].config.platform, kArm64);

  // Without --platform the stage runs per target: two different exec vertices.
  auto per_target = MustLower("FROM scratch AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /out\n",
                              Options({kAmd64, kArm64}));
  ASSERT_EQ(per_target.size(), 2u);
  const auto& arm_exec = std::get<graph::ExecOp>(per_target[1].root->inputs().at(1)->op());
  EXPECT_EQ(arm_exec.platform, kArm64);
  EXPECT_NE(per_target[0].root->digest(), per_target[1].root->digest());
}

TEST(LowerStages, TargetSelectsAStageAndUnneededStagesAreNotLowered) {
  const std::string text =
      "FROM scratch AS broken\nCOPY --bogus a /b\n"
      "FROM scratch AS good\nCOPY a /a\n"
      "FROM scratch\nCOPY --from=broken /b /b\n";
  auto whole = LowerText(text, Options({kAmd64}));
  ASSERT_FALSE(whole.has_value());
  EXPECT_NE(whole.error().What().find("unknown flag --bogus"), std::string::npos) << whole.error().What();
  ASSERT_TRUE(whole.error().location().has_value());

  LowerOptions options = Options({kAmd64});
  options.target_stage = "good";
  auto good = MustLower(text, options);
  ASSERT_EQ(good.size(), 1u);
  EXPECT_EQ(CopyAt(good[0].root, 0).dest_path, "/a");
  // Only the target stage's lineage: the first layer's base is scratch.
  EXPECT_EQ(good[0].root->inputs().at(0), nullptr);

  options.target_stage = "nope";
  auto missing = LowerText(text, options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().What().find("--target \"nope\""), std::string::npos) << missing.error().What();
  EXPECT_NE(missing.error().What().find("broken, good"), std::string::npos) << missing.error().What();
}

TEST(LowerStages, UnknownOrLaterStageIsALocatedError) {
  auto unknown = LowerText("FROM scratch\nCOPY --from=nope a /b\n", Options({kAmd64}));
  ASSERT_FALSE(unknown.has_value());
  // A name that is no stage is an image; without a resolver the build says it cannot pull one.
  EXPECT_NE(unknown.error().What().find("nope is not a stage of this Dockerfile"), std::string::npos)
      << unknown.error().What();
  ASSERT_TRUE(unknown.error().location().has_value());
  EXPECT_NE(unknown.error().What().find("Dockerfile:2"), std::string::npos) << unknown.error().What();

  LowerOptions first = Options({kAmd64});
  first.target_stage = "0";
  auto later = LowerText("FROM scratch\nCOPY --from=b x /y\nFROM scratch AS b\n", first);
  ASSERT_FALSE(later.has_value());
  EXPECT_NE(later.error().What().find("refers to a later stage"), std::string::npos) << later.error().What();

  // Copying from the stage being built is a cycle, and says so (it used to say "a later stage").
  auto self = LowerText("FROM scratch AS a\nCOPY --from=a x /y\n", Options({kAmd64}));
  ASSERT_FALSE(self.has_value());
  EXPECT_NE(self.error().What().find("Dockerfile:2"), std::string::npos) << self.error().What();
  EXPECT_NE(self.error().What().find("stage a cannot use itself"), std::string::npos) << self.error().What();

  // FROM a AS a names an image "a" (only earlier stages are bases), not the stage itself.
  auto self_from = LowerText("FROM scratch\nFROM a AS a\n", Options({kAmd64}));
  ASSERT_FALSE(self_from.has_value());
  EXPECT_NE(self_from.error().What().find("Dockerfile:2"), std::string::npos) << self_from.error().What();
  EXPECT_NE(self_from.error().What().find("a is not a stage of this Dockerfile, and this build cannot pull images"),
            std::string::npos)
      << self_from.error().What();
}

TEST(LowerCopy, SourcesDestinationsAndFlags) {
  auto builds = MustLower(
      "FROM scratch AS build\nCOPY x /x\n"
      "FROM scratch\n"
      "WORKDIR /w\n"
      "COPY a b /dir/\n"
      "COPY --chown=1000:2000 --chmod=755 f /file\n"
      "COPY rel sub/\n"
      "COPY dot .\n"
      "COPY --from=build --link /x /from-build\n",
      Options({kAmd64}));
  ASSERT_EQ(builds.size(), 1u);
  graph::VertexRef v = builds[0].root;
  ASSERT_NE(v, nullptr);
  // Walk back from the last layer: from-build, dot, rel, chown, multi, workdir.
  const auto& from_build = FileOpOf(v);
  EXPECT_TRUE(from_build.link);
  EXPECT_EQ(CopyAt(v, 0).dest_path, "/from-build");
  ASSERT_EQ(v->inputs().size(), 2u);
  ASSERT_NE(v->inputs()[1], nullptr);
  EXPECT_EQ(CopyAt(v->inputs()[1], 0).dest_path, "/x");  // the build stage's state
  EXPECT_EQ(CopyAt(v, 0).attempt_unpack, false);

  v = v->inputs()[0];
  EXPECT_EQ(CopyAt(v, 0).dest_path, "/w/");
  v = v->inputs()[0];
  EXPECT_EQ(CopyAt(v, 0).dest_path, "/w/sub/");
  EXPECT_EQ(CopyAt(v, 0).source_path, "rel");
  ASSERT_EQ(v->inputs()[1]->op().index(), 0u);  // the context source
  EXPECT_EQ(std::get<graph::SourceOp>(v->inputs()[1]->op()).identifier, "context");

  v = v->inputs()[0];
  const auto& chown = CopyAt(v, 0);
  EXPECT_EQ(chown.dest_path, "/file");
  ASSERT_TRUE(chown.owner.has_value());
  EXPECT_EQ(chown.owner->user, "1000");
  EXPECT_EQ(chown.owner->group, "2000");
  EXPECT_EQ(chown.chmod, "755");
  EXPECT_FALSE(FileOpOf(v).link);

  v = v->inputs()[0];
  ASSERT_EQ(FileOpOf(v).actions.size(), 2u);
  EXPECT_EQ(CopyAt(v, 0).source_path, "a");
  EXPECT_EQ(CopyAt(v, 1).source_path, "b");
  EXPECT_EQ(CopyAt(v, 1).dest_path, "/dir/");
  EXPECT_FALSE(CopyAt(v, 0).owner.has_value());

  v = v->inputs()[0];
  const auto& mkdir = std::get<graph::MkdirAction>(FileOpOf(v).actions.at(0));
  EXPECT_EQ(mkdir.path, "/w");
  EXPECT_EQ(v->inputs()[0], nullptr);

  auto multi = LowerText("FROM scratch\nCOPY a b /notdir\n", Options({kAmd64}));
  ASSERT_FALSE(multi.has_value());
  EXPECT_NE(multi.error().What().find("must be a directory and end with a /"), std::string::npos);
}

TEST(LowerConfig, InstructionsShapeTheConfigAndHistory) {
  auto builds = MustLower(
      "FROM scratch\n"
      "WORKDIR /app\n"
      "ENV K=v\n"
      "USER app\n"
      "EXPOSE 80 53/udp\n"
      "LABEL a=b\n"
      "HEALTHCHECK --interval=5s --retries=2 CMD check it\n"
      "SHELL [\"/bin/bash\", \"-c\"]\n"
      "CMD echo hi\n"
      "COPY f /f\n",
      Options({kAmd64}));
  ASSERT_EQ(builds.size(), 1u);
  const image::ImageConfig& config = builds[0].config;
  EXPECT_EQ(config.config.working_dir, "/app");
  EXPECT_EQ(Env(config, "K"), "v");
  EXPECT_NE(Env(config, "PATH"), "<unset>");
  EXPECT_EQ(config.config.user, "app");
  EXPECT_EQ(config.config.exposed_ports, (std::set<std::string>{"80/tcp", "53/udp"}));
  EXPECT_EQ(config.config.labels.at("a"), "b");
  ASSERT_TRUE(config.config.healthcheck.has_value());
  EXPECT_EQ(config.config.healthcheck->test, (std::vector<std::string>{"CMD-SHELL", "check it"}));
  EXPECT_EQ(config.config.healthcheck->interval, 5'000'000'000);
  EXPECT_EQ(config.config.healthcheck->retries, 2);
  EXPECT_EQ(config.config.shell, (std::vector<std::string>{"/bin/bash", "-c"}));
  EXPECT_EQ(config.config.cmd, (std::vector<std::string>{"/bin/bash", "-c", "echo hi"}));

  // One history entry per instruction after FROM scratch; only WORKDIR and COPY make layers.
  ASSERT_EQ(config.history.size(), 9u);
  std::vector<bool> empty;
  for (const auto& h : config.history) {
    empty.push_back(h.empty_layer);
    EXPECT_EQ(h.created, "2023-11-14T22:13:20Z");
  }
  EXPECT_EQ(empty, (std::vector<bool>{false, true, true, true, true, true, true, true, false}));
  EXPECT_EQ(config.created, "2023-11-14T22:13:20Z");
  EXPECT_NE(config.history.back().created_by.find("COPY"), std::string::npos);
}

TEST(LowerConfig, CliLabelsJoinTheFinalImage) {
  LowerOptions options = Options({kAmd64, kArm64});
  options.labels = {{"org.example", "yes"}};
  auto builds = MustLower("FROM scratch\nLABEL org.example=no other=1\n", options);
  ASSERT_EQ(builds.size(), 2u);
  for (const auto& b : builds) {
    EXPECT_EQ(b.config.config.labels.at("org.example"), "yes");
    EXPECT_EQ(b.config.config.labels.at("other"), "1");
    EXPECT_EQ(b.root, nullptr);  // nothing but config: no files at all
  }
}

}  // namespace
}  // namespace manifold::frontend::dockerfile

namespace manifold::frontend::dockerfile {
namespace {

TEST(LowerCopy, AddOfAGitUrlIsAGitSource) {
  auto builds = MustLower("FROM scratch\nADD --keep-git-dir=true https://example.test/o/r.git#v1:sub /src/\n",
                          Options({kAmd64}));
  ASSERT_EQ(builds.size(), 1u);
  const graph::VertexRef& add = builds[0].root;
  ASSERT_EQ(add->inputs().size(), 3u);  // the base, the context, the git source
  const auto& git = std::get<graph::SourceOp>(add->inputs()[2]->op());
  EXPECT_EQ(git.kind, graph::SourceOp::Kind::kGit);
  EXPECT_EQ(git.identifier, "https://example.test/o/r.git#v1:sub");
  EXPECT_TRUE(git.keep_git_dir);
  EXPECT_EQ(add->inputs()[2]->name(), "[internal] load git source https://example.test/o/r.git#v1:sub");
  const auto& copy = CopyAt(add, 0);
  EXPECT_EQ(copy.source_input, 2);
  EXPECT_EQ(copy.source_path, "/");
  EXPECT_EQ(copy.dest_path, "/src/");

  auto plain = MustLower("FROM scratch\nADD git@example.test:o/r.git /g\n", Options({kAmd64}));
  ASSERT_EQ(plain.size(), 1u);
  const auto& scp = std::get<graph::SourceOp>(plain[0].root->inputs()[2]->op());
  EXPECT_EQ(scp.kind, graph::SourceOp::Kind::kGit);
  EXPECT_FALSE(scp.keep_git_dir);

  auto download = MustLower("FROM scratch\nADD https://example.test/file.tar /f\n", Options({kAmd64}));
  ASSERT_EQ(download.size(), 1u);
  EXPECT_EQ(std::get<graph::SourceOp>(download[0].root->inputs()[2]->op()).kind, graph::SourceOp::Kind::kHttp)
      << "no .git suffix: a download";

  EXPECT_FALSE(LowerText("FROM scratch\nCOPY git://example.test/r.git /g\n", Options({kAmd64})).has_value())
      << "COPY takes no URLs";
  EXPECT_FALSE(LowerText("FROM scratch\nADD --keep-git-dir=maybe https://example.test/r.git /g\n", Options({kAmd64}))
                   .has_value());
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
