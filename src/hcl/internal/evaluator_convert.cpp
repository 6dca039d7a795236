// convert(): HCL's typeexpr.ConvertFunc, whose second argument is a type expression that the call
// decodes instead of evaluating (HCL's customdecode extension).
#include <fmt/format.h>

#include "hcl/convert.hpp"
#include "hcl/internal/evaluator.hpp"
#include "hcl/internal/functions.hpp"
#include "hcl/type_expr.hpp"

namespace manifold::hcl::internal {

util::Result<Value> Evaluator::EvalConvert(const FunctionCallExpr& c, const Range& range,
                                           const EvalContext& ctx) {
  constexpr size_t kArgs = 2;
  if (c.expand_final) {
    // Expanded arguments are values: the type's expression is gone, so whenever the count is right
    // the type is not a type expression (as hclsyntax decodes a literal of the value).
    std::vector<Value> args = MANIFOLD_TRY(EvalArgs(c, ctx));
    MANIFOLD_CHECK(CheckArity(c.name, kArgs, kArgs, args.size(), range));
    return std::unexpected(EvalError(c.args.back()->range, "Invalid type specification",
                                     "A type specification is either a primitive type keyword "
                                     "(bool, number, string) or a complex type constructor call, "
                                     "like list(string)."));
  }
  // hclsyntax counts the arguments before it evaluates any of them.
  MANIFOLD_CHECK(CheckArity(c.name, kArgs, kArgs, c.args.size(), range));
  Value value = MANIFOLD_TRY(Eval(*c.args[0], ctx));
  Type type = MANIFOLD_TRY(ParseTypeExpr(*c.args[1], TypeExprMode::kConstraint));
  auto converted = ConvertToType(value, type);
  if (!converted) {
    return std::unexpected(
        CallError(range, c.name, ArgError(0, "value", converted.error().message()).error()));
  }
  return std::move(*converted);
}

}  // namespace manifold::hcl::internal
