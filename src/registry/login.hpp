// registry::CheckLogin: does a registry accept these credentials? (what `login` asks before saving)
#pragma once

#include "registry/client.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// Asks `registry` for its API root (`GET /v2/`) with the credentials it was made with, going
/// through its challenge (Basic, or a token without scope). kPermissionDenied when refused;
/// kUnavailable when unreachable. A registry that needs no auth accepts anything.
util::Status CheckLogin(Registry& registry);

}  // namespace manifold::registry
