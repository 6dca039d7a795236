// The parser half of Regexp: RE2 syntax to the tree RegexpCompiler turns into instructions.
#include "hcl/internal/regexp_parser.hpp"

#include "hcl/internal/text.hpp"

#include <algorithm>

namespace manifold::hcl::internal {

using util::ErrorKind;

namespace {

constexpr int kMaxRepeat = 1000;

struct Flags {
  bool icase = false, dotall = false, multiline = false, ungreedy = false;
};

void Normalize(std::vector<Regexp::Range>& r) {
  std::sort(r.begin(), r.end(), [](auto a, auto b) { return a.lo < b.lo; });
  std::vector<Regexp::Range> out;
  for (auto x : r) {
    if (!out.empty() && x.lo <= out.back().hi + 1) {
      out.back().hi = std::max(out.back().hi, x.hi);
    } else {
      out.push_back(x);
    }
  }
  r = std::move(out);
}

// Case folding for (?i): ASCII letters, and Latin-1/Greek/Cyrillic-style simple pairs are
// not attempted (RE2 folds all of Unicode; bake patterns are ASCII in practice).
void FoldCase(std::vector<Regexp::Range>& r) {
  std::vector<Regexp::Range> extra;
  for (auto x : r) {
    char32_t lo = std::max<char32_t>(x.lo, 'a'), hi = std::min<char32_t>(x.hi, 'z');
    if (lo <= hi) extra.push_back({lo - 32, hi - 32});
    lo = std::max<char32_t>(x.lo, 'A');
    hi = std::min<char32_t>(x.hi, 'Z');
    if (lo <= hi) extra.push_back({lo + 32, hi + 32});
  }
  r.insert(r.end(), extra.begin(), extra.end());
  Normalize(r);
}

std::vector<Regexp::Range> Negated(std::vector<Regexp::Range> r) {
  Normalize(r);
  std::vector<Regexp::Range> out;
  char32_t next = 0;
  for (auto x : r) {
    if (x.lo > next) out.push_back({next, x.lo - 1});
    next = x.hi + 1;
  }
  if (next <= 0x10FFFF) out.push_back({next, 0x10FFFF});
  return out;
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  util::Result<RegexpNode> Parse() {
    RegexpNode n = MANIFOLD_TRY(Alternation(0));
    if (pos_ != p_.size()) return Error("unexpected )");
    return n;
  }
  std::vector<std::string> names;

 private:
  std::unexpected<util::Error> Error(std::string_view why) const {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid regular expression pattern: {}", why);
  }
  bool More() const { return pos_ < p_.size(); }
  char Peek() const { return p_[pos_]; }

  util::Result<RegexpNode> Alternation(int depth) {
    if (depth > 200) return Error("nesting too deep");
    RegexpNode alt;
    alt.type = RegexpNode::Type::kAlt;
    alt.kids.push_back(MANIFOLD_TRY(Concatenation(depth)));
    while (More() && Peek() == '|') {
      ++pos_;
      alt.kids.push_back(MANIFOLD_TRY(Concatenation(depth)));
    }
    if (alt.kids.size() == 1) return std::move(alt.kids[0]);
    return alt;
  }

  util::Result<RegexpNode> Concatenation(int depth) {
    RegexpNode cat;
    cat.type = RegexpNode::Type::kConcat;
    while (More() && Peek() != '|' && Peek() != ')') {
      RegexpNode atom;
      bool got = MANIFOLD_TRY(Atom(depth, atom));
      if (!got) continue;  // a flag group, which changes flags_ only
      atom = MANIFOLD_TRY(Repetition(std::move(atom)));
      cat.kids.push_back(std::move(atom));
    }
    return cat;
  }

  util::Result<RegexpNode> Repetition(RegexpNode atom) {
    while (More()) {
      char c = Peek();
      int min, max;
      if (c == '*') { min = 0; max = -1; ++pos_; }
      else if (c == '+') { min = 1; max = -1; ++pos_; }
      else if (c == '?') { min = 0; max = 1; ++pos_; }
      else if (c == '{') {
        size_t save = pos_;
        if (!Counts(min, max)) {
          pos_ = save;  // a literal '{', as RE2 reads one that starts no repetition
          return atom;
        }
      } else {
        return atom;
      }
      if (atom.type == RegexpNode::Type::kRepeat || atom.type == RegexpNode::Type::kEmpty) {
        return Error("bad repetition operator");
      }
      if (min > kMaxRepeat || max > kMaxRepeat) return Error("bad repetition count (over 1000)");
      RegexpNode rep;
      rep.type = RegexpNode::Type::kRepeat;
      rep.min = min;
      rep.max = max;
      rep.greedy = !flags_.ungreedy;
      if (More() && Peek() == '?') {
        rep.greedy = !rep.greedy;
        ++pos_;
      }
      rep.kids.push_back(std::move(atom));
      atom = std::move(rep);
    }
    return atom;
  }

  bool Number(int& into) {
    size_t start = pos_;
    into = 0;
    while (More() && Peek() >= '0' && Peek() <= '9') {
      into = std::min(into * 10 + (Peek() - '0'), 100000);
      ++pos_;
    }
    return pos_ > start;
  }

  bool Counts(int& min, int& max) {
    ++pos_;  // '{'
    if (!Number(min)) return false;
    max = min;
    if (More() && Peek() == ',') {
      ++pos_;
      max = -1;
      if (More() && Peek() != '}' && !Number(max)) return false;
    }
    if (!More() || Peek() != '}') return false;
    ++pos_;
    return max == -1 || max >= min;
  }

  RegexpNode ClassNode(std::vector<Regexp::Range> r) {
    if (flags_.icase) FoldCase(r);
    Normalize(r);
    RegexpNode n;
    n.type = RegexpNode::Type::kClass;
    n.ranges = std::move(r);
    return n;
  }

  RegexpNode AssertNode(Regexp::Assertion a) {
    RegexpNode n;
    n.type = RegexpNode::Type::kAssert;
    n.assertion = a;
    return n;
  }

  // Perl classes \d \w \s (ASCII, as RE2); returns false for another letter.
  static bool PerlClass(char c, std::vector<Regexp::Range>& out) {
    std::vector<Regexp::Range> r;
    char lower = static_cast<char>(c | 0x20);
    if (lower == 'd') r = {{'0', '9'}};
    else if (lower == 'w') r = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    else if (lower == 's') r = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
    else return false;
    if (c >= 'A' && c <= 'Z') r = Negated(r);
    out.insert(out.end(), r.begin(), r.end());
    return true;
  }

  // An escape inside or outside a class that stands for one code point.
  util::Result<char32_t> EscapedChar(char c) {
    switch (c) {
      case 'n': return U'\n';
      case 't': return U'\t';
      case 'r': return U'\r';
      case 'f': return U'\f';
      case 'v': return U'\v';
      case 'a': return U'\a';
      case 'x': {
        char32_t v = 0;
        if (More() && Peek() == '{') {
          size_t end = p_.find('}', pos_);
          if (end == std::string_view::npos || end == pos_ + 1 || end - pos_ > 9) return Error("invalid escape sequence");
          for (size_t i = pos_ + 1; i < end; ++i) {
            int d = Hex(p_[i]);
            if (d < 0) return Error("invalid escape sequence");
            v = v * 16 + static_cast<char32_t>(d);
          }
          pos_ = end + 1;
        } else {
          if (pos_ + 2 > p_.size() || Hex(p_[pos_]) < 0 || Hex(p_[pos_ + 1]) < 0) return Error("invalid escape sequence");
          v = static_cast<char32_t>(Hex(p_[pos_]) * 16 + Hex(p_[pos_ + 1]));
          pos_ += 2;
        }
        if (v > 0x10FFFF) return Error("invalid escape sequence");
        return v;
      }
      default: break;
    }
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return Error(fmt::format("invalid or unsupported escape sequence \\{}", c));
    }
    return static_cast<char32_t>(static_cast<unsigned char>(c));
  }

