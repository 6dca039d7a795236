// Regexp, the RE2-syntax engine behind the regex functions (cases after Go's regexp tests:
// leftmost-first alternation, greedy and lazy repetition, anchors, classes, flags).
#include "hcl/internal/regexp.hpp"

#include <gtest/gtest.h>

#include <string>

namespace manifold::hcl::internal {
namespace {

// The first match of `pattern` in `s` as "start-end" plus each group's text ("-" when it
// did not take part), "no match", or "error".
std::string Find(std::string_view pattern, std::string_view s) {
  auto re = Regexp::Compile(pattern);
  if (!re) return "error";
  std::vector<long> caps;
  if (!re->Search(s, 0, caps)) return "no match";
  std::string out = std::to_string(caps[0]) + "-" + std::to_string(caps[1]);
  for (size_t g = 1; g <= re->Groups(); ++g) {
    out += " ";
    out += caps[2 * g] < 0 ? "-" : std::string(s.substr(static_cast<size_t>(caps[2 * g]),
                                                       static_cast<size_t>(caps[2 * g + 1] - caps[2 * g])));
  }
  return out;
}

TEST(HclRegexpTest, Matches) {
  struct Case {
    const char* pattern;
    const char* s;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {"abc", "xabcx", "1-4"},
           {"a|ab", "ab", "0-1"},          // leftmost-first, not leftmost-longest
           {"ab|a", "ab", "0-2"},
           {"a*", "aaa", "0-3"},
           {"a*?", "aaa", "0-0"},
           {"a+?", "aaa", "0-1"},
           {"(a+)(a*)", "aaa", "0-3 aaa "},
           {"(a+?)(a*)", "aaa", "0-3 a aa"},
           {"a{2}", "aaa", "0-2"},
           {"a{2,}", "aaaa", "0-4"},
           {"a{1,2}b", "aaab", "1-4"},
           {"a{,2}", "a{,2}", "0-5"},  // not a repetition: literal
           {"(a)|(b)", "b", "0-1 - b"},
           {"x(a)?y", "xy", "0-2 -"},
           {"^b", "ab", "no match"},
           {"a$", "a\n", "no match"},   // RE2's $ is the end of text without (?m)
           {"(?m)a$", "a\nb", "0-1"},
           {"(?m)^b", "a\nb", "2-3"},
           {"\\Aa", "ba", "no match"},
           {"a\\z", "ba", "1-2"},
           {"\\bis\\b", "this is", "5-7"},
           {"\\Bis", "this", "2-4"},
           {".", "\n", "no match"},
           {"(?s).", "\n", "0-1"},
           {"[a-c]+", "xxbcay", "2-5"},
           {"[^a-c]+", "abxyc", "2-4"},
           {"[]a]+", "]a]", "0-3"},
           {"[a-]+", "a-a", "0-3"},
           {"[[:digit:]]+", "ab12", "2-4"},
           {"[[:^alpha:]]+", "ab12", "2-4"},
           {"\\d+\\s\\w+", "x 12 ab_1!", "2-9"},
           {"[\\d.]+", "v1.2.3", "1-6"},
           {"\\D\\S\\W", "a b", "no match"},
           {"(?i)hello", "HeLLo", "0-5"},
           {"(?i:h)ello", "Hello HELLO", "0-5"},
           {"(?i)[a-c]+", "ABC", "0-3"},
           {"é+", "aéé", "1-5"},
           {"a.b", "aéb", "0-4"},
           {"\\x41\\x{42}", "AB", "0-2"},
           {"\\Qa.b\\E", "axb a.b", "4-7"},
           {"(?P<year>\\d{4})-(?P<month>\\d\\d)", "on 2019-02", "3-10 2019 02"},
           {"(?U)a+", "aaa", "0-1"},
           {"", "abc", "0-0"},
           {"(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "no match"},
           {"(", "", "error"},
           {"a)", "", "error"},
           {"*a", "", "error"},
           {"a**", "", "error"},
           {"[a", "", "error"},
           {"[b-a]", "", "error"},
           {"a{1001}", "", "error"},
           {"\\pL", "", "error"},
           {"(?P<n>a)(?P<n>b)", "", "error"},
           {"(?<=a)b", "", "error"},
           {"\\", "", "error"},
       }) {
    EXPECT_EQ(Find(c.pattern, c.s), c.want) << c.pattern << " on " << c.s;
  }
}

TEST(HclRegexpTest, LongInputsNeedNoDeepStack) {
  // A backtracking matcher recurses per character here; the Pike VM does not.
  std::string s(200000, 'a');
  s += 'c';
  EXPECT_EQ(Find("(a|b)*c", s), "0-200001 a");
  EXPECT_EQ(Find("(a*)*b", s), "no match");
}

TEST(HclRegexpTest, ProgramSizeIsBounded) {
  EXPECT_EQ(Find("(((a{100}){100}){100})", "a"), "error");
}

}  // namespace
}  // namespace manifold::hcl::internal
