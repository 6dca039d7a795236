// Media type classification.
#include "image/media_types.hpp"

namespace manifold::image::media_type {

bool IsIndex(std::string_view t) { return t == kOciIndex || t == kDockerManifestList; }
bool IsManifest(std::string_view t) { return t == kOciManifest || t == kDockerManifest; }
bool IsLayer(std::string_view t) {
  return t == kOciLayer || t == kOciLayerGzip || t == kOciLayerZstd || t == kDockerLayer ||
         t == kDockerLayerGzip || t == kDockerLayerZstd;
}

}  // namespace manifold::image::media_type
