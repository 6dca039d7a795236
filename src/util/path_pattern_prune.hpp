// DirSkipRule: whether a context walk may skip an excluded directory without opening it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::util {

/// BuildKit's rule (tonistiigi/fsutil's filter, "onlyPrefixExcludeExceptions") for skipping a
/// directory that the .dockerignore patterns exclude, so that a context walk neither opens
/// nor reads it (it may be unreadable, or huge, like node_modules/).
///
/// A walker asks PathPatterns whether a directory is excluded; if so, it may skip the
/// directory and everything below it only when MaySkip(dir) holds. Otherwise it must descend
/// and test each entry, because an exception pattern ("!x") could re-include something below;
/// the entries it then finds included are sent with their parent directories.
///
/// MaySkip is false for every directory as soon as one exception pattern, after one trailing
/// "/**" and then one trailing "/*" are stripped, still holds a wildcard character of
/// `* [ ] ? ^ \`; otherwise it is false only for a directory that some exception lies in
/// (`exception + "/"` starts with `dir + "/"`). With no exception at all it is always true.
/// Immutable after Create: safe to share between threads.
class DirSkipRule {
 public:
  /// Reads the same pattern list given to PathPatterns::Create (trimmed, cleaned, empty ones
  /// dropped, as there). Never fails: a pattern PathPatterns rejects never reaches a walk.
  static DirSkipRule Create(const std::vector<std::string>& patterns);

  /// Whether the excluded directory `dir` (clean, relative, '/'-separated, not ".") may be
  /// skipped with all its contents. Meaningful only for a directory the patterns exclude.
  bool MaySkip(std::string_view dir) const;

  /// False when some exception pattern has wildcards, which disables all skipping.
  bool prefix_only() const { return prefix_only_; }

 private:
  bool prefix_only_ = true;
  std::vector<std::string> exceptions_;  // cleaned exception patterns without '!', plus "/"
};

}  // namespace manifold::util
