// builder::LocalSourceNames: one name per directory a solve reads, when several builds share it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::builder {

/// Names the local sources of the builds of one solve (bake). A local source's name is part of
/// its vertex: two builds reading the same directory with the same exclude patterns must get
/// the same name (so their steps over it are one vertex and run once), and two different
/// directories must not (or one would read the other's files). The first directory to ask for
/// a name gets it ("context", "context:src"); a different one asking for a taken name gets
/// "NAME#2", "NAME#3", ... ('#' appears in no context key). Not thread-safe.
class LocalSourceNames {
 public:
  /// The name for `dir` read through `patterns` (its .dockerignore), preferring `preferred`.
  std::string NameFor(const std::string& preferred, const std::filesystem::path& dir,
                      const std::vector<std::string>& patterns);

 private:
  using Source = std::pair<std::filesystem::path, std::vector<std::string>>;
  std::map<std::string, Source, std::less<>> taken_;
};

}  // namespace manifold::builder
