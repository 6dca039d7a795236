// Templates: interpolations converted to strings and concatenated, `if` and `for` directives.
#include <fmt/format.h>

#include "hcl/convert.hpp"
#include "hcl/internal/evaluator.hpp"

namespace manifold::hcl::internal {
util::Status Evaluator::Append(std::string& out, std::string_view piece, const Range& range) {
  // Cumulative over the whole evaluation: a budget per template would still let a `for`
  // expression build thousands of maximal strings.
  template_bytes_ += piece.size();
  if (template_bytes_ > kMaxTemplateBytes) {
    return std::unexpected(
        EvalError(range, "Template result too large",
                  fmt::format("The templates of this expression would produce more than {} bytes.",
                              kMaxTemplateBytes)));
  }
  out += piece;
  return {};
}

util::Result<Value> Evaluator::EvalTemplate(const TemplateExpr& t, const Range& range,
                                            const EvalContext& ctx) {
  std::string out;
  for (const ExprPtr& part : t.parts) {
    Value v = MANIFOLD_TRY(Eval(*part, ctx));
    if (v.IsNull()) {
      return std::unexpected(EvalError(part->range, "Invalid template interpolation value",
                                       "The expression result is null. Cannot include a null value "
                                       "in a string template."));
    }
    auto s = ToStringValue(v);
    if (!s) {
      return std::unexpected(
          EvalError(part->range, "Invalid template interpolation value",
                    fmt::format("Cannot include the given value in a string template: {}.",
                                s.error().message())));
    }
    MANIFOLD_CHECK(Append(out, s->AsString(), range));
  }
  return Value::String(std::move(out));
}

util::Result<Value> Evaluator::EvalTemplateIf(const TemplateIfExpr& t, const Range&,
                                              const EvalContext& ctx) {
  // hclsyntax turns the directive into a conditional expression; its errors are the same.
  Value condition = MANIFOLD_TRY(Eval(*t.condition, ctx));
  if (condition.IsNull()) {
    return std::unexpected(EvalError(t.condition->range, "Null condition",
                                     "The condition value is null. Conditions must either be true "
                                     "or false."));
  }
  auto b = ToBoolValue(condition);
  if (!b) {
    return std::unexpected(EvalError(
        t.condition->range, "Incorrect condition type",
        fmt::format("The condition expression must be of type bool: {}.", b.error().message())));
  }
  if (b->AsBool()) return Eval(*t.then, ctx);
  if (t.otherwise) return Eval(*t.otherwise, ctx);
  return Value::String("");
}

util::Result<Value> Evaluator::EvalTemplateFor(const TemplateForExpr& t, const Range& range,
                                               const EvalContext& ctx) {
  Value collection = MANIFOLD_TRY(Eval(*t.collection, ctx));
  auto elements = MANIFOLD_TRY(ForElements(collection, t.collection->range, "'for' directive"));
  std::string out;
  for (auto& [key, value] : elements) {
    EvalContext scope(&ctx);
    if (!t.key_var.empty()) scope.SetVariable(t.key_var, key);
    scope.SetVariable(t.value_var, value);
    Value piece = MANIFOLD_TRY(Eval(*t.body, scope));
    MANIFOLD_CHECK(Append(out, piece.AsString(), range));
  }
  return Value::String(std::move(out));
}

}  // namespace manifold::hcl::internal
