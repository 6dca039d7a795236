// format and formatlist: printf-style formatting with cty's verbs (%v %#v %t %b %d %o %x %X
// %e %E %f %g %G %s %q %%), flags, width, precision and explicit argument indexes [n].
#include <cmath>
#include <cstdio>

#include "hcl/internal/functions.hpp"
#include "hcl/convert.hpp"
#include "hcl/internal/text.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

struct Verb {
  std::string_view raw;
  size_t offset = 0;
  size_t arg = 0;  // 1-based
  char mode = 0;
  bool zero = false, sharp = false, plus = false, minus = false, space = false;
  long width = -1;
  long prec = -1;
};

// Pads to the width in characters (cty counts grapheme clusters).
std::string Pad(const Verb& v, std::string s) {
  if (v.width < 0) return s;
  auto have = static_cast<long>(Characters(s).size());
  if (have >= v.width) return s;
  std::string pads(static_cast<size_t>(v.width - have), v.zero ? '0' : ' ');
  return v.minus ? s + pads : pads + s;
}

// Go's shortest %g (big.Float.Text('g', -1)): exponent form when the decimal exponent is
// below -4 or at least 6 (Go's eprec for shortest output).
std::string ShortestG(double d) {
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  if (d == 0) return std::signbit(d) ? "-0" : "0";
  std::string e = fmt::format("{:e}", d);  // shortest round-trip digits: -d.ddde±xx
  size_t epos = e.find('e');
  int exp = std::stoi(e.substr(epos + 1));
  std::string sign = e[0] == '-' ? "-" : "";
  std::string digits;
  for (char c : e.substr(sign.size(), epos - sign.size())) {
    if (c != '.') digits += c;
  }
  if (exp < -4 || exp >= 6) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    return out + fmt::format("e{}{:02d}", exp < 0 ? '-' : '+', std::abs(exp));
  }
  return FormatNumber(d);
}

util::Result<std::string> FormatInteger(const Verb& v, double n) {
  if (n != std::trunc(n) || std::isinf(n)) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "unsupported value for \"{}\" at {}: an integer is required", v.raw,
                      v.offset);
  }
  double a = std::fabs(n);
  std::string digits;
  if (v.mode == 'd') {
    digits = FormatNumber(a);
  } else {
    // Division by 2, 8 or 16 is exact on doubles, so this is exact for any whole number.
    int base = v.mode == 'b' ? 2 : v.mode == 'o' ? 8 : 16;
    const char* set = v.mode == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
      digits.insert(digits.begin(), set[static_cast<int>(std::fmod(a, base))]);
      a = std::floor(a / base);
    } while (a > 0);
  }
  if (v.prec >= 0 && static_cast<long>(digits.size()) < v.prec) {
    digits.insert(0, static_cast<size_t>(v.prec - static_cast<long>(digits.size())), '0');
  }
  std::string prefix;
  if (v.sharp) {
    prefix = v.mode == 'x' ? "0x" : v.mode == 'X' ? "0X" : v.mode == 'o' ? "0" : v.mode == 'b' ? "0b" : "";
  }
  std::string sign = std::signbit(n) && n != 0 ? "-" : v.plus ? "+" : v.space ? " " : "";
  std::string body = sign + prefix + digits;
  if (v.width > static_cast<long>(body.size())) {
    size_t fill = static_cast<size_t>(v.width) - body.size();
    if (v.minus) return body + std::string(fill, ' ');
    if (v.zero && v.prec < 0) return sign + prefix + std::string(fill, '0') + digits;
    return std::string(fill, ' ') + body;
  }
  return body;
}

