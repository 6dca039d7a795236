// Go-compatible quoting for the AST dump; the conformance corpus compares it byte for byte.
#include "frontend/dockerfile/go_quote.hpp"

#include <fmt/format.h>

#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {

std::string GoQuote(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedRune r = DecodeRune(text, pos);
    if (!r.valid) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[pos]));
      pos += 1;
      continue;
    }
    const std::string_view bytes = text.substr(pos, r.width);
    pos += r.width;
    if (r.rune == '"' || r.rune == '\\') {
      out += '\\';
      out += bytes;
      continue;
    }
    if (IsGoPrint(r.rune)) {
      out += bytes;
      continue;
    }
    switch (r.rune) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (r.rune < ' ' || r.rune == 0x7F) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(r.rune));
        } else if (r.rune < 0x10000) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(r.rune));
        } else {
          out += fmt::format("\\U{:08x}", static_cast<unsigned>(r.rune));
        }
    }
  }
  out += '"';
  return out;
}

std::string GoQuoteList(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ' ';
    out += GoQuote(list[i]);
  }
  out += ']';
  return out;
}

}  // namespace manifold::frontend::dockerfile
