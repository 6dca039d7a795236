// Primitive conversions, with cty's error wording ("a number is required").
#include "hcl/convert.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace manifold::hcl {

using util::ErrorKind;

util::Result<Value> ToStringValue(const Value& value) {
  switch (value.kind()) {
    case Kind::kNull:
    case Kind::kString: return value;
    case Kind::kNumber: return Value::String(FormatNumber(value.AsNumber()));
    case Kind::kBool: return Value::String(value.AsBool() ? "true" : "false");
    case Kind::kTuple:
    case Kind::kObject: break;
  }
  return util::Fail(ErrorKind::kInvalidArgument, "string required, but have {}", value.TypeName());
}

util::Result<double> ParseNumber(std::string_view text) {
  // The grammar of cty.ParseNumberVal for the inputs HCL users write:
  // [+-]digits[.digits][e[+-]digits].
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i > start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  bool whole = digits();
  bool fraction = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction = digits();
  }
  bool ok = whole || fraction;
  if (ok && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    ok = digits();
  }
  if (!ok || i != text.size()) {
    return util::Fail(ErrorKind::kInvalidArgument, "a number is required");
  }
  // from_chars takes no leading '+'.
  std::string_view body = text[0] == '+' ? text.substr(1) : text;
  double n = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves `n` alone then; strtod tells overflow (±HUGE_VAL), which a double
    // cannot hold, from underflow, which reads as zero.
    if (std::fabs(std::strtod(std::string(body).c_str(), nullptr)) > 1) {
      return util::Fail(ErrorKind::kInvalidArgument, "number {} is too large", text);
    }
    return 0.0;
  }
  if (ec != std::errc() || end != body.data() + body.size()) {
    return util::Fail(ErrorKind::kInvalidArgument, "a number is required");
  }
  return n;
}

util::Result<Value> ToNumberValue(const Value& value) {
  switch (value.kind()) {
    case Kind::kNull:
    case Kind::kNumber: return value;
    case Kind::kString: {
      auto n = ParseNumber(value.AsString());
      if (!n) return util::Fail(ErrorKind::kInvalidArgument, "a number is required");
      return Value::Number(*n);
    }
    default: break;
  }
  return util::Fail(ErrorKind::kInvalidArgument, "a number is required");
}

util::Result<Value> ToBoolValue(const Value& value) {
  switch (value.kind()) {
    case Kind::kNull:
    case Kind::kBool: return value;
    case Kind::kString: {
      const std::string& s = value.AsString();
      if (s == "true" || s == "1") return Value::Bool(true);
      if (s == "false" || s == "0") return Value::Bool(false);
      std::string lower;
      for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "true" || lower == "false") {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "a bool is required; to convert from string, use lowercase \"{}\"",
                          lower);
      }
      break;
    }
    default: break;
  }
  return util::Fail(ErrorKind::kInvalidArgument, "a bool is required");
}

}  // namespace manifold::hcl
