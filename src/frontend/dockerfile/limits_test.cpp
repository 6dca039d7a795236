// The limits of limits.hpp: hostile Dockerfiles fail fast, with the limit named and nothing echoed.
#include "frontend/dockerfile/limits.hpp"

#include <chrono>
#include <fstream>
#include <stop_token>
#include <string>

#include <gtest/gtest.h>

#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "frontend/dockerfile/shell_lexer.hpp"
#include "frontend/dockerfile/shell_pattern.hpp"

namespace manifold::frontend::dockerfile {
namespace {

using Clock = std::chrono::steady_clock;

LowerOptions Options() {
  LowerOptions options;
  options.targets = {image::Platform{"linux", "amd64", "", "", {}}};
  options.build_platform = options.targets[0];
  options.source_date_epoch = 1700000000;
  return options;
}

util::Result<std::vector<PlatformBuild>> LowerText(const std::string& text,
                                                   const LowerOptions& options = Options()) {
  auto parsed = Parse(text, "Dockerfile");
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return Lower(*parsed, options);
}

bool Mentions(const util::Error& error, const std::string& needle) {
  return error.Describe().find(needle) != std::string::npos;
}

TEST(ParseLimits, ContinuationsPastTheInstructionLimitAreRefusedQuickly) {
  // 12 MiB of short continuation lines: 700 k physical lines joined into one instruction.
  std::string input = "RUN a";
  input.reserve(13 * kMiB);
  while (input.size() < 12 * kMiB) input += "\\\nbbbbbbbbbbbbbbb";
  input += "\n";
  const auto start = Clock::now();
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(parsed.error().What().starts_with("Dockerfile:1:1: instruction is more than 4194304 bytes"))
      << parsed.error().What();
  EXPECT_TRUE(Mentions(parsed.error(), "the limit is 4 MiB"));
  EXPECT_LT(parsed.error().Describe().size(), 1000u);
}

TEST(ParseLimits, AnInstructionJustUnderTheLimitIsAccepted) {
  std::string input = "RUN a";
  while (input.size() < 3 * kMiB) input += " \\\n" + std::string(1000, 'b');
  auto parsed = Parse(input + "\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
}

TEST(ParseLimits, FileOverTheLimitIsRefusedBeforeParsing) {
  std::string input(kMaxDockerfileBytes + 1, '\n');
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_TRUE(Mentions(parsed.error(), "the limit is 16777216 bytes (16 MiB)")) << parsed.error().What();
}

// The peak resident set of this process so far, in KiB.
long PeakKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return 0;
}

TEST(ParseLimits, MillionsOfEmptyLinesCostNoMemoryPerLine) {
  // 16 M lines: a table of them would take 256 MiB.
  std::string input(kMaxDockerfileBytes - 16, '\n');
  input += "FROM a\n";
  const long before = PeakKib();
  const auto start = Clock::now();
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(15));
  EXPECT_LT(PeakKib() - before, 64 * 1024);
}

TEST(ParseLimits, HeredocOverTheLimitIsRefused) {
  std::string input = "FROM a\nCOPY <<EOF /x\n";
  std::string line(1023, 'x');
  line += '\n';
  for (std::size_t i = 0; i < 5 * 1024; ++i) input += line;
  input += "EOF\n";
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_TRUE(parsed.error().What().starts_with("Dockerfile:2:1: heredoc \"EOF\" is more than 4194304 bytes"))
      << parsed.error().What();
}

TEST(ParseLimits, TooManyInstructions) {
  std::string input;
  for (std::size_t i = 0; i <= kMaxInstructions; ++i) input += "RUN x\n";
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_TRUE(Mentions(parsed.error(), "more than 20000 instructions")) << parsed.error().What();
}

TEST(ParseLimits, StopTokenEndsParsing) {
  std::stop_source stop;
  stop.request_stop();
  std::string input;
  for (int i = 0; i < 10000; ++i) input += "# comment\n";
  input += "FROM a\n";
  auto parsed = Parse(input, "Dockerfile", stop.get_token());
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().kind(), util::ErrorKind::kCancelled);
}

