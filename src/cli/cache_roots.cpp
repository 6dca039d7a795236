// Stored images as roots the cache's sweep keeps.
#include "cli/cache_roots.hpp"

#include "exporter/image_store.hpp"

namespace manifold::cli {

util::Result<std::vector<image::Descriptor>> StoredImageRoots(const std::filesystem::path& root) {
  exporter::ImageStore images(root);
  std::vector<image::Descriptor> roots;
  for (const auto& image : MANIFOLD_TRY(images.List())) roots.push_back(image.root);
  return roots;
}

}  // namespace manifold::cli
