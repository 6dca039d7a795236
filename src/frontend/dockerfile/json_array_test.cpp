// ParseJsonArray follows Go's encoding/json: what is JSON, what is a string array.
#include "frontend/dockerfile/json_array.hpp"

#include <gtest/gtest.h>

namespace manifold::frontend::dockerfile {
namespace {

struct JsonCase {
  std::string text;
  JsonArrayKind kind;
  std::vector<std::string> values;
};

TEST(ParseJsonArray, ClassifiesLikeGo) {
  const std::vector<JsonCase> cases = {
      {"[]", JsonArrayKind::kStrings, {}},
      {" \t[ \"a\" ,\n\"b\" ]", JsonArrayKind::kStrings, {"a", "b"}},
      {"[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000\"]", JsonArrayKind::kStrings,
       {std::string("\" \\ / \b \f \n \r \t \0", 17)}},
      {"[\"a\"] tail", JsonArrayKind::kStrings, {"a"}},
      {"[\"\\udc00\"]", JsonArrayKind::kStrings, {"\xef\xbf\xbd"}},
      {"[\"\\ud800\\u0041\"]", JsonArrayKind::kStrings, {"\xef\xbf\xbd" "A"}},
      {"[1]", JsonArrayKind::kNonString, {}},
      {"[\"a\", {\"k\": [true, false, null, -1.5e3]}]", JsonArrayKind::kNonString, {}},
      {"[\"a\",]", JsonArrayKind::kNotJson, {}},
      {"['a']", JsonArrayKind::kNotJson, {}},
      {"[\"a\"", JsonArrayKind::kNotJson, {}},
      {"[\"a\tb\"]", JsonArrayKind::kNotJson, {}},  // raw control character in a string
      {"[\"\\x\"]", JsonArrayKind::kNotJson, {}},
      {"[01]", JsonArrayKind::kNotJson, {}},
      {"[1.]", JsonArrayKind::kNotJson, {}},
      {"{\"a\": 1}", JsonArrayKind::kNotJson, {}},
      {"echo [\"a\"]", JsonArrayKind::kNotJson, {}},
      {"", JsonArrayKind::kNotJson, {}},
  };
  for (const auto& c : cases) {
    JsonArray got = ParseJsonArray(c.text);
    EXPECT_EQ(got.kind, c.kind) << c.text;
    EXPECT_EQ(got.values, c.values) << c.text;
  }
}

TEST(ParseJsonArray, DeepNestingIsNotJsonAndDoesNotOverflow) {
  EXPECT_EQ(ParseJsonArray(std::string(200000, '[')).kind, JsonArrayKind::kNotJson);
  std::string deep = std::string(10001, '[') + std::string(10001, ']');
  EXPECT_EQ(ParseJsonArray(deep).kind, JsonArrayKind::kNotJson);
  std::string ok = std::string(9999, '[') + std::string(9999, ']');
  EXPECT_EQ(ParseJsonArray(ok).kind, JsonArrayKind::kNonString);
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
