// Inline cache: records of one image, as indexes into its layers, in a top-level config field.
#include <map>

#include "cache/internal/cache_manifest.hpp"
#include "cache/remote_cache.hpp"

namespace manifold::cache {

using Json = nlohmann::json;

nlohmann::json InlineCacheField(const std::vector<PortableRecord>& records,
                                const std::vector<image::Descriptor>& image_layers) {
  std::map<image::Digest, int64_t> index;
  for (size_t i = 0; i < image_layers.size(); ++i) index.emplace(image_layers[i].digest, static_cast<int64_t>(i));
  // The config carries diffIDs and the manifest sizes, but not the tar sizes: kept here, one
  // per image layer (0 for a layer no record uses).
  std::vector<int64_t> uncompressed(image_layers.size(), 0);
  Json out_records = Json::array();
  for (const auto& record : internal::NormalizeRecords(records)) {
    Json chain = Json::array();
    bool expressible = true;
    for (const auto& entry : record.chain) {
      if (!entry) {
        chain.push_back(-1);
        continue;
      }
      auto it = index.find(entry->descriptor.digest);
      if (it == index.end()) {
        expressible = false;  // a layer of another stage: this image cannot restore it
        break;
      }
      chain.push_back(it->second);
      uncompressed[static_cast<size_t>(it->second)] = entry->uncompressed_size;
    }
    if (expressible) out_records.push_back(Json{{"key", record.key}, {"chain", std::move(chain)}});
  }
  return Json{{"records", std::move(out_records)}, {"uncompressedSizes", uncompressed}};
}

util::Result<std::vector<PortableRecord>> RecordsFromInline(const nlohmann::json& config,
                                                            const std::vector<image::Descriptor>& image_layers,
                                                            const std::vector<image::Digest>& diff_ids) {
  auto invalid = [](std::string message) {
    return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument, std::move(message)));
  };
  const std::string field(kInlineCacheField);
  if (!config.is_object()) return invalid(fmt::format("image config must be a JSON object, not {}", config.type_name()));
  auto it = config.find(field);
  if (it == config.end()) return std::vector<PortableRecord>{};
  if (image_layers.size() != diff_ids.size()) {
    return invalid(fmt::format("the image has {} layers but its config {} diff_ids", image_layers.size(), diff_ids.size()));
  }
  const Json& value = *it;
  if (!value.is_object()) return invalid(fmt::format("{} must be an object, not {}", field, value.type_name()));
  if (!value.contains("records")) return invalid(fmt::format("{}.records is missing", field));
  std::vector<int64_t> uncompressed(image_layers.size(), 0);
  if (auto sizes = value.find("uncompressedSizes"); sizes != value.end()) {
    if (!sizes->is_array() || sizes->size() != image_layers.size()) {
      return invalid(fmt::format("{}.uncompressedSizes must be an array of {} sizes (one per layer), not {}", field,
                                 image_layers.size(), sizes->dump()));
    }
    for (size_t i = 0; i < sizes->size(); ++i) {
      uncompressed[i] =
          MANIFOLD_TRY(internal::ReadNonNegative((*sizes)[i], fmt::format("{}.uncompressedSizes[{}]", field, i)));
    }
  }
  auto indexed = MANIFOLD_TRY(internal::ReadIndexedRecords(value["records"], image_layers.size(), field + ".records"));
  std::vector<PortableRecord> out;
  out.reserve(indexed.size());
  for (auto& r : indexed) {
    PortableRecord record;
    record.key = std::move(r.key);
    for (int64_t i : r.chain) {
      if (i < 0) {
        record.chain.emplace_back(std::nullopt);
        continue;
      }
      auto at = static_cast<size_t>(i);
      content::LayerResult layer;
      layer.descriptor = image_layers[at];
      layer.diff_id = diff_ids[at];
      layer.uncompressed_size = uncompressed[at];
      record.chain.emplace_back(std::move(layer));
    }
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace manifold::cache
