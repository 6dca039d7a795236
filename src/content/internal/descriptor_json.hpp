// OCI descriptor <-> JSON, just what the OCI layout code needs (index.json in and out).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::content::internal {

/// The descriptor as OCI JSON (mediaType, digest, size, and the optional fields when set).
/// nlohmann::json keeps keys sorted, so dump() is canonical.
nlohmann::json DescriptorToJson(const image::Descriptor& descriptor);

/// Parses one descriptor object. Errors (InvalidArgument) say which field is wrong and
/// start with `where` (e.g. "index.json manifests[1]").
util::Result<image::Descriptor> DescriptorFromJson(const nlohmann::json& json, std::string_view where);

}  // namespace manifold::content::internal
