// Go's path.Match, which buildx uses for target patterns in requested names and --set keys.
#pragma once

#include <string_view>

#include "util/error.hpp"

namespace manifold::bake::internal {

/// Whether `name` matches the whole shell pattern (`*` any run without '/', `?` one character
/// other than '/', `[a-z]`/`[^abc]` classes, `\` escapes), code points read as UTF-8.
/// Fails (kInvalidArgument, "syntax error in pattern", Go's ErrBadPattern) on a malformed
/// pattern, whether or not the name would have matched.
util::Result<bool> PathMatch(std::string_view pattern, std::string_view name);

}  // namespace manifold::bake::internal
