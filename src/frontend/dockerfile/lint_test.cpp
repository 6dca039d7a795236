// Lint rules: each fires on its classic mistake, names the line, and stays quiet otherwise.
#include "frontend/dockerfile/lint.hpp"

#include <gtest/gtest.h>

#include "frontend/dockerfile/outline.hpp"
#include "frontend/dockerfile/parser.hpp"

namespace manifold::frontend::dockerfile {
namespace {

std::vector<LintFinding> LintText(std::string_view text, CheckOptions options = {}) {
  auto parsed = Parse(text, "Dockerfile");
  EXPECT_TRUE(parsed) << parsed.error().What();
  return parsed ? Lint(*parsed, options) : std::vector<LintFinding>{};
}

std::vector<std::string> Rules(const std::vector<LintFinding>& findings) {
  std::vector<std::string> rules;
  for (const auto& f : findings) rules.push_back(f.rule + "@" + std::to_string(f.start_line));
  return rules;
}

TEST(Lint, ACleanDockerfileHasNoFindings) {
  EXPECT_TRUE(LintText("ARG BASE=busybox\nFROM $BASE AS build\nWORKDIR /src\nENV A=1\nRUN true\n"
                       "FROM --platform=$BUILDPLATFORM busybox AS tools\nEXPOSE 80/tcp\nCMD [\"sh\"]\n")
                  .empty());
}

TEST(Lint, EachRuleFiresOnItsMistake) {
  const char* text =
      "FROM busybox as Build\n"                 // 1: FromAsCasing, StageNameCasing
      "MAINTAINER me\n"                         // 2: MaintainerDeprecated
      "ENV PATH /bin\n"                         // 3: LegacyKeyValueFormat
      "ARG API_TOKEN\n"                         // 4: SecretsUsedInArgOrEnv
      "WORKDIR app\n"                           // 5: WorkdirRelativePath
      "CMD echo one\n"                          // 6: JSONArgsRecommended
      "CMD [\"two\"]\n"                         // 7: MultipleInstructionsDisallowed
      "EXPOSE 53/UDP\n"                         // 8: ExposeProtoCasing
      "FROM --platform=linux/amd64 $NOPE AS build\n"  // 9: UndefinedArgInFrom, FromPlatformFlagConst, Duplicate
      "FROM --platform=$TARGETPLATFORM busybox AS scratch\n"  // 10: RedundantTargetPlatform, ReservedStageName
      "run true\n";                              // 11: ConsistentInstructionCasing
  auto rules = Rules(LintText(text));
  for (const char* want :
       {"FromAsCasing@1", "StageNameCasing@1", "MaintainerDeprecated@2", "LegacyKeyValueFormat@3",
        "SecretsUsedInArgOrEnv@4", "WorkdirRelativePath@5", "JSONArgsRecommended@6",
        "MultipleInstructionsDisallowed@7", "ExposeProtoCasing@8", "UndefinedArgInFrom@9",
        "FromPlatformFlagConstDisallowed@9", "DuplicateStageName@9", "RedundantTargetPlatform@10",
        "ReservedStageName@10", "ConsistentInstructionCasing@11"}) {
    EXPECT_NE(std::find(rules.begin(), rules.end(), want), rules.end()) << want;
  }
}

TEST(Lint, SkippedRulesAndSkipAllAreQuiet) {
  const char* text = "FROM busybox as base\nMAINTAINER me\n";
  CheckOptions skip;
  skip.skip = {"FromAsCasing"};
  EXPECT_EQ(Rules(LintText(text, skip)), std::vector<std::string>{"MaintainerDeprecated@2"});
  CheckOptions all;
  all.skip_all = true;
  EXPECT_TRUE(LintText(text, all).empty());
}

TEST(Lint, MessagesAndLinksAreBuildKits) {
  auto findings = LintText("FROM busybox as base\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "'as' and 'FROM' keywords' casing do not match");
  EXPECT_EQ(findings[0].url, "https://docs.docker.com/go/dockerfile/rule/from-as-casing/");
  EXPECT_EQ(LintRuleUrl("JSONArgsRecommended"), "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/");
}

TEST(Outline, TargetsArgsAndSecretsWithTheirComments) {
  const char* text =
      "# GO_VERSION sets the toolchain\n"
      "ARG GO_VERSION=1.19\n"
      "# build compiles the program\n"
      "FROM busybox AS build\n"
      "ARG DEBUG\n"
      "RUN --mount=type=secret,id=npmrc,required=true --mount=type=ssh true\n"
      "FROM busybox AS unused\n"
      "ARG NOT_READ=1\n"
      "# release is the image\n"
      "FROM busybox AS release\n"
      "COPY --from=build /x /x\n";
  auto parsed = Parse(text, "Dockerfile");
  ASSERT_TRUE(parsed);
  auto targets = ListTargets(*parsed, text);
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_EQ(targets[0].name, "build");
  EXPECT_EQ(targets[0].description, "compiles the program");
  EXPECT_TRUE(targets[2].is_default);
  auto outline = Outline(*parsed, text, "", {{"DEBUG", "1"}});
  ASSERT_TRUE(outline) << outline.error().What();
  EXPECT_EQ(outline->target, "release");
  ASSERT_EQ(outline->args.size(), 2u);
  EXPECT_EQ(outline->args[0].name, "GO_VERSION");
  EXPECT_EQ(outline->args[0].value, "1.19");
  EXPECT_EQ(outline->args[0].description, "sets the toolchain");
  EXPECT_EQ(outline->args[1].value, "1");
  ASSERT_EQ(outline->secrets.size(), 1u);
  EXPECT_EQ(outline->secrets[0].id, "npmrc");
  EXPECT_TRUE(outline->secrets[0].required);
  ASSERT_EQ(outline->ssh.size(), 1u);
  EXPECT_FALSE(Outline(*parsed, text, "nosuch", {}));
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
