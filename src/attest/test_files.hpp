// Test helpers of the attest layer: writing small trees of files for the scanners to read.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace manifold::attest::testing {

/// Writes `content` to `path`, creating its parent directories; `mode` as chmod(2).
inline void WriteFile(const std::filesystem::path& path, std::string_view content, mode_t mode = 0644) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  chmod(path.c_str(), mode);
}

}  // namespace manifold::attest::testing
