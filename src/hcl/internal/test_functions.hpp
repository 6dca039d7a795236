// Test helpers of the function library's tests: evaluate a source expression with
// AddStandardFunctions and compare rows.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "hcl/eval.hpp"
#include "hcl/functions.hpp"
#include "hcl/internal/test_eval.hpp"

namespace manifold::hcl::testing {

/// `source` evaluated with the standard functions and a few variables (`l` = ["a", "b"],
/// `o` = {a = 1, b = "x"}): the value in HCL syntax, or "error: " and the error's What().
inline std::string EvalWithFunctions(std::string_view source) {
  static const EvalContext ctx = [] {
    EvalContext c;
    AddStandardFunctions(c);
    c.SetVariable("l", Value::MakeTuple({Value::String("a"), Value::String("b")}));
    c.SetVariable("o", Value::MakeObject({{"a", Value::Number(1)}, {"b", Value::String("x")}}));
    return c;
  }();
  return EvalIn(source, ctx);
}

/// A row: an expression and its value in HCL syntax, or "error: " and a part of the message.
struct FunctionCase {
  const char* source;
  const char* want;
};

inline void RunFunctionTable(const std::vector<FunctionCase>& cases) {
  for (const FunctionCase& c : cases) {
    std::string got = EvalWithFunctions(c.source);
    std::string_view want = c.want;
    if (want.starts_with("error: ")) {
      EXPECT_TRUE(got.starts_with("error: ") &&
                  got.find(want.substr(7)) != std::string::npos)
          << c.source << "\n  got:  " << got << "\n  want: " << want;
    } else {
      EXPECT_EQ(got, want) << c.source;
    }
  }
}

}  // namespace manifold::hcl::testing
