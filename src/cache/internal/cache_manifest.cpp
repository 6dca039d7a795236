// Cache manifest encoding and decoding (docs/cache-format.md).
#include "cache/internal/cache_manifest.hpp"

#include <algorithm>
#include <map>

#include "image/descriptor_json.hpp"
#include "image/json_canonical.hpp"
#include "image/media_types.hpp"

namespace manifold::cache::internal {

using Json = nlohmann::json;

namespace {

std::unexpected<util::Error> Invalid(std::string message) {
  return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument, std::move(message)));
}

std::string Path(std::string_view where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

// One chain as comparable text: a layer's digest, or "" for an empty step (sorts first).
std::vector<std::string_view> ChainKey(const PortableRecord& r) {
  std::vector<std::string_view> out;
  out.reserve(r.chain.size());
  for (const auto& layer : r.chain) out.push_back(layer ? std::string_view(layer->descriptor.digest.str()) : "");
  return out;
}

util::Result<const Json*> RequireField(const Json& json, std::string_view key, std::string_view where) {
  if (!json.is_object()) {
    return Invalid(fmt::format("{} must be an object, not {}", where.empty() ? "value" : where, json.type_name()));
  }
  auto it = json.find(key);
  if (it == json.end()) return Invalid(fmt::format("{} is missing", Path(where, key)));
  return &*it;
}

util::Result<std::string> ReadString(const Json& json, std::string_view key, std::string_view where) {
  const Json* field = MANIFOLD_TRY(RequireField(json, key, where));
  if (!field->is_string()) return Invalid(fmt::format("{} must be a string, not {}", Path(where, key), field->type_name()));
  return field->get<std::string>();
}

util::Result<image::Digest> ReadDigest(const Json& json, std::string_view key, std::string_view where) {
  std::string text = MANIFOLD_TRY(ReadString(json, key, where));
  auto digest = image::Digest::Parse(text);
  if (!digest) return std::unexpected(std::move(digest.error()).Context("{}", Path(where, key)));
  return *digest;
}

// The layers array of a cache config, each checked against the manifest's layers.
util::Result<std::vector<content::LayerResult>> ReadLayers(const Json& json, const image::Manifest& manifest) {
  if (!json.is_array()) return Invalid(fmt::format("layers must be an array, not {}", json.type_name()));
  std::map<image::Digest, int64_t> in_manifest;
  for (const auto& d : manifest.layers) in_manifest.emplace(d.digest, d.size);
  std::vector<content::LayerResult> out;
  std::map<image::Digest, size_t> seen;
  for (size_t i = 0; i < json.size(); ++i) {
    std::string where = fmt::format("layers[{}]", i);
    content::LayerResult layer;
    layer.descriptor.digest = MANIFOLD_TRY(ReadDigest(json[i], "digest", where));
    layer.diff_id = MANIFOLD_TRY(ReadDigest(json[i], "diffID", where));
    layer.descriptor.size = MANIFOLD_TRY(ReadSize(json[i], "size", where));
    layer.uncompressed_size = MANIFOLD_TRY(ReadSize(json[i], "uncompressedSize", where));
    layer.descriptor.media_type = MANIFOLD_TRY(ReadString(json[i], "mediaType", where));
    if (!image::media_type::IsLayer(layer.descriptor.media_type)) {
      return Invalid(fmt::format("{}.mediaType {:?} is not a layer media type", where, layer.descriptor.media_type));
    }
    if (auto [it, fresh] = seen.emplace(layer.descriptor.digest, i); !fresh) {
      return Invalid(fmt::format("{} repeats layers[{}] ({})", where, it->second, layer.descriptor.digest.str()));
    }
    // The manifest is what registries and layouts verify blobs against: a layer the config
    // names but the manifest does not list might never have been transferred.
    auto listed = in_manifest.find(layer.descriptor.digest);
    if (listed == in_manifest.end()) {
      return Invalid(fmt::format("{} ({}) is not among the cache manifest's layers", where, layer.descriptor.digest.str()));
    }
    if (listed->second != layer.descriptor.size) {
      return Invalid(fmt::format("{} ({}) has size {} but the manifest says {}", where, layer.descriptor.digest.str(),
                                 layer.descriptor.size, listed->second));
    }
    out.push_back(std::move(layer));
  }
  return out;
}

}  // namespace

