// Remote cache formats: cache records exported to / imported from an OCI layout directory, a
// registry, or inline in an image config (docs/cache-format.md describes the bytes).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "progress/activity.hpp"
#include "cache/cache_spec.hpp"
#include "content/layer_writer.hpp"
#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "image/digest.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::cache {

/// The config media type that marks an OCI image manifest as a manifold cache manifest.
inline constexpr std::string_view kCacheConfigMediaType = "application/vnd.manifold.cache.config.v1+json";
/// The top-level image config field that carries inline cache (InlineCacheField()).
inline constexpr std::string_view kInlineCacheField = "manifold.cache.v0";

/// One cache record as exchanged with remote caches: the cache key of a build step, and the
/// layer chain of its result, bottom first. nullopt = a step that changed nothing (no layer).
struct PortableRecord {
  std::string key;  ///< "sha256:<hex>" — opaque here: carried, compared, never interpreted
  std::vector<std::optional<content::LayerResult>> chain;

  bool operator==(const PortableRecord&) const = default;
};

/// Writes `records` as a cache manifest into an OCI image layout at `dir`: index.json holds the
/// one manifest, tagged "latest"; blobs are copied from `store` (the cache config and manifest
/// are put into `store` first). Records are sorted by key and identical ones merged, so equal
/// inputs give identical bytes. Atomic: the layout is built beside `dir` and renamed over it,
/// so a failure leaves the previous cache intact; `dir` must be absent, empty, or an OCI layout
/// (it is replaced whole), else kConflict. Errors: kNotFound naming the first record key and
/// layer whose blob is missing from `store`; kInvalidArgument when two records give one layer
/// digest different diffIDs or sizes. Thread-safe as far as `store` is.
/// With `progress`, it says what it writes: "writing layer sha256:…" per blob, the config and
/// the cache manifest.
util::Status ExportLocal(const content::Store& store, const std::vector<PortableRecord>& records,
                         const std::filesystem::path& dir, progress::Activity* progress = nullptr);

/// Pushes the same cache manifest (+ its config and every layer blob, each sent only when the
/// registry lacks it) to `repository` under `tag`; the tag moves only once every blob is there.
/// Errors as ExportLocal, plus the registry's (naming repository and blob).
/// With `progress`: each blob's bytes as it goes up or "already exists", then the cache manifest.
util::Status ExportRegistry(const content::Store& store, const std::vector<PortableRecord>& records,
                            const registry::Repository& repository, std::string_view tag,
                            progress::Activity* progress = nullptr);

/// Reads a local cache directory (as ExportLocal writes it): every blob is copied into `store`
/// (digest-verified), the records are returned. Errors: kNotFound when `dir` does not exist
/// (nothing exported yet: callers may treat it as an empty cache); kInvalidArgument for a
/// layout that is not a manifold cache or whose cache config is malformed (see
/// docs/cache-format.md for what is checked), naming the file and field.
util::Result<std::vector<PortableRecord>> ImportLocal(const content::Store& store, const std::filesystem::path& dir);

/// Reads `reference` (a tag or digest) of `repository`: a cache manifest (as ExportRegistry
/// writes it), or an image manifest / image index whose configs carry inline cache (an image
/// without it gives no records; an index gives the records of all its images). Every layer
/// blob a record uses is downloaded into `store` (digest-verified) before this returns.
/// Errors: kNotFound for an unknown tag (callers may treat it as an empty cache);
/// kInvalidArgument for a manifest that is neither a cache nor an image, or malformed cache data.
util::Result<std::vector<PortableRecord>> ImportRegistry(const content::Store& store,
                                                         const registry::Repository& repository,
                                                         std::string_view reference);

/// Inline cache: the value for the image config's top-level kInlineCacheField, holding the
/// records of `records` whose every layer is one of `image_layers` (matched by digest; other
/// records are left out, as they could not be restored from this image alone). Each chain entry
/// becomes an index into `image_layers`, -1 for an empty step. Records sorted by key, identical
/// ones merged: deterministic. Always an object (its "records" may be empty).
nlohmann::json InlineCacheField(const std::vector<PortableRecord>& records,
                                const std::vector<image::Descriptor>& image_layers);

/// The records an image's config carries inline: `config` is the whole config JSON,
/// `image_layers` the manifest's layers and `diff_ids` the config's rootfs.diff_ids (same
/// length). Chain entries become those layers (descriptor from the manifest, diffID from the
/// config). No kInlineCacheField: no records. Errors (kInvalidArgument, naming the field):
/// a malformed field, an index out of range, layer/diff_id counts that differ.
util::Result<std::vector<PortableRecord>> RecordsFromInline(const nlohmann::json& config,
                                                            const std::vector<image::Descriptor>& image_layers,
                                                            const std::vector<image::Digest>& diff_ids);

}  // namespace manifold::cache
