// Argument conversion and result bounds shared by the function families.
#include <cmath>

#include "hcl/convert.hpp"
#include "hcl/internal/functions.hpp"
#include "hcl/internal/text.hpp"

namespace manifold::hcl::internal {

using util::ErrorKind;

std::unexpected<util::Error> ArgError(size_t index, std::string_view param,
                                      std::string_view message) {
  return util::Fail(ErrorKind::kInvalidArgument,
                    "Invalid value for \"{}\" parameter (argument {}): {}", param, index + 1,
                    message);
}

namespace {

// cty refuses null for every parameter that does not declare AllowNull, which none of the
// standard functions with a typed parameter do.
util::Status NotNull(const Args& args, size_t index, std::string_view param) {
  if (args[index].IsNull()) return ArgError(index, param, "argument must not be null");
  return {};
}

}  // namespace

util::Result<std::string> StringArg(const Args& args, size_t index, std::string_view param) {
  MANIFOLD_CHECK(NotNull(args, index, param));
  auto v = ToStringValue(args[index]);
  if (!v) return ArgError(index, param, v.error().message());
  return v->AsString();
}

util::Result<double> NumberArg(const Args& args, size_t index, std::string_view param) {
  MANIFOLD_CHECK(NotNull(args, index, param));
  auto v = ToNumberValue(args[index]);
  if (!v) return ArgError(index, param, v.error().message());
  return v->AsNumber();
}

util::Result<bool> BoolArg(const Args& args, size_t index, std::string_view param) {
  MANIFOLD_CHECK(NotNull(args, index, param));
  auto v = ToBoolValue(args[index]);
  if (!v) return ArgError(index, param, v.error().message());
  return v->AsBool();
}

util::Result<int64_t> IntArg(const Args& args, size_t index, std::string_view param) {
  double n = MANIFOLD_TRY(NumberArg(args, index, param));
  if (n != std::trunc(n) || std::fabs(n) > 9007199254740992.0) {
    return ArgError(index, param, "a whole number is required");
  }
  return static_cast<int64_t>(n);
}

util::Result<Tuple> ListArg(const Args& args, size_t index, std::string_view param) {
  MANIFOLD_CHECK(NotNull(args, index, param));
  if (args[index].kind() != Kind::kTuple) {
    return ArgError(index, param,
                    fmt::format("list of any single type required, but have {}",
                                args[index].TypeName()));
  }
  return args[index].Items();
}

util::Result<Object> MapArg(const Args& args, size_t index, std::string_view param) {
  MANIFOLD_CHECK(NotNull(args, index, param));
  if (args[index].kind() != Kind::kObject) {
    return ArgError(index, param,
                    fmt::format("map of any single type required, but have {}",
                                args[index].TypeName()));
  }
  return args[index].Attributes();
}

namespace {

// Code points that extend the previous grapheme cluster (a subset of UAX #29's Extend and
// ZWJ, enough for accents, emoji modifiers and joined emoji).
bool Extends(char32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

}  // namespace

std::vector<std::string_view> Characters(std::string_view s) {
  std::vector<std::string_view> out;
  bool joined = false;  // the previous code point was a ZWJ
  for (size_t i = 0; i < s.size();) {
    size_t n = 0;
    char32_t cp = DecodeUtf8(s, i, n);
    if (!out.empty() && (Extends(cp) || joined)) {
      out.back() = std::string_view(out.back().data(), out.back().size() + n);
    } else if (!out.empty() && cp == '\n' && out.back() == "\r") {
      out.back() = s.substr(i - 1, 2);
    } else {
      out.push_back(s.substr(i, n));
    }
    joined = cp == 0x200D;
    i += n;
  }
  return out;
}

util::Status CheckElements(size_t count) {
  if (count > kMaxElements) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "the result would have {} elements, more than the limit of {}", count,
                      kMaxElements);
  }
  return {};
}

util::Status CheckBytes(size_t bytes) {
  if (bytes > kMaxBytes) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "the result would be {} bytes long, more than the limit of 16 MiB", bytes);
  }
  return {};
}

util::Result<Value> StringResult(std::string s) {
  MANIFOLD_CHECK(CheckBytes(s.size()));
  return Value::String(std::move(s));
}

}  // namespace manifold::hcl::internal
