// builder::WriteMetadataFile and WriteIidFile: the files buildx writes about a build's result.
#pragma once

#include <filesystem>

#include "builder/build.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// Writes `result` as buildx's metadata JSON: `containerimage.digest`,
/// `containerimage.descriptor` (mediaType, digest, size), `image.name` (the pushed names,
/// comma-separated, when any), `buildx.build.provenance` (the mode=max provenance predicate;
/// `buildx.build.provenance/<platform>` each when several). Atomic; errors name the file.
util::Status WriteMetadataFile(const std::filesystem::path& path, const BuildResult& result);

/// Writes `--iidfile`: the root descriptor's digest ("sha256:…", the index's for several
/// platforms, the manifest's for one) with no newline, as buildx does. Atomic; errors name the
/// file.
util::Status WriteIidFile(const std::filesystem::path& path, const BuildResult& result);

}  // namespace manifold::builder
