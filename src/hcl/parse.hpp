// Parse: HCL native-syntax bytes → File (a body of attributes and blocks) or one expression.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "hcl/ast.hpp"
#include "util/error.hpp"

namespace manifold::hcl {

/// Parses a configuration file in HCL's native syntax (hashicorp/hcl hclsyntax/spec.md).
/// `filename` only labels ranges and errors. The file's text is copied into the result, so
/// `source` need not outlive it.
///
/// Errors are kInvalidArgument, located (file:line:column and the line's text; What() gives
/// "file:line:col: Summary; Detail." in HCL's wording), and the first one ends the parse:
/// invalid UTF-8 or characters, bad tokens, syntax errors, an attribute set twice in one body
/// (naming the first definition's location), and nesting deeper than 256 levels (blocks,
/// parentheses, brackets, templates) or expression trees deeper than 1024 levels, which keeps
/// the parser and the evaluator's recursion bounded on any input.
util::Result<File> Parse(std::string_view source, std::string filename);

/// Parses `source` as one expression (trailing newlines allowed), as hclsyntax's
/// ParseExpression does; errors as Parse.
util::Result<std::shared_ptr<const Expression>> ParseExpression(std::string_view source,
                                                                std::string filename);

}  // namespace manifold::hcl
