// LayoutTarHead: an OCI archive file begun while the build runs, its first blob written as it is made.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "content/compress.hpp"
#include "image/digest.hpp"
#include "util/direct_writer.hpp"
#include "util/error.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {

/// The directory entries every OCI layout tar begins with, in order (WriteLayoutTar, and a
/// LayoutTarHead's start, which must be the same bytes).
inline constexpr std::array<std::string_view, 2> kLayoutTarDirectories = {"blobs/", "blobs/sha256/"};
/// A blob's entry name in an OCI layout tar: `blobs/sha256/<hex>`.
std::string LayoutTarBlobName(const image::Digest& digest);

class LayoutTarHead;

/// One blob's bytes on their way into a LayoutTarHead, beside the store (LayerWriter tees its
/// compressed output here). Never fails its writer: a write error (the output's disk full, say)
/// only leaves the head unusable, and the export then writes the archive as it would have
/// without a head, reporting that error where it belongs. Dropped before Finish(), the head
/// holds nothing usable. One writer.
class ArchiveBlobTee final : public ByteSink {
 public:
  ~ArchiveBlobTee() override;
  util::Status Write(std::string_view data) override;
  /// The bytes written are the whole blob `digest`.
  void Finish(const image::Digest& digest);

 private:
  friend class LayoutTarHead;
  explicit ArchiveBlobTee(LayoutTarHead& head);
  LayoutTarHead& head_;
  std::unique_ptr<util::DirectWriter> writer_;
  bool failed_ = false;
};

/// The archive a `type=oci` or `type=docker` output with a file `dest` becomes, started before
/// the build has made its blobs. The layout tar puts its largest blob first (WriteLayoutTar), and
/// in a build that makes a big layer (a COPY of the context into an empty layer) that layer is
/// usually it: its compressed bytes are written into the archive's temporary file while they are
/// written into the store, so that the export need not read hundreds of MB back from the store
/// and write them a second time. WriteLayoutTarFile() with a head goes on from its end when the
/// blob it holds is the one the archive puts first, and otherwise writes the whole archive over
/// it: the archive's bytes are the same either way (tests compare them).
///
/// The file is a TempFile beside `dest`, removed if the build fails; `dest` itself is only
/// replaced by WriteLayoutTarFile(). Thread-safe: Claim() may be called from any step.
class LayoutTarHead {
 public:
  /// Creates the temporary file beside `dest`. `mtime`: the archive's entries' mtime
  /// (SOURCE_DATE_EPOCH, else 0), which the archive's first headers carry.
  static util::Result<std::unique_ptr<LayoutTarHead>> Create(const std::filesystem::path& dest, int64_t mtime);
  ~LayoutTarHead();

  /// The tee for the first caller; nullptr for every later one (the archive has one first blob).
  std::unique_ptr<ArchiveBlobTee> Claim();

  /// What the head holds once a tee finished: the blob, where its entry ends in the file (a
  /// multiple of 512: the next entry's header goes there), and the mtime its headers carry.
  struct Held {
    image::Digest digest;
    int64_t size = 0;
    int64_t end = 0;
    int64_t mtime = 0;
  };
  /// The held blob; nullopt when no tee finished, or one failed.
  std::optional<Held> held() const;

  /// Whether WriteLayoutTarFile() went on after the held blob (SetContinued()), so that the
  /// export can say the blob was not copied again.
  bool continued() const { return continued_; }
  void SetContinued() { continued_ = true; }

  const std::filesystem::path& destination() const { return file_.destination(); }
  /// The archive's file, for WriteLayoutTarFile() (which commits it over destination()).
  util::TempFile& file() { return file_; }

  /// Where a blob's data begins: after the `blobs/` and `blobs/sha256/` entries and the blob's
  /// own header, each one 512-byte record.
  static constexpr int64_t kDataOffset = 3 * 512;

 private:
  friend class ArchiveBlobTee;
  LayoutTarHead(util::TempFile file, int64_t mtime) : file_(std::move(file)), mtime_(mtime) {}
  // A tee's successful end: writes the blob's header in its record and records the blob, unless
  // that header does not fit the record.
  void Finished(const image::Digest& digest, int64_t size);

  util::TempFile file_;
  const int64_t mtime_;
  mutable std::mutex mutex_;
  bool claimed_ = false;
  std::optional<Held> held_;
  bool continued_ = false;  // the export's, after the build's steps
};

}  // namespace manifold::content