  static int Hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  char32_t Char() {
    size_t n = 0;
    char32_t cp = DecodeUtf8(p_, pos_, n);
    pos_ += n;
    return cp;
  }

  // Returns false when the "atom" was a flag group like (?i).
  util::Result<bool> Atom(int depth, RegexpNode& out) {
    char c = Peek();
    if (c == '(') return Group(depth, out);
    if (c == '[') {
      out = MANIFOLD_TRY(Class());
      return true;
    }
    if (c == '*' || c == '+' || c == '?') return Error("missing argument to repetition operator");
    ++pos_;
    if (c == '.') {
      out.type = RegexpNode::Type::kAny;
      out.dotall = flags_.dotall;
      return true;
    }
    if (c == '^') {
      out = AssertNode(flags_.multiline ? Regexp::Assertion::kBeginLine : Regexp::Assertion::kBeginText);
      return true;
    }
    if (c == '$') {
      out = AssertNode(flags_.multiline ? Regexp::Assertion::kEndLine : Regexp::Assertion::kEndText);
      return true;
    }
    if (c == '\\') {
      if (!More()) return Error("trailing backslash at end of expression");
      char e = p_[pos_++];
      switch (e) {
        case 'A': out = AssertNode(Regexp::Assertion::kBeginText); return true;
        case 'z': out = AssertNode(Regexp::Assertion::kEndText); return true;
        case 'b': out = AssertNode(Regexp::Assertion::kWordBoundary); return true;
        case 'B': out = AssertNode(Regexp::Assertion::kNotWordBoundary); return true;
        case 'Q': {
          size_t end = p_.find("\\E", pos_);
          std::string_view lit = p_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_);
          pos_ = end == std::string_view::npos ? p_.size() : end + 2;
          out.type = RegexpNode::Type::kConcat;
          for (size_t i = 0; i < lit.size();) {
            size_t n = 0;
            char32_t cp = DecodeUtf8(lit, i, n);
            out.kids.push_back(ClassNode({{cp, cp}}));
            i += n;
          }
          return true;
        }
        case 'p': case 'P': return Error("Unicode classes (\\p) are not supported");
        case 'C': return Error("\\C is not supported");
        default: break;
      }
      std::vector<Regexp::Range> r;
      if (PerlClass(e, r)) {
        out = ClassNode(std::move(r));
        return true;
      }
      char32_t cp = MANIFOLD_TRY(EscapedChar(e));
      out = ClassNode({{cp, cp}});
      return true;
    }
    --pos_;
    char32_t cp = Char();
    out = ClassNode({{cp, cp}});
    return true;
  }

