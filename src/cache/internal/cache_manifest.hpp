// The cache manifest and cache config: records ⇄ canonical bytes, and the checks on reading them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/remote_cache.hpp"
#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "image/manifest.hpp"
#include "util/error.hpp"

namespace manifold::cache::internal {

/// The two documents of a cache (docs/cache-format.md), serialized.
struct CacheDocuments {
  std::string config_bytes;
  image::Descriptor config;    ///< kCacheConfigMediaType
  std::string manifest_bytes;
  image::Descriptor manifest;  ///< OCI image manifest over config_bytes and every layer
};

/// `records` sorted by key, then by chain (layer digests, empty steps first), with exact
/// duplicates removed: the order every format writes.
std::vector<PortableRecord> NormalizeRecords(std::vector<PortableRecord> records);

/// Encodes `records` (NormalizeRecords order; layers sorted by digest). Errors
/// (kInvalidArgument): two records giving one layer digest different diffIDs or sizes.
util::Result<CacheDocuments> EncodeCache(const std::vector<PortableRecord>& records);

/// Checks that every layer `records` use is in `store` with its descriptor's size, before
/// anything is written: kNotFound / kInvalidArgument naming the record key and the layer.
util::Status CheckLayersInStore(const content::Store& store, const std::vector<PortableRecord>& records);

/// True when `manifest` is a cache manifest (its config has kCacheConfigMediaType).
bool IsCacheManifest(const image::Manifest& manifest);

/// Decodes the cache config `bytes` that `manifest` references, checking its shape, every
/// layer's fields, that each layer is one of the manifest's layers (digest and size) and that
/// chain indexes are in range. Errors (kInvalidArgument) name the field ("records[2].chain[0]").
util::Result<std::vector<PortableRecord>> DecodeCacheConfig(std::string_view bytes, const image::Manifest& manifest);

/// A record read from JSON with its chain still as indexes (-1 = empty step).
struct IndexedRecord {
  std::string key;
  std::vector<int64_t> chain;
};

/// Reads a "records" array: objects with a non-empty string "key" and an integer array "chain"
/// whose entries are -1 or in [0, layer_count). `where` prefixes error paths.
util::Result<std::vector<IndexedRecord>> ReadIndexedRecords(const nlohmann::json& json, size_t layer_count,
                                                            std::string_view where);

/// Checks that `value` is a non-negative integer (int64); `path` names it in errors.
util::Result<int64_t> ReadNonNegative(const nlohmann::json& value, std::string_view path);

/// Reads a non-negative integer field `key` of object `json` (required). `where` names `json`.
util::Result<int64_t> ReadSize(const nlohmann::json& json, std::string_view key, std::string_view where);

}  // namespace manifold::cache::internal
