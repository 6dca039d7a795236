// PathPatterns: pattern list evaluation (exclusions, parent directories) over glob::Compiled.
#include "util/path_pattern.hpp"

#include "util/root_path.hpp"

namespace manifold::util {
namespace {

bool IsGoSpace(char32_t c) {
  switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// Go's filepath.Dir: everything before the last '/', cleaned ("a" → ".", "/a" → "/").
std::string ParentDir(std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return CleanPath(path.substr(0, slash + 1));
}

}  // namespace

std::string_view TrimGoSpace(std::string_view text) {
  std::size_t begin = text.size(), end = 0;
  for (std::size_t i = 0; i < text.size();) {
    glob::Rune r = glob::DecodeRune(text, i);
    // U+FFFD from a bad byte is not a space, so a width-1 error never gets trimmed.
    if (!IsGoSpace(r.value)) {
      begin = std::min(begin, i);
      end = i + r.width;
    }
    i += r.width;
  }
  return begin >= end ? std::string_view() : text.substr(begin, end - begin);
}

Result<PathPatterns> PathPatterns::Create(const std::vector<std::string>& patterns) {
  PathPatterns out;
  out.patterns_.reserve(patterns.size());
  for (const std::string& raw : patterns) {
    std::string_view trimmed = TrimGoSpace(raw);
    if (trimmed.empty()) continue;
    // moby cleans before looking at '!', so "!./a" keeps its "./" (Clean sees "!." as a name).
    std::string cleaned = CleanPath(trimmed);
    Pattern pattern;
    std::string_view body = cleaned;
    if (body.front() == '!') {
      if (body.size() == 1) {
        return Fail(ErrorKind::kInvalidArgument, "illegal exclusion pattern: \"!\"");
      }
      pattern.exclusion = true;
      out.has_exclusions_ = true;
      body.remove_prefix(1);
    }
    MANIFOLD_CHECK(glob::CheckSyntax(body));
    pattern.glob = glob::Compile(body);
    out.patterns_.push_back(std::move(pattern));
  }
  return out;
}

Result<bool> PathPatterns::MatchOne(const Pattern& pattern, std::string_view path) {
  if (!pattern.glob.error.empty()) {
    return Fail(ErrorKind::kInvalidArgument, "pattern {:?}: {}", pattern.glob.text,
                pattern.glob.error);
  }
  return glob::Match(pattern.glob, path);
}

bool PathPatterns::MatchesAParent(const Pattern& pattern, std::string_view path) {
  std::string parent = ParentDir(path);
  if (parent == ".") return false;
  // Each prefix of the clean parent ending before a '/', then the parent itself; for "/a/b"
  // that is "", "/a", "/a/b", exactly the joins of moby's split.
  std::string_view view = parent;
  for (std::size_t slash = view.find('/');; slash = view.find('/', slash + 1)) {
    std::string_view prefix = view.substr(0, slash);
    if (MatchOne(pattern, prefix).value_or(false)) return true;
    if (slash == std::string_view::npos) return false;
  }
}

Result<bool> PathPatterns::Matches(std::string_view path) const {
  std::string file = CleanPath(path);
  if (file == ".") return false;  // the context root itself is never excluded
  bool matched = false;
  for (const Pattern& pattern : patterns_) {
    if (pattern.exclusion != matched) continue;
    bool hit = MANIFOLD_TRY(MatchOne(pattern, file));
    if (!hit) hit = MatchesAParent(pattern, file);
    if (hit) matched = !pattern.exclusion;
  }
  return matched;
}

Result<PathMatch> PathPatterns::MatchesInWalk(std::string_view path,
                                              const PathMatch* parent) const {
  if (parent && parent->hits.size() != patterns_.size()) {
    return Fail(ErrorKind::kInvalidArgument, "parent match has {} results for {} patterns",
                parent->hits.size(), patterns_.size());
  }
  PathMatch out;
  out.hits.assign(patterns_.size(), false);
  for (std::size_t i = 0; i < patterns_.size(); ++i) {
    const Pattern& pattern = patterns_[i];
    // A pattern that hit the parent covers everything below it, whatever the order says.
    bool hit = parent && parent->hits[i];
    if (!hit) {
      if (pattern.exclusion != out.matched) continue;
      hit = MANIFOLD_TRY(MatchOne(pattern, path));
      if (!hit && !parent) hit = MatchesAParent(pattern, path);
    }
    out.hits[i] = hit;
    if (hit) out.matched = !pattern.exclusion;
  }
  return out;
}

}  // namespace manifold::util
