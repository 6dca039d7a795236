// builder::WriteMetadataFile: `--metadata-file`, with the keys buildx writes.
#pragma once

#include <filesystem>

#include "builder/build.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// Writes `result` as buildx's metadata JSON: `containerimage.digest`,
/// `containerimage.descriptor` (mediaType, digest, size), `image.name` (the pushed names,
/// comma-separated, when any). Atomic; errors name the file.
util::Status WriteMetadataFile(const std::filesystem::path& path, const BuildResult& result);

}  // namespace manifold::builder
