// ExtractFlags (BuildKit's flag splitting) and ParseFlags (name/value for the semantic layer).
#include "frontend/dockerfile/flags.hpp"

#include <gtest/gtest.h>

namespace manifold::frontend::dockerfile {
namespace {

struct ExtractCase {
  std::string text;
  std::vector<std::string> flags;
  std::string rest;
};

TEST(ExtractFlags, SplitsLeadingFlags) {
  const std::vector<ExtractCase> cases = {
      {"a b", {}, "a b"},
      {"--from=x a b", {"--from=x"}, "a b"},
      {"  --a   --b=1 rest  ", {"--a", "--b=1"}, "rest  "},
      {"--a -- --b c", {"--a"}, " --b c"},
      {"--a --", {"--a"}, ""},
      {"--chown=\"a b\" x", {"--chown=a b"}, "x"},
      {"--x='it''s' y", {"--x=its"}, "y"},
      {"--x=a\\ b c", {"--x=a b"}, "c"},
      {"--x=\"a\\\"b\" c", {"--x=a\"b"}, "c"},
      {"--x=\xc3\xa0 y", {"--x=\xc3\xa0"}, "y"},  // non-ASCII bytes stay whole
      {"-x a", {}, "-x a"},
      {"--", {}, ""},
  };
  for (const auto& c : cases) {
    auto got = ExtractFlags(c.text);
    ASSERT_TRUE(got.has_value()) << c.text << ": " << got.error().What();
    EXPECT_EQ(got->flags, c.flags) << c.text;
    EXPECT_EQ(got->rest, c.rest) << c.text;
  }
}

TEST(ExtractFlags, RejectsUnterminatedQuote) {
  for (const char* text : {"--x=\"abc d", "--x='abc", "--x=\"abc\\"}) {
    auto got = ExtractFlags(text);
    ASSERT_FALSE(got.has_value()) << text;
    EXPECT_NE(got.error().message().find("unterminated"), std::string::npos);
  }
}

TEST(ParseFlags, SplitsNameAndValue) {
  auto got = ParseFlags({"--from=build", "--chown=a:b", "--link", "--exclude=a", "--exclude=",
                         "--x=a=b"});
  ASSERT_TRUE(got.has_value()) << got.error().What();
  ASSERT_EQ(got->size(), 6u);
  EXPECT_EQ((*got)[0].name, "from");
  EXPECT_EQ((*got)[0].value, "build");
  EXPECT_EQ((*got)[1].value, "a:b");
  EXPECT_EQ((*got)[2].name, "link");
  EXPECT_FALSE((*got)[2].value.has_value());
  EXPECT_EQ((*got)[3].name, "exclude");
  EXPECT_EQ((*got)[4].name, "exclude");
  EXPECT_EQ((*got)[4].value, "");
  EXPECT_EQ((*got)[5].value, "a=b");
}

TEST(ParseFlags, RejectsNamelessFlags) {
  EXPECT_FALSE(ParseFlags({"--=x"}).has_value());
  EXPECT_FALSE(ParseFlags({"--"}).has_value());
  EXPECT_FALSE(ParseFlags({"-x"}).has_value());
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
