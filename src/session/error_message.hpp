// The protocol's {"type":"error"} message: an Error crossing the channel and back.
#pragma once

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace manifold::session {

/// {"type":"error","message":error.What(),"kind":ErrorKindName(kind)}.
nlohmann::json ErrorMessage(const util::Error& error);

/// The Error an "error" message describes: its "message" (or a note that it had none) and its
/// "kind" (an ErrorKindName; unknown or absent = kInternal).
util::Error ErrorFromMessage(const nlohmann::json& message);

}  // namespace manifold::session
