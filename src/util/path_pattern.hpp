// .dockerignore / COPY --exclude patterns: moby/patternmatcher's compile and match rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/path_pattern_glob.hpp"

namespace manifold::util {

/// Removes leading and trailing white space as Go's strings.TrimSpace does (ASCII space, \t,
/// \n, \v, \f, \r and the Unicode White_Space code points such as U+00A0 and U+3000).
std::string_view TrimGoSpace(std::string_view text);

/// Per-pattern results for one directory of a walk, handed to its children so that they need
/// not re-check their ancestors (moby's MatchInfo). Produced by PathPatterns::MatchesInWalk.
struct PathMatch {
  bool matched = false;    ///< Whether the path is excluded from the context.
  std::vector<bool> hits;  ///< hits[i]: pattern i matched this path or an ancestor.
};

/// Patterns compiled once, matched many times. Immutable after Create, so concurrent Matches
/// calls are safe.
class PathPatterns {
 public:
  /// Compiles patterns as moby's patternmatcher does: trim, drop empty ones, clean the path
  /// (a//b/../c → a/c), a leading '!' makes an exclusion. Fails (kInvalidArgument, naming the
  /// pattern) on a lone "!", a malformed character class or a trailing backslash.
  static Result<PathPatterns> Create(const std::vector<std::string>& patterns);

  /// Whether `path` ('/'-separated, relative, e.g. "static/css/x.css"; cleaned first) is
  /// matched, i.e. excluded from a build context. Patterns are walked in order with
  /// matched=false; an inclusion is skipped while matched is true and an exclusion while it is
  /// false; a pattern hits when it matches the path or any of its parent directories, and a hit
  /// sets matched = !exclusion. "." never matches. Fails (kInvalidArgument) only when an
  /// evaluated pattern's class turns out invalid as a regex (e.g. "[z-a]"), as upstream does.
  Result<bool> Matches(std::string_view path) const;

  /// Matches for a directory walk: `parent` is the result for the path's parent directory, or
  /// nullptr for a top-level entry (then the parent directories are checked as in Matches).
  /// `path` must be clean and not ".". Gives the same `matched` as Matches(path).
  Result<PathMatch> MatchesInWalk(std::string_view path, const PathMatch* parent) const;

  /// True when some pattern is an exclusion ("!x"): a walker may then not skip a matched
  /// directory wholesale, since something inside it may be re-included.
  bool HasExclusions() const { return has_exclusions_; }
  /// True when there are no patterns (nothing is ever matched).
  bool empty() const { return patterns_.empty(); }
  /// The number of patterns kept after trimming and dropping empty ones.
  std::size_t size() const { return patterns_.size(); }

 private:
  struct Pattern {
    glob::Compiled glob;
    bool exclusion = false;
  };

  static Result<bool> MatchOne(const Pattern& pattern, std::string_view path);
  static bool MatchesAParent(const Pattern& pattern, std::string_view path);

  std::vector<Pattern> patterns_;
  bool has_exclusions_ = false;
};

}  // namespace manifold::util
