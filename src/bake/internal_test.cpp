// Tests of bake's private helpers: path.Match, Go's JSON text, tabwriter, buildflags parsing, path.Clean.
#include <gtest/gtest.h>

#include "bake/internal/build_flags.hpp"
#include "bake/internal/go_json.hpp"
#include "bake/internal/normalize.hpp"
#include "bake/internal/path_match.hpp"
#include "bake/internal/tab_writer.hpp"

namespace manifold::bake::internal {
namespace {

struct MatchCase {
  const char* pattern;
  const char* name;
  int want;  // 1 match, 0 no match, -1 syntax error
};

TEST(PathMatchTest, GoCases) {
  const MatchCase cases[] = {
      {"abc", "abc", 1},        {"*", "abc", 1},         {"*c", "abc", 1},       {"a*", "a", 1},
      {"a*", "ab/c", 0},        {"a*/b", "abc/b", 1},    {"a*b*c*d*e*/f", "axbxcxdxe/f", 1},
      {"ab[c]", "abc", 1},      {"ab[b-d]", "abc", 1},   {"ab[e-g]", "abc", 0},  {"ab[^c]", "abc", 0},
      {"ab[^b-d]", "abc", 0},   {"ab[^e-g]", "abc", 1},  {"a\\*b", "a*b", 1},    {"a\\*b", "ab", 0},
      {"a?b", "a☺b", 1},        {"a[^a]b", "a☺b", 1},    {"a???b", "a☺b", 0},    {"a?b", "a/b", 0},
      {"[", "a", -1},           {"[^", "a", -1},         {"[^bc", "a", -1},      {"a[", "a", -1},
      {"a[", "ab", -1},         {"*x", "xxx", 1},        {"[]a]", "]", -1},      {"[-]", "-", -1},
      {"[x-]", "x", -1},        {"[-x]", "x", -1},       {"\\", "a", -1},        {"[a-b-c]", "a", -1},
      {"a*[", "xxx", -1},       {"foo-*", "foo-bar", 1}, {"foo-*", "foo", 0},
  };
  for (const auto& c : cases) {
    auto got = PathMatch(c.pattern, c.name);
    if (c.want < 0) {
      EXPECT_FALSE(got) << c.pattern;
    } else {
      ASSERT_TRUE(got) << c.pattern;
      EXPECT_EQ(*got, c.want == 1) << c.pattern << " " << c.name;
    }
  }
}

TEST(GoJsonTest, EscapesAsGo) {
  EXPECT_EQ(GoJsonString("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(GoJsonString("<a&b>"), R"("\u003ca\u0026b\u003e")");
  EXPECT_EQ(GoJsonString("\n\r\t\b\f\x01\x1f"), R"("\n\r\t\b\f\u0001\u001f")");
  EXPECT_EQ(GoJsonString("\xff" "x"), R"("\ufffdx")");
  EXPECT_EQ(GoJsonString("\xE2\x80\xA8 é ☺"), "\"\\u2028 é ☺\"");
  EXPECT_EQ(GoJsonString("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");  // a surrogate
}

TEST(GoJsonTest, IndentLayout) {
  nlohmann::ordered_json value = nlohmann::ordered_json::object();
  value["b"] = nlohmann::ordered_json::array({"x", true, nullptr});
  value["a"] = nlohmann::ordered_json::object();
  value["c"] = nlohmann::ordered_json::array();
  EXPECT_EQ(GoJsonIndent(value), "{\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"a\": {},\n  \"c\": []\n}");
}

TEST(TabWriterTest, AlignsToTabStops) {
  EXPECT_EQ(TabFormat("TARGET\tDESCRIPTION\nfoo\tbar\n"), "TARGET\tDESCRIPTION\nfoo\tbar\n");
  // The widest cell is 8 wide: 8 + padding 1 rounds up to 16, two tabs for short cells.
  EXPECT_EQ(TabFormat("TARGET\tDESCRIPTION\nabcdefgh\tx\na\t\n"),
            "TARGET\t\tDESCRIPTION\nabcdefgh\tx\na\t\t\n");
  EXPECT_EQ(TabFormat("A\tB\tC\nlong-name-here\tb\tc\n"), "A\t\tB\tC\nlong-name-here\tb\tc\n");
  // A line without a tab ends the column block.
  EXPECT_EQ(TabFormat("abcdefghij\tx\nplain\na\ty\n"), "abcdefghij\tx\nplain\na\ty\n");
  EXPECT_EQ(TabFormat("é\tx\n"), "é\tx\n");
}

TEST(BuildFlagsTest, CacheEntries) {
  auto ref = ParseCache("user/app:cache");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->type, "registry");
  EXPECT_EQ(ToCsv(*ref), "user/app:cache");
  auto full = ParseCache("type=registry,REF=r,mode=max");
  ASSERT_TRUE(full);
  EXPECT_EQ(ToCsv(*full), "type=registry,mode=max,ref=r");
  EXPECT_EQ(ParseCache("ref=r").error().message(), "type required for \"ref=r\"");
  EXPECT_EQ(ParseCache("type=local,bad").error().message(), "invalid value bad");
  auto list = ParseCacheList({"a,b", "", "type=gha"});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(ToCsv((*list)[1]), "b");
}

TEST(BuildFlagsTest, ExportEntries) {
  auto local = ParseExport("./bin");
  ASSERT_TRUE(local);
  EXPECT_EQ(ToCsv(*local), "type=local,dest=./bin");
  EXPECT_EQ(ToCsv(*ParseExport("-")), "type=tar,dest=-");
  EXPECT_EQ(ToCsv(*ParseExport("dest=out, Type =oci,name=a,\"b=x,y\"")),
            "type=oci,dest=out,\"b=x,y\",name=a");
  EXPECT_EQ(ParseExport("dest=out,x=1").error().message(), "type is required for output");
}

TEST(BuildFlagsTest, AttestSecretSsh) {
  auto attest = ParseAttest("mode=max,type=provenance,disabled=false");
  ASSERT_TRUE(attest);
  EXPECT_EQ(ToCsv(*attest), "type=provenance,mode=max");
  EXPECT_EQ(ToCsv(*ParseAttest("type=sbom,disabled=1")), "type=sbom,disabled=true");
  EXPECT_EQ(ParseAttest("mode=max").error().message(), "attestation type not specified");
  EXPECT_FALSE(ParseAttest("type=sbom,disabled=maybe"));

  auto secret = ParseSecret("type=env,id=TOKEN,source=GH_TOKEN");
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->env, "GH_TOKEN");
  EXPECT_EQ(secret->src, "");
  EXPECT_EQ(ToCsv(*secret), "id=TOKEN,env=GH_TOKEN");
  EXPECT_EQ(ParseSecret("id=a,foo=b").error().message(), "unexpected key 'foo' in 'foo=b'");
  EXPECT_EQ(ParseSecret("type=x").error().message(), "unsupported secret type \"x\"");

  auto ssh = ParseSsh("default=/a,/b");
  EXPECT_EQ(ssh.id, "default");
  EXPECT_EQ(ssh.paths, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(ToCsv(ssh), "default=/a,/b");
}

TEST(BuildFlagsTest, RemoveDupesMovesTheLast) {
  std::vector<int> list{1, 1, 2, 3};
  RemoveDupes(list);
  EXPECT_EQ(list, (std::vector<int>{1, 3, 2}));  // buildx's swap-with-last removal
  std::vector<std::string> keyed{"a1", "b1", "a2"};
  RemoveDupesByKey(keyed, [](const std::string& s) { return s.substr(0, 1); });
  EXPECT_EQ(keyed, (std::vector<std::string>{"a2", "b1"}));
}

TEST(CleanPathTest, GoCases) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "."},         {"./", "."},       {"abc/", "abc"},     {"a//b", "a/b"},  {"./a/../b", "b"},
      {"../a", "../a"},  {"/../a", "/a"},   {"a/../../b", "../b"}, {"/", "/"},     {"./foo/", "foo"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(CleanPath(in), want) << in;
}

}  // namespace
}  // namespace manifold::bake::internal
