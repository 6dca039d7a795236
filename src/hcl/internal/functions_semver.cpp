// semvercmp: whether a version satisfies a constraint, as buildx's semvercmp does through
// Masterminds/semver v3 (its version grammar, constraint operators, ranges, wildcards and
// prerelease rules), with the library's own regular expressions run on Regexp.
#include <charconv>

#include "hcl/internal/functions.hpp"
#include "hcl/internal/regexp.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

struct Version {
  uint64_t major = 0, minor = 0, patch = 0;
  std::string pre;
};

constexpr std::string_view kVersionRe =
    R"(^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?)"
    R"((?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?)"
    R"((?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$)";
constexpr std::string_view kCv =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?)"
    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
    R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr std::string_view kOps = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

// The library's expressions, compiled once.
struct Expressions {
  Regexp version, constraint, range, find, valid;
};

const Expressions& Res() {
  static const Expressions res = [] {
    auto compile = [](const std::string& p) {
      auto re = Regexp::Compile(p);
      MANIFOLD_ASSERT(re.has_value(), "semver expressions compile");
      return std::move(*re);
    };
    std::string cv(kCv), ops(kOps);
    return Expressions{
        compile(std::string(kVersionRe)),
        compile(R"(^\s*()" + ops + R"()\s*()" + cv + R"()\s*$)"),
        compile(R"(\s*()" + cv + R"()\s+-\s+()" + cv + R"()\s*)"),
        compile("(" + ops + R"()\s*()" + cv + ")"),
        compile(R"(^(\s*()" + ops + R"()\s*()" + cv + R"()\s*)((?:\s+|,\s*)()" + ops + R"()\s*()" +
                cv + R"()\s*)*$)"),
    };
  }();
  return res;
}

std::string Group(std::string_view s, const std::vector<long>& caps, size_t g) {
  if (caps[2 * g] < 0) return "";
  return std::string(s.substr(static_cast<size_t>(caps[2 * g]),
                              static_cast<size_t>(caps[2 * g + 1] - caps[2 * g])));
}

// Every match's offsets, in Go's FindAllStringSubmatch order (Regexp::ForEachMatch).
std::vector<std::vector<long>> FindAll(const Regexp& re, std::string_view s) {
  std::vector<std::vector<long>> out;
  (void)re.ForEachMatch(s, [&](const std::vector<long>& caps) -> util::Status {
    out.push_back(caps);
    return {};
  });
  return out;
}

util::Result<Version> ParseVersion(std::string_view s) {
  std::vector<long> caps;
  if (!Res().version.Search(s, 0, caps)) {
    return util::Fail(ErrorKind::kInvalidArgument, "Invalid Semantic Version");
  }
  Version v;
  uint64_t* parts[] = {&v.major, &v.minor, &v.patch};
  for (size_t g = 1; g <= 3; ++g) {
    std::string digits = Group(s, caps, g);
    if (digits.empty()) continue;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *parts[g - 1]);
    if (ec != std::errc()) {
      return util::Fail(ErrorKind::kInvalidArgument, "error parsing version segment: {}", digits);
    }
  }
  v.pre = Group(s, caps, 4);
  return v;
}

bool IsNumeric(std::string_view s, uint64_t& n) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && end == s.data() + s.size();
}

int ComparePrePart(std::string_view s, std::string_view o) {
  if (s == o) return 0;
  if (s.empty()) return -1;
  if (o.empty()) return 1;
  uint64_t si = 0, oi = 0;
  bool sn = IsNumeric(s, si), on = IsNumeric(o, oi);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;  // numeric identifiers sort before alphanumeric ones
  if (!sn) return 1;
  return si > oi ? 1 : -1;
}

std::vector<std::string_view> SplitDots(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

int Compare(const Version& v, const Version& o) {
  if (v.major != o.major) return v.major < o.major ? -1 : 1;
  if (v.minor != o.minor) return v.minor < o.minor ? -1 : 1;
  if (v.patch != o.patch) return v.patch < o.patch ? -1 : 1;
  if (v.pre.empty() && o.pre.empty()) return 0;
  if (v.pre.empty()) return 1;
  if (o.pre.empty()) return -1;
  auto a = SplitDots(v.pre), b = SplitDots(o.pre);
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    int d = ComparePrePart(i < a.size() ? a[i] : "", i < b.size() ? b[i] : "");
    if (d != 0) return d;
  }
  return 0;
}

struct Constraint {
  std::string op;
  Version con;
  bool dirty = false, minor_dirty = false, patch_dirty = false;
};

bool IsX(std::string_view x) { return x == "x" || x == "X" || x == "*"; }

