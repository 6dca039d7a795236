// Recompress: a layer blob re-encoded in another compression (force-compression), same tar inside.
#pragma once

#include "content/compress.hpp"
#include "content/layer_writer.hpp"
#include "content/store.hpp"
#include "util/error.hpp"

namespace manifold::content {

/// The media types' compression of a layer blob ("tar", "tar+gzip", "tar+zstd", and the Docker
/// spellings); nullopt for a media type that is not a plain layer (foreign, encrypted, ...).
std::optional<Compression> LayerCompressionOf(std::string_view media_type);

/// Decompresses `layer` (a gzip, zstd or uncompressed tar blob in `store`) and writes the same
/// tar bytes compressed as `options` say into a new blob of `store`: the diffID is unchanged
/// (checked against `layer.diff_id`), the digest is the new blob's. Streams: memory stays
/// bounded whatever the layer size. Errors: a missing blob, a corrupt stream, a diffID that
/// does not match (kInternal naming both), store failures.
util::Result<LayerResult> Recompress(const Store& store, const LayerResult& layer, const CompressorOptions& options);

}  // namespace manifold::content
