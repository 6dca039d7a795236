// UTF-8 decoding and the Go character classes (unicode.IsSpace, strconv.IsPrint) the parser mirrors.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace manifold::frontend::dockerfile {

/// One decoded code point. `valid` is false for a byte that does not start a well-formed UTF-8
/// sequence (then `rune` is U+FFFD and `width` is 1), exactly as Go's utf8.DecodeRuneInString.
struct DecodedRune {
  char32_t rune = 0;
  int width = 0;
  bool valid = false;
};

/// Decodes the code point starting at `text[pos]`; `pos` must be < text.size().
DecodedRune DecodeRune(std::string_view text, std::size_t pos);

/// Go's unicode.IsSpace: ASCII \t \n \v \f \r and space, U+0085, U+00A0 and the Unicode
/// White_Space characters.
bool IsGoSpace(char32_t rune);

/// Go's strconv.IsPrint / unicode.IsPrint: letters, marks, numbers, punctuation, symbols and
/// U+0020 (tables generated from Unicode 15.0, the version Go ships).
bool IsGoPrint(char32_t rune);

/// The blank set of BuildKit's `[\t\v\f\r ]` splitting regexp.
inline bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/// ASCII whitespace, the set used where BuildKit scans byte by byte.
inline bool IsAsciiSpace(char c) { return IsBlank(c) || c == '\n'; }

/// Removes leading code points for which IsGoSpace holds (Go's TrimLeftFunc(IsSpace)).
std::string_view TrimLeftSpace(std::string_view text);

/// Removes leading and trailing IsGoSpace code points (Go's strings.TrimSpace).
std::string_view TrimSpace(std::string_view text);

/// `text` with A-Z mapped to a-z.
std::string AsciiLower(std::string_view text);

/// `text` with a-z mapped to A-Z.
std::string AsciiUpper(std::string_view text);

/// A copy of `text` for error displays: each invalid UTF-8 byte and each control character
/// but tab (C0, DEL, C1: they could drive a terminal) becomes U+FFFD, and a text longer than
/// `max_bytes` is cut at a code point boundary with " ..." appended.
std::string DisplayText(std::string_view text, std::size_t max_bytes = 4096);

}  // namespace manifold::frontend::dockerfile
