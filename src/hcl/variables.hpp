// Variables: the variables an expression refers to, found without evaluating it (hcl's
// Expression.Variables), so that a caller can order or resolve definitions before evaluating.
#pragma once

#include <string>
#include <vector>

#include "hcl/ast.hpp"

namespace manifold::hcl {

/// One reference to a variable: its name and the static traversal that follows it, as far as
/// it is static (`.name` steps and literal `[...]` keys; numbers as written by FormatNumber),
/// e.g. `target.foo.dockerfile` → root "target", path {"foo", "dockerfile"}.
struct VariableReference {
  std::string root;
  std::vector<std::string> path;
  Range range;  ///< The variable's name.
};

/// The references in `expr`, in source order, repeats included. Names bound by an enclosing
/// `for` expression or `for` directive within `expr` are not references; names used in a
/// `for`'s collection are.
std::vector<VariableReference> Variables(const Expression& expr);

}  // namespace manifold::hcl
