// Regular expression functions: regex, regexall, regex_replace (cty's stdlib), on std::regex
// with RE2 syntax translated where the two differ (see functions.hpp for what is not).
// GCC 12 reports a false maybe-uninitialized inside libstdc++'s regex compiler
// (std::function in _State) when it is instantiated at -O1 and above.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>

#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

// std::regex's matcher recurses per input character for some patterns, so long subjects
// could overflow the stack; bake's strings (tags, versions, paths) are far shorter.
constexpr size_t kMaxSubject = 8192;
constexpr size_t kMaxPattern = 1024;

struct Compiled {
  std::regex re;
  std::vector<std::string> names;  // per capture group, "" when unnamed
};

util::Result<Compiled> Compile(const std::string& pattern) {
  auto invalid = [&](std::string_view why) {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid regular expression pattern: {}", why);
  };
  if (pattern.size() > kMaxPattern) return invalid("longer than 1024 bytes");
  auto flags = std::regex::ECMAScript;
  bool dotall = false;
  size_t p = 0;
  // RE2's leading flag group (?flags).
  if (pattern.starts_with("(?")) {
    size_t close = pattern.find(')');
    std::string_view f = close == std::string::npos ? "" : std::string_view(pattern).substr(2, close - 2);
    if (!f.empty() && f.find_first_not_of("is") == std::string_view::npos) {
      if (f.find('i') != std::string_view::npos) flags |= std::regex::icase;
      dotall = f.find('s') != std::string_view::npos;
      p = close + 1;
    }
  }
  Compiled c;
  std::string out;
  bool in_class = false;
  for (; p < pattern.size(); ++p) {
    char ch = pattern[p];
    if (ch == '\\') {
      if (p + 1 >= pattern.size()) return invalid("trailing backslash at end of expression");
      char e = pattern[p + 1];
      if (e == 'A' && !in_class) out += '^';
      else if (e == 'z' && !in_class) out += '$';
      else if (e == 'p' || e == 'P' || e == 'Q' || e == 'E' || e == 'C' || e == 'z' || e == 'A') {
        return invalid(fmt::format("\\{} is not supported here", e));
      } else {
        out += ch;
        out += e;
      }
      ++p;
      continue;
    }
    if (in_class) {
      if (ch == ']') in_class = false;
      if (ch == '[' && p + 1 < pattern.size() && pattern[p + 1] == ':') {
        size_t end = pattern.find(":]", p + 2);
        if (end != std::string::npos) {
          out.append(pattern, p, end + 2 - p);
          p = end + 1;
          continue;
        }
      }
      out += ch;
      continue;
    }
    if (ch == '[') {
      in_class = true;
      out += ch;
      if (p + 1 < pattern.size() && pattern[p + 1] == '^') out += pattern[++p];
      if (p + 1 < pattern.size() && pattern[p + 1] == ']') {
        out += "\\]";  // a leading ']' is a literal in RE2
        ++p;
      }
      continue;
    }
    if (ch == '.' && dotall) {
      out += "[\\s\\S]";
      continue;
    }
    if (ch == '(') {
      if (pattern.compare(p, 4, "(?P<") == 0 || (pattern.compare(p, 3, "(?<") == 0 &&
                                                   pattern.compare(p, 4, "(?<=") != 0 &&
                                                   pattern.compare(p, 4, "(?<!") != 0)) {
        size_t start = pattern.find('<', p) + 1;
        size_t end = pattern.find('>', start);
        if (end == std::string::npos || end == start) return invalid("invalid named capture");
        c.names.push_back(pattern.substr(start, end - start));
        out += '(';
        p = end;
        continue;
      }
      if (pattern.compare(p, 2, "(?") == 0) {
        if (pattern.compare(p, 3, "(?:") != 0 && pattern.compare(p, 3, "(?=") != 0 &&
            pattern.compare(p, 3, "(?!") != 0) {
          return invalid("flag groups other than a leading (?i) or (?s) are not supported");
        }
      } else {
        c.names.emplace_back();
      }
    }
    out += ch;
  }
  try {
    c.re = std::regex(out, flags);
  } catch (const std::regex_error& e) {
    return invalid(e.what());
  }
  if (c.re.mark_count() != c.names.size()) return invalid("unbalanced parentheses");
  return c;
}

