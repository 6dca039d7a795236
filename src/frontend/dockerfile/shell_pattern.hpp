// The glob patterns of ${VAR#p} ${VAR%p} ${VAR/p/r}: BuildKit's shell-pattern semantics.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

// Pattern syntax (BuildKit's convertShellPatternToRegex, which has no bracket expressions):
//  - `*` any run of characters, `?` exactly one character; neither matches '\n' (Go's
//    regexp `.`). Invalid UTF-8 bytes count as one character each.
//  - `\*` `\?` `\\` are literal; `\}` and `\/` are a literal `}` / `/` (the escape was only
//    there to get the character through ${...}); any other `\x`, or a trailing `\`, is an
//    error "invalid pattern (<p>) in substitution: invalid escape ...".
//  - Every other character, `[` `]` `.` `(` included, is literal.
//  - A leading U+FEFF is ignored (Go's text/scanner drops a BOM at the start of its input).
// The match a call picks is the one Go's regexp picks (leftmost start, then leftmost-first
// preference: shortest for `*` when not greedy, longest when greedy). Stateless, thread-safe.
// Every call refuses (kInvalidArgument) a pattern whose length × the value's length passes
// kMaxPatternWork: the matcher's time and memo grow with that product.

/// ${VAR#p} (greedy=false) / ${VAR##p} (greedy=true): `value` without the match of `pattern`
/// anchored at its start; unchanged when nothing matches.
util::Result<std::string> ShellTrimPrefix(std::string_view pattern, std::string_view value,
                                          bool greedy);

/// ${VAR%p} / ${VAR%%p}: `value` without the shortest (longest when greedy) suffix matching
/// `pattern`. As BuildKit, it reverses pattern (keeping `\x` pairs) and value, trims the
/// prefix, and reverses back.
util::Result<std::string> ShellTrimSuffix(std::string_view pattern, std::string_view value,
                                          bool greedy);

/// ${VAR/p/r} (all=false): the first (leftmost, longest) match of `pattern` replaced by
/// `replacement` taken literally. ${VAR//p/r} (all=true): every non-overlapping match
/// replaced, with Go's regexp.ReplaceAllString template rules for `replacement` (`$$` is `$`,
/// `$0`/`${0}` the match, any other `$name` empty). An empty pattern matches the empty string.
/// A result longer than `max_output` bytes is an error, found before it is built.
util::Result<std::string> ShellReplace(
    std::string_view value, std::string_view pattern, std::string_view replacement, bool all,
    std::size_t max_output = std::numeric_limits<std::size_t>::max());

}  // namespace manifold::frontend::dockerfile
