// Evaluate: an HCL expression and an evaluation context (variables, functions) → a Value.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::hcl {

/// A function callable from expressions. `call` gets the arguments (after `...` expansion),
/// already counted against min_args/max_args; an error it returns is reported located at the
/// call, as "Error in function call; Call to function "f" failed: <message>.".
struct Function {
  size_t min_args = 0;
  std::optional<size_t> max_args;  ///< std::nullopt: any number (variadic).
  std::function<util::Result<Value>(std::vector<Value> args)> call;
};

/// Variables and functions an expression sees. A child scope names its parent, which must
/// outlive it; a name defined in the child hides the parent's (HCL's scopes; `for`
/// expressions make such children). Not thread-safe to mutate; const lookups may run
/// concurrently.
class EvalContext {
 public:
  EvalContext() = default;
  /// A child scope of `parent` (may be nullptr).
  explicit EvalContext(const EvalContext* parent) : parent_(parent) {}

  /// Defines (or redefines) a variable in this scope.
  void SetVariable(std::string name, Value value);
  /// Defines (or redefines) a function in this scope.
  void SetFunction(std::string name, Function function);

  /// The innermost variable named `name`, or nullptr.
  const Value* FindVariable(std::string_view name) const;
  /// The innermost function named `name`, or nullptr.
  const Function* FindFunction(std::string_view name) const;
  const EvalContext* parent() const { return parent_; }

 private:
  const EvalContext* parent_ = nullptr;
  std::map<std::string, Value, std::less<>> variables_;
  std::map<std::string, Function, std::less<>> functions_;
};

/// Evaluates `expr` in `ctx` with HCL's semantics (hclsyntax spec, "Expressions" and
/// "Templates"): implicit primitive conversions for operators, conditions, index keys and
/// template interpolations; `&&`/`||` evaluate both operands but an undecidable side's error
/// is dropped when the other side decides (`true || x` is true for any bool-convertible or
/// failing x); a conditional reports only the chosen branch's error; `/` and `%` are on real
/// numbers (5 / 2 is 2.5, x % 0 is x, x / 0 is ±Inf, 0 / 0 an error).
///
/// Errors are kInvalidArgument, located at the offending sub-expression, worded as HCL's
/// diagnostics ("Unknown variable; There is no variable named \"x\"."). Evaluation stops after
/// a million steps or when a template would exceed 16 MiB, so that any parsed expression
/// finishes quickly.
util::Result<Value> Evaluate(const Expression& expr, const EvalContext& ctx);

}  // namespace manifold::hcl
