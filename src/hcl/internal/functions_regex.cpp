// Regular expression functions: regex, regexall, regex_replace (cty's stdlib), on Regexp,
// this layer's RE2-syntax engine, with Go's rules for empty matches and $ expansion.
#include <algorithm>

#include "hcl/internal/functions.hpp"
#include "hcl/internal/regexp.hpp"
#include "hcl/internal/text.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

// Matching costs O(subject x program); bound the product so that one call stays well under a
// second.
constexpr double kMaxWork = 5e7;

util::Result<Regexp> Compile(const Args& args, size_t index, const std::string& subject) {
  std::string pattern = MANIFOLD_TRY(StringArg(args, index, index == 0 ? "pattern" : "substr"));
  auto re = Regexp::Compile(pattern);
  if (!re) return std::unexpected(re.error());
  if (static_cast<double>(subject.size() + 1) * static_cast<double>(re->ProgramSize()) > kMaxWork) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "matching this pattern against a string of {} bytes would take too long",
                      subject.size());
  }
  return std::move(*re);
}

std::string Group(const std::string& s, const std::vector<long>& caps, size_t g) {
  if (caps[2 * g] < 0 || caps[2 * g + 1] < 0) return "";
  return s.substr(static_cast<size_t>(caps[2 * g]),
                  static_cast<size_t>(caps[2 * g + 1] - caps[2 * g]));
}

// One match in cty's shape: the whole match without groups, a list of the groups, or an
// object of the named groups (an unmatched group is "").
util::Result<Value> MatchValue(const Regexp& re, const std::string& s, const std::vector<long>& caps) {
  const auto& names = re.Names();
  size_t named = 0;
  for (const auto& n : names) named += !n.empty();
  if (names.empty()) return Value::String(Group(s, caps, 0));
  if (named == 0) {
    Tuple t;
    for (size_t i = 1; i <= names.size(); ++i) t.push_back(Value::String(Group(s, caps, i)));
    return Value::MakeTuple(std::move(t));
  }
  if (named != names.size()) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "invalid regular expression: cannot use both named and unnamed capture "
                      "groups");
  }
  Object o;
  for (size_t i = 0; i < names.size(); ++i) o[names[i]] = Value::String(Group(s, caps, i + 1));
  return Value::MakeObject(std::move(o));
}

// The width of the character at s[pos] (1 past the end), as Go advances past an empty match.
size_t Width(const std::string& s, size_t pos) {
  if (pos >= s.size()) return 1;
  size_t n = Utf8Length(s, pos);
  return n == 0 ? 1 : n;
}

util::Result<Value> Regex(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "string"));
  Regexp re = MANIFOLD_TRY(Compile(args, 0, s));
  std::vector<long> caps;
  if (!re.Search(s, 0, caps)) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "pattern did not match any part of the given string");
  }
  return MatchValue(re, s, caps);
}

util::Result<Value> RegexAll(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "string"));
  Regexp re = MANIFOLD_TRY(Compile(args, 0, s));
  Tuple out;
  MANIFOLD_CHECK(re.ForEachMatch(s, [&](const std::vector<long>& caps) -> util::Status {
    out.push_back(MANIFOLD_TRY(MatchValue(re, s, caps)));
    return CheckElements(out.size());
  }));
  return Value::MakeTuple(std::move(out));
}

 // Go's Regexp.Expand: $name or ${name} is the group with that number or name (the longest
// run of letters, digits and '_'), "" when there is none; $$ is a dollar.
void Expand(const Regexp& re, const std::string& s, const std::vector<long>& caps,
            std::string_view tmpl, std::string& out) {
  auto word = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  };
  for (size_t p = 0; p < tmpl.size(); ++p) {
    if (tmpl[p] != '$' || p + 1 >= tmpl.size()) {
      out += tmpl[p];
      continue;
    }
    if (tmpl[p + 1] == '$') {
      out += '$';
      ++p;
      continue;
    }
    std::string_view name;
    size_t next = p;
    if (tmpl[p + 1] == '{') {
      size_t end = tmpl.find('}', p + 2);
      if (end == std::string_view::npos) {
        out += '$';
        continue;
      }
      name = tmpl.substr(p + 2, end - p - 2);
      next = end;
    } else {
      size_t end = p + 1;
      while (end < tmpl.size() && word(tmpl[end])) ++end;
      name = tmpl.substr(p + 1, end - p - 1);
      next = end - 1;
    }
    if (name.empty() || !std::all_of(name.begin(), name.end(), word)) {
      out += '$';
      continue;
    }
    p = next;
    if (std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      size_t n = name.size() > 6 ? caps.size() : std::stoul(std::string(name));
      if (n <= re.Groups()) out += Group(s, caps, n);
      continue;
    }
    for (size_t i = 0; i < re.Names().size(); ++i) {
      if (re.Names()[i] == name) {
        out += Group(s, caps, i + 1);
        break;
      }
    }
  }
}

util::Result<Value> RegexReplace(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string replacement = MANIFOLD_TRY(StringArg(args, 2, "replace"));
  Regexp re = MANIFOLD_TRY(Compile(args, 1, s));
  // Go's ReplaceAllString: no replacement for an empty match right after a match; always
  // advance at least one character.
  std::string out;
  size_t search = 0;
  size_t last_end = 0;
  std::vector<long> caps;
  while (search <= s.size() && re.Search(s, search, caps)) {
    auto begin = static_cast<size_t>(caps[0]);
    auto end = static_cast<size_t>(caps[1]);
    out.append(s, last_end, begin - last_end);
    if (end > last_end || begin == 0) Expand(re, s, caps, replacement, out);
    MANIFOLD_CHECK(CheckBytes(out.size()));
    last_end = end;
    size_t width = Width(s, search);
    search = search + width > end ? search + width : end;
  }
  if (last_end < s.size()) out.append(s, last_end);
  return StringResult(std::move(out));
}

}  // namespace

void AddRegexFunctions(EvalContext& ctx) {
  ctx.SetFunction("regex", Function{2, 2, Regex});
  ctx.SetFunction("regex_replace", Function{3, 3, RegexReplace});
  ctx.SetFunction("regexall", Function{2, 2, RegexAll});
}

}  // namespace manifold::hcl::internal
