// TempDir: a fresh directory for one test, removed with everything in it afterwards.
#pragma once

#include <filesystem>

namespace manifold::testing {

/// Creates a unique directory under $TMPDIR (or /tmp); removes it recursively when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

}  // namespace manifold::testing
