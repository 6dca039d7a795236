// GoJsonIndent: a recursive writer with encoding/json's escaping and MarshalIndent's layout.
#include "bake/internal/go_json.hpp"

#include <fmt/format.h>

namespace manifold::bake::internal {
namespace {

// Length of a well-formed UTF-8 sequence at text[i], or 0 (Go's utf8.DecodeRuneInString
// rejects overlong forms, surrogates and code points above U+10FFFF).
std::size_t ValidRuneLength(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  std::size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  char32_t cp = c & (0x7f >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) >> 6) != 2) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void Write(const nlohmann::ordered_json& value, int depth, std::string& out) {
  auto newline = [&](int level) {
    out += '\n';
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        out += GoJsonString(it.key());
        out += ": ";
        Write(it.value(), depth + 1, out);
      }
      newline(depth);
      out += '}';
      return;
    }
    case nlohmann::ordered_json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        Write(item, depth + 1, out);
      }
      newline(depth);
      out += ']';
      return;
    }
    case nlohmann::ordered_json::value_t::string:
      out += GoJsonString(value.get_ref<const std::string&>());
      return;
    case nlohmann::ordered_json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case nlohmann::ordered_json::value_t::null:
      out += "null";
      return;
    default:
      out += value.dump();  // numbers: not produced by bake's printers
      return;
  }
}

}  // namespace

std::string GoJsonString(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': case '>': case '&': out += fmt::format("\\u00{:02x}", c); break;
        default:
          if (c < 0x20) {
            out += fmt::format("\\u00{:02x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    std::size_t len = ValidRuneLength(text, i);
    if (len == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    std::string_view rune = text.substr(i, len);
    if (rune == "\xE2\x80\xA8") {
      out += "\\u2028";
    } else if (rune == "\xE2\x80\xA9") {
      out += "\\u2029";
    } else {
      out += rune;
    }
    i += len;
  }
  out += '"';
  return out;
}

std::string GoJsonIndent(const nlohmann::ordered_json& value) {
  std::string out;
  Write(value, 0, out);
  return out;
}

}  // namespace manifold::bake::internal