TEST(ParseSecrecy, ANonDockerfileIsNotEchoed) {
  const std::string secret = "root:$6$MARKER-S3CRET:19000:0:99999:7:::";
  for (const std::string& input : {secret + "\n", secret + "\xff\n", secret + " --x='\n",
                                   "# not a directive\n" + secret + "\xfe"}) {
    auto parsed = Parse(input, "Dockerfile");
    std::string shown;
    if (!parsed) {
      shown = parsed.error().Describe();
    } else {
      auto lowered = Lower(*parsed, Options());
      ASSERT_FALSE(lowered.has_value());
      shown = lowered.error().Describe();
    }
    EXPECT_EQ(shown.find("MARKER"), std::string::npos) << shown;
    EXPECT_NE(shown.find("Dockerfile:"), std::string::npos) << shown;
  }
}

TEST(ParseSecrecy, ADockerfileLineIsStillShown) {
  auto parsed = Parse("FROM a\xff\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().Describe().find("| FROM a"), std::string::npos) << parsed.error().Describe();
}

TEST(ParseSecrecy, ControlCharactersAreNotShown) {
  auto parsed = Parse("FROM a\nENV x\x1b[2J\r\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  const std::string shown = parsed.error().Describe();
  EXPECT_EQ(shown.find('\x1b'), std::string::npos) << shown;
  EXPECT_NE(shown.find("| ENV x\xef\xbf\xbd[2J"), std::string::npos) << shown;
}

TEST(ExpansionLimits, OneWordStopsAtTheLimit) {
  ShellEnv env{{"a", std::string(3 * kMiB, 'x')}};
  auto r = ShellLexer().ProcessWord("$a$a", env);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().What().find("the limit for one word is 4194304 bytes (4 MiB)"), std::string::npos)
      << r.error().What();
  EXPECT_LT(r.error().What().size(), 1000u);
  EXPECT_TRUE(ShellLexer().ProcessWord("$a", env).has_value());
}

TEST(ExpansionLimits, NestingCountsAtEveryLevel) {
  ShellEnv env{{"a", std::string(kMiB, 'x')}};
  auto r = ShellLexer().ProcessWord("${u:-${u:-${u:-${u:-${u:-$a}}}}}", env);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().What().find("the limit for one word"), std::string::npos) << r.error().What();
}

TEST(ExpansionLimits, ReplacementGrowthStopsAtTheLimit) {
  ShellEnv env{{"a", std::string(64 * 1024, 'x')}};
  const auto start = Clock::now();
  auto r = ShellLexer().ProcessWord("${a//?/$a}", env);
  ASSERT_FALSE(r.has_value());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  auto direct = ShellReplace(std::string(1000, 'x'), "?", "$0$0$0$0$0$0$0$0", true, 4000);
  ASSERT_FALSE(direct.has_value());
  EXPECT_EQ(ShellReplace("abc", "b", "[$0]", true, 5).value(), "a[b]c");
}

TEST(ExpansionLimits, PatternWorkIsBounded) {
  const std::string value(4 * kMiB, 'a');
  const std::string pattern = std::string(64, 'a') + "*b";
  const auto start = Clock::now();
  auto r = ShellTrimPrefix(pattern, value, true);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().What().find("the limit is 67108864"), std::string::npos) << r.error().What();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(ShellTrimPrefix("*b", "aab-c", false).value(), "-c");
}

TEST(ExpansionLimits, PatternWorkAddsUpAcrossOperators) {
  ShellEnv env{{"a", std::string(300, 'x')}};
  ShellLexer lexer(ShellLexerOptions{.max_pattern_work = 1000});
  auto one = lexer.ProcessWord("${a%%*}", env);
  ASSERT_TRUE(one.has_value()) << one.error().What();
  EXPECT_EQ(one->pattern_work, 602u);
  auto two = lexer.ProcessWord("${a%%*}${a##*}", env);
  ASSERT_FALSE(two.has_value());
  EXPECT_NE(two.error().What().find("would take more matching steps than are left (1000 of the 268435456 allowed per build)"), std::string::npos)
      << two.error().What();
  std::stop_source stop;
  stop.request_stop();
  auto stopped = ShellLexer(ShellLexerOptions{.stop = stop.get_token()}).ProcessWord("${a%%*}", env);
  ASSERT_FALSE(stopped.has_value());
  EXPECT_EQ(stopped.error().kind(), util::ErrorKind::kCancelled);
}

