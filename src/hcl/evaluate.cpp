// Evaluate: one Evaluator per call, so the step budget is per expression.
#include "hcl/eval.hpp"
#include "hcl/internal/evaluator.hpp"

namespace manifold::hcl {

util::Result<Value> Evaluate(const Expression& expr, const EvalContext& ctx) {
  internal::Evaluator evaluator;
  return evaluator.Eval(expr, ctx);
}

}  // namespace manifold::hcl
