// session::ScanContext: a build context directory, seen through its .dockerignore, as a manifest.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "session/context_manifest.hpp"
#include "util/error.hpp"

namespace manifold::session {

/// Whether a path relative to the context ('/'-separated, no leading '/') is left out.
using PathFilter = std::function<bool(std::string_view relative_path)>;
/// The digest ("sha256:<hex>") of the regular file at `path`, described by `st` (lstat).
using FileDigester = std::function<util::Result<std::string>(const std::filesystem::path& path, const struct stat& st)>;

/// Walks `dir` without following symlinks into a manifest. `excluded` (.dockerignore; unset =
/// nothing) and `walk_excluded` (for an excluded directory: whether it must still be walked
/// because a `!` pattern may re-include something below it; unset = never) mean what they mean
/// for the worker's local context (worker::LocalDir): an excluded entry is left out; an
/// excluded directory that must be walked appears only when something below it is kept, with
/// its own mode and mtime. Sockets, fifos and devices are skipped. `digest` hashes regular
/// files (unset = SHA-256 of the file's bytes). Errors: FailErrno kinds naming the path.
util::Result<ContextManifest> ScanContext(const std::filesystem::path& dir, const PathFilter& excluded,
                                          const PathFilter& walk_excluded, const FileDigester& digest = {});

}  // namespace manifold::session
