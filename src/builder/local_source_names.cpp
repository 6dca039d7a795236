// LocalSourceNames: the first directory keeps the preferred name, another one is numbered.
#include "builder/local_source_names.hpp"

namespace manifold::builder {

std::string LocalSourceNames::NameFor(const std::string& preferred, const std::filesystem::path& dir,
                                      const std::vector<std::string>& patterns) {
  Source source{dir, patterns};
  for (int n = 1;; ++n) {
    std::string name = n == 1 ? preferred : preferred + "#" + std::to_string(n);
    auto [it, inserted] = taken_.try_emplace(name, source);
    if (inserted || it->second == source) return name;
  }
}

}  // namespace manifold::builder
