// worker::ContextChecksums: content checksums of what a step selects from a local context.
#pragma once

#include <sys/stat.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cache/meta_store.hpp"
#include "util/error.hpp"
#include "worker/internal/known_digests.hpp"
#include "worker/outputs.hpp"

namespace manifold::worker {

/// Checksums the files under a path of a context (what `COPY src dst` or a bind mount reads),
/// through its .dockerignore: names, types, modes, sizes, link targets and SHA-256 of file
/// contents (not owners or times, as BuildKit: a context's owners are reset, and a touched
/// but unchanged file keeps its cache). A file's digest is reused from `meta` while its
/// stat (dev, inode, size, mtime, ctime) is unchanged and was taken over a second before it
/// was hashed — a file changed within the same clock tick as its hash is hashed again, so a
/// stale hit cannot happen. Thread-safe; Flush() keeps the new digests.
class ContextChecksums {
 public:
  /// `meta` nullptr: every file is hashed every time.
  explicit ContextChecksums(cache::MetaStore* meta) : meta_(meta) {}

  /// "sha256:…" of what `selector` (a path in the context; wildcards select their parent
  /// dir, which over-covers but never misses) names. Over-covering only costs a cache miss.
  util::Result<std::string> Checksum(const ContextOutput& context, std::string_view selector);
  /// "sha256:…" of one regular file under `context_dir` whose lstat is `st`, with the same
  /// stat fast path (what a remote node's context transfer sends).
  util::Result<std::string> FileDigestIn(const std::filesystem::path& context_dir, const std::filesystem::path& path,
                                         const struct stat& st);
  /// Stores the digests computed since the last Flush (Checksum also stores them as they
  /// pile up, every 16,384).
  util::Status Flush();
  /// Flush, then frees the digests held in memory (~90 bytes a file plus its name, which the
  /// export after the solve does not need); a later Checksum reads them back from the cache.
  util::Status FlushAndRelease();

 private:
  // A digest computed by this object and not yet stored.
  struct Fresh {
    std::string path;
    cache::FileStamp stamp;
    int64_t checked_ns = 0;
    std::array<uint8_t, 32> sha256{};
  };

  // The digests known for the context whose path, with one trailing '/', is `base`; read
  // from `meta` the first time.
  util::Result<internal::KnownDigests*> KnownIn(const std::string& base);
  // Hashes the regular file `base` + `rel` (whose lstat gave `stamp`) and records its digest.
  util::Result<std::array<uint8_t, 32>> Hash(const std::string& base, const std::string& rel,
                                             const cache::FileStamp& stamp);

  // Flush, once at least `at_least` digests are new.
  util::Status Store(size_t at_least);

  cache::MetaStore* meta_;
  std::mutex mu_;
  std::map<std::string, internal::KnownDigests> known_;  ///< by context base path
  std::vector<Fresh> fresh_;
};

/// The part of a context that `selector` (a COPY source or a bind mount's source, a path in
/// the context, maybe with wildcards) reads, as a clean relative path ('/'-separated, "" = the
/// whole context): the path before its first wildcard; the whole context when the path has
/// ".." or passes through a symlink in `context_dir` (the step could then read elsewhere).
/// Over-covers, never misses.
std::string SelectedSubtree(const std::filesystem::path& context_dir, std::string_view selector);

}  // namespace manifold::worker
