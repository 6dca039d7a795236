// session::ContextMirror: a node's copy of one client's build context, kept between builds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "session/context_manifest.hpp"
#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::session {

/// Hands a blob's bytes, chunk by chunk, to `sink`; what Channel::ReceiveBlob does.
using BlobSink = std::function<util::Status(std::string_view chunk)>;
using BlobReader = std::function<util::Status(const BlobSink& sink)>;

/// A node's copy of one client's context under `dir`: the tree in dir/tree, the index of what
/// the tree holds (the last applied manifest) in dir/index.json, received blobs in dir/staging.
/// Kept between builds so that only changed files travel. One build per mirror at a time: the
/// mirror holds an exclusive flock on dir/lock from Open until destruction. Not thread-safe.
class ContextMirror {
 public:
  /// Creates `dir` if needed, takes the lock (waiting while another process or thread holds
  /// it), empties the staging area and reads the index (a missing or unreadable index = an
  /// empty one). Errors: FailErrno kinds naming the path.
  static util::Result<ContextMirror> Open(const std::filesystem::path& dir);

  ContextMirror(ContextMirror&&) noexcept = default;
  ContextMirror& operator=(ContextMirror&&) noexcept = default;

  /// Digests of `manifest`'s files that the mirror can make neither from staged blobs nor from
  /// a tree file that its index says has that digest (and whose size and mtime still agree).
  /// Each once, in manifest order.
  std::vector<std::string> Missing(const ContextManifest& manifest) const;

  /// Receives one blob into staging through `read`, verifying its size and digest. A mismatch
  /// is kInvalidArgument and nothing is kept; so is a malformed digest. Errors of `read` are
  /// returned as they are.
  util::Status Stage(std::string_view digest, int64_t size, const BlobReader& read);

  /// Makes the tree exactly `manifest` (validated first: kInvalidArgument before anything is
  /// written): entries not listed are removed, new or changed ones created or replaced, modes
  /// and mtimes set (directories' last). File contents come from staging or from a tree file
  /// of the same digest, copied (never hard-linked: a build must not be able to alter another
  /// entry) and verified. Every write is confined to the tree (util/confined.hpp), so even a
  /// tree left with symlinks cannot lead one outside. The index is dropped first and replaced
  /// atomically at the end; after a failure there is none, and the next transfer resends all.
  util::Status Apply(const ContextManifest& manifest);

  /// The directory holding the context (dir/tree).
  const std::filesystem::path& tree() const { return tree_; }

 private:
  ContextMirror() = default;
  bool Staged(std::string_view digest) const;
  /// Whether the tree file at `entry.path` is the one the index describes (size and mtime).
  bool InPlace(int tree_fd, const ContextEntry& entry) const;
  /// A tree path the index says holds `digest`, still in place; empty when none.
  std::string HeldAt(int tree_fd, std::string_view digest) const;
  util::Status ApplyToTree(const ContextManifest& manifest);
  util::Status ClearStaging();

  std::filesystem::path dir_;
  std::filesystem::path tree_;
  std::filesystem::path staging_;
  util::UniqueFd lock_;
  std::map<std::string, ContextEntry, std::less<>> index_;  ///< files of the last applied manifest, by path
};

}  // namespace manifold::session
