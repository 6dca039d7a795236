// Go-style durations ("30s", "1m30s", "500ms") as HEALTHCHECK flags take them.
#pragma once

#include <cstdint>
#include <string_view>

#include "util/error.hpp"

namespace manifold::frontend::internal {

/// Parses a Go duration into nanoseconds: a sequence of decimal numbers with units ns, us
/// (µs), ms, s, m, h; "0" alone is zero. Errors name the text.
util::Result<int64_t> ParseGoDuration(std::string_view text);

}  // namespace manifold::frontend::internal
