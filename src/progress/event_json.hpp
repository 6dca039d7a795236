// Progress events as JSON: how a remote build node streams its events back to the client.
#pragma once

#include <nlohmann/json.hpp>

#include "progress/event.hpp"
#include "util/error.hpp"

namespace manifold::progress {

/// {"kind": EventKindName(kind), "vertex", "name", "platforms", "text", "current", "total"}.
/// The time is left out: steady clocks of two machines do not compare. `text` is a log line's
/// raw bytes and need not be UTF-8: dump with nlohmann::json::error_handler_t::replace.
nlohmann::json EventToJson(const Event& e);

/// The inverse of EventToJson, with `time` = now (the moment it arrived). Every member
/// EventToJson writes is required; members it does not write are ignored. A missing member, a
/// wrong type or an unknown kind is a kInvalidArgument error naming the member. Never throws.
util::Result<Event> EventFromJson(const nlohmann::json& j);

}  // namespace manifold::progress
