// ParseGoBool: booleans spelled as Go's strconv.ParseBool reads them (buildx and BuildKit use it).
#pragma once

#include <optional>
#include <string_view>

namespace manifold::util {

/// true for 1 t T TRUE true True, false for 0 f F FALSE false False, nullopt otherwise.
std::optional<bool> ParseGoBool(std::string_view text);

}  // namespace manifold::util
