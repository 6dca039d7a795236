// Canonical JSON bytes for image documents, and exception-free JSON parsing of untrusted bytes.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace manifold::image {

/// The canonical bytes of `json`: object keys sorted (nlohmann::json's std::map), no
/// whitespace, UTF-8 as is, invalid UTF-8 replaced by U+FFFD so it never throws. Equal values
/// give equal bytes on every run and every machine.
std::string CanonicalJson(const nlohmann::json& json);

/// Parses `bytes` as one JSON value without throwing. Errors (InvalidArgument) name `what`
/// ("image manifest") and where parsing stopped.
util::Result<nlohmann::json> ParseJson(std::string_view bytes, std::string_view what);

}  // namespace manifold::image
