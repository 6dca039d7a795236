// Compiles and matches one moby-style pattern with a token list instead of a regex engine.
#include "util/path_pattern_glob.hpp"

#include <algorithm>
#include <optional>

namespace manifold::util::glob {
namespace {

constexpr char32_t kMaxRune = 0x10FFFF;

bool IsContinuation(unsigned char b, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
  return b >= lo && b <= hi;
}

std::vector<char32_t> DecodeAll(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    Rune r = DecodeRune(text, i);
    out.push_back(r.value);
    i += r.width;
  }
  return out;
}

void Normalize(std::vector<Range>& ranges) {
  std::sort(ranges.begin(), ranges.end(), [](Range a, Range b) { return a.lo < b.lo; });
  std::vector<Range> merged;
  for (Range r : ranges) {
    if (!merged.empty() && r.lo <= merged.back().hi + 1) {
      merged.back().hi = std::max(merged.back().hi, r.hi);
    } else {
      merged.push_back(r);
    }
  }
  ranges = std::move(merged);
}

std::vector<Range> Complement(std::vector<Range> ranges) {
  Normalize(ranges);
  std::vector<Range> out;
  char32_t next = 0;
  for (Range r : ranges) {
    if (r.lo > next) out.push_back({next, r.lo - 1});
    next = r.hi + 1;
  }
  if (next <= kMaxRune) out.push_back({next, kMaxRune});
  return out;
}

// moby hands the pattern to Go's regexp, so a backslash escape means what it means to RE2:
// punctuation is literal, a few letters are control characters or Perl classes (ASCII-only in
// RE2), and anything else fails to compile. \x, octal and \p are rejected here rather than
// reproduced; nobody writes them in an ignore file.
bool AppendPerlClass(char32_t c, std::vector<Range>& out) {
  std::vector<Range> ranges;
  switch (c) {
    case 'd': case 'D': ranges = {{'0', '9'}}; break;
    case 's': case 'S': ranges = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}}; break;
    case 'w': case 'W': ranges = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; break;
    default: return false;
  }
  if (c == 'D' || c == 'S' || c == 'W') ranges = Complement(std::move(ranges));
  out.insert(out.end(), ranges.begin(), ranges.end());
  return true;
}

std::optional<char32_t> EscapedChar(char32_t c) {
  if (c < 0x80 && !std::isalnum(static_cast<int>(c))) return c;
  switch (c) {
    case 'a': return 0x07;
    case 'f': return 0x0C;
    case 'n': return 0x0A;
    case 'r': return 0x0D;
    case 't': return 0x09;
    case 'v': return 0x0B;
    default: return std::nullopt;
  }
}

