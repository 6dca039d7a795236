// Encoding functions: base64, csv, json, url, and the uuid generators (cty's stdlib and
// go-cty-funcs' encoding and uuid packages).

#include <cmath>
#include <nlohmann/json.hpp>

#include "hcl/internal/functions.hpp"
#include "hcl/internal/text.hpp"
#include "util/base64.hpp"
#include "util/crypto_library.hpp"
#include "util/sha256.hpp"

namespace manifold::hcl::internal {

using util::ErrorKind;

namespace {

void JsonString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = Utf8Length(s, i);
    if (n == 0) {
      out += "\\ufffd";  // Go writes invalid UTF-8 as U+FFFD
      ++i;
      continue;
    }
    if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      // Go's encoding/json escapes HTML-significant characters too.
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  out += '"';
}

util::Status JsonValue(const Value& v, std::string& out) {
  MANIFOLD_CHECK(CheckBytes(out.size()));
  switch (v.kind()) {
    case Kind::kNull: out += "null"; break;
    case Kind::kBool: out += v.AsBool() ? "true" : "false"; break;
    case Kind::kNumber:
      if (std::isinf(v.AsNumber())) {
        return util::Fail(ErrorKind::kInvalidArgument, "value must be finite to encode as JSON");
      }
      out += FormatNumber(v.AsNumber());
      break;
    case Kind::kString: JsonString(v.AsString(), out); break;
    case Kind::kTuple: {
      out += '[';
      bool first = true;
      for (const Value& item : v.Items()) {
        if (!first) out += ',';
        first = false;
        MANIFOLD_CHECK(JsonValue(item, out));
      }
      out += ']';
      break;
    }
    case Kind::kObject: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.Attributes()) {
        if (!first) out += ',';
        first = false;
        JsonString(key, out);
        out += ':';
        MANIFOLD_CHECK(JsonValue(item, out));
      }
      out += '}';
      break;
    }
  }
  return {};
}

}  // namespace

util::Result<std::string> JsonEncode(const Value& value) {
  std::string out;
  MANIFOLD_CHECK(JsonValue(value, out));
  MANIFOLD_CHECK(CheckBytes(out.size()));
  return out;
}

namespace {

util::Result<Value> JsonEncodeFn(Args args) {
  return Value::String(MANIFOLD_TRY(JsonEncode(args[0])));
}

Value FromJson(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::boolean: return Value::Bool(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value::Number(static_cast<double>(j.get<int64_t>()));
    case nlohmann::json::value_t::number_unsigned:
      return Value::Number(static_cast<double>(j.get<uint64_t>()));
    case nlohmann::json::value_t::number_float: return Value::Number(j.get<double>());
    case nlohmann::json::value_t::string: return Value::String(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      Tuple items;
      for (const auto& e : j) items.push_back(FromJson(e));
      return Value::MakeTuple(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      Object attrs;
      for (const auto& [k, e] : j.items()) attrs[k] = FromJson(e);
      return Value::MakeObject(std::move(attrs));
    }
    default: return Value::Null();
  }
}

util::Result<Value> JsonDecode(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  // nlohmann's parser recurses per nesting level; bound the depth as the HCL parser does.
  int depth = 0, max_depth = 0;
  for (char c : s) {
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  if (max_depth > 256) return ArgError(0, "str", "JSON nested more than 256 levels deep");
  auto j = nlohmann::json::parse(s, nullptr, false);
  if (j.is_discarded()) return ArgError(0, "str", "invalid JSON");
  return FromJson(j);
}

util::Result<Value> Base64EncodeFn(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  MANIFOLD_CHECK(CheckBytes(s.size() / 3 * 4));
  return Value::String(util::Base64Encode(s));
}

util::Result<Value> Base64DecodeFn(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  auto decoded = util::Base64Decode(s);
  if (!decoded) {
    return util::Fail(ErrorKind::kInvalidArgument, "failed to decode base64 data \"{}\"",
                      s.substr(0, 64));
  }
  for (size_t i = 0; i < decoded->size();) {
    size_t n = Utf8Length(*decoded, i);
    if (n == 0) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "the result of decoding the provided string is not valid UTF-8");
    }
    i += n;
  }
  return Value::String(std::move(*decoded));
}

// One record of RFC 4180 CSV as Go's encoding/csv reads it (quotes may hold commas and
// newlines; "" is a quote). `pos` moves past the record's line end.
util::Result<std::vector<std::string>> CsvRecord(std::string_view s, size_t& pos, size_t line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (;;) {
    if (pos >= s.size()) {
      if (quoted) {
        return util::Fail(ErrorKind::kInvalidArgument, "parse error on line {}: extraneous or missing \" in quoted-field", line);
      }
      fields.push_back(std::move(field));
      return fields;
    }
    char c = s[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < s.size() && s[pos] == '"') {
          field += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == '"') {
      return util::Fail(ErrorKind::kInvalidArgument, "parse error on line {}: bare \" in non-quoted-field", line);
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || (c == '\r' && pos < s.size() && s[pos] == '\n')) {
      if (c == '\r') ++pos;
      fields.push_back(std::move(field));
      return fields;
    } else {
      field += c;
    }
  }
}

util::Result<Value> CsvDecode(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  size_t pos = 0;
  size_t line = 1;
  std::vector<std::vector<std::string>> rows;
  while (pos < s.size()) {
    // Go's csv reader skips empty lines.
    if (s[pos] == '\n') {
      ++pos;
      ++line;
      continue;
    }
    rows.push_back(MANIFOLD_TRY(CsvRecord(s, pos, line)));
    ++line;
  }
  if (rows.empty()) {
    return util::Fail(ErrorKind::kInvalidArgument, "missing header line");
  }
  const auto& header = rows[0];
  Tuple out;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "record on line {}: wrong number of fields", r + 1);
    }
    Object obj;
    for (size_t k = 0; k < header.size(); ++k) obj[header[k]] = Value::String(rows[r][k]);
    out.push_back(Value::MakeObject(std::move(obj)));
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> UrlEncode(Args args) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  // Go's url.QueryEscape: unreserved characters stay, space becomes '+', the rest %XX.
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return StringResult(std::move(out));
}

