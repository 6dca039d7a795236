// builder::WriteMetadataFile and WriteIidFile: the files buildx writes about a build's result.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

#include "builder/build.hpp"
#include "builder/instance.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// Writes `result` as buildx's metadata JSON: `containerimage.digest`,
/// `containerimage.descriptor` (mediaType, digest, size), `containerimage.config.digest` (one
/// platform only: BuildKit sets it only when the root is a manifest), `buildx.build.ref` (when
/// set), `image.name` (the names pushed, archived and loaded, comma-separated, when any: as
/// given for pushes, normalized for archives and loads, as BuildKit's exporters report them),
/// `buildx.build.provenance` (the mode=max provenance predicate; `buildx.build.provenance/<platform>`
/// each when several). Atomic; errors name the file.
util::Status WriteMetadataFile(const std::filesystem::path& path, const BuildResult& result);

/// The object WriteMetadataFile writes for `result`.
nlohmann::json MetadataJson(const BuildResult& result);

/// Writes `bake --metadata-file` as buildx does: one MetadataJson object per target, by target
/// name. Atomic; errors name the file.
util::Status WriteBakeMetadataFile(const std::filesystem::path& path,
                                   const std::vector<std::pair<std::string, BuildResult>>& results);

/// A fresh buildx.build.ref for `result`: BUILDER/NODE/REF, REF 25 random characters of
/// [a-z0-9] as buildx's identity.NewID() makes; NODE is the node that built the first platform.
std::string NewBuildRef(const Instance& instance, const BuildResult& result);

/// Writes `--iidfile` as buildx does, with no newline: the image config's digest when the result
/// is one image manifest (the ID `docker run` takes after a load), else the root descriptor's
/// digest (the index's). Atomic; errors name the file.
util::Status WriteIidFile(const std::filesystem::path& path, const BuildResult& result);

}  // namespace manifold::builder
