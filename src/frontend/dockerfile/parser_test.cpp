// Parser behaviour beyond the corpus: bad input with located errors, directives, line handling.
#include "frontend/dockerfile/parser.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "frontend/dockerfile/dump.hpp"

namespace manifold::frontend::dockerfile {
namespace {

struct BadCase {
  std::string name;
  std::string input;
  std::string where;    // "Dockerfile:LINE:COL: " prefix of What()
  std::string message;  // substring of the message
};

TEST(ParseErrors, AreLocatedAndClear) {
  const std::vector<BadCase> cases = {
      {"env_no_value", "FROM a\nENV PATH\n", "Dockerfile:2:1: ", "ENV must have two arguments"},
      {"label_no_value", "FROM a\n  LABEL x\n", "Dockerfile:2:3: ",
       "LABEL must have two arguments"},
      {"env_missing_equals", "FROM a\nENV a=b c\n", "Dockerfile:2:1: ",
       "can't find = in \"c\""},
      {"flag_open_quote", "FROM a\nCOPY --chown=\"a b /x /y\n", "Dockerfile:2:1: ",
       "unterminated double quote in flag \"--chown=\\\"a b /x /y\""},
      {"json_non_string", "CMD [\"a\", 1]\n", "Dockerfile:1:1: ",
       "arrays must be comprised of strings only"},
      {"json_nested", "FROM a\nRUN [\"a\", [\"b\"]]\n", "Dockerfile:2:1: ",
       "arrays must be comprised of strings only"},
      {"unknown_directive", "# foo=bar\nFROM a\n", "Dockerfile:1:1: ",
       "unknown parser directive \"foo\""},
      {"repeated_directive", "# escape=`\n# Escape=\\\nFROM a\n", "Dockerfile:2:1: ",
       "only one escape parser directive can be used"},
      {"bad_escape", "# escape=x\nFROM a\n", "Dockerfile:1:1: ", "invalid escape token 'x'"},
      {"invalid_utf8", "FROM a\nRUN echo \xff\n", "Dockerfile:2:10: ", "invalid UTF-8 (byte 0xff)"},
      {"invalid_utf8_after_multibyte", "FROM a\nRUN \xc3\xa9\xc3\n", "Dockerfile:2:6: ",
       "invalid UTF-8 (byte 0xc3)"},
      {"invalid_utf8_in_heredoc", "RUN <<EOF\n\xfe\nEOF\n", "Dockerfile:2:1: ", "invalid UTF-8"},
      {"empty_file", "", "Dockerfile:1:1: ", "file with no instructions"},
      {"only_comments", "# a\n\n# b\n", "Dockerfile:3:1: ", "file with no instructions"},
      {"only_bom", "\xEF\xBB\xBF", "Dockerfile:1:1: ", "file with no instructions"},
      {"onbuild_onbuild", "FROM a\nONBUILD ONBUILD RUN x\n", "Dockerfile:2:1: ",
       "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"},
      {"onbuild_from", "FROM a\nonbuild from b\n", "Dockerfile:2:1: ",
       "FROM isn't allowed as an ONBUILD trigger"},
      {"onbuild_maintainer", "FROM a\nONBUILD MAINTAINER me\n", "Dockerfile:2:1: ",
       "MAINTAINER isn't allowed as an ONBUILD trigger"},
      {"unterminated_heredoc", "FROM a\nRUN <<-END\n\tx\n", "Dockerfile:2:1: ",
       "unterminated heredoc \"END\""},
      {"error_on_continued_line", "FROM a\nENV \\\n  X\n", "Dockerfile:2:1: ",
       "ENV must have two arguments"},
  };
  for (const BadCase& c : cases) {
    auto parsed = Parse(c.input, "Dockerfile");
    ASSERT_FALSE(parsed.has_value()) << c.name << " parsed as " << Dump(*parsed);
    const util::Error& error = parsed.error();
    EXPECT_EQ(error.kind(), util::ErrorKind::kInvalidArgument) << c.name;
    EXPECT_TRUE(error.What().starts_with(c.where)) << c.name << ": " << error.What();
    EXPECT_NE(error.message().find(c.message), std::string::npos)
        << c.name << ": " << error.What();
  }
}

TEST(ParseErrors, DescribeShowsLineAndCaret) {
  auto parsed = Parse("FROM a\n  ENV PATH\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().Describe(),
            "Dockerfile:2:3: ENV must have two arguments\n"
            "    2 |   ENV PATH\n"
            "      |   ^");
}

TEST(ParseErrors, InvalidUtf8CaretUnderBadByte) {
  auto parsed = Parse("FROM a\xc3\xa9\xff\n", "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().Describe(),
            "Dockerfile:1:8: invalid UTF-8 (byte 0xff); Dockerfiles must be UTF-8\n"
            "    1 | FROM a\xc3\xa9\xef\xbf\xbd\n"
            "      |        ^");
}

TEST(ParseErrors, OverlongLineFailsFast) {
  std::string input = "FROM a\nRUN echo " + std::string(2 << 20, 'x') + "\n";
  const auto start = std::chrono::steady_clock::now();
  auto parsed = Parse(input, "Dockerfile");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(parsed.has_value());
  EXPECT_TRUE(parsed.error().What().starts_with("Dockerfile:2:1: line is 2097161 bytes long"))
      << parsed.error().What();
  EXPECT_LT(parsed.error().Describe().size(), 400u);
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(ParseErrors, LineOfExactlyOneMebibyteIsAccepted) {
  std::string input = "RUN " + std::string((1 << 20) - 4, 'x');
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
  EXPECT_EQ(parsed->instructions[0].raw_args.size(), (1u << 20) - 4);
}

TEST(ParseErrors, ManyContinuationsStayLinear) {
  std::string input = "RUN a";
  for (int i = 0; i < 200000; ++i) input += " \\\n  b";
  input += "\n";
  const auto start = std::chrono::steady_clock::now();
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
  EXPECT_EQ(parsed->instructions[0].end_line, 200001);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ParseErrors, LongOnbuildChainFailsWithoutDeepRecursion) {
  std::string input;
  for (int i = 0; i < 100000; ++i) input += "ONBUILD ";
  input += "RUN x\n";
  auto parsed = Parse(input, "Dockerfile");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message().find("ONBUILD ONBUILD"), std::string::npos);
}

struct DumpCase {
  std::string input;
  std::string dump;
};

TEST(Parse, DumpsAsBuildKit) {
  const std::vector<DumpCase> cases = {
      {"\xEF\xBB\xBF" "FROM a\n", R"((from "a"))"},
      {"from a\r\nrun echo hi\r\n", "(from \"a\")\n(run \"echo hi\")"},
      {"FOO bar\nBAZ\n", "(foo \"\")\n(baz \"\")"},
      {"CMD [\"a\"] trailing\n", R"((cmd "a"))"},  // Go's json.Decoder ignores trailing bytes
      {"CMD [\"\\ud83d\\ude00\", \"\\ud800x\"]\n", "(cmd \"\xf0\x9f\x98\x80\" \"\xef\xbf\xbdx\")"},
      {"RUN [\"a\" \"b\"]\n", R"((run "[\"a\" \"b\"]"))"},
      {"COPY [\"a\" \"b\"]\n", R"((copy "[\"a\"" "\"b\"]"))"},
      {"ONBUILD\nHEALTHCHECK NONE\n", "(onbuild)\n(healthcheck \"NONE\")"},
      {"ARG\nENV\nFROM\nRUN\n", "(arg)\n(env)\n(from)\n(run)"},
      {"COPY --from=build --chmod=755 a b\n", R"((copy ["--from=build" "--chmod=755"] "a" "b"))"},
      {"COPY --exclude='*.md' --exclude=\"a b\" --link . /\n",
       R"((copy ["--exclude=*.md" "--exclude=a b" "--link"] "." "/"))"},
      {"ONBUILD --x RUN --mount=type=cache,target=/c make\n",
       R"((onbuild ["--x"] (run ["--mount=type=cache,target=/c"] "make")))"},
      {"RUN echo \\\\\nRUN next\n", "(run \"echo \\\\\\\\\")\n(run \"next\")"},
      {"LABEL a=\"x y\" b=z\n", R"((label "a" "\"x y\"" "=" "b" "z" "="))"},
      {"ENV a=\n", R"((env "a" "" "="))"},
      {"RUN echo\xc2\xa0hi\n", R"((run "echo\u00a0hi"))"},
      {"FROM a\n# escape=`\nRUN x `\n", "(from \"a\")\n(run \"x `\")"},
      {"\n# escape=`\nRUN x \\\n y\n", R"((run "x  y"))"},  // directives stop at a blank line
  };
  for (const DumpCase& c : cases) {
    auto parsed = Parse(c.input, "Dockerfile");
    ASSERT_TRUE(parsed.has_value()) << c.input << ": " << parsed.error().Describe();
    EXPECT_EQ(Dump(*parsed), c.dump) << c.input;
  }
}

TEST(Parse, KeepsDirectives) {
  auto parsed = Parse("# syntax = docker/dockerfile:1.7\n#check=skip=all\n# ESCAPE=`\nFROM a\n",
                      "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  EXPECT_EQ(parsed->syntax, "docker/dockerfile:1.7");
  EXPECT_EQ(parsed->check, "skip=all");
  EXPECT_EQ(parsed->escape_token, '`');
}

TEST(Parse, UnknownDirectiveShapeAfterTopIsAComment) {
  auto parsed = Parse("FROM a\n# foo=bar\n# escape=`\nRUN x \\\n y\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  EXPECT_EQ(parsed->escape_token, '\\');
  EXPECT_EQ(Dump(*parsed), "(from \"a\")\n(run \"x  y\")");
}

TEST(Parse, FieldsForTheSemanticLayer) {
  auto parsed = Parse("FROM a AS b\nRUN --network=none  echo \"$X\" && \\\n  true  \n"
                      "CMD [\"x\"]\n",
                      "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->instructions.size(), 3u);
  const Instruction& run = parsed->instructions[1];
  EXPECT_EQ(run.keyword, "run");
  EXPECT_EQ(run.flags, std::vector<std::string>{"--network=none"});
  EXPECT_EQ(run.raw_args, "echo \"$X\" &&   true");
  EXPECT_FALSE(run.json_form);
  EXPECT_EQ(run.original, "RUN --network=none  echo \"$X\" &&   true  ");
  EXPECT_EQ(run.start_line, 2);
  EXPECT_EQ(run.end_line, 3);
  EXPECT_TRUE(parsed->instructions[2].json_form);
  EXPECT_EQ(parsed->instructions[0].args, (std::vector<std::string>{"a", "AS", "b"}));
}

TEST(Parse, WarnsAboutEmptyContinuationLines) {
  auto parsed = Parse("FROM a\nRUN a \\\n\n  b\n", "Dockerfile");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().Describe();
  ASSERT_EQ(parsed->warnings.size(), 1u);
  EXPECT_EQ(parsed->warnings[0].line, 3);
  EXPECT_NE(parsed->warnings[0].message.find("empty continuation line"), std::string::npos);
  EXPECT_EQ(Dump(*parsed), "(from \"a\")\n(run \"a   b\")");
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
