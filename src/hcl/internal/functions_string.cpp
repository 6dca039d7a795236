// String functions: case, trimming, splitting and joining, substrings, paths (cty's stdlib
// string functions and buildx's sanitize, basename, dirname, homedir).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cwctype>
#include <locale.h>

#include "hcl/convert.hpp"
#include "hcl/internal/functions.hpp"
#include "hcl/internal/text.hpp"
#include "util/utf8.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

util::Result<Value> Chomp(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  // cty removes one trailing newline sequence (\r\n, \n or \r) at a time, all of them.
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return Value::String(std::move(s));
}

util::Result<Value> Indent(Args args) {
  int64_t spaces = MANIFOLD_TRY(IntArg(args, 0, "spaces"));
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "str"));
  if (spaces < 0) return ArgError(0, "spaces", "must not be negative");
  size_t lines = 1;
  for (char c : s) lines += c == '\n';
  // In doubles: spaces * lines may not fit a size_t.
  double total = static_cast<double>(s.size()) + static_cast<double>(spaces) * static_cast<double>(lines);
  if (total > static_cast<double>(kMaxBytes)) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "the result would be {} bytes long, more than the limit of 16 MiB",
                      FormatNumber(total));
  }
  std::string pad(static_cast<size_t>(spaces), ' ');
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += pad;
  }
  return StringResult(std::move(out));
}

util::Result<Value> Join(Args args) {
  std::string sep = MANIFOLD_TRY(StringArg(args, 0, "separator"));
  std::string out;
  bool first = true;
  for (size_t i = 1; i < args.size(); ++i) {
    Tuple list = MANIFOLD_TRY(ListArg(args, i, "lists"));
    for (size_t k = 0; k < list.size(); ++k) {
      if (list[k].IsNull()) {
        return ArgError(i, "lists", fmt::format("element {} is null", k));
      }
      auto s = ToStringValue(list[k]);
      if (!s) return ArgError(i, "lists", fmt::format("element {}: {}", k, s.error().message()));
      if (!first) out += sep;
      first = false;
      out += s->AsString();
      MANIFOLD_CHECK(CheckBytes(out.size()));
    }
  }
  return Value::String(std::move(out));
}

// Case mapping per code point, as Go's unicode.ToUpper/ToLower (no special casing), through
// glibc's C.UTF-8 tables.
locale_t Utf8Locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

std::string MapCase(std::string_view s, bool upper, bool title_words) {
  std::string out;
  bool word_start = true;
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8Length(s, i);
    if (n == 0) {
      out += s[i++];
      word_start = true;
      continue;
    }
    std::string_view ch = s.substr(i, n);
    char32_t cp = n == 1 ? static_cast<unsigned char>(ch[0])
                : static_cast<char32_t>(static_cast<unsigned char>(ch[0]) & (0x7F >> n));
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
    bool letter_or_digit;
    locale_t loc = Utf8Locale();
    if (loc != nullptr) {
      letter_or_digit = iswalnum_l(static_cast<wint_t>(cp), loc) || cp == '_';
    } else {
      letter_or_digit = cp < 0x80 ? (std::isalnum(static_cast<int>(cp)) || cp == '_') : true;
    }
    bool apply = title_words ? word_start : true;
    char32_t mapped = cp;
    if (apply) {
      if (loc != nullptr) {
        mapped = static_cast<char32_t>(upper ? towupper_l(static_cast<wint_t>(cp), loc)
                                             : towlower_l(static_cast<wint_t>(cp), loc));
      } else if (cp < 0x80) {
        mapped = static_cast<char32_t>(upper ? std::toupper(static_cast<int>(cp))
                                             : std::tolower(static_cast<int>(cp)));
      }
    }
    if (mapped == cp) {
      out += ch;
    } else {
      util::AppendUtf8(out, mapped);
    }
    if (title_words) {
      // Go's strings.Title: a letter, digit or '_' continues a word; ASCII others and space
      // separate; other non-ASCII runes (symbols) continue it.
      bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85 ||
                   cp == 0xA0 || (loc != nullptr && iswspace_l(static_cast<wint_t>(cp), loc));
      word_start = letter_or_digit ? false : (cp < 0x80 || space);
    }
    i += n;
  }
  return out;
}

