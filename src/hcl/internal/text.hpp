// Character-level helpers shared by the lexer and the parser: UTF-8, identifiers, escapes,
// Unicode white space.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "hcl/ast.hpp"

namespace manifold::hcl::internal {

/// The length of the valid UTF-8 sequence at `text[at]` (1–4), or 0 when it is not one
/// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t Utf8Length(std::string_view text, size_t at);

/// Moves `pos` over `n` bytes of `text` from pos.byte: lines at '\n', one column per
/// character.
void AdvancePos(std::string_view text, Pos& pos, size_t n);

/// Identifier characters: ASCII letters and '_' start one, digits and '-' may follow; any
/// non-ASCII character (other than Unicode white space) counts as a letter, approximating
/// UAX #31's ID_Start/ID_Continue.
bool IsIdentStart(std::string_view text, size_t at);
bool IsIdentContinue(std::string_view text, size_t at);

/// Decodes the escape sequence at `text[at]` (a backslash): \n \r \t \" \\ \uNNNN
/// \UNNNNNNNN. Returns the decoded bytes and the length consumed, or HCL's message for an
/// invalid sequence.
std::expected<std::pair<std::string, size_t>, std::string> DecodeEscape(std::string_view text,
                                                                        size_t at);

/// `s` without leading and trailing spaces, tabs and carriage returns.
std::string_view TrimSpaces(std::string_view s);

/// The byte length of the Unicode white space (Go's unicode.IsSpace) at the start of `s`, and
/// the number of characters in it.
std::pair<size_t, size_t> LeadingSpace(std::string_view s);
/// `s` without trailing Unicode white space.
std::string_view TrimTrailingSpace(std::string_view s);
/// Decodes the code point at `s[i]` (i < s.size()) and sets `n` to its length; a byte that
/// does not start a whole UTF-8 sequence is U+FFFD of length 1 (as Go's utf8.DecodeRune).
char32_t DecodeUtf8(std::string_view s, size_t i, size_t& n);

}  // namespace manifold::hcl::internal
