// Evaluate: one Evaluator per call, so the step budget is per expression.
#include "hcl/eval.hpp"
#include "hcl/internal/evaluator.hpp"

namespace manifold::hcl {

util::Result<Value> Evaluate(const Expression& expr, const EvalContext& ctx) {
  internal::Evaluator evaluator;
  auto result = evaluator.Eval(expr, ctx);
  if (result) return result;
  util::Error& error = result.error();
  const auto& loc = error.location();
  const SourceText* source = expr.range.source.get();
  // Every node of one tree comes from one file; a function's own located error is left as is.
  if (source != nullptr && loc && loc->line_text.empty() && loc->file == source->filename) {
    util::SourceLocation with_text = *loc;
    with_text.line_text = std::string(source->Line(loc->line));
    error.At(std::move(with_text));
  }
  return result;
}

}  // namespace manifold::hcl
