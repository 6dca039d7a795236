// Static looks at hcl expressions: literal strings, keywords, the functions an expression calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hcl/ast.hpp"

namespace manifold::bake::internal {

/// The string an expression spells without evaluation: a string literal or a template of
/// literal text only (`"abc"`, and every JSON string without `${`). std::nullopt otherwise.
std::optional<std::string> StaticString(const hcl::Expression& expr);

/// A bare identifier (`number`), or in JSON a static string ("number"), as hcl's
/// ExprAsKeyword; std::nullopt for anything else.
std::optional<std::string> Keyword(const hcl::Expression& expr);

/// The names of the functions `expr` calls, in source order, repeats included.
std::vector<std::string> FunctionCalls(const hcl::Expression& expr);

}  // namespace manifold::bake::internal
