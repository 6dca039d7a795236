// Splits a Dockerfile into physical lines, rejecting invalid UTF-8 and over-long lines.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// The longest physical line accepted, in bytes, newline excluded.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

/// The physical lines of `bytes` (a leading UTF-8 BOM removed), each a view into `bytes` that
/// keeps its '\n' (the last line may lack one). Errors (kInvalidArgument, located at
/// `file_name`:line:column) for the first invalid UTF-8 byte or a line longer than
/// kMaxLineBytes. Linear in the input.
util::Result<std::vector<std::string_view>> SplitSourceLines(std::string_view bytes,
                                                             std::string_view file_name);

/// A physical line without its line ending ("\r\n" or "\n", repeated ones too).
std::string_view WithoutNewline(std::string_view line);

/// The error location for `line` (a physical line, 1-based `number`): column counts code
/// points, 1-based; line_text is the line for display.
util::SourceLocation LocationOf(std::string_view file_name, int number, std::string_view line,
                                int column);

/// The 1-based column of the first non-blank code point of `line`.
int FirstColumn(std::string_view line);

}  // namespace manifold::frontend::dockerfile
