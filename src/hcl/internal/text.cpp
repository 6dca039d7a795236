// UTF-8, identifier, escape and white-space helpers for the lexer and the template parser.
#include "hcl/internal/text.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace manifold::hcl::internal {
namespace {

// The code point of the valid sequence at text[at] of length n.
char32_t Decode(std::string_view text, size_t at, size_t n) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
  switch (n) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// Go's unicode.IsSpace: what strip markers and `<<-` treat as space.
bool IsUnicodeSpace(char32_t c) {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return c >= 0x2000 && c <= 0x200A;
  }
}

}  // namespace

size_t Utf8Length(std::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  auto b0 = static_cast<unsigned char>(text[at]);
  size_t n = b0 < 0x80             ? 1
             : (b0 & 0xE0) == 0xC0 ? 2
             : (b0 & 0xF0) == 0xE0 ? 3
             : (b0 & 0xF8) == 0xF0 ? 4
                                   : 0;
  if (n == 0 || at + n > text.size()) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 0;
  }
  char32_t cp = Decode(text, at, n);
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void AdvancePos(std::string_view text, Pos& pos, size_t n) {
  for (size_t end = pos.byte + n; pos.byte < end; ++pos.byte) {
    auto b = static_cast<unsigned char>(text[pos.byte]);
    if (b == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
}

bool IsIdentStart(std::string_view text, size_t at) {
  if (at >= text.size()) return false;
  char c = text[at];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  size_t n = Utf8Length(text, at);
  return n > 1 && !IsUnicodeSpace(Decode(text, at, n));
}

bool IsIdentContinue(std::string_view text, size_t at) {
  if (at >= text.size()) return false;
  char c = text[at];
  return IsIdentStart(text, at) || (c >= '0' && c <= '9') || c == '-';
}

std::expected<std::pair<std::string, size_t>, std::string> DecodeEscape(std::string_view text,
                                                                        size_t at) {
  if (at + 1 >= text.size()) {
    return std::unexpected(
        "Invalid escape sequence; Backslash must be followed by an escape "
        "sequence selector character.");
  }
  switch (text[at + 1]) {
    case 'n': return std::pair{std::string("\n"), size_t{2}};
    case 'r': return std::pair{std::string("\r"), size_t{2}};
    case 't': return std::pair{std::string("\t"), size_t{2}};
    case '"': return std::pair{std::string("\""), size_t{2}};
    case '\\': return std::pair{std::string("\\"), size_t{2}};
    case 'u':
    case 'U': {
      size_t digits = text[at + 1] == 'u' ? 4 : 8;
      char32_t cp = 0;
      for (size_t i = 0; i < digits; ++i) {
        size_t j = at + 2 + i;
        char c = j < text.size() ? text[j] : '\0';
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
          return std::unexpected(
              fmt::format("Invalid escape sequence; The \\{} escape sequence must "
                          "be followed by {} hexadecimal digits.",
                          text[at + 1], digits == 4 ? "four" : "eight"));
        }
        cp = cp * 16 + static_cast<char32_t>(d);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return std::unexpected(
            fmt::format("Invalid escape sequence; Cannot encode character "
                        "U+{:04x} in UTF-8.",
                        static_cast<uint32_t>(cp)));
      }
      std::string encoded;
      util::AppendUtf8(encoded, cp);
      return std::pair{std::move(encoded), 2 + digits};
    }
    default: break;
  }
  size_t n = Utf8Length(text, at + 1);
  return std::unexpected(
      fmt::format("Invalid escape sequence; The symbol \"{}\" is not a valid "
                  "escape sequence selector.",
                  n ? text.substr(at + 1, n) : std::string_view("?")));
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::pair<size_t, size_t> LeadingSpace(std::string_view s) {
  size_t bytes = 0;
  size_t chars = 0;
  while (bytes < s.size()) {
    size_t n = Utf8Length(s, bytes);
    if (n == 0 || !IsUnicodeSpace(Decode(s, bytes, n))) break;
    bytes += n;
    ++chars;
  }
  return {bytes, chars};
}

std::string_view TrimTrailingSpace(std::string_view s) {
  while (!s.empty()) {
    // Step back to the start of the last character.
    size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t n = Utf8Length(s, start);
    if (n == 0 || start + n != s.size() || !IsUnicodeSpace(Decode(s, start, n))) break;
    s.remove_suffix(n);
  }
  return s;
}

char32_t DecodeUtf8(std::string_view s, size_t i, size_t& n) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    n = 1;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((c & 0xC0) != 0x80) {
      n = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  n = static_cast<size_t>(len);
  return cp;
}

}  // namespace manifold::hcl::internal
