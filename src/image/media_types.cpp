// Media type classification.
#include "image/media_types.hpp"

#include <utility>

namespace manifold::image::media_type {

bool IsIndex(std::string_view t) { return t == kOciIndex || t == kDockerManifestList; }
bool IsManifest(std::string_view t) { return t == kOciManifest || t == kDockerManifest; }
bool IsLayer(std::string_view t) {
  return t == kOciLayer || t == kOciLayerGzip || t == kOciLayerZstd || t == kDockerLayer ||
         t == kDockerLayerGzip || t == kDockerLayerZstd;
}

bool IsConfig(std::string_view t) { return t == kOciConfig || t == kDockerConfig; }

std::string_view InFamily(std::string_view t, MediaTypes family) {
  // Pairs of (OCI, Docker) equivalents; everything else has no counterpart.
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {kOciIndex, kDockerManifestList}, {kOciManifest, kDockerManifest},
      {kOciConfig, kDockerConfig},      {kOciLayerGzip, kDockerLayerGzip},
      {kOciLayer, kDockerLayer},        {kOciLayerZstd, kDockerLayerZstd},
  };
  for (const auto& [oci, docker] : kPairs) {
    if (t == oci || t == docker) return family == MediaTypes::kOci ? oci : docker;
  }
  return t;
}

namespace {
bool IsRestrictedNameChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (first) return false;
  return std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
}

bool IsRestrictedName(std::string_view s) {
  if (s.empty() || s.size() > 127) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsRestrictedNameChar(s[i], i == 0)) return false;
  }
  return true;
}
}  // namespace

bool IsValidMediaType(std::string_view t) {
  size_t slash = t.find('/');
  if (slash == std::string_view::npos) return false;
  return IsRestrictedName(t.substr(0, slash)) && IsRestrictedName(t.substr(slash + 1));
}

}  // namespace manifold::image::media_type
