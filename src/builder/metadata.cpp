// The --metadata-file JSON and the --iidfile digest.
#include "builder/metadata.hpp"

#include <algorithm>
#include <optional>
#include <random>

#include <nlohmann/json.hpp>

#include "image/descriptor_json.hpp"
#include "image/media_types.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {
namespace {

// BuildKit reports an image config digest only for a single image manifest (one platform, no
// attestations); an index has none.
std::optional<std::string> SingleConfigDigest(const BuildResult& result) {
  if (result.platforms.size() != 1 || image::media_type::IsIndex(result.root.media_type)) return std::nullopt;
  return result.platforms.front().config.str();
}

}  // namespace

nlohmann::json MetadataJson(const BuildResult& result) {
  nlohmann::json doc = nlohmann::json::object();
  doc["containerimage.digest"] = result.root.digest.str();
  doc["containerimage.descriptor"] = {
      {"mediaType", result.root.media_type}, {"digest", result.root.digest.str()}, {"size", result.root.size}};
  if (auto config = SingleConfigDigest(result)) doc["containerimage.config.digest"] = *config;
  if (!result.build_ref.empty()) doc["buildx.build.ref"] = result.build_ref;
  std::vector<std::string> names;
  for (const auto* list : {&result.pushed, &result.archived, &result.loaded, &result.engine_loaded}) {
    for (const auto& n : *list) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  }
  if (!names.empty()) {
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : ",") + n;
    doc["image.name"] = joined;
  }
  // buildx: the predicate of a mode=max provenance; one key per platform when there are several.
  if (result.provenance.size() == 1) doc["buildx.build.provenance"] = result.provenance.begin()->second;
  if (result.provenance.size() > 1) {
    for (const auto& [platform, predicate] : result.provenance) doc["buildx.build.provenance/" + platform] = predicate;
  }
  return doc;
}

namespace {

util::Status WriteMetadataJson(const std::filesystem::path& path, const nlohmann::json& doc) {
  auto written = util::WriteFileAtomic(path, doc.dump(2) + "\n");
  if (!written) return std::unexpected(std::move(written.error()).Context("writing --metadata-file {}", path.string()));
  return {};
}

}  // namespace

util::Status WriteMetadataFile(const std::filesystem::path& path, const BuildResult& result) {
  return WriteMetadataJson(path, MetadataJson(result));
}

util::Status WriteBakeMetadataFile(const std::filesystem::path& path,
                                   const std::vector<std::pair<std::string, BuildResult>>& results) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& [name, result] : results) doc[name] = MetadataJson(result);
  return WriteMetadataJson(path, doc);
}

std::string NewBuildRef(const Instance& instance, const BuildResult& result) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device random;
  std::string ref;
  for (int i = 0; i < 25; ++i) ref += kAlphabet[random() % kAlphabet.size()];
  std::string node = !result.platforms.empty() && !result.platforms.front().node.empty()
                         ? result.platforms.front().node
                         : (instance.nodes.empty() ? std::string(kDefaultInstance) : instance.nodes.front().name);
  std::string builder = instance.name.empty() ? std::string(kDefaultInstance) : instance.name;
  return builder + "/" + node + "/" + ref;
}

util::Status WriteIidFile(const std::filesystem::path& path, const BuildResult& result) {
  // As buildx: the config digest where there is one (the image ID `docker run` takes after a
  // load), else the root descriptor's digest.
  auto written = util::WriteFileAtomic(path, SingleConfigDigest(result).value_or(result.root.digest.str()));
  if (!written) return std::unexpected(std::move(written.error()).Context("writing --iidfile {}", path.string()));
  return {};
}

}  // namespace manifold::builder