util::Result<int64_t> ReadNonNegative(const Json& value, std::string_view path) {
  if (!value.is_number_integer() || (value.is_number_unsigned() && value.get<uint64_t>() > INT64_MAX) ||
      value.get<int64_t>() < 0) {
    return Invalid(fmt::format("{} must be a non-negative integer, not {}", path, value.dump()));
  }
  return value.get<int64_t>();
}

util::Result<int64_t> ReadSize(const Json& json, std::string_view key, std::string_view where) {
  const Json* field = MANIFOLD_TRY(RequireField(json, key, where));
  return ReadNonNegative(*field, Path(where, key));
}

std::vector<PortableRecord> NormalizeRecords(std::vector<PortableRecord> records) {
  std::sort(records.begin(), records.end(), [](const PortableRecord& a, const PortableRecord& b) {
    if (a.key != b.key) return a.key < b.key;
    return ChainKey(a) < ChainKey(b);
  });
  records.erase(std::unique(records.begin(), records.end()), records.end());
  return records;
}

util::Result<CacheDocuments> EncodeCache(const std::vector<PortableRecord>& input) {
  std::vector<PortableRecord> records = NormalizeRecords(input);
  struct Use {
    const content::LayerResult* layer;
    const std::string* key;
  };
  std::map<image::Digest, Use> layers;  // sorted by digest: the order they are written in
  for (const auto& record : records) {
    for (const auto& entry : record.chain) {
      if (!entry) continue;
      auto [it, fresh] = layers.emplace(entry->descriptor.digest, Use{&*entry, &record.key});
      const content::LayerResult& first = *it->second.layer;
      if (!fresh && (first.diff_id != entry->diff_id || first.descriptor.size != entry->descriptor.size ||
                     first.uncompressed_size != entry->uncompressed_size)) {
        return Invalid(fmt::format(
            "records {} and {} disagree about layer {}: diffID {} / {}, size {} / {}, uncompressed size {} / {}",
            *it->second.key, record.key, entry->descriptor.digest.str(), first.diff_id.str(), entry->diff_id.str(),
            first.descriptor.size, entry->descriptor.size, first.uncompressed_size, entry->uncompressed_size));
      }
    }
  }
  std::map<image::Digest, int64_t> index;
  Json layers_json = Json::array();
  image::Manifest manifest;
  manifest.media_type = image::media_type::kOciManifest;
  for (const auto& [digest, use] : layers) {
    const content::LayerResult& layer = *use.layer;
    index.emplace(digest, static_cast<int64_t>(index.size()));
    layers_json.push_back(Json{{"digest", digest.str()},
                               {"diffID", layer.diff_id.str()},
                               {"size", layer.descriptor.size},
                               {"mediaType", layer.descriptor.media_type},
                               {"uncompressedSize", layer.uncompressed_size}});
    image::Descriptor d;
    d.media_type = layer.descriptor.media_type;
    d.digest = digest;
    d.size = layer.descriptor.size;
    manifest.layers.push_back(std::move(d));
  }
  Json records_json = Json::array();
  for (const auto& record : records) {
    Json chain = Json::array();
    for (const auto& entry : record.chain) chain.push_back(entry ? index.at(entry->descriptor.digest) : -1);
    records_json.push_back(Json{{"key", record.key}, {"chain", std::move(chain)}});
  }
  CacheDocuments docs;
  docs.config_bytes = image::CanonicalJson(Json{{"layers", std::move(layers_json)}, {"records", std::move(records_json)}});
  docs.config = image::DescriptorOf(kCacheConfigMediaType, docs.config_bytes);
  manifest.config = docs.config;
  docs.manifest_bytes = image::SerializeManifest(manifest, image::MediaTypes::kOci);
  docs.manifest = image::DescriptorOf(image::media_type::kOciManifest, docs.manifest_bytes);
  return docs;
}

