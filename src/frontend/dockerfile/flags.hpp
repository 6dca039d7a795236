// Instruction flags (`--from=build`, `--link`): splitting them off a line and reading them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// The flags at the start of an instruction's argument text and the text after them.
struct ExtractedFlags {
  std::vector<std::string> flags;  ///< Each `--name[=value]` with quotes removed.
  std::string_view rest;           ///< The remaining text (a view into the input), untrimmed.
};

/// Takes the leading words that start with `--` off `text` (BuildKit's extractBuilderFlags):
/// quotes inside a flag are removed and `\` keeps the next character; a bare `--` ends the flags
/// and is dropped. Error (kInvalidArgument) when a quote inside a flag is never closed.
util::Result<ExtractedFlags> ExtractFlags(std::string_view text);

/// One flag split into name and value.
struct Flag {
  std::string name;                  ///< Without the leading `--`: "from", "chown", "link".
  std::optional<std::string> value;  ///< Absent for a bare boolean flag (`--link`).
};

/// Splits each `--name[=value]` of `flags` at its first `=`, in order, repeats kept
/// (`--exclude=a --exclude=b`). Error (kInvalidArgument) for a flag without `--` or a name.
util::Result<std::vector<Flag>> ParseFlags(const std::vector<std::string>& flags);

}  // namespace manifold::frontend::dockerfile
