// Splits a Dockerfile into physical lines, rejecting invalid UTF-8 and over-long lines.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/limits.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Reads physical lines one at a time (nothing is materialised for the whole file, so a file of
/// millions of empty lines costs nothing per line). Not thread-safe.
class SourceLines {
 public:
  /// `bytes` (a leading UTF-8 BOM is skipped) must outlive the reader.
  SourceLines(std::string_view bytes, std::string_view file_name);

  /// The next physical line with its '\n' (the last may lack one), nullopt at the end. Errors
  /// (kInvalidArgument, located) for invalid UTF-8 or a line over kMaxLineBytes; the line's
  /// text is shown only when `show_text` (false while the file does not look like a
  /// Dockerfile yet, so that a non-Dockerfile's bytes are never echoed).
  util::Result<std::optional<std::string_view>> Next(bool show_text = true);

  /// The 1-based number of the line Next returned last (0 before the first).
  int number() const { return number_; }

 private:
  std::string_view bytes_;
  std::string_view file_name_;
  std::size_t start_ = 0;
  int number_ = 0;
};

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

/// Whether `keyword` (lower case) is a Dockerfile instruction: from, run, copy, ...
bool IsKnownKeyword(std::string_view keyword);

/// Whether a physical line reads like part of a Dockerfile: it starts (after blanks) with '#'
/// or with a known instruction keyword in any case. Errors show a line's text only then, or
/// once the file has had an instruction.
bool LooksLikeDockerfileLine(std::string_view line);

/// The 1-based column of the first non-blank code point of `line`.
int FirstColumn(std::string_view line);

}  // namespace manifold::frontend::dockerfile
