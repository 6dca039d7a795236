// Descriptor and Platform <-> OCI JSON objects.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "image/descriptor.hpp"
#include "image/media_types.hpp"
#include "util/error.hpp"

namespace manifold::image {

/// The OCI `platform` object: os, architecture, and variant/os.version/os.features when set.
nlohmann::json PlatformToJson(const Platform& platform);

/// Reads a `platform` object; `os` and `architecture` are required strings. Errors
/// (InvalidArgument) start with `where` ("manifests[2].platform").
util::Result<Platform> PlatformFromJson(const nlohmann::json& json, std::string_view where);

/// The descriptor as JSON: mediaType (mapped into `family`), digest, size, and urls,
/// annotations, platform, artifactType and data (base64) when set. With MediaTypes::kDocker,
/// annotations and artifactType are left out (Docker schema 2 has neither).
nlohmann::json DescriptorToJson(const Descriptor& descriptor, MediaTypes family = MediaTypes::kOci);

/// Reads a descriptor object as OCI defines it, checking what upstream checks: mediaType
/// present and well-formed, digest a supported algorithm with a valid encoding (sha256: 64
/// lower-case hex), size a non-negative integer, urls absolute URIs, data padded base64 that
/// decodes to `size` bytes whose digest matches. Errors name `where` and the field.
util::Result<Descriptor> DescriptorFromJson(const nlohmann::json& json, std::string_view where);

/// {media_type, Digest::OfBytes(bytes), bytes.size()}: how a document just serialized is
/// referenced.
Descriptor DescriptorOf(std::string_view media_type, std::string_view bytes);

}  // namespace manifold::image
