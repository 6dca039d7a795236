// LayerWriter: a tar stream in, one compressed layer blob out, diffID and digest in one pass.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "content/compress.hpp"
#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "image/digest.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace manifold::content {

/// What a finished layer is: its descriptor (OCI layer media type for the compression,
/// digest and size of the compressed blob), its diffID (SHA-256 of the uncompressed tar, for
/// the image config's rootfs.diff_ids) and the tar's size.
struct LayerResult {
  image::Descriptor descriptor;
  image::Digest diff_id = image::Digest::OfBytes("");
  int64_t uncompressed_size = 0;

  bool operator==(const LayerResult&) const = default;
};

/// The OCI layer media type for `compression` (tar, tar+gzip, tar+zstd).
std::string_view LayerMediaType(Compression compression);

/// Names the layer settings a blob is made with ("<media type>/<level or ->/<clamp or ->"):
/// two blobs of the same tar are byte-identical exactly when their names are equal.
std::string LayerVariantName(const CompressorOptions& options, std::optional<int64_t> clamp_mtime);
/// The mtime clamp part of a LayerVariantName ("" when none was set); nullopt when `name` is
/// not one.
std::optional<std::string> LayerVariantClamp(std::string_view name);

/// Writes one layer in a single streaming pass: the uncompressed tar given to Write() is hashed
/// (diffID) and compressed on worker threads; the compressed bytes are hashed (digest) and
/// written out as they are produced. Memory stays bounded whatever the layer size (the
/// compressor's few blocks per thread). Identical tar streams and options give identical
/// blobs. Is a ByteSink so a tar writer can stream straight into it. Not thread-safe: one
/// producer. Dropped before Finish(), nothing is published.
class LayerWriter final : public ByteSink {
 public:
  /// Writes the blob into `store` (an Ingest, committed by Finish()), and its bytes into `tee`
  /// too when one is given (an archive output's head: LayoutTarHead), finished once the blob is
  /// committed.
  static util::Result<std::unique_ptr<LayerWriter>> Create(const Store& store, const CompressorOptions& options,
                                                           std::unique_ptr<ArchiveBlobTee> tee = nullptr);
  /// Writes the compressed bytes to `sink` (not owned; must outlive the writer) and computes
  /// the digest itself: for callers that stream the blob elsewhere, and for benchmarks.
  static util::Result<std::unique_ptr<LayerWriter>> Create(ByteSink& sink,
                                                           const CompressorOptions& options);
  ~LayerWriter() override;

  /// Appends tar bytes.
  util::Status Write(std::string_view tar_bytes) override;
  /// Ends the stream, commits the blob (store mode) and describes it. The writer is spent.
  util::Result<LayerResult> Finish();

 private:
  class BlobSink;
  LayerWriter(Compression compression, std::unique_ptr<BlobSink> blob);

  Compression compression_;
  std::unique_ptr<BlobSink> blob_;
  std::unique_ptr<Compressor> compressor_;
  util::Sha256 diff_hash_;
  int64_t uncompressed_size_ = 0;
  bool done_ = false;
};

}  // namespace manifold::content
