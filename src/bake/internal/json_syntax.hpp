// ParseJsonFile: a bake file in HCL's JSON syntax → the same hcl::File a native file gives.
#pragma once

#include <string>
#include <string_view>

#include "hcl/ast.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// Parses `source` as HCL's JSON syntax (hashicorp/hcl json/spec.md) with bake's schema: at the
/// top level the properties "variable", "function", "target" and "group" are blocks with one
/// label (`{"target": {"app": {...}}}`, a label's body may also be an array of bodies, and the
/// whole value an array of such objects); "validation" inside a variable is a block without
/// labels; every other property is an attribute. Attribute values become expressions: a
/// string is a template (`"${TAG}"` interpolates, `$${` escapes), numbers, bools and null are
/// literals, arrays tuples and objects objects (their keys templates too). A property given
/// twice in one body is an error unless it names blocks.
///
/// Errors are kInvalidArgument and located (file:line:column): invalid JSON, a non-object at
/// the top or where a body belongs, template syntax errors, nesting deeper than 256 levels.
util::Result<hcl::File> ParseJsonFile(std::string_view source, std::string filename);

}  // namespace manifold::bake::internal
