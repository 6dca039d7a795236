// Pieces shared by the manifest and index readers/writers (schemaVersion, descriptor lists).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "image/descriptor.hpp"
#include "image/internal/json_fields.hpp"

namespace manifold::image::internal {

/// Checks `schemaVersion` is present and exactly 2.
util::Status CheckSchemaVersion(const Json& json);

/// Reads the optional top-level mediaType; when set it must satisfy `accept`, else the error
/// says a `kind` ("image manifest") was expected.
util::Status ReadDocumentMediaType(const Json& json, bool (*accept)(std::string_view),
                                   std::string_view kind, std::string& out);

/// Reads a required array of descriptors at `key`.
util::Status ReadDescriptorList(const Json& json, std::string_view key, std::vector<Descriptor>& out);

/// Reads the optional `subject` descriptor and `artifactType`.
util::Status ReadSubjectAndArtifactType(const Json& json, std::optional<Descriptor>& subject,
                                        std::optional<std::string>& artifact_type);

}  // namespace manifold::image::internal