util::Result<Constraint> ParseConstraint(std::string_view c) {
  std::vector<long> m;
  if (!Res().constraint.Search(c, 0, m)) {
    return util::Fail(ErrorKind::kInvalidArgument, "improper constraint: \"{}\"", c);
  }
  Constraint out;
  out.op = Group(c, m, 1);
  std::string ver = Group(c, m, 2);
  std::string major = Group(c, m, 3), minor = Group(c, m, 4), patch = Group(c, m, 5);
  std::string pre = Group(c, m, 6);
  auto trim_dot = [](std::string s) { return s.empty() ? s : s.substr(1); };
  // A wildcard or missing part makes the constraint "dirty": it stands for a range.
  if (IsX(major) || major.empty()) {
    ver = "0.0.0" + pre;
    out.dirty = true;
  } else if (IsX(trim_dot(minor)) || minor.empty()) {
    out.minor_dirty = out.dirty = true;
    ver = major + ".0.0" + pre;
  } else if (IsX(trim_dot(patch)) || patch.empty()) {
    out.patch_dirty = out.dirty = true;
    ver = major + minor + ".0" + pre;
  }
  auto con = ParseVersion(ver);
  if (!con) return util::Fail(ErrorKind::kInvalidArgument, "constraint parser error");
  out.con = *con;
  return out;
}

bool Tilde(const Version& v, const Constraint& c) {
  if (Compare(v, c.con) < 0) return false;
  if (c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minor_dirty && !c.patch_dirty) return true;
  if (v.major != c.con.major) return false;
  return v.minor == c.con.minor || c.minor_dirty;
}

bool Check(const Version& v, const Constraint& c, bool include_pre) {
  if (!v.pre.empty() && !include_pre) return false;
  const std::string& op = c.op;
  const Version& k = c.con;
  if (op.empty() || op == "=") return c.dirty ? Tilde(v, c) : Compare(v, k) == 0;
  if (op == "!=") {
    if (c.dirty) {
      if (k.major != v.major) return true;
      if (k.minor != v.minor && !c.minor_dirty) return true;
      if (c.minor_dirty) return false;
      if (k.patch != v.patch && !c.patch_dirty) return true;
      if (c.patch_dirty) {
        if (!v.pre.empty() || !k.pre.empty()) {
          Version a = v, b = k;
          a.major = b.major = a.minor = b.minor = a.patch = b.patch = 0;
          return Compare(a, b) != 0;
        }
        return false;
      }
    }
    return Compare(v, k) != 0;
  }
  if (op == ">") {
    if (!c.dirty) return Compare(v, k) > 0;
    if (v.major != k.major) return v.major > k.major;
    if (c.minor_dirty) return false;
    if (c.patch_dirty) return v.minor > k.minor;
    return Compare(v, k) > 0;
  }
  if (op == "<") return Compare(v, k) < 0;
  if (op == ">=" || op == "=>") return Compare(v, k) >= 0;
  if (op == "<=" || op == "=<") {
    if (!c.dirty) return Compare(v, k) <= 0;
    if (v.major > k.major) return false;
    return !(v.major == k.major && v.minor > k.minor && !c.minor_dirty);
  }
  if (op == "~" || op == "~>") return Tilde(v, c);
  // "^"
  if (Compare(v, k) < 0) return false;
  if (k.major > 0 || c.minor_dirty) return v.major == k.major;
  if (v.major > 0) return false;
  if (k.minor > 0 || c.patch_dirty) return v.minor == k.minor;
  if (v.minor > 0) return false;
  return k.patch == v.patch;
}

util::Result<Value> SemverCmp(Args args) {
  std::string version = MANIFOLD_TRY(StringArg(args, 0, "version"));
  std::string constraint = MANIFOLD_TRY(StringArg(args, 1, "contraint"));
  if (version.size() > 1024 || constraint.size() > 4096) {
    return util::Fail(ErrorKind::kInvalidArgument, "version or constraint too long");
  }
  Version v = MANIFOLD_TRY(ParseVersion(version));
  // Hyphen ranges "1.2 - 1.4" become ">= 1.2, <= 1.4 ".
  std::string rewritten = constraint;
  for (const auto& m : FindAll(Res().range, constraint)) {
    std::string whole = Group(constraint, m, 0);
    std::string repl = ">= " + Group(constraint, m, 1) + ", <= " + Group(constraint, m, 11) + " ";
    size_t at = rewritten.find(whole);
    if (at != std::string::npos) rewritten.replace(at, whole.size(), repl);
  }
  bool result = false;
  size_t start = 0;
  for (;;) {
    size_t bar = rewritten.find("||", start);
    std::string_view part = std::string_view(rewritten).substr(
        start, bar == std::string::npos ? std::string::npos : bar - start);
    std::vector<long> caps;
    if (!Res().valid.Search(part, 0, caps)) {
      return util::Fail(ErrorKind::kInvalidArgument, "improper constraint: \"{}\"", part);
    }
    std::vector<Constraint> all;
    auto found = FindAll(Res().find, part);
    if (found.empty()) {
      all.push_back(MANIFOLD_TRY(ParseConstraint(part)));
    }
    for (const auto& m : found) all.push_back(MANIFOLD_TRY(ParseConstraint(Group(part, m, 0))));
    bool has_pre = false;
    for (const auto& c : all) has_pre |= !c.con.pre.empty();
    bool all_ok = true;
    for (const auto& c : all) all_ok = all_ok && Check(v, c, has_pre);
    result = result || all_ok;
    if (bar == std::string::npos) break;
    start = bar + 2;
  }
  return Value::Bool(result);
}

}  // namespace

void AddSemverFunctions(EvalContext& ctx) {
  ctx.SetFunction("semvercmp", Function{2, 2, SemverCmp});
}

}  // namespace manifold::hcl::internal
