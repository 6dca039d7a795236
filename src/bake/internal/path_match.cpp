// PathMatch: a check of the whole pattern's syntax, then a backtracking match over code points.
#include "bake/internal/path_match.hpp"

#include <optional>
#include <vector>

namespace manifold::bake::internal {
namespace {

// UTF-8 to code points; a malformed byte reads as U+FFFD, as Go's decoder does.
std::u32string Decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7f >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont >> 6) != 2) ok = false;
      cp = (cp << 6) | (cont & 0x3f);
    }
    out += ok ? cp : U'\uFFFD';
    i += ok ? len : 1;
  }
  return out;
}

struct Class {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::size_t end = 0;  // index just past ']'
};

// One class character: a literal or an escaped one; '-' and ']' may not start a bound.
std::optional<char32_t> ClassChar(const std::u32string& p, std::size_t& i) {
  if (i >= p.size() || p[i] == U'-' || p[i] == U']') return std::nullopt;
  if (p[i] == U'\\') {
    ++i;
    if (i >= p.size()) return std::nullopt;
  }
  return p[i++];
}

// Parses the class whose '[' is at p[start].
std::optional<Class> ParseClass(const std::u32string& p, std::size_t start) {
  Class cls;
  std::size_t i = start + 1;
  if (i < p.size() && p[i] == U'^') {
    cls.negated = true;
    ++i;
  }
  for (;;) {
    if (i < p.size() && p[i] == U']' && !cls.ranges.empty()) {
      cls.end = i + 1;
      return cls;
    }
    auto lo = ClassChar(p, i);
    if (!lo) return std::nullopt;
    char32_t hi = *lo;
    if (i < p.size() && p[i] == U'-') {
      ++i;
      auto bound = ClassChar(p, i);
      if (!bound) return std::nullopt;
      hi = *bound;
    }
    cls.ranges.emplace_back(*lo, hi);
  }
}

bool ValidSyntax(const std::u32string& p) {
  for (std::size_t i = 0; i < p.size();) {
    if (p[i] == U'\\') {
      if (i + 1 >= p.size()) return false;
      i += 2;
    } else if (p[i] == U'[') {
      auto cls = ParseClass(p, i);
      if (!cls) return false;
      i = cls->end;
    } else {
      ++i;
    }
  }
  return true;
}

bool MatchFrom(const std::u32string& p, std::size_t pi, const std::u32string& s, std::size_t si) {
  while (pi < p.size()) {
    if (p[pi] == U'*') {
      while (pi < p.size() && p[pi] == U'*') ++pi;
      for (std::size_t k = si; k <= s.size(); ++k) {
        if (MatchFrom(p, pi, s, k)) return true;
        if (k < s.size() && s[k] == U'/') return false;
      }
      return false;
    }
    if (si >= s.size()) return false;
    if (p[pi] == U'?') {
      if (s[si] == U'/') return false;
      ++pi;
    } else if (p[pi] == U'[') {
      auto cls = ParseClass(p, pi);  // syntax checked already
      bool in = false;
      for (auto [lo, hi] : cls->ranges) in = in || (lo <= s[si] && s[si] <= hi);
      if (in == cls->negated) return false;
      pi = cls->end;
    } else {
      if (p[pi] == U'\\') ++pi;
      if (p[pi] != s[si]) return false;
      ++pi;
    }
    ++si;
  }
  return si == s.size();
}

}  // namespace

util::Result<bool> PathMatch(std::string_view pattern, std::string_view name) {
  std::u32string p = Decode(pattern);
  if (!ValidSyntax(p)) return util::Fail(util::ErrorKind::kInvalidArgument, "syntax error in pattern");
  return MatchFrom(p, 0, Decode(name), 0);
}

}  // namespace manifold::bake::internal
