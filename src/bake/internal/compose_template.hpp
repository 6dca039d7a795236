// SubstituteVariables: Compose's `$VAR` / `${VAR:-default}` interpolation of one string.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::bake::internal {

/// A variable's value, or nullopt when it is unset (an empty value is set).
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Replaces variable references in `text` as compose-go's template package: `$$` is a `$`;
/// `$NAME` and `${NAME}` the value ("" when unset); `${NAME:-x}` / `${NAME-x}` x when unset or
/// empty / unset; `${NAME:+x}` / `${NAME+x}` x when set and non-empty / set; `${NAME:?msg}` /
/// `${NAME?msg}` an error when unset or empty / unset. The x and msg parts are substituted in
/// turn and may nest `${...}`. A `$` before anything else stays. Names are
/// `[_a-zA-Z][_a-zA-Z0-9]*`. Errors (kInvalidArgument): "invalid interpolation format" for `${`
/// without a valid name and closing brace; "required variable NAME is missing a value: msg".
util::Result<std::string> SubstituteVariables(std::string_view text, const VariableLookup& lookup);

}  // namespace manifold::bake::internal