std::string Doubling(int times) {
  std::string text = "FROM scratch AS s0\nENV a=x\n";
  for (int i = 0; i < times; ++i) text += "ENV a=$a$a\n";
  return text;
}

TEST(LowerLimits, EnvDoublingStopsAtTheWordLimitWithItsLine) {
  const auto start = Clock::now();
  auto builds = LowerText(Doubling(40));
  ASSERT_FALSE(builds.has_value());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  // 2^22 bytes is the limit itself: the 23rd doubling (line 25) is the first refused.
  EXPECT_NE(builds.error().What().find("Dockerfile:25:1: "), std::string::npos) << builds.error().What();
  EXPECT_TRUE(Mentions(builds.error(), "the limit for one word is 4194304 bytes")) << builds.error().What();
  EXPECT_TRUE(LowerText(Doubling(20)).has_value());
}

TEST(LowerLimits, ManyLargeVariablesStopAtTheBuildBudget) {
  std::string text = Doubling(21);  // a is 2 MiB
  for (int i = 0; i < 40; ++i) text += "ARG v" + std::to_string(i) + "=$a\n";
  auto builds = LowerText(text);
  ASSERT_FALSE(builds.has_value());
  EXPECT_TRUE(Mentions(builds.error(), "the limit is 64 MiB per build")) << builds.error().What();
}

TEST(LowerLimits, StopTokenEndsLowering) {
  std::stop_source stop;
  stop.request_stop();
  LowerOptions options = Options();
  options.cancel = stop.get_token();
  auto builds = LowerText(Doubling(3), options);
  ASSERT_FALSE(builds.has_value());
  EXPECT_EQ(builds.error().kind(), util::ErrorKind::kCancelled);
}

std::string FromChain(int stages, const std::string& each = "") {
  std::string text = "FROM scratch AS s0\n" + each;
  for (int i = 1; i < stages; ++i) {
    text += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\n" + each;
  }
  return text;
}

std::string CopyChain(int stages) {
  std::string text = "FROM scratch AS s0\nCOPY f /f\n";
  for (int i = 1; i < stages; ++i) {
    text += "FROM scratch AS s" + std::to_string(i) + "\nCOPY --from=s" + std::to_string(i - 1) + " /f /f\n";
  }
  return text;
}

TEST(LowerLimits, LongChainsOfStagesLowerWithoutRecursion) {
  auto from_chain = LowerText(FromChain(static_cast<int>(kMaxStages), "WORKDIR /w\n"));
  ASSERT_TRUE(from_chain.has_value()) << from_chain.error().What();
  EXPECT_EQ((*from_chain)[0].config.config.working_dir, "/w");
  auto copy_chain = LowerText(CopyChain(static_cast<int>(kMaxStages)));
  ASSERT_TRUE(copy_chain.has_value()) << copy_chain.error().What();
  // The last stage's COPY reads the one before, and so on down to the context.
  int depth = 0;
  for (graph::VertexRef v = (*copy_chain)[0].root; v && v->inputs().size() > 1; v = v->inputs()[1]) ++depth;
  EXPECT_EQ(depth, static_cast<int>(kMaxStages));
}

TEST(LowerLimits, TooManyStagesIsALocatedError) {
  for (const std::string& text : {FromChain(10000), CopyChain(10000)}) {
    auto builds = LowerText(text);
    ASSERT_FALSE(builds.has_value());
    EXPECT_TRUE(builds.error().What().starts_with("Dockerfile:")) << builds.error().What();
    EXPECT_TRUE(Mentions(builds.error(), "more than 1000 stages; the limit is 1000")) << builds.error().What();
  }
}

TEST(LowerLimits, StageConfigCopiesAreBounded) {
  // Each stage copies its base's 2 MiB environment and history.
  auto builds = LowerText(Doubling(21) + FromChain(200).substr(std::string("FROM scratch AS s0\n").size()));
  ASSERT_FALSE(builds.has_value());
  EXPECT_TRUE(Mentions(builds.error(), "the limit is 128 MiB")) << builds.error().What();
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
