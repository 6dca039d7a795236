// One .dockerignore pattern compiled the way moby/patternmatcher does it (private to path_pattern).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::util::glob {

/// One UTF-8 code point read at a byte offset: an invalid or truncated sequence reads as
/// U+FFFD with width 1 (Go's utf8.DecodeRuneInString).
struct Rune {
  char32_t value;
  std::size_t width;
};
Rune DecodeRune(std::string_view text, std::size_t pos);

/// Checks `pattern` against Go's filepath.Match grammar, which moby runs on every pattern when
/// it is added: each `[...]` well formed (non-empty, closed, no bare '-' or ']' as a bound,
/// valid UTF-8 inside) and no trailing '\'. The error names the pattern.
Status CheckSyntax(std::string_view pattern);

/// How a compiled pattern is tested (moby's exact/prefix/suffix fast paths, else the glob).
enum class Kind { kExact, kPrefix, kSuffix, kGlob };

/// One step of the glob: the regular expression moby would build, as a token list.
enum class Op {
  kLiteral,       // one code point
  kAnyButSlash,   // `?` → [^/]
  kRunButSlash,   // `*` → [^/]*
  kRunButNewline, // trailing `**` after other wildcards → .*
  kOptionalDirs,  // inner `**` (and `**/`) → (.*/)?
  kClass,         // [...] and escapes such as \d
};

/// An inclusive code-point range inside a class.
struct Range {
  char32_t lo;
  char32_t hi;
};

struct Token {
  Op op = Op::kLiteral;
  char32_t literal = 0;       ///< kLiteral only.
  bool negated = false;       ///< kClass only.
  std::vector<Range> ranges;  ///< kClass only: sorted, merged.
};

/// A pattern ready to match paths. `error` is non-empty when the regular expression moby
/// would build does not compile (e.g. a reversed range `[z-a]`); moby reports that only when
/// the pattern is used, so the caller does too.
struct Compiled {
  std::string text;  ///< The cleaned pattern, without a leading '!'.
  Kind kind = Kind::kExact;
  std::vector<Token> tokens;
  std::string error;
};

/// Compiles a pattern that passed CheckSyntax. Never fails; see Compiled::error.
Compiled Compile(std::string_view pattern);

/// Whether `path` (clean, '/'-separated) matches the whole pattern. Precondition: error empty.
bool Match(const Compiled& compiled, std::string_view path);

}  // namespace manifold::util::glob
