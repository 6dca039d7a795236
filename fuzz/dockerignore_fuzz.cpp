// libFuzzer target: .dockerignore reading, pattern compiling and matching (PathPatterns).
//
// Input: the .dockerignore bytes, then optionally a NUL and NUL-separated paths to match. Each
// path, and each pattern read as a path, is matched twice: by Matches and as a context walk
// does (MatchesInWalk, ancestor by ancestor); both must give the same answer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ignore_file.hpp"
#include "util/path_pattern.hpp"
#include "util/path_pattern_prune.hpp"
#include "util/root_path.hpp"

namespace util = manifold::util;

namespace {

// Each path costs patterns x depth x pattern length x path length: a few dozen paths keep a
// 16 KiB input far under the timeout (64 let the harness itself time out on 6 KiB inputs).
constexpr size_t kMaxPaths = 16;
// The walk check matches every ancestor, each at its own length: quadratic in the depth, as a
// real walk's total is in its listing. Deeper paths only get the direct Matches.
constexpr size_t kMaxWalkDepth = 128;
// Matching is an NFA walk, as Go's regexp: time linear in the pattern times the path, by design.
// A 12 KiB pattern of literals and '*' against a 12 KiB path is 150 M steps a match, and the walk
// repeats it for every ancestor: seconds under the sanitizers. Each input gets this many
// character-steps (patterns' total length x path length x matches), which keeps it well under
// the timeout; the paths beyond it are left out, as the depths above are.
constexpr size_t kWorkBudget = size_t{1} << 27;

// The walk's answer for a clean relative path: each ancestor first, its result passed on.
util::Result<bool> MatchesByWalk(const util::PathPatterns& patterns, std::string_view path) {
  std::vector<std::string_view> steps;
  for (size_t slash = path.find('/', 1); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    steps.push_back(path.substr(0, slash));
  }
  steps.push_back(path);
  std::optional<util::PathMatch> parent;
  for (std::string_view step : steps) {
    auto here = patterns.MatchesInWalk(step, parent ? &*parent : nullptr);
    if (!here) return std::unexpected(std::move(here.error()));
    parent = std::move(*here);
  }
  return parent->matched;
}

// `compare`: whether Matches and the walk must agree. They must without `!` patterns. With
// them they may not, by design, as moby's own two functions do not: MatchesOrParentMatches
// lets `!*` re-include "a/b/c" because `*` matches its parent "a", while the walk
// (MatchesUsingParentResults, what BuildKit's file sync and manifold's context walk use) never
// tries an exclusion pattern on a parent that nothing had matched yet, and keeps "a/b/c" out.
void Check(const util::PathPatterns& patterns, const util::DirSkipRule& skip, std::string_view raw, bool compare,
           size_t pattern_chars, size_t& budget) {
  const std::string path = util::CleanPath(raw);
  // Matches and the walk each try every ancestor: about twice depth matches of the whole path.
  const size_t depth = static_cast<size_t>(std::count(path.begin(), path.end(), '/')) + 1;
  const size_t cost = 2 * depth * (path.size() + 1) * (pattern_chars + 1);
  if (cost > budget) return;
  budget -= cost;
  // Matches tries the path and each of its parents, each in time linear in the pattern times
  // the text: depth x pattern x length, seconds for a 4 KiB pattern of '**/' over a 2,000-deep
  // path. Such depths are left out so that each input stays well under the 10 s timeout.
  if (static_cast<size_t>(std::count(path.begin(), path.end(), '/')) > kMaxWalkDepth) return;
  auto direct = patterns.Matches(path);
  // A walk only ever asks about clean paths below the context root.
  if (path == "." || path == ".." || path.starts_with("/") || path.starts_with("../")) return;
  auto walked = MatchesByWalk(patterns, path);
  if (compare && direct && walked && *direct != *walked) {
    std::fprintf(stderr, "path \"%s\": Matches says %d, the walk says %d\n", path.c_str(), *direct, *walked);
    std::abort();
  }
  if (direct && *direct) (void)skip.MaySkip(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  auto lines = manifold::frontend::ReadIgnoreFile(input.substr(0, nul));
  if (!lines) return 0;
  std::vector<std::string> paths;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    while (paths.size() < kMaxPaths) {
      const size_t end = rest.find('\0');
      paths.emplace_back(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  for (const auto& line : *lines) {
    if (paths.size() >= 2 * kMaxPaths) break;
    paths.push_back(line.starts_with("!") ? line.substr(1) : line);
  }
  auto patterns = util::PathPatterns::Create(*lines);
  if (!patterns) return 0;
  const auto skip = util::DirSkipRule::Create(*lines);
  const bool has_exclusions =
      std::any_of(lines->begin(), lines->end(), [](const std::string& line) { return line.starts_with("!"); });
  size_t pattern_chars = 0;
  for (const auto& line : *lines) pattern_chars += line.size();
  size_t budget = kWorkBudget;
  for (const auto& path : paths) Check(*patterns, skip, path, !has_exclusions, pattern_chars, budget);
  return 0;
}
