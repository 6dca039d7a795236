// Evaluator: one evaluation of one expression tree, with its step budget and splat stack.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/eval.hpp"
#include "hcl/internal/stack_guard.hpp"
#include "util/error.hpp"

namespace manifold::hcl::internal {

/// Steps (sub-expression evaluations, and values visited by `==`) one Evaluate may take, and
/// the bytes all its templates together may build: bake files need a tiny fraction; hostile
/// ones stop here instead of hanging or exhausting memory.
inline constexpr long kMaxEvalSteps = 1'000'000;
inline constexpr size_t kMaxTemplateBytes = 16 << 20;

/// Walks an expression tree. The methods are spread over evaluator*.cpp by construct.
class Evaluator {
 public:
  util::Result<Value> Eval(const Expression& e, const EvalContext& ctx);

  util::Result<Value> EvalVariable(const VariableExpr& v, const Range& range,
                                   const EvalContext& ctx);
  util::Result<Value> EvalGetAttr(const GetAttrExpr& g, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalIndex(const IndexExpr& i, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalSplat(const SplatExpr& s, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalCall(const FunctionCallExpr& c, const Range& range,
                               const EvalContext& ctx);
  // try(EXPR...) and can(EXPR): called by EvalCall, which evaluates other calls' arguments first.
  util::Result<Value> EvalTryOrCan(const FunctionCallExpr& c, const Range& range,
                                   const EvalContext& ctx);
  // convert(VALUE, TYPE): called by EvalCall; TYPE is a type expression, not evaluated.
  util::Result<Value> EvalConvert(const FunctionCallExpr& c, const Range& range,
                                  const EvalContext& ctx);
  // A call's arguments, the final one expanded when the call ends with `...`.
  util::Result<std::vector<Value>> EvalArgs(const FunctionCallExpr& c, const EvalContext& ctx);
  util::Result<Value> EvalUnary(const UnaryExpr& u, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalBinary(const BinaryExpr& b, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalConditional(const ConditionalExpr& c, const Range& range,
                                      const EvalContext& ctx);
  util::Result<Value> EvalTuple(const TupleExpr& t, const EvalContext& ctx);
  util::Result<Value> EvalObject(const ObjectExpr& o, const EvalContext& ctx);
  util::Result<Value> EvalFor(const ForExpr& f, const Range& range, const EvalContext& ctx);
  util::Result<Value> EvalTemplate(const TemplateExpr& t, const Range& range,
                                   const EvalContext& ctx);
  util::Result<Value> EvalTemplateIf(const TemplateIfExpr& t, const Range& range,
                                     const EvalContext& ctx);
  util::Result<Value> EvalTemplateFor(const TemplateForExpr& t, const Range& range,
                                      const EvalContext& ctx);

  /// `collection[key]` with HCL's key conversions; `key_range` locates key errors.
  util::Result<Value> Index(const Value& collection, const Value& key, const Range& range,
                            const Range& key_range);
  /// `value.name`.
  util::Result<Value> GetAttr(const Value& value, const std::string& name, const Range& range);
  /// Appends a template piece to `out`, charged against the evaluation's template budget.
  util::Status Append(std::string& out, std::string_view piece, const Range& range);
  /// Value equality, charging every value visited as a step.
  util::Result<bool> Equal(const Value& a, const Value& b, const Range& range);

 private:
  util::Status Step(const Range& range);

  long steps_ = 0;
  size_t template_bytes_ = 0;
  StackGuard stack_;
  std::vector<Value> splat_items_;  // the innermost splat's current element is last
};

/// The (key, value) pairs a `for` expression or directive visits: index and element of a
/// tuple, key and attribute of an object in key order. `construct` names the construct in
/// errors ("'for' expression"). Errors: null, or a value that is not a collection.
util::Result<std::vector<std::pair<Value, Value>>> ForElements(const Value& collection,
                                                               const Range& range,
                                                               std::string_view construct);

/// The error for a call of `name` with `count` arguments when it takes [min, max], or success.
util::Status CheckArity(std::string_view name, size_t min_args, std::optional<size_t> max_args,
                        size_t count, const Range& range);

/// The error of a call whose function failed with `error`: "Error in function call; Call to
/// function \"name\" failed: <error>.".
util::Error CallError(const Range& range, std::string_view name, const util::Error& error);

/// "Summary; Detail" at `range`, the shape of every evaluation error; its location has no line
/// text until Evaluate adds it.
util::Error EvalError(const Range& range, std::string summary, std::string detail);

}  // namespace manifold::hcl::internal
