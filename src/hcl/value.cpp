// hcl::Value construction, access, equality and rendering.
#include "hcl/value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "util/error.hpp"

namespace manifold::hcl {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "bool";
    case Kind::kNumber: return "number";
    case Kind::kString: return "string";
    case Kind::kTuple: return "tuple";
    case Kind::kObject: return "object";
  }
  return "value";
}

Value Value::Bool(bool b) {
  Value v;
  v.data_ = b;
  return v;
}

Value Value::Number(double n) {
  Value v;
  // cty has no negative zero; keeping one would print "-0" and break equality with 0.
  v.data_ = n == 0 ? 0.0 : n;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.data_ = std::make_shared<const std::string>(std::move(s));
  return v;
}

Value Value::MakeTuple(Tuple items) {
  Value v;
  v.data_ = std::make_shared<const Tuple>(std::move(items));
  return v;
}

Value Value::MakeObject(Object attributes) {
  Value v;
  v.data_ = std::make_shared<const Object>(std::move(attributes));
  return v;
}

bool Value::AsBool() const {
  MANIFOLD_ASSERT(kind() == Kind::kBool, "hcl::Value::AsBool on a non-bool");
  return std::get<bool>(data_);
}

double Value::AsNumber() const {
  MANIFOLD_ASSERT(kind() == Kind::kNumber, "hcl::Value::AsNumber on a non-number");
  return std::get<double>(data_);
}

const std::string& Value::AsString() const {
  MANIFOLD_ASSERT(kind() == Kind::kString, "hcl::Value::AsString on a non-string");
  return *std::get<std::shared_ptr<const std::string>>(data_);
}

const Tuple& Value::Items() const {
  MANIFOLD_ASSERT(kind() == Kind::kTuple, "hcl::Value::Items on a non-tuple");
  return *std::get<std::shared_ptr<const Tuple>>(data_);
}

const Object& Value::Attributes() const {
  MANIFOLD_ASSERT(kind() == Kind::kObject, "hcl::Value::Attributes on a non-object");
  return *std::get<std::shared_ptr<const Object>>(data_);
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return a.AsBool() == b.AsBool();
    case Kind::kNumber: return a.AsNumber() == b.AsNumber();
    case Kind::kString: return a.AsString() == b.AsString();
    case Kind::kTuple: {
      // Shared storage is equal without a walk (values built from one another often share).
      if (&a.Items() == &b.Items()) return true;
      return a.Items() == b.Items();
    }
    case Kind::kObject: {
      if (&a.Attributes() == &b.Attributes()) return true;
      return a.Attributes() == b.Attributes();
    }
  }
  return false;
}

std::string FormatNumber(double n) {
  if (std::isinf(n)) return n > 0 ? "+Inf" : "-Inf";
  if (std::isnan(n)) return "NaN";
  // Fixed notation, shortest digits that read back: what big.Float.Text('f', -1) prints for
  // the values a double can hold.
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed);
  MANIFOLD_ASSERT(ec == std::errc(), "a double always fits 400 characters in fixed notation");
  return std::string(buf, end);
}

namespace {

// Keys that can be written bare: identifiers, except `for`, which would open a for expression.
bool IsIdentifier(std::string_view s) {
  if (s.empty() || s == "for") return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s[0])) return false;
  for (char c : s) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  }
  return true;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += c;
        }
    }
  }
  // Template introducers are escaped so that the rendering reads back as the same string.
  std::string escaped;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((out[i] == '$' || out[i] == '%') && i + 1 < out.size() && out[i + 1] == '{')
      escaped += out[i];
    escaped += out[i];
  }
  return escaped + "\"";
}

}  // namespace

std::string ToHcl(const Value& value) {
  switch (value.kind()) {
    case Kind::kNull: return "null";
    case Kind::kBool: return value.AsBool() ? "true" : "false";
    case Kind::kNumber: return FormatNumber(value.AsNumber());
    case Kind::kString: return Quote(value.AsString());
    case Kind::kTuple: {
      std::string out = "[";
      for (const Value& item : value.Items()) {
        if (out.size() > 1) out += ", ";
        out += ToHcl(item);
      }
      return out + "]";
    }
    case Kind::kObject: {
      std::string out = "{";
      for (const auto& [key, item] : value.Attributes()) {
        if (out.size() > 1) out += ", ";
        out += IsIdentifier(key) ? key : Quote(key);
        out += " = " + ToHcl(item);
      }
      return out + "}";
    }
  }
  return "?";
}

}  // namespace manifold::hcl
