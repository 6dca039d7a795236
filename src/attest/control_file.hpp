// ControlParagraph: Debian control-file paragraphs (RFC 822-style "Field: value" blocks).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::attest {

/// One paragraph: fields in file order, names as written. Continuation lines (starting with a
/// space or tab) join their field's value after a '\n', leading whitespace removed.
struct ControlParagraph {
  std::vector<std::pair<std::string, std::string>> fields;
  /// The first value of `name` (case-insensitive, as Debian policy §5.1 says); "" when absent.
  std::string_view Get(std::string_view name) const;
};

/// Splits `text` at blank lines into paragraphs (dpkg's status file, a status.d entry, a
/// DEP-5 copyright file, a Python METADATA header block). Lines without a ':' and comment lines
/// ('#') are ignored; no field is validated. At most `max_paragraphs` are returned (the caller
/// says it stopped when text was left). When `wanted` is not empty only those fields are kept
/// (case-insensitive), so a large status file does not copy every Description. Never throws.
std::vector<ControlParagraph> ParseControl(std::string_view text, size_t max_paragraphs,
                                           const std::vector<std::string_view>& wanted = {});

/// Case-insensitive ASCII equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace manifold::attest