  util::Result<bool> Group(int depth, RegexpNode& out) {
    ++pos_;  // '('
    Flags outer = flags_;
    std::string name;
    bool capture = true;
    if (More() && Peek() == '?') {
      ++pos_;
      if (More() && (Peek() == 'P' || Peek() == '<')) {
        if (Peek() == 'P') ++pos_;
        if (!More() || Peek() != '<') return Error("invalid named capture");
        size_t end = p_.find('>', pos_);
        if (end == std::string_view::npos) return Error("invalid named capture");
        name = std::string(p_.substr(pos_ + 1, end - pos_ - 1));
        bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
        });
        if (!ok) return Error(fmt::format("invalid named capture: {}", name));
        if (std::find(names.begin(), names.end(), name) != names.end()) {
          return Error(fmt::format("duplicate capture group name: {}", name));
        }
        pos_ = end + 1;
      } else {
        // Flags: (?flags) for the rest of the enclosing group, (?flags:re) for re alone.
        bool negate = false;
        Flags f = flags_;
        for (;;) {
          if (!More()) return Error("missing closing )");
          char c = p_[pos_++];
          if (c == 'i') f.icase = !negate;
          else if (c == 's') f.dotall = !negate;
          else if (c == 'm') f.multiline = !negate;
          else if (c == 'U') f.ungreedy = !negate;
          else if (c == '-' && !negate) negate = true;
          else if (c == ')') {
            flags_ = f;
            return false;
          } else if (c == ':') {
            flags_ = f;
            capture = false;
            break;
          } else {
            return Error("invalid or unsupported Perl syntax (?" + std::string(1, c));
          }
        }
      }
    }
    size_t group = 0;
    if (capture) {
      names.push_back(name);
      group = names.size();
    }
    RegexpNode body = MANIFOLD_TRY(Alternation(depth + 1));
    if (!More() || Peek() != ')') return Error("missing closing )");
    ++pos_;
    flags_ = outer;
    if (!capture) {
      out = std::move(body);
      if (out.type == RegexpNode::Type::kRepeat) {
        // (?:a*)* would otherwise read as a double repetition.
        RegexpNode wrap;
        wrap.type = RegexpNode::Type::kConcat;
        wrap.kids.push_back(std::move(out));
        out = std::move(wrap);
      }
      return true;
    }
    out.type = RegexpNode::Type::kCapture;
    out.group = group;
    out.kids.push_back(std::move(body));
    return true;
  }

  util::Result<RegexpNode> Class() {
    ++pos_;  // '['
    bool negate = false;
    if (More() && Peek() == '^') {
      negate = true;
      ++pos_;
    }
    std::vector<Regexp::Range> r;
    bool first = true;
    for (;;) {
      if (!More()) return Error("missing closing ]");
      char c = Peek();
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (c == '[' && p_.substr(pos_).starts_with("[:")) {
        size_t end = p_.find(":]", pos_ + 2);
        if (end != std::string_view::npos) {
          std::string_view name = p_.substr(pos_ + 2, end - pos_ - 2);
          bool neg = name.starts_with('^');
          if (neg) name.remove_prefix(1);
          std::vector<Regexp::Range> cls;
          if (name == "alnum") cls = {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
          else if (name == "alpha") cls = {{'A', 'Z'}, {'a', 'z'}};
          else if (name == "ascii") cls = {{0, 0x7F}};
          else if (name == "blank") cls = {{'\t', '\t'}, {' ', ' '}};
          else if (name == "cntrl") cls = {{0, 0x1F}, {0x7F, 0x7F}};
          else if (name == "digit") cls = {{'0', '9'}};
          else if (name == "graph") cls = {{'!', '~'}};
          else if (name == "lower") cls = {{'a', 'z'}};
          else if (name == "print") cls = {{' ', '~'}};
          else if (name == "punct") cls = {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
          else if (name == "space") cls = {{'\t', '\r'}, {' ', ' '}};
          else if (name == "upper") cls = {{'A', 'Z'}};
          else if (name == "word") cls = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
          else if (name == "xdigit") cls = {{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
          else return Error(fmt::format("invalid character class range: [:{}:]", name));
          if (neg) cls = Negated(cls);
          r.insert(r.end(), cls.begin(), cls.end());
          pos_ = end + 2;
          continue;
        }
      }
      char32_t lo;
      if (c == '\\') {
        ++pos_;
        if (!More()) return Error("missing closing ]");
        char e = p_[pos_++];
        if (PerlClass(e, r)) continue;
        if (e == 'p' || e == 'P') return Error("Unicode classes (\\p) are not supported");
        lo = MANIFOLD_TRY(EscapedChar(e));
      } else {
        lo = Char();
      }
      char32_t hi = lo;
      if (pos_ + 1 < p_.size() && Peek() == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        if (Peek() == '\\') {
          ++pos_;
          if (!More()) return Error("missing closing ]");
          hi = MANIFOLD_TRY(EscapedChar(p_[pos_++]));
        } else {
          hi = Char();
        }
        if (hi < lo) return Error("invalid character class range");
      }
      r.push_back({lo, hi});
    }
    if (flags_.icase) FoldCase(r);
    Normalize(r);
    if (negate) r = Negated(r);
    RegexpNode n;
    n.type = RegexpNode::Type::kClass;
    n.ranges = std::move(r);
    return n;
  }

  std::string_view p_;
  size_t pos_ = 0;
  Flags flags_;
};

}  // namespace

util::Result<RegexpNode> ParseRegexp(std::string_view pattern, std::vector<std::string>& names) {
  Parser parser(pattern);
  RegexpNode root = MANIFOLD_TRY(parser.Parse());
  names = std::move(parser.names);
  return root;
}

}  // namespace manifold::hcl::internal
