// ADD's bounds on extracting a local archive: a decompression bomb must not fill the disk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::worker::internal {

/// The default byte bound: this many times the archive's own size...
inline constexpr uint64_t kAddExtractRatio = 100;
/// ...but never less than this (small archives of compressible files stay easy to ADD).
inline constexpr uint64_t kAddExtractFloor = 1ULL << 30;
/// The default entry bound.
inline constexpr uint64_t kAddMaxEntries = 1'000'000;

/// What an ADD may extract from one archive (0 = unbounded), and how a user raises it.
struct ExtractLimits {
  uint64_t max_bytes = 0;
  uint64_t max_entries = 0;
  std::string hint;
};

/// The limits for an archive of `archive_bytes` bytes. MANIFOLD_ADD_MAX_EXTRACT (a size:
/// bytes or with a K/M/G/T suffix, powers of 1024; 0 = no limit) replaces the default
/// max(kAddExtractFloor, kAddExtractRatio × archive_bytes); MANIFOLD_ADD_MAX_ENTRIES (a count,
/// 0 = no limit) replaces kAddMaxEntries. Read from the environment at each call.
/// Errors: kInvalidArgument for a malformed value, naming the variable.
util::Result<ExtractLimits> AddExtractLimits(uint64_t archive_bytes);

/// "512", "64K", "20G", "1T" (case-insensitive, an optional "i"/"iB"/"B" after the suffix) as
/// bytes. Errors: kInvalidArgument naming `what`.
util::Result<uint64_t> ParseByteSize(std::string_view text, std::string_view what);

}  // namespace manifold::worker::internal
