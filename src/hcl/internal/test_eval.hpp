// Test helpers of the hcl layer's tests: evaluate a source expression in a small context.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "hcl/eval.hpp"
#include "hcl/parse.hpp"

namespace manifold::hcl::testing {

/// The context the tests evaluate in: a few variables and the functions upper(s),
/// concat(tuple...) and add(a, b) (buildx's stdlib is not this layer's).
inline EvalContext TestContext() {
  EvalContext ctx;
  ctx.SetVariable("name", Value::String("world"));
  ctx.SetVariable("num", Value::Number(3));
  ctx.SetVariable("yes", Value::Bool(true));
  ctx.SetVariable("nothing", Value::Null());
  ctx.SetVariable("space_bar", Value::String("  Bar"));
  ctx.SetVariable("list",
                  Value::MakeTuple({Value::String("a"), Value::String("b"), Value::String("c")}));
  ctx.SetVariable(
      "objs",
      Value::MakeTuple({
          Value::MakeObject(
              {{"id", Value::Number(1)}, {"tags", Value::MakeTuple({Value::String("x")})}}),
          Value::MakeObject({{"id", Value::Number(2)},
                             {"tags", Value::MakeTuple({Value::String("y"), Value::String("z")})}}),
      }));
  ctx.SetVariable("obj", Value::MakeObject({{"a", Value::Number(1)},
                                            {"b", Value::String("two")},
                                            {"c d", Value::Bool(false)}}));
  ctx.SetFunction("upper", Function{1, 1, [](std::vector<Value> args) -> util::Result<Value> {
                                      if (args[0].kind() != Kind::kString)
                                        return util::Fail(util::ErrorKind::kInvalidArgument,
                                                          "upper wants a string");
                                      std::string s = args[0].AsString();
                                      for (char& c : s)
                                        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
                                      return Value::String(s);
                                    }});
  ctx.SetFunction("concat",
                  Function{0, std::nullopt, [](std::vector<Value> args) -> util::Result<Value> {
                             Tuple out;
                             for (const Value& a : args) {
                               if (a.kind() != Kind::kTuple)
                                 return util::Fail(util::ErrorKind::kInvalidArgument,
                                                   "all arguments must be tuples");
                               out.insert(out.end(), a.Items().begin(), a.Items().end());
                             }
                             return Value::MakeTuple(std::move(out));
                           }});
  ctx.SetFunction("add", Function{2, 2, [](std::vector<Value> args) -> util::Result<Value> {
                                    return Value::Number(args[0].AsNumber() + args[1].AsNumber());
                                  }});
  return ctx;
}

/// Parses `source` as an expression and evaluates it in `ctx`; the value in HCL syntax
/// (ToHcl), or "error: " and the error's What().
inline std::string EvalIn(std::string_view source, const EvalContext& ctx) {
  auto expr = ParseExpression(source, "test.hcl");
  if (!expr) return "error: " + expr.error().What();
  auto value = Evaluate(**expr, ctx);
  if (!value) return "error: " + value.error().What();
  return ToHcl(*value);
}

/// EvalIn(source, TestContext()).
inline std::string EvalToString(std::string_view source) { return EvalIn(source, TestContext()); }

/// A row of an evaluation table: an expression and what EvalToString gives for it.
struct EvalCase {
  const char* source;
  const char* want;
};

/// Expects every row's EvalToString to be its `want`.
inline void RunEvalTable(const std::vector<EvalCase>& cases) {
  for (const EvalCase& c : cases) EXPECT_EQ(EvalToString(c.source), c.want) << c.source;
}

}  // namespace manifold::hcl::testing
