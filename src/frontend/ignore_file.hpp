// Reading a .dockerignore file's bytes into the pattern list that util::PathPatterns compiles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::frontend {

/// Reads .dockerignore bytes into patterns, as moby's ignorefile.ReadAll does: lines split on
/// '\n' (a trailing '\r' dropped); a UTF-8 BOM stripped from the first line; lines starting
/// with '#' skipped (checked before trimming); each line trimmed (Go's TrimSpace) and skipped
/// when empty; "!  pattern" becomes "!pattern"; the path cleaned ("a//b/../c" → "a/c") and one
/// leading '/' dropped ("/a" → "a"). A lone "!" is kept (util::PathPatterns::Create rejects it).
/// Fails (kInvalidArgument) only on a line longer than 64 KiB, which Docker refuses too.
util::Result<std::vector<std::string>> ReadIgnoreFile(std::string_view bytes);

}  // namespace manifold::frontend