util::Result<Value> Upper(Args args) {
  return Value::String(MapCase(MANIFOLD_TRY(StringArg(args, 0, "str")), true, false));
}
util::Result<Value> Lower(Args args) {
  return Value::String(MapCase(MANIFOLD_TRY(StringArg(args, 0, "str")), false, false));
}
util::Result<Value> Title(Args args) {
  return Value::String(MapCase(MANIFOLD_TRY(StringArg(args, 0, "str")), true, true));
}

util::Result<Value> Trim(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string cutset = MANIFOLD_TRY(StringArg(args, 1, "cutset"));
  // Go's strings.Trim: the cutset is a set of characters (code points), not a prefix.
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < cutset.size();) {
    size_t n = std::max<size_t>(1, Utf8Length(cutset, i));
    chars.push_back(std::string_view(cutset).substr(i, n));
    i += n;
  }
  auto in_set = [&](std::string_view c) {
    return std::find(chars.begin(), chars.end(), c) != chars.end();
  };
  std::vector<std::string_view> cs;
  for (size_t i = 0; i < s.size();) {
    size_t n = std::max<size_t>(1, Utf8Length(s, i));
    cs.push_back(std::string_view(s).substr(i, n));
    i += n;
  }
  size_t b = 0, e = cs.size();
  while (b < e && in_set(cs[b])) ++b;
  while (e > b && in_set(cs[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += cs[i];
  return Value::String(std::move(out));
}

util::Result<Value> TrimPrefix(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string prefix = MANIFOLD_TRY(StringArg(args, 1, "prefix"));
  if (s.starts_with(prefix)) s.erase(0, prefix.size());
  return Value::String(std::move(s));
}

util::Result<Value> TrimSuffix(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string suffix = MANIFOLD_TRY(StringArg(args, 1, "suffix"));
  if (s.ends_with(suffix)) s.erase(s.size() - suffix.size());
  return Value::String(std::move(s));
}

util::Result<Value> TrimSpace(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string_view v = TrimTrailingSpace(s);
  while (!v.empty()) {
    size_t n = LeadingSpace(v).first;
    if (n == 0) break;
    v.remove_prefix(n);
  }
  return Value::String(std::string(v));
}

util::Result<Value> Split(Args args) {
  std::string sep = MANIFOLD_TRY(StringArg(args, 0, "separator"));
  std::string s = MANIFOLD_TRY(StringArg(args, 1, "str"));
  Tuple out;
  if (sep.empty()) {
    // Go's strings.Split with an empty separator splits after each UTF-8 sequence.
    for (size_t i = 0; i < s.size();) {
      size_t n = std::max<size_t>(1, Utf8Length(s, i));
      out.push_back(Value::String(s.substr(i, n)));
      MANIFOLD_CHECK(CheckElements(out.size()));
      i += n;
    }
    return Value::MakeTuple(std::move(out));
  }
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string::npos) break;
    out.push_back(Value::String(s.substr(start, at - start)));
    MANIFOLD_CHECK(CheckElements(out.size()));
    start = at + sep.size();
  }
  out.push_back(Value::String(s.substr(start)));
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Replace(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  std::string substr = MANIFOLD_TRY(StringArg(args, 1, "substr"));
  std::string replacement = MANIFOLD_TRY(StringArg(args, 2, "replace"));
  std::string out;
  if (substr.empty()) {
    // Go's strings.Replace with an empty old string inserts before each character and at
    // the end.
    for (size_t i = 0; i < s.size();) {
      size_t n = std::max<size_t>(1, Utf8Length(s, i));
      out += replacement;
      out.append(s, i, n);
      i += n;
      MANIFOLD_CHECK(CheckBytes(out.size()));
    }
    out += replacement;
    return StringResult(std::move(out));
  }
  size_t start = 0;
  for (;;) {
    size_t at = s.find(substr, start);
    if (at == std::string::npos) break;
    out.append(s, start, at - start);
    out += replacement;
    MANIFOLD_CHECK(CheckBytes(out.size()));
    start = at + substr.size();
  }
  out.append(s, start);
  return StringResult(std::move(out));
}

util::Result<Value> Substr(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  int64_t offset = MANIFOLD_TRY(IntArg(args, 1, "offset"));
  int64_t length = MANIFOLD_TRY(IntArg(args, 2, "length"));
  auto chars = Characters(s);
  auto total = static_cast<int64_t>(chars.size());
  // cty: a negative offset counts from the end; length -1 means "to the end"; ranges past
  // either end are clipped.
  if (offset < 0) offset = std::max<int64_t>(0, total + offset);
  if (offset > total) return Value::String("");
  int64_t end = length < 0 ? total : std::min(total, offset + length);
  std::string out;
  for (int64_t i = offset; i < end; ++i) out += chars[static_cast<size_t>(i)];
  return Value::String(std::move(out));
}

util::Result<Value> Strlen(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  return Value::Number(static_cast<double>(Characters(s).size()));
}

util::Result<Value> Reverse(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  auto chars = Characters(s);
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return Value::String(std::move(out));
}

util::Result<Value> Sanitize(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "name"));
  // buildx keeps [a-zA-Z0-9_-] and writes '_' for every other rune (not byte).
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-';
    out += keep ? c : '_';
    i += std::max<size_t>(1, Utf8Length(s, i));
  }
  return Value::String(std::move(out));
}

