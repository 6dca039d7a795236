// What `du` and `prune` must leave alone: the images of manifold's image store.
#pragma once

#include <filesystem>
#include <vector>

#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::cli {

/// The root descriptors of every stored image (`manifold images`).
util::Result<std::vector<image::Descriptor>> StoredImageRoots(const std::filesystem::path& root);

}  // namespace manifold::cli