// RE2's POSIX classes ("[[:alpha:]]"), which Go's regexp accepts inside a bracket expression.
bool AppendPosixClass(std::u32string_view name, std::vector<Range>& out) {
  bool negate = !name.empty() && name.front() == '^';
  if (negate) name.remove_prefix(1);
  std::vector<Range> r;
  if (name == U"alnum") r = {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
  else if (name == U"alpha") r = {{'A', 'Z'}, {'a', 'z'}};
  else if (name == U"ascii") r = {{0, 0x7F}};
  else if (name == U"blank") r = {{'\t', '\t'}, {' ', ' '}};
  else if (name == U"cntrl") r = {{0, 0x1F}, {0x7F, 0x7F}};
  else if (name == U"digit") r = {{'0', '9'}};
  else if (name == U"graph") r = {{'!', '~'}};
  else if (name == U"lower") r = {{'a', 'z'}};
  else if (name == U"print") r = {{' ', '~'}};
  else if (name == U"punct") r = {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
  else if (name == U"space") r = {{'\t', '\r'}, {' ', ' '}};
  else if (name == U"upper") r = {{'A', 'Z'}};
  else if (name == U"word") r = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  else if (name == U"xdigit") r = {{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
  else return false;
  if (negate) r = Complement(std::move(r));
  out.insert(out.end(), r.begin(), r.end());
  return true;
}

Token OfOp(Op op) {
  Token token;
  token.op = op;
  return token;
}

Token Literal(char32_t c) {
  Token token;
  token.literal = c;
  return token;
}

class Compiler {
 public:
  explicit Compiler(std::string_view pattern) : runes_(DecodeAll(pattern)) {
    out_.text = std::string(pattern);
  }

  Compiled Run() {
    const std::size_t n = runes_.size();
    for (std::size_t i = 0; pos_ < n && out_.error.empty(); ++i) {
      char32_t ch = runes_[pos_++];
      if (ch == '*') {
        Star(i);
      } else if (ch == '?') {
        Push(Op::kAnyButSlash);
      } else if (ch == '\\' && pos_ < n) {
        Escape(runes_[pos_++]);
      } else if (ch == '[') {
        Class();
      } else {
        // moby passes a lone ']' to the regex, where it is literal, but it stops the fast paths.
        if (ch == ']') out_.kind = Kind::kGlob;
        out_.tokens.push_back(Literal(ch));
      }
    }
    if (!out_.error.empty()) out_.tokens.clear();
    return std::move(out_);
  }

 private:
  void Push(Op op) {
    out_.tokens.push_back(OfOp(op));
    out_.kind = Kind::kGlob;
  }

  // Mirrors moby's translation: a leading "**" selects the suffix test, a trailing one after a
  // literal prefix the prefix test; everywhere else "**" becomes (.*/)? or, at the end, .*.
  void Star(std::size_t index) {
    if (pos_ >= runes_.size() || runes_[pos_] != '*') {
      Push(Op::kRunButSlash);
      return;
    }
    ++pos_;
    if (pos_ < runes_.size() && runes_[pos_] == '/') ++pos_;
    if (pos_ >= runes_.size()) {
      if (out_.kind == Kind::kExact) {
        out_.kind = Kind::kPrefix;
      } else {
        Push(Op::kRunButNewline);
      }
    } else {
      Push(Op::kOptionalDirs);
    }
    if (index == 0) out_.kind = Kind::kSuffix;
  }

  void Escape(char32_t c) {
    Token token = OfOp(Op::kClass);
    if (AppendPerlClass(c, token.ranges)) {
      Normalize(token.ranges);
      out_.tokens.push_back(std::move(token));
    } else if (auto lit = EscapedChar(c)) {
      out_.tokens.push_back(Literal(*lit));
    } else {
      out_.error = "unsupported escape sequence";
    }
    out_.kind = Kind::kGlob;
  }

  std::optional<char32_t> ClassChar() {
    char32_t c = runes_[pos_++];
    if (c != '\\') return c;
    if (pos_ >= runes_.size()) return std::nullopt;
    return EscapedChar(runes_[pos_++]);
  }

  // Parses a bracket expression as RE2 would read what moby emits for it.
  void Class() {
    out_.kind = Kind::kGlob;
    Token token = OfOp(Op::kClass);
    const std::size_t n = runes_.size();
    if (pos_ < n && runes_[pos_] == '^') {
      token.negated = true;
      ++pos_;
    }
    for (bool first = true;; first = false) {
      if (pos_ >= n) {
        out_.error = "missing closing ]";
        return;
      }
      char32_t c = runes_[pos_];
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      if (c == '*' || c == '?') {
        // moby would rewrite these into regex fragments inside the class; refuse instead.
        out_.error = "'*' or '?' inside a character class";
        return;
      }
      if (c == '[' && pos_ + 1 < n && runes_[pos_ + 1] == ':') {
        std::u32string_view rest(runes_.data() + pos_ + 2, n - pos_ - 2);
        if (std::size_t end = rest.find(U":]"); end != std::u32string_view::npos) {
          if (!AppendPosixClass(rest.substr(0, end), token.ranges)) {
            out_.error = "invalid character class name";
            return;
          }
          pos_ += 2 + end + 2;
          continue;
        }
      }
      if (c == '\\' && pos_ + 1 < n && AppendPerlClass(runes_[pos_ + 1], token.ranges)) {
        pos_ += 2;
        continue;
      }
      std::optional<char32_t> lo = ClassChar();
      if (!lo) {
        out_.error = "unsupported escape sequence in character class";
        return;
      }
      char32_t hi = *lo;
      if (pos_ + 1 < n && runes_[pos_] == '-' && runes_[pos_ + 1] != ']') {
        ++pos_;
        std::optional<char32_t> h = ClassChar();
        if (!h) {
          out_.error = "unsupported escape sequence in character class";
          return;
        }
        if (*h < *lo) {
          out_.error = "invalid character class range";
          return;
        }
        hi = *h;
      }
      token.ranges.push_back({*lo, hi});
    }
    Normalize(token.ranges);
    out_.tokens.push_back(std::move(token));
  }

  std::vector<char32_t> runes_;
  std::size_t pos_ = 0;
  Compiled out_;
};

bool Accepts(const Token& token, char32_t c) {
  switch (token.op) {
    case Op::kLiteral: return c == token.literal;
    case Op::kAnyButSlash: return c != '/';
    case Op::kClass: {
      auto it = std::upper_bound(token.ranges.begin(), token.ranges.end(), c,
                                 [](char32_t v, Range r) { return v < r.lo; });
      bool in = it != token.ranges.begin() && c <= std::prev(it)->hi;
      return in != token.negated;
    }
    default: return false;
  }
}

}  // namespace

Rune DecodeRune(std::string_view text, std::size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const std::size_t left = text.size() - pos;
  unsigned char b0 = s[0];
  if (b0 < 0x80) return {b0, 1};
  constexpr Rune kBad{0xFFFD, 1};
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (left < 2 || !IsContinuation(s[1])) return kBad;
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | (s[1] & 0x3F)), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    if (left < 3 || !IsContinuation(s[1], lo, hi) || !IsContinuation(s[2])) return kBad;
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F)), 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (left < 4 || !IsContinuation(s[1], lo, hi) || !IsContinuation(s[2]) ||
        !IsContinuation(s[3])) {
      return kBad;
    }
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
                                  ((s[2] & 0x3F) << 6) | (s[3] & 0x3F)),
            4};
  }
  return kBad;
}