util::Result<std::string> FormatFloat(const Verb& v, double n) {
  if (std::isinf(n)) return Pad(v, n > 0 ? "+Inf" : "-Inf");  // Go's big.Float text
  if ((v.mode == 'g' || v.mode == 'G') && v.prec < 0) {
    std::string s = ShortestG(n);
    if (v.mode == 'G') {
      for (char& c : s) c = c == 'e' ? 'E' : c;
    }
    if (v.plus && !std::signbit(n)) s = "+" + s;
    else if (v.space && !std::signbit(n)) s = " " + s;
    Verb padded = v;
    if (v.zero && !v.minus && v.width > static_cast<long>(s.size())) {
      bool signed_ = s[0] == '-' || s[0] == '+' || s[0] == ' ';
      size_t fill = static_cast<size_t>(v.width) - s.size();
      return signed_ ? s.substr(0, 1) + std::string(fill, '0') + s.substr(1)
                     : std::string(fill, '0') + s;
    }
    return Pad(padded, s);
  }
  std::string spec = "%";
  if (v.minus) spec += '-';
  if (v.plus) spec += '+';
  if (v.space) spec += ' ';
  if (v.zero) spec += '0';
  if (v.sharp) spec += '#';
  if (v.width >= 0) spec += std::to_string(v.width);
  spec += "." + std::to_string(v.prec >= 0 ? v.prec : 6);
  spec += v.mode;
  int size = std::snprintf(nullptr, 0, spec.c_str(), n);
  std::string out(static_cast<size_t>(std::max(size, 0)), '\0');
  std::snprintf(out.data(), out.size() + 1, spec.c_str(), n);
  return out;
}

util::Result<std::string> Quote(const std::string& s) { return JsonEncode(Value::String(s)); }

util::Result<std::string> FormatOne(const Verb& v, const Args& args) {
  if (v.arg > args.size()) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "not enough arguments for \"{}\" at {}: need index {} but have {} total",
                      v.raw, v.offset, v.arg, args.size());
  }
  const Value& arg = args[v.arg - 1];
  if (v.mode != 'v' && arg.IsNull()) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "unsupported value for \"{}\" at {}: null value cannot be formatted", v.raw,
                      v.offset);
  }
  auto unsupported = [&](const util::Error& e) {
    return util::Fail(ErrorKind::kInvalidArgument, "unsupported value for \"{}\" at {}: {}",
                      v.raw, v.offset, e.message());
  };
  switch (v.mode) {
    case 'v': {
      if (!v.sharp && arg.kind() == Kind::kString) return Pad(v, arg.AsString());
      if (!v.sharp && arg.kind() == Kind::kNumber) return Pad(v, ShortestG(arg.AsNumber()));
      auto json = JsonEncode(arg);
      if (!json) return unsupported(json.error());
      return Pad(v, *json);
    }
    case 't': {
      auto b = ToBoolValue(arg);
      if (!b) return unsupported(b.error());
      return Pad(v, b->AsBool() ? "true" : "false");
    }
    case 'b': case 'd': case 'o': case 'x': case 'X':
    case 'e': case 'E': case 'f': case 'g': case 'G': {
      auto n = ToNumberValue(arg);
      if (!n) return unsupported(n.error());
      if (v.mode == 'e' || v.mode == 'E' || v.mode == 'f' || v.mode == 'g' || v.mode == 'G') {
        return FormatFloat(v, n->AsNumber());
      }
      return FormatInteger(v, n->AsNumber());
    }
    case 's': case 'q': {
      auto s = ToStringValue(arg);
      if (!s) return unsupported(s.error());
      std::string str = s->AsString();
      if (v.prec > 0) {
        auto chars = Characters(str);
        if (static_cast<long>(chars.size()) > v.prec) {
          str.resize(static_cast<size_t>(chars[static_cast<size_t>(v.prec)].data() - str.data()));
        }
      }
      if (v.mode == 's') return Pad(v, str);
      return Pad(v, MANIFOLD_TRY(Quote(str)));
    }
    default: break;
  }
  return util::Fail(ErrorKind::kInvalidArgument,
                    "unsupported format verb \"{}\" in \"{}\" at offset {}", v.mode, v.raw,
                    v.offset);
}

constexpr long kMaxWidth = 1'000'000;

