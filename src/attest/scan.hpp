// ScanRootFs: every package database and Go binary of one root filesystem, in one pass.
#pragma once

#include <filesystem>

#include "attest/package.hpp"
#include "attest/tree_walk.hpp"
#include "util/error.hpp"

namespace manifold::attest {

/// Bounds of a scan.
struct ScanOptions {
  WalkOptions walk;
};

/// Scans the filesystem rooted at `dir` (a snapshot's read-only view) as if it were "/":
/// os-release for purl qualifiers, dpkg (status + status.d + DEP-5 licences), apk, then one
/// walk of the whole tree for Python core metadata in site-/dist-packages, Node packages'
/// package.json under node_modules (npm's own bundled modules excepted, npm_scanner.hpp) and
/// ELF files with an executable bit carrying Go build info. Databases are read, never every
/// file: per regular executable the walk reads its ELF header and, for ELF, its section headers.
/// Nothing outside `dir` is ever read (confined opens; the walk does not follow symlinks).
/// Files that cannot be understood are listed in ScanReport::skipped, not errors. The
/// packages come sorted with exact duplicates removed, so the same tree gives the same report.
/// Errors: only when `dir` cannot be opened. Thread-safe (no shared state).
util::Result<ScanReport> ScanRootFs(const std::filesystem::path& dir, const ScanOptions& options = {});

}  // namespace manifold::attest
