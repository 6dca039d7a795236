// LayerWriter: hashes the tar, feeds the compressor, hashes and stores what comes out.
#include "content/layer_writer.hpp"

#include <fmt/format.h>

#include "image/media_types.hpp"

namespace manifold::content {

std::string LayerVariantName(const CompressorOptions& options, std::optional<int64_t> clamp_mtime) {
  return fmt::format("{}/{}/{}", LayerMediaType(options.compression),
                     options.level ? std::to_string(*options.level) : "-",
                     clamp_mtime ? std::to_string(*clamp_mtime) : "-");
}

std::optional<std::string> LayerVariantClamp(std::string_view name) {
  size_t slash = name.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view clamp = name.substr(slash + 1);
  if (clamp == "-") return std::string();
  return std::string(clamp);
}

std::string_view LayerMediaType(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return image::media_type::kOciLayerGzip;
    case Compression::kZstd: return image::media_type::kOciLayerZstd;
    case Compression::kUncompressed: return image::media_type::kOciLayer;
  }
  return image::media_type::kOciLayer;
}

// The compressed side: either a store Ingest (which hashes as it writes) or an outside sink
// hashed here. Either way the bytes are hashed exactly once.
class LayerWriter::BlobSink final : public ByteSink {
 public:
  BlobSink(Ingest ingest, std::unique_ptr<ArchiveBlobTee> tee) : ingest_(std::move(ingest)), tee_(std::move(tee)) {}
  explicit BlobSink(ByteSink& sink) : sink_(&sink) {}

  util::Status Write(std::string_view data) override {
    if (ingest_) {
      MANIFOLD_CHECK(ingest_->Write(data));
      return tee_ ? tee_->Write(data) : util::Status();
    }
    hash_.Update(data);
    size_ += static_cast<int64_t>(data.size());
    return sink_->Write(data);
  }

  int64_t size() const { return ingest_ ? ingest_->size() : size_; }

  util::Result<image::Digest> Commit() {
    if (ingest_) {
      image::Digest digest = MANIFOLD_TRY(ingest_->Commit());
      if (tee_) tee_->Finish(digest);
      return digest;
    }
    return image::Digest::FromSha256Hex(hash_.HexDigest());
  }

 private:
  std::optional<Ingest> ingest_;
  std::unique_ptr<ArchiveBlobTee> tee_;
  ByteSink* sink_ = nullptr;
  util::Sha256 hash_;
  int64_t size_ = 0;
};

LayerWriter::LayerWriter(Compression compression, std::unique_ptr<BlobSink> blob)
    : compression_(compression), blob_(std::move(blob)) {}

LayerWriter::~LayerWriter() {
  // Workers may still reference the blob sink's buffers: stop them first.
  compressor_.reset();
}

util::Result<std::unique_ptr<LayerWriter>> LayerWriter::Create(const Store& store, const CompressorOptions& options,
                                                               std::unique_ptr<ArchiveBlobTee> tee) {
  Ingest ingest = MANIFOLD_TRY(store.Begin());
  std::unique_ptr<LayerWriter> writer(
      new LayerWriter(options.compression, std::make_unique<BlobSink>(std::move(ingest), std::move(tee))));
  writer->compressor_ = MANIFOLD_TRY(MakeCompressor(options, *writer->blob_));
  return writer;
}

util::Result<std::unique_ptr<LayerWriter>> LayerWriter::Create(
    ByteSink& sink, const CompressorOptions& options) {
  std::unique_ptr<LayerWriter> writer(
      new LayerWriter(options.compression, std::make_unique<BlobSink>(sink)));
  writer->compressor_ = MANIFOLD_TRY(MakeCompressor(options, *writer->blob_));
  return writer;
}

util::Status LayerWriter::Write(std::string_view tar_bytes) {
  if (done_) return util::Fail(util::ErrorKind::kInternal, "layer writer: write after finish");
  // Uncompressed, the blob is the tar: its digest (hashed as it is written) is the diffID.
  if (compression_ != Compression::kUncompressed) diff_hash_.Update(tar_bytes);
  uncompressed_size_ += static_cast<int64_t>(tar_bytes.size());
  util::Status status = compressor_->Write(tar_bytes);
  if (!status) {
    done_ = true;
    return std::unexpected(std::move(status.error()).Context("writing layer"));
  }
  return {};
}

util::Result<LayerResult> LayerWriter::Finish() {
  if (done_) return util::Fail(util::ErrorKind::kInternal, "layer writer: finished twice");
  done_ = true;
  util::Status finished = compressor_->Finish();
  if (!finished) return std::unexpected(std::move(finished.error()).Context("writing layer"));
  LayerResult result;
  util::Result<image::Digest> digest = blob_->Commit();
  if (!digest) return std::unexpected(std::move(digest.error()).Context("storing layer"));
  result.descriptor.media_type = std::string(LayerMediaType(compression_));
  result.descriptor.digest = std::move(*digest);
  result.descriptor.size = blob_->size();
  result.diff_id = compression_ == Compression::kUncompressed ? result.descriptor.digest
                                                               : image::Digest::FromSha256Hex(diff_hash_.HexDigest());
  result.uncompressed_size = uncompressed_size_;
  return result;
}

}  // namespace manifold::content
