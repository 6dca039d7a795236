// Recompress: libarchive's raw reader undoes gzip/zstd; LayerWriter compresses the same bytes again.
#include "content/recompress.hpp"

#include <fmt/format.h>

#include "content/archive_input.hpp"
#include "content/archive_library.hpp"
#include "image/media_types.hpp"
#include "util/unique_fd.hpp"

namespace manifold::content {

namespace {

// archive_read_free on every path out.
struct ArchiveReader {
  archive* a = Archive().read_new();
  ~ArchiveReader() {
    if (a != nullptr) Archive().read_free(a);
  }
};

}  // namespace

std::optional<Compression> LayerCompressionOf(std::string_view media_type) {
  namespace mt = image::media_type;
  if (media_type == mt::kOciLayerGzip || media_type == mt::kDockerLayerGzip) return Compression::kGzip;
  if (media_type == mt::kOciLayerZstd || media_type == mt::kDockerLayerZstd) return Compression::kZstd;
  if (media_type == mt::kOciLayer || media_type == mt::kDockerLayer) return Compression::kUncompressed;
  return std::nullopt;
}

util::Result<LayerResult> Recompress(const Store& store, const LayerResult& layer, const CompressorOptions& options) {
  const std::string what = layer.descriptor.digest.str();
  if (auto lib = LoadArchive(); !lib) return std::unexpected(std::move(lib.error()).Context("recompressing layer {}", what));
  util::UniqueFd fd = MANIFOLD_TRY(store.Open(layer.descriptor.digest));
  ArchiveInput input(fd.get());  // declared before the reader, which reads it until freed
  ArchiveReader reader;
  if (reader.a == nullptr) return util::Fail(util::ErrorKind::kInternal, "out of memory recompressing {}", what);
  // The "raw" format hands over the decompressed stream byte for byte: the tar is not re-made,
  // so the diffID cannot change.
  Archive().read_support_format_raw(reader.a);
  Archive().read_support_filter_gzip(reader.a);
  Archive().read_support_filter_zstd(reader.a);
  Archive().read_support_filter_none(reader.a);
  if (input.Open(reader.a) != ARCHIVE_OK) {
    return util::Fail(util::ErrorKind::kInternal, "recompressing layer {}: {}", what, Archive().error_string(reader.a));
  }
  archive_entry* entry = nullptr;
  if (Archive().read_next_header(reader.a, &entry) != ARCHIVE_OK) {
    return util::Fail(util::ErrorKind::kInternal, "recompressing layer {}: {}", what,
                      Archive().error_string(reader.a) ? Archive().error_string(reader.a) : "empty blob");
  }
  auto writer = MANIFOLD_TRY(LayerWriter::Create(store, options));
  std::string buffer(1 << 20, '\0');
  for (;;) {
    la_ssize_t n = Archive().read_data(reader.a, buffer.data(), buffer.size());
    if (n < 0) {
      return util::Fail(util::ErrorKind::kInternal, "recompressing layer {}: {}", what, Archive().error_string(reader.a));
    }
    if (n == 0) break;
    MANIFOLD_CHECK(writer->Write(std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
  LayerResult out = MANIFOLD_TRY(writer->Finish());
  if (out.diff_id != layer.diff_id) {
    return util::Fail(util::ErrorKind::kInternal, "recompressing layer {}: its tar hashes to {}, not its diffID {}",
                      what, out.diff_id.str(), layer.diff_id.str());
  }
  return out;
}

}  // namespace manifold::content