// cty's format state machine: '%' flags width precision [argidx] letter.
util::Result<std::string> FormatString(std::string_view f, const Args& args) {
  std::string out;
  size_t next_arg = 1;
  size_t highest = 0;
  size_t p = 0;
  auto digit = [&](size_t i) { return i < f.size() && f[i] >= '0' && f[i] <= '9'; };
  auto number = [&](long& into) -> util::Status {
    into = 0;
    while (digit(p)) {
      into = into * 10 + (f[p++] - '0');
      if (into > kMaxWidth) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "a width, precision or index in the format string is larger than {}",
                          kMaxWidth);
      }
    }
    return {};
  };
  while (p < f.size()) {
    if (f[p] != '%') {
      out += f[p++];
      continue;
    }
    if (p + 1 < f.size() && f[p + 1] == '%') {
      out += '%';
      p += 2;
      continue;
    }
    Verb v;
    v.offset = p;
    v.arg = next_arg;
    ++p;
    for (; p < f.size(); ++p) {
      char c = f[p];
      if (c == '0') v.zero = true;
      else if (c == '#') v.sharp = true;
      else if (c == '-') v.minus = true;
      else if (c == '+') v.plus = true;
      else if (c == ' ') v.space = true;
      else break;
    }
    if (digit(p)) MANIFOLD_CHECK(number(v.width));
    if (p < f.size() && f[p] == '.') {
      ++p;
      MANIFOLD_CHECK(number(v.prec));
    }
    if (p < f.size() && f[p] == '[') {
      ++p;
      long idx = 0;
      if (!digit(p) || f[p] == '0') {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "invalid format string starting at offset {}", p);
      }
      MANIFOLD_CHECK(number(idx));
      if (p >= f.size() || f[p] != ']') {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "invalid format string starting at offset {}", p);
      }
      ++p;
      v.arg = static_cast<size_t>(idx);
    }
    if (p >= f.size()) {
      return util::Fail(ErrorKind::kInvalidArgument, "invalid format string starting at offset {}",
                        p);
    }
    char m = f[p];
    if (!((m >= 'a' && m <= 'z') || (m >= 'A' && m <= 'Z'))) {
      size_t n = std::max<size_t>(1, Utf8Length(f, p));
      return util::Fail(ErrorKind::kInvalidArgument,
                        "unrecognized format character '{}' at offset {}", f.substr(p, n), p);
    }
    v.mode = m;
    ++p;
    v.raw = f.substr(v.offset, p - v.offset);
    highest = std::max(highest, v.arg);
    out += MANIFOLD_TRY(FormatOne(v, args));
    MANIFOLD_CHECK(CheckBytes(out.size()));
    next_arg = v.arg + 1;
  }
  if (highest < args.size()) {
    if (highest == 0) {
      return ArgError(highest + 1, "args", "too many arguments; no verbs in format string");
    }
    return ArgError(highest + 1, "args",
                    fmt::format("too many arguments; only {} used by format string", highest));
  }
  return out;
}

util::Result<Value> Format(Args args) {
  std::string f = MANIFOLD_TRY(StringArg(args, 0, "format"));
  Args rest(args.begin() + 1, args.end());
  return Value::String(MANIFOLD_TRY(FormatString(f, rest)));
}

util::Result<Value> FormatList(Args args) {
  std::string f = MANIFOLD_TRY(StringArg(args, 0, "format"));
  Args rest(args.begin() + 1, args.end());
  // Lists are iterated in step; every other argument repeats. No list: one result.
  long len = -1;
  size_t chooser = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i].kind() != Kind::kTuple) continue;
    auto n = static_cast<long>(rest[i].Items().size());
    if (len == -1) {
      len = n;
      chooser = i;
    } else if (n != len) {
      return ArgError(i + 1, "args",
                      fmt::format("argument {} has length {}, which is inconsistent with "
                                  "argument {} of length {}",
                                  i + 1, n, chooser + 1, len));
    }
  }
  if (len == -1) len = 1;
  Tuple out;
  size_t total = 0;
  for (long k = 0; k < len; ++k) {
    Args row;
    for (const Value& a : rest) {
      row.push_back(a.kind() == Kind::kTuple ? a.Items()[static_cast<size_t>(k)] : a);
    }
    auto s = FormatString(f, row);
    if (!s) {
      return util::Fail(ErrorKind::kInvalidArgument, "error on format iteration {}: {}", k,
                        s.error().message());
    }
    total += s->size();
    MANIFOLD_CHECK(CheckBytes(total));
    out.push_back(Value::String(std::move(*s)));
  }
  return Value::MakeTuple(std::move(out));
}

}  // namespace

void AddFormatFunctions(EvalContext& ctx) {
  ctx.SetFunction("format", Function{1, std::nullopt, Format});
  ctx.SetFunction("formatlist", Function{1, std::nullopt, FormatList});
}

}  // namespace manifold::hcl::internal
