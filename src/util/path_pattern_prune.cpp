// DirSkipRule: fsutil's prefix-only exception rule for pruning excluded directories.
#include "util/path_pattern_prune.hpp"

#include "util/path_pattern.hpp"
#include "util/root_path.hpp"

namespace manifold::util {

DirSkipRule DirSkipRule::Create(const std::vector<std::string>& patterns) {
  DirSkipRule rule;
  for (const std::string& raw : patterns) {
    std::string_view trimmed = TrimGoSpace(raw);
    if (trimmed.empty()) continue;
    std::string cleaned = CleanPath(trimmed);
    if (cleaned.front() != '!' || cleaned.size() == 1) continue;
    std::string_view body = std::string_view(cleaned).substr(1);
    // A trailing "/**" or "/*" only widens an exception to a whole directory's contents,
    // which the prefix test below already covers.
    std::string_view stem = body;
    if (stem.ends_with("/**")) stem.remove_suffix(3);
    if (stem.ends_with("/*")) stem.remove_suffix(2);
    if (stem.find_first_of("*[]?^\\") != std::string_view::npos) rule.prefix_only_ = false;
    rule.exceptions_.push_back(std::string(body) + "/");
  }
  return rule;
}

bool DirSkipRule::MaySkip(std::string_view dir) const {
  if (!prefix_only_) return false;
  std::string dir_slash = std::string(dir) + "/";
  for (const std::string& exception : exceptions_) {
    if (exception.starts_with(dir_slash)) return false;
  }
  return true;
}

}  // namespace manifold::util
