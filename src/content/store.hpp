// content::Store: the content-addressed blob store under MANIFOLD_ROOT.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "image/digest.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::content {

/// One blob being written: bytes go to a temporary file inside the store while their SHA-256
/// and size are computed. Commit() publishes it under its digest atomically (temp + fsync +
/// link/rename); dropped uncommitted, nothing is left behind. Not thread-safe: one writer.
class Ingest {
 public:
  Ingest(Ingest&&) noexcept;
  ~Ingest();

  /// Appends bytes.
  util::Status Write(std::string_view data);
  /// Bytes written so far.
  int64_t size() const { return size_; }
  /// Publishes the blob and returns its digest. With `expected`, a mismatch is an error
  /// (InvalidArgument naming both digests) and nothing is published. Committing a blob that
  /// already exists succeeds and keeps the existing file (identical bytes by construction).
  util::Result<image::Digest> Commit(std::optional<image::Digest> expected = std::nullopt);

 private:
  friend class Store;
  Ingest(util::TempFile file, std::filesystem::path blobs_dir);
  util::TempFile file_;
  std::filesystem::path blobs_dir_;
  util::Sha256 hash_;
  int64_t size_ = 0;
};

/// Blobs by digest in `<root>/content/blobs/<algorithm>/<hex>`. Many processes and threads may
/// use one root at once: writers never collide (each has its own temp file) and readers only
/// ever see whole, correctly named blobs. Methods are thread-safe.
class Store {
 public:
  /// Opens (creating if needed) the store under `root` (MANIFOLD_ROOT).
  static util::Result<Store> Open(const std::filesystem::path& root);

  /// Starts writing a new blob.
  util::Result<Ingest> Begin() const;
  /// Writes a whole in-memory blob (configs, manifests) and returns its digest.
  util::Result<image::Digest> Put(std::string_view bytes) const;
  /// True if the blob is present (not verified).
  bool Has(const image::Digest& digest) const;
  /// Size of a present blob.
  util::Result<int64_t> Size(const image::Digest& digest) const;
  /// Reads a whole blob into memory and verifies its digest (DataLoss-like errors are
  /// kInternal naming the blob and both digests). For small blobs.
  util::Result<std::string> Read(const image::Digest& digest) const;
  /// Opens a blob for streaming; the caller verifies if it needs to (see Verify()).
  util::Result<util::UniqueFd> Open(const image::Digest& digest) const;
  /// Re-hashes a blob and fails if its bytes do not match its name.
  util::Status Verify(const image::Digest& digest) const;
  /// Where a blob lives (whether or not it exists).
  std::filesystem::path BlobPath(const image::Digest& digest) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  explicit Store(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

}  // namespace manifold::content