util::Status CheckLayersInStore(const content::Store& store, const std::vector<PortableRecord>& records) {
  for (const auto& record : records) {
    for (const auto& entry : record.chain) {
      if (!entry) continue;
      const image::Descriptor& d = entry->descriptor;
      if (!store.Has(d.digest)) {
        return util::Fail(util::ErrorKind::kNotFound, "layer {} of cache record {} is not in the content store ({})",
                          d.digest.str(), record.key, store.BlobPath(d.digest).string());
      }
      int64_t size = MANIFOLD_TRY(store.Size(d.digest));
      if (size != d.size) {
        return Invalid(fmt::format("layer {} of cache record {} has {} bytes in the content store but its record says {}",
                                   d.digest.str(), record.key, size, d.size));
      }
    }
  }
  return {};
}

bool IsCacheManifest(const image::Manifest& manifest) { return manifest.config.media_type == kCacheConfigMediaType; }

util::Result<std::vector<IndexedRecord>> ReadIndexedRecords(const Json& json, size_t layer_count,
                                                            std::string_view where) {
  if (!json.is_array()) return Invalid(fmt::format("{} must be an array, not {}", where, json.type_name()));
  std::vector<IndexedRecord> out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    std::string at = fmt::format("{}[{}]", where, i);
    IndexedRecord record;
    record.key = MANIFOLD_TRY(ReadString(json[i], "key", at));
    if (record.key.empty()) return Invalid(fmt::format("{}.key is empty", at));
    const Json* chain = MANIFOLD_TRY(RequireField(json[i], "chain", at));
    if (!chain->is_array()) return Invalid(fmt::format("{}.chain must be an array, not {}", at, chain->type_name()));
    for (size_t j = 0; j < chain->size(); ++j) {
      const Json& entry = (*chain)[j];
      bool ok = entry.is_number_integer() && !(entry.is_number_unsigned() && entry.get<uint64_t>() >= layer_count);
      int64_t value = ok ? entry.get<int64_t>() : 0;
      if (!ok || value < -1 || value >= static_cast<int64_t>(layer_count)) {
        return Invalid(fmt::format("{}.chain[{}] is {}: it must be -1 (an empty step) or a layer index from 0 to {}",
                                   at, j, entry.dump(), static_cast<int64_t>(layer_count) - 1));
      }
      record.chain.push_back(value);
    }
    out.push_back(std::move(record));
  }
  return out;
}

util::Result<std::vector<PortableRecord>> DecodeCacheConfig(std::string_view bytes, const image::Manifest& manifest) {
  Json json = MANIFOLD_TRY(image::ParseJson(bytes, "cache config"));
  if (!json.is_object()) return Invalid(fmt::format("cache config must be a JSON object, not {}", json.type_name()));
  const Json* layers_json = MANIFOLD_TRY(RequireField(json, "layers", ""));
  const Json* records_json = MANIFOLD_TRY(RequireField(json, "records", ""));
  std::vector<content::LayerResult> layers = MANIFOLD_TRY(ReadLayers(*layers_json, manifest));
  std::vector<IndexedRecord> indexed = MANIFOLD_TRY(ReadIndexedRecords(*records_json, layers.size(), "records"));
  std::vector<PortableRecord> out;
  out.reserve(indexed.size());
  for (auto& r : indexed) {
    PortableRecord record;
    record.key = std::move(r.key);
    for (int64_t i : r.chain) {
      record.chain.push_back(i < 0 ? std::nullopt : std::optional<content::LayerResult>(layers[static_cast<size_t>(i)]));
    }
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace manifold::cache::internal
