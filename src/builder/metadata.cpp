// The --metadata-file JSON and the --iidfile digest.
#include "builder/metadata.hpp"

#include <nlohmann/json.hpp>

#include "image/descriptor_json.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {

util::Status WriteMetadataFile(const std::filesystem::path& path, const BuildResult& result) {
  nlohmann::json doc = nlohmann::json::object();
  doc["containerimage.digest"] = result.root.digest.str();
  doc["containerimage.descriptor"] = {
      {"mediaType", result.root.media_type}, {"digest", result.root.digest.str()}, {"size", result.root.size}};
  if (!result.pushed.empty()) {
    std::string names;
    for (const auto& n : result.pushed) names += (names.empty() ? "" : ",") + n;
    doc["image.name"] = names;
  }
  // buildx: the predicate of a mode=max provenance; one key per platform when there are several.
  if (result.provenance.size() == 1) doc["buildx.build.provenance"] = result.provenance.begin()->second;
  if (result.provenance.size() > 1) {
    for (const auto& [platform, predicate] : result.provenance) doc["buildx.build.provenance/" + platform] = predicate;
  }
  auto written = util::WriteFileAtomic(path, doc.dump(2) + "\n");
  if (!written) return std::unexpected(std::move(written.error()).Context("writing --metadata-file {}", path.string()));
  return {};
}

util::Status WriteIidFile(const std::filesystem::path& path, const BuildResult& result) {
  auto written = util::WriteFileAtomic(path, result.root.digest.str());
  if (!written) return std::unexpected(std::move(written.error()).Context("writing --iidfile {}", path.string()));
  return {};
}

}  // namespace manifold::builder
