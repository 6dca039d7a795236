// worker context archives: telling a tar from a Dockerfile, and unpacking one as a build context.
#pragma once

#include <filesystem>

#include "util/error.hpp"

namespace manifold::worker {

/// Whether the file at `path` starts like a tar archive, compressed or not: gzip, bzip2, xz or
/// zstd magic, or a ustar header (BuildKit's isArchive, which decides whether a context URL or
/// stdin is a context or a Dockerfile, and whether ADD extracts a local file). False when the
/// file cannot be read.
bool LooksLikeTarArchive(const std::filesystem::path& path);

/// Unpacks the archive at `archive` into the existing directory `dest` as a build context:
/// every entry confined to `dest` (snapshot::Apply: `../`, absolute names and symlink escapes
/// never write outside it), `.wh.` names kept literally, devices skipped, owners not applied
/// (the files are ours, as a local directory's), under ADD's size and entry limits
/// (MANIFOLD_ADD_MAX_EXTRACT, MANIFOLD_ADD_MAX_ENTRIES). Errors name `what` (the URL or
/// "standard input") and the offending entry.
util::Status ExtractContextArchive(const std::filesystem::path& archive, const std::filesystem::path& dest,
                                   std::string_view what);

}  // namespace manifold::worker
