// CheckWarning: one finding of a build check, as the build result and the progress sink carry it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "image/platform.hpp"

namespace manifold::builder {

/// One finding of a build check (buildx's "WARNING: Rule - description"). Plain data.
struct CheckWarning {
  std::string rule;               ///< "WrongArchBinary"
  std::string message;            ///< one line naming the platform, step and files
  image::Platform platform;       ///< the image it is about
  std::string step;               ///< the Dockerfile step whose layer holds the files
  std::vector<std::string> files; ///< the first files found (absolute paths in the image)
  size_t file_count = 0;          ///< every file found, listed or not
};

}  // namespace manifold::builder
