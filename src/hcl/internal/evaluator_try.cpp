// try() and can(): the two HCL functions (tryfunc, in bake's function set) that take their
// arguments as expressions, so that an argument's evaluation error is their answer.
#include "hcl/internal/evaluator.hpp"

#include <fmt/format.h>

namespace manifold::hcl::internal {

util::Result<Value> Evaluator::EvalTryOrCan(const FunctionCallExpr& c, const Range& range,
                                            const EvalContext& ctx) {
  const bool is_can = c.name == "can";
  if (c.expand_final) {
    return std::unexpected(EvalError(range, "Invalid expanding argument value",
                                     fmt::format("Function \"{}\" takes expressions: an expanding "
                                                 "argument (...) cannot be used with it.",
                                                 c.name)));
  }
  if (c.args.empty() || (is_can && c.args.size() > 1)) {
    return std::unexpected(EvalError(
        range, c.args.empty() ? "Not enough function arguments" : "Too many function arguments",
        is_can ? fmt::format("Function \"can\" expects 1 argument(s), but {} were given.", c.args.size())
               : "Function \"try\" expects at least 1 argument(s), but 0 were given."));
  }
  std::string failures;
  for (const ExprPtr& arg : c.args) {
    util::Result<Value> value = Eval(*arg, ctx);
    if (value) return is_can ? Value::Bool(true) : std::move(*value);
    // Running out of the evaluation budget ends the whole evaluation, not this argument.
    if (steps_ > kMaxEvalSteps) return std::unexpected(std::move(value.error()));
    if (is_can) return Value::Bool(false);
    failures += fmt::format("\n- {}", value.error().What());
  }
  return std::unexpected(EvalError(
      range, "Error in function call",
      fmt::format("Call to function \"try\" failed: no expression succeeded:{}\n\nAt least one "
                  "expression must produce a successful result.",
                  failures)));
}

}  // namespace manifold::hcl::internal