Status CheckSyntax(std::string_view p) {
  // Go's filepath.Match grammar: inside [...] a bound may not be an unescaped '-' or ']', an
  // escape needs a following character, and the expression must be closed.
  auto bad = [&](std::string_view why) { return Fail(ErrorKind::kInvalidArgument,
                                                     "pattern {:?}: {}", p, why); };
  const std::size_t n = p.size();
  auto bound = [&](std::size_t& i) -> bool {
    if (i >= n || p[i] == '-' || p[i] == ']') return false;
    if (p[i] == '\\' && ++i >= n) return false;
    Rune r = DecodeRune(p, i);
    if (r.value == 0xFFFD && r.width == 1) return false;
    i += r.width;
    return i < n;
  };
  for (std::size_t i = 0; i < n;) {
    if (p[i] == '\\') {
      if (i + 1 >= n) return bad("trailing backslash");
      i += 2;
    } else if (p[i] == '[') {
      ++i;
      if (i < n && p[i] == '^') ++i;
      for (int ranges = 0;; ++ranges) {
        if (i < n && p[i] == ']' && ranges > 0) {
          ++i;
          break;
        }
        if (!bound(i)) return bad("malformed character class");
        if (p[i] == '-' && !(++i, bound(i))) return bad("malformed character class");
      }
    } else {
      ++i;
    }
  }
  return {};
}

Compiled Compile(std::string_view pattern) { return Compiler(pattern).Run(); }

bool Match(const Compiled& compiled, std::string_view path) {
  const std::string& text = compiled.text;
  switch (compiled.kind) {
    case Kind::kExact:
      return path == text;
    case Kind::kPrefix:
      return path.starts_with(std::string_view(text).substr(0, text.size() - 2));
    case Kind::kSuffix: {
      std::string_view suffix = std::string_view(text).substr(2);
      if (path.ends_with(suffix)) return true;
      return suffix.starts_with('/') && path == suffix.substr(1);  // "**/foo" matches "foo"
    }
    case Kind::kGlob:
      break;
  }
  // Simulates the anchored regex as a set of reachable positions (an NFA walk), so that
  // patterns full of '*' and '**' stay linear per token instead of backtracking. Only the window
  // [lo, hi] where positions are reachable is visited (and cleared after), so a long literal
  // prefix costs one step a token, not the path's length (a 12 KiB pattern against a 12 KiB
  // path took minutes when every token swept the whole path).
  std::vector<char32_t> s = DecodeAll(path);
  const std::size_t n = s.size();
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  cur[0] = 1;
  std::size_t lo = 0, hi = 0;  // cur is 0 outside [lo, hi]
  for (const Token& token : compiled.tokens) {
    std::size_t next_lo = n + 1, next_hi = 0;
    auto reach = [&](std::size_t p) {
      next[p] = 1;
      next_lo = std::min(next_lo, p);
      next_hi = std::max(next_hi, p);
    };
    switch (token.op) {
      case Op::kRunButSlash:
      case Op::kRunButNewline: {
        char32_t stop = token.op == Op::kRunButSlash ? U'/' : U'\n';
        bool carry = false;
        for (std::size_t p = lo; p <= n; ++p) {
          carry = carry || (p <= hi && cur[p]);
          if (!carry && p > hi) break;
          if (carry) reach(p);
          if (p < n && s[p] == stop) carry = false;
        }
        break;
      }
      case Op::kOptionalDirs: {
        bool carry = false;
        for (std::size_t p = lo; p <= n; ++p) {
          const bool here = p <= hi && cur[p];
          if (!carry && p > hi) break;
          if (here) reach(p);
          if (p == n) break;
          carry = carry || here;
          if (s[p] == '\n') {
            carry = false;
          } else if (carry && s[p] == '/') {
            reach(p + 1);
          }
        }
        break;
      }
      default:
        for (std::size_t p = lo; p <= hi && p < n; ++p) {
          if (cur[p] && Accepts(token, s[p])) reach(p + 1);
        }
        break;
    }
    std::fill(cur.begin() + static_cast<std::ptrdiff_t>(lo), cur.begin() + static_cast<std::ptrdiff_t>(hi) + 1, 0);
    if (next_lo > next_hi) return false;
    cur.swap(next);
    lo = next_lo;
    hi = next_hi;
  }
  return lo <= n && n <= hi && cur[n] != 0;
}

}  // namespace manifold::util::glob
