// Go strconv.Quote compatibility of GoQuote, and %q of string lists.
#include "frontend/dockerfile/go_quote.hpp"

#include <gtest/gtest.h>

#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

struct QuoteCase {
  std::string input;
  std::string want;
};

TEST(GoQuote, MatchesStrconvQuote) {
  // Expected values are what Go's strconv.Quote returns for the same bytes.
  const std::vector<QuoteCase> cases = {
      {"", R"("")"},
      {"plain text", R"("plain text")"},
      {"a\"b\\c", R"("a\"b\\c")"},
      {"\a\b\f\n\r\t\v", R"("\a\b\f\n\r\t\v")"},
      {std::string("\x00\x01\x1f\x7f", 4), R"("\x00\x01\x1f\x7f")"},
      {"\xff", R"("\xff")"},
      {"a\xc3", R"("a\xc3")"},
      {"\xed\xa0\x80", R"("\xed\xa0\x80")"},  // an encoded surrogate is three invalid bytes
      {"\xe2\x99\xa5 \xe2\x98\x83", "\"\xe2\x99\xa5 \xe2\x98\x83\""},  // ♥ ☃
      {"\xc2\xa0", R"("\u00a0")"},           // NO-BREAK SPACE
      {"\xc2\xad", R"("\u00ad")"},           // SOFT HYPHEN (Cf)
      {"\xc2\x85", R"("\u0085")"},           // NEL (Cc)
      {"\xe2\x80\xa8", R"("\u2028")"},       // LINE SEPARATOR
      {"\xe3\x80\x80", R"("\u3000")"},       // IDEOGRAPHIC SPACE
      {"\xcd\xb8", R"("\u0378")"},           // unassigned
      {"\xee\x80\x80", R"("\ue000")"},       // private use
      {"\xef\xbf\xbd", "\"\xef\xbf\xbd\""},  // U+FFFD itself is printable
      {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},   // U+1F600 emoji
      {"\xf3\xa0\x80\x81", R"("\U000e0001")"},        // LANGUAGE TAG (Cf)
      {"\xf0\x9f\xab\xb8", "\"\xf0\x9f\xab\xb8\""},   // U+1FAF8, new in Unicode 15.0
      {"e\xcc\x81", "\"e\xcc\x81\""},                 // combining mark
  };
  for (const auto& c : cases) EXPECT_EQ(GoQuote(c.input), c.want) << c.want;
}

TEST(GoQuote, ListIsPercentQ) {
  EXPECT_EQ(GoQuoteList({}), "[]");
  EXPECT_EQ(GoQuoteList({"--user=me", "--doit=true"}), R"(["--user=me" "--doit=true"])");
  EXPECT_EQ(GoQuoteList({"a\"b"}), R"(["a\"b"])");
}

TEST(GoPrint, AsciiRange) {
  EXPECT_FALSE(IsGoPrint(0x1F));
  EXPECT_TRUE(IsGoPrint(' '));
  EXPECT_TRUE(IsGoPrint('~'));
  EXPECT_FALSE(IsGoPrint(0x7F));
  EXPECT_FALSE(IsGoPrint(0x80));
  EXPECT_TRUE(IsGoPrint(0xA1));
  EXPECT_FALSE(IsGoPrint(0x10FFFF));
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