util::Status CheckSubject(const std::string& s) {
  if (s.size() > kMaxSubject) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "the string to match is longer than {} bytes, which this implementation "
                      "does not match regular expressions on", kMaxSubject);
  }
  return {};
}

// One match in cty's shape: the whole match without groups, a list of the groups, or an
// object of the named groups (an unmatched group is "").
util::Result<Value> MatchValue(const Compiled& c, const std::smatch& m) {
  size_t named = 0;
  for (const auto& n : c.names) named += !n.empty();
  if (c.names.empty()) return Value::String(m.str(0));
  if (named == 0) {
    Tuple t;
    for (size_t i = 1; i < m.size(); ++i) t.push_back(Value::String(m.str(i)));
    return Value::MakeTuple(std::move(t));
  }
  if (named != c.names.size()) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "invalid regular expression: cannot use both named and unnamed capture "
                      "groups");
  }
  Object o;
  for (size_t i = 0; i < c.names.size(); ++i) o[c.names[i]] = Value::String(m.str(i + 1));
  return Value::MakeObject(std::move(o));
}

util::Result<Value> Regex(Args args) {
  std::string pattern = MANIFOLD_TRY(StringArg(args, 0, "pattern"));
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "string"));
  Compiled c = MANIFOLD_TRY(Compile(pattern));
  MANIFOLD_CHECK(CheckSubject(s));
  try {
    std::smatch m;
    if (!std::regex_search(s, m, c.re)) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "pattern did not match any part of the given string");
    }
    return MatchValue(c, m);
  } catch (const std::regex_error& e) {
    return util::Fail(ErrorKind::kInvalidArgument, "regular expression failed: {}", e.what());
  }
}

util::Result<Value> RegexAll(Args args) {
  std::string pattern = MANIFOLD_TRY(StringArg(args, 0, "pattern"));
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "string"));
  Compiled c = MANIFOLD_TRY(Compile(pattern));
  MANIFOLD_CHECK(CheckSubject(s));
  Tuple out;
  try {
    for (auto it = std::sregex_iterator(s.begin(), s.end(), c.re); it != std::sregex_iterator(); ++it) {
      out.push_back(MANIFOLD_TRY(MatchValue(c, *it)));
    }
  } catch (const std::regex_error& e) {
    return util::Fail(ErrorKind::kInvalidArgument, "regular expression failed: {}", e.what());
  }
  return Value::MakeTuple(std::move(out));
}

// Go's Regexp.Expand: $name or ${name} is the group with that number or name (the longest
// run of letters, digits and '_'), "" when there is none; $$ is a dollar.
void Expand(const Compiled& c, const std::smatch& m, std::string_view tmpl, std::string& out) {
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
      size_t n = name.size() > 6 ? m.size() : std::stoul(std::string(name));
      if (n < m.size()) out += m.str(n);
      continue;
    }
    for (size_t i = 0; i < c.names.size(); ++i) {
      if (c.names[i] == name) {
        out += m.str(i + 1);
        break;
      }
    }
  }
}

util::Result<Value> RegexReplace(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string pattern = MANIFOLD_TRY(StringArg(args, 1, "substr"));
  std::string replacement = MANIFOLD_TRY(StringArg(args, 2, "replace"));
  Compiled c = MANIFOLD_TRY(Compile(pattern));
  MANIFOLD_CHECK(CheckSubject(s));
  std::string out;
  try {
    auto last = s.cbegin();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), c.re); it != std::sregex_iterator(); ++it) {
      out.append(last, (*it)[0].first);
      Expand(c, *it, replacement, out);
      last = (*it)[0].second;
      MANIFOLD_CHECK(CheckBytes(out.size()));
    }
    out.append(last, s.cend());
  } catch (const std::regex_error& e) {
    return util::Fail(ErrorKind::kInvalidArgument, "regular expression failed: {}", e.what());
  }
  return StringResult(std::move(out));
}

}  // namespace

void AddRegexFunctions(EvalContext& ctx) {
  ctx.SetFunction("regex", Function{2, 2, Regex});
  ctx.SetFunction("regex_replace", Function{3, 3, RegexReplace});
  ctx.SetFunction("regexall", Function{2, 2, RegexAll});
}

}  // namespace manifold::hcl::internal
