// Unary and binary operators: HCL's operand conversions, equality, number arithmetic (cty's
// division and modulo) and the logical operators' short-circuit rule.
#include <fmt/format.h>

#include <cmath>

#include "hcl/convert.hpp"
#include "hcl/internal/evaluator.hpp"

namespace manifold::hcl::internal {
namespace {

util::Error OperationFailed(const Range& range, std::string_view why) {
  return EvalError(range, "Operation failed", fmt::format("Error during operation: {}.", why));
}

// Converts an evaluated operand for its operator, or says why it is unsuitable.
util::Result<Value> Operand(const util::Result<Value>& evaluated, bool want_bool,
                            std::string_view side, const Range& range) {
  if (!evaluated) return std::unexpected(evaluated.error());
  auto converted = want_bool ? ToBoolValue(*evaluated) : ToNumberValue(*evaluated);
  if (!converted) {
    return std::unexpected(EvalError(
        range, "Invalid operand",
        fmt::format("Unsuitable value for {} operand: {}.", side, converted.error().message())));
  }
  return converted;
}

util::Result<Value> Arithmetic(BinaryOp op, double a, double b, const Range& range) {
  double r = 0;
  switch (op) {
    case BinaryOp::kAdd: r = a + b; break;
    case BinaryOp::kSub: r = a - b; break;
    case BinaryOp::kMul: r = a * b; break;
    case BinaryOp::kDiv:
      // cty: x / 0 is an infinity of x's sign; 0 / 0 and ∞ / ∞ fail.
      if ((a == 0 && b == 0) || (std::isinf(a) && std::isinf(b))) {
        return std::unexpected(
            OperationFailed(range, "can't divide zero by zero or infinity by infinity"));
      }
      r = a / b;
      break;
    case BinaryOp::kMod:
      // cty's Modulo: an infinity operand yields a * b, x % 0 is x, otherwise the remainder
      // of a division truncated toward zero (the sign follows a), which is fmod.
      if (std::isinf(a) || std::isinf(b)) {
        r = a * b;
      } else if (b == 0) {
        r = a;
      } else {
        r = std::fmod(a, b);
      }
      break;
    case BinaryOp::kLess: return Value::Bool(a < b);
    case BinaryOp::kLessEq: return Value::Bool(a <= b);
    case BinaryOp::kGreater: return Value::Bool(a > b);
    case BinaryOp::kGreaterEq: return Value::Bool(a >= b);
    default: MANIFOLD_ASSERT(false, "Arithmetic gets only number operators");
  }
  if (std::isnan(r)) return std::unexpected(OperationFailed(range, "the result is not a number"));
  return Value::Number(r);
}

}  // namespace

util::Result<Value> Evaluator::EvalUnary(const UnaryExpr& u, const Range& range,
                                         const EvalContext& ctx) {
  bool logical = u.op == UnaryOp::kNot;
  auto evaluated = Eval(*u.operand, ctx);
  Value v = MANIFOLD_TRY(Operand(evaluated, logical, "unary", u.operand->range));
  if (v.IsNull()) return std::unexpected(OperationFailed(range, "argument must not be null"));
  if (logical) return Value::Bool(!v.AsBool());
  return Value::Number(-v.AsNumber());
}

util::Result<Value> Evaluator::EvalBinary(const BinaryExpr& b, const Range& range,
                                          const EvalContext& ctx) {
  // Both operands are always evaluated (hclsyntax's BinaryOpExpr).
  auto lhs = Eval(*b.lhs, ctx);
  auto rhs = Eval(*b.rhs, ctx);
  if (b.op == BinaryOp::kEq || b.op == BinaryOp::kNotEq) {
    if (!lhs) return std::unexpected(std::move(lhs.error()));
    if (!rhs) return std::unexpected(std::move(rhs.error()));
    // No conversion: values of different types are never equal ("1" != 1).
    bool equal = MANIFOLD_TRY(Equal(*lhs, *rhs, range));
    return Value::Bool(equal == (b.op == BinaryOp::kEq));
  }
  if (b.op == BinaryOp::kAnd || b.op == BinaryOp::kOr) {
    // A side that evaluated but is not a bool is an error even when the other side decides;
    // a side that failed to evaluate is ignored when the other decides (hclsyntax's
    // ShortCircuit: `true || x` is true).
    bool decider = b.op == BinaryOp::kOr;
    util::Result<Value> l = lhs ? Operand(lhs, true, "left", b.lhs->range) : Value();
    if (!l) return l;
    util::Result<Value> r = rhs ? Operand(rhs, true, "right", b.rhs->range) : Value();
    if (!r) return r;
    if (lhs && !l->IsNull() && l->AsBool() == decider) return Value::Bool(decider);
    if (rhs && !r->IsNull() && r->AsBool() == decider) return Value::Bool(decider);
    if (!lhs) return std::unexpected(std::move(lhs.error()));
    if (!rhs) return std::unexpected(std::move(rhs.error()));
    if (l->IsNull() || r->IsNull())
      return std::unexpected(OperationFailed(range, "argument must not be null"));
    return Value::Bool(!decider);
  }
  Value l = MANIFOLD_TRY(Operand(lhs, false, "left", b.lhs->range));
  Value r = MANIFOLD_TRY(Operand(rhs, false, "right", b.rhs->range));
  if (l.IsNull() || r.IsNull())
    return std::unexpected(OperationFailed(range, "argument must not be null"));
  return Arithmetic(b.op, l.AsNumber(), r.AsNumber(), range);
}

}  // namespace manifold::hcl::internal
