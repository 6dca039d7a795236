// The image exporters' keys, as BuildKit's image, oci and docker exporters read them.
#include "exporter/output_keys.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace manifold::exporter {

namespace {

util::Result<bool> Bool(std::string_view key, std::string_view value) {
  if (value == "true" || value == "1" || value.empty()) return true;
  if (value == "false" || value == "0") return false;
  return util::Fail(util::ErrorKind::kInvalidArgument, "{} must be true or false, not {:?}", std::string(key),
                    std::string(value));
}

struct KeyTypes {
  std::string_view key;
  std::vector<OutputType> types;
  std::string_view names;
};

const std::vector<KeyTypes>& Applicability() {
  static const std::vector<KeyTypes> table = {
      {"push-by-digest", {OutputType::kImage, OutputType::kRegistry}, "image, registry"},
      {"name-canonical", {OutputType::kImage, OutputType::kRegistry}, "image, registry"},
      {"dangling-name-prefix", {OutputType::kImage, OutputType::kRegistry}, "image, registry"},
      {"store", {OutputType::kImage, OutputType::kRegistry}, "image, registry"},
      {"unpack", {OutputType::kImage, OutputType::kRegistry}, "image, registry"},
      {"oci-artifact", {OutputType::kImage, OutputType::kRegistry, OutputType::kOci}, "image, registry, oci"},
      {"force-compression",
       {OutputType::kImage, OutputType::kRegistry, OutputType::kOci, OutputType::kDocker},
       "image, registry, oci, docker"},
      {"rewrite-timestamp",
       {OutputType::kImage, OutputType::kRegistry, OutputType::kOci, OutputType::kDocker},
       "image, registry, oci, docker"},
      {"annotation", {OutputType::kImage, OutputType::kRegistry, OutputType::kOci, OutputType::kDocker},
       "image, registry, oci, docker"},
      {"platform-split", {OutputType::kLocal, OutputType::kTar}, "local, tar"},
  };
  return table;
}

}  // namespace

util::Result<bool> ParseImageKey(std::string_view key, std::string_view value, OutputSpec& spec) {
  if (key == "push-by-digest") {
    spec.push_by_digest = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "name-canonical") {
    spec.name_canonical = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "dangling-name-prefix") {
    spec.dangling_name_prefix = std::string(value);
  } else if (key == "store") {
    spec.store = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "unpack") {
    if (MANIFOLD_TRY(Bool(key, value))) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "unpack=true is not supported: manifold's image store keeps images packed and `manifold "
                        "run` unpacks them when needed; leave unpack out");
    }
  } else if (key == "force-compression") {
    spec.force_compression = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "rewrite-timestamp") {
    spec.rewrite_timestamp = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "oci-artifact") {
    spec.oci_artifact = MANIFOLD_TRY(Bool(key, value));
  } else if (key == "platform-split") {
    spec.platform_split = MANIFOLD_TRY(Bool(key, value));
  } else {
    return false;
  }
  return true;
}

util::Status CheckImageKeys(const OutputSpec& spec, const std::vector<std::string>& given_keys) {
  for (const auto& given : given_keys) {
    std::string_view key = given.starts_with("annotation") ? std::string_view("annotation") : std::string_view(given);
    for (const auto& row : Applicability()) {
      if (row.key != key) continue;
      if (std::find(row.types.begin(), row.types.end(), spec.type) == row.types.end()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{} does not apply to type={} (only to {})", given,
                          OutputTypeName(spec.type), row.names);
      }
    }
  }
  if (spec.push_by_digest && !spec.push) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "push-by-digest=true needs push=true (or type=registry)");
  }
  return {};
}

}  // namespace manifold::exporter