// Go's path.Clean: lexical processing of '.', '..' and repeated slashes.
std::string CleanPath(std::string_view p) {
  if (p.empty()) return ".";
  bool rooted = p[0] == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view part = p.substr(i, j - i);
    if (part.empty() || part == ".") {
    } else if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
    } else {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

util::Result<Value> Basename(Args args) {
  std::string p = MANIFOLD_TRY(StringArg(args, 0, "path"));
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.empty()) return Value::String(".");
  if (p == "/") return Value::String("/");
  size_t slash = p.rfind('/');
  return Value::String(slash == std::string::npos ? p : p.substr(slash + 1));
}

util::Result<Value> Dirname(Args args) {
  std::string p = MANIFOLD_TRY(StringArg(args, 0, "path"));
  size_t slash = p.rfind('/');
  return Value::String(CleanPath(slash == std::string::npos ? "" : p.substr(0, slash + 1)));
}

util::Result<Value> Homedir(Args) {
  // Go's os.UserHomeDir reads $HOME; buildx falls back to the user database.
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return Value::String(home);
  return util::Fail(ErrorKind::kInvalidArgument, "$HOME is not defined");
}

}  // namespace

void AddStringFunctions(EvalContext& ctx) {
  ctx.SetFunction("basename", Function{1, 1, Basename});
  ctx.SetFunction("chomp", Function{1, 1, Chomp});
  ctx.SetFunction("dirname", Function{1, 1, Dirname});
  ctx.SetFunction("homedir", Function{0, 0, Homedir});
  ctx.SetFunction("indent", Function{2, 2, Indent});
  ctx.SetFunction("join", Function{1, std::nullopt, Join});
  ctx.SetFunction("lower", Function{1, 1, Lower});
  ctx.SetFunction("replace", Function{3, 3, Replace});
  ctx.SetFunction("reverse", Function{1, 1, Reverse});
  ctx.SetFunction("sanitize", Function{1, 1, Sanitize});
  ctx.SetFunction("split", Function{2, 2, Split});
  ctx.SetFunction("strlen", Function{1, 1, Strlen});
  ctx.SetFunction("substr", Function{3, 3, Substr});
  ctx.SetFunction("title", Function{1, 1, Title});
  ctx.SetFunction("trim", Function{2, 2, Trim});
  ctx.SetFunction("trimprefix", Function{2, 2, TrimPrefix});
  ctx.SetFunction("trimspace", Function{1, 1, TrimSpace});
  ctx.SetFunction("trimsuffix", Function{2, 2, TrimSuffix});
  ctx.SetFunction("upper", Function{1, 1, Upper});
}

}  // namespace manifold::hcl::internal
