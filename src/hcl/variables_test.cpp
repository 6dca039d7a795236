// Variables: references found statically, with their traversals, minus `for`-bound names.
#include "hcl/variables.hpp"

#include <gtest/gtest.h>

#include "hcl/parse.hpp"

namespace manifold::hcl {
namespace {

std::string Refs(std::string_view source) {
  auto expr = ParseExpression(source, "v.hcl");
  if (!expr) return "error: " + expr.error().What();
  std::string out;
  for (const VariableReference& r : Variables(**expr)) {
    if (!out.empty()) out += " ";
    out += r.root;
    for (const std::string& step : r.path) out += "/" + step;
    out += "@" + std::to_string(r.range.start.column);
  }
  return out;
}

TEST(HclVariablesTest, FindsReferencesWithStaticTraversals) {
  const std::pair<const char*, const char*> cases[] = {
      {"1 + 2", ""},
      {"a", "a@1"},
      {"target.foo.dockerfile", "target/foo/dockerfile@1"},
      {"a[\"k\"].b[0]", "a/k/b/0@1"},
      {"a.0.b", "a/0/b@1"},
      {"a[x].b", "a@1 x@3"},
      {"f(a, b...)", "a@3 b@6"},
      {"\"${REPO}:${TAG}\"", "REPO@4 TAG@12"},
      {"c ? t : e", "c@1 t@5 e@9"},
      {"{(k) = v, lit = w}", "k@3 v@8 w@17"},
      {"[for i, v in list: v + i + outer]", "list@14 outer@28"},
      {"{for k, v in m: k => v... if k != skip}", "m@14 skip@35"},
      {"[for v in v: v]", "v@11"},
      {"\"%{ for x in xs }${x}${y}%{ endfor }\"", "xs@14 y@24"},
      {"objs[*].id", "objs@1"},
      {"-a.b", "a/b@2"},
      {"[for v in l: v.x].y", "l@11"},
  };
  for (const auto& [source, want] : cases) EXPECT_EQ(Refs(source), want) << source;
}

}  // namespace
}  // namespace manifold::hcl