std::string UuidString(const unsigned char* b) {
  std::string hex = util::ToHex(b, 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

util::Result<Value> UuidV4(Args) {
  const util::CryptoLibrary* crypto = MANIFOLD_TRY(util::LoadCrypto());
  unsigned char b[16];
  if (crypto->rand_bytes(b, sizeof b) != 1) {
    return util::Fail(ErrorKind::kInternal, "no random bytes for a UUID");
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return Value::String(UuidString(b));
}

// Parses a UUID in its canonical 8-4-4-4-12 form (hex digits either case).
bool ParseUuid(std::string_view s, unsigned char* out) {
  if (s.size() != 36) return false;
  size_t k = 0;
  for (size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i++] != '-') return false;
      continue;
    }
    auto nib = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    int hi = nib(s[i]), lo = nib(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[k++] = static_cast<unsigned char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

util::Result<Value> UuidV5(Args args) {
  std::string ns = MANIFOLD_TRY(StringArg(args, 0, "namespace"));
  std::string name = MANIFOLD_TRY(StringArg(args, 1, "name"));
  // RFC 4122 §4.3 / Appendix C name spaces, as go-cty-funcs names them.
  static const std::map<std::string, std::string, std::less<>> kNamed = {
      {"dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
      {"url", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"},
      {"oid", "6ba7b812-9dad-11d1-80b4-00c04fd430c8"},
      {"x500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8"},
  };
  auto it = kNamed.find(ns);
  unsigned char nsb[16];
  if (!ParseUuid(it != kNamed.end() ? it->second : ns, nsb)) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "uuidv5() doesn't support namespace {}", ns);
  }
  const util::CryptoLibrary* crypto = MANIFOLD_TRY(util::LoadCrypto());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::string data(reinterpret_cast<const char*>(nsb), 16);
  data += name;
  if (crypto->digest(data.data(), data.size(), digest, &len, crypto->sha1(), nullptr) != 1) {
    return util::Fail(ErrorKind::kInternal, "hashing failed");
  }
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);
  return Value::String(UuidString(digest));
}

}  // namespace

void AddEncodingFunctions(EvalContext& ctx) {
  ctx.SetFunction("base64decode", Function{1, 1, Base64DecodeFn});
  ctx.SetFunction("base64encode", Function{1, 1, Base64EncodeFn});
  ctx.SetFunction("csvdecode", Function{1, 1, CsvDecode});
  ctx.SetFunction("jsondecode", Function{1, 1, JsonDecode});
  ctx.SetFunction("jsonencode", Function{1, 1, JsonEncodeFn});
  ctx.SetFunction("urlencode", Function{1, 1, UrlEncode});
  ctx.SetFunction("uuidv4", Function{0, 0, UuidV4});
  ctx.SetFunction("uuidv5", Function{2, 2, UuidV5});
}

}  // namespace manifold::hcl::internal
