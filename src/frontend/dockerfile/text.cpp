// UTF-8 helpers and Go character classes for the Dockerfile parser.
#include "frontend/dockerfile/text.hpp"

#include "util/utf8.hpp"

namespace manifold::frontend::dockerfile {

DecodedRune DecodeRune(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, true};
  const DecodedRune invalid{0xFFFD, 1, false};
  int need = 0;
  char32_t rune = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, rune = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, rune = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, rune = b0 & 0x07, min = 0x10000;
  } else {
    return invalid;
  }
  if (pos + need >= text.size()) return invalid;
  for (int i = 1; i <= need; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return invalid;
    rune = (rune << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (Go rejects them too).
  if (rune < min || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) return invalid;
  return {rune, need + 1, true};
}

bool IsGoSpace(char32_t rune) {
  switch (rune) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
      return true;
    default:
      return rune >= 0x2000 && rune <= 0x200A;
  }
}

std::string_view TrimLeftSpace(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const DecodedRune r = DecodeRune(text, pos);
    if (!r.valid || !IsGoSpace(r.rune)) break;
    pos += r.width;
  }
  return text.substr(pos);
}

std::string_view TrimSpace(std::string_view text) {
  text = TrimLeftSpace(text);
  std::size_t end = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedRune r = DecodeRune(text, pos);
    pos += r.width;
    if (!r.valid || !IsGoSpace(r.rune)) end = pos;
  }
  return text.substr(0, end);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string DisplayText(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    if (out.size() >= max_bytes) {
      out += " ...";
      break;
    }
    const DecodedRune r = DecodeRune(text, pos);
    // Control characters (ESC, CR, C1, ...) could drive the terminal the error is shown on.
    const bool control = r.rune != '\t' && (r.rune < 0x20 || (r.rune >= 0x7F && r.rune < 0xA0));
    if (r.valid && !control) {
      out.append(text.substr(pos, r.width));
    } else {
      util::AppendUtf8(out, 0xFFFD);
    }
    pos += r.width;
  }
  return out;
}

}  // namespace manifold::frontend::dockerfile
