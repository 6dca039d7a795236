// ShellLexer: BuildKit's shell-word processing for Dockerfile words ($VAR, quotes, escapes).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/limits.hpp"
#include "frontend/dockerfile/shell_env.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// How a ShellLexer treats quotes, escapes and unset variables.
struct ShellLexerOptions {
  /// The escape character: '\\' (default) or '`' (after `# escape=``).
  char escape = '\\';
  /// Keep the quote characters of '...' and "..." in the output (their contents are still
  /// processed as quoted): BuildKit's RawQuotes, used for heredoc-bearing commands.
  bool raw_quotes = false;
  /// Keep escape characters in the output next to what they escape: BuildKit's RawEscapes.
  bool raw_escapes = false;
  /// Treat ' and " as ordinary characters: BuildKit's SkipProcessQuotes.
  bool skip_process_quotes = false;
  /// Leave a reference to an unset variable as written (`$X`, `${X}`, `${X:-w}` with `w`
  /// processed, `${X/p/r}`) instead of expanding it: BuildKit's SkipUnsetEnv, for a first
  /// pass whose result is expanded again later.
  bool skip_unset_env = false;
  /// The most bytes variable references and `${…}` operators may produce for one word, counted
  /// at every nesting level (see kMaxExpandedWordBytes); more is an error naming the limit.
  std::size_t max_expansion = kMaxExpandedWordBytes;
  /// Compute WordResult::words. False leaves them empty: a caller that wants only the text
  /// saves a pass over every byte.
  bool split_fields = true;
  /// The most matching work the pattern operators of one word may do, counted before each runs
  /// as (pattern length + 1) × (value length + 1); more is an error naming the limit.
  std::size_t max_pattern_work = kMaxPatternWorkPerBuild;
  /// Checked before each pattern operator: once stopped, the word fails with kCancelled.
  std::stop_token stop = {};
};

/// A variable's value, or nullopt when it is unset. The view must stay valid during the call.
using ShellLookup = std::function<std::optional<std::string_view>(std::string_view name)>;

/// The outcome of processing one word.
struct WordResult {
  /// The processed text, no field splitting (ProcessWord).
  std::string text;
  /// The fields (ProcessWords): split on unquoted white space, including white space that an
  /// unquoted expansion produced; empty fields are dropped.
  std::vector<std::string> words;
  /// Variables the word referenced that were set (possibly to ""), sorted.
  std::set<std::string> matched;
  /// Variables the word referenced that were unset, sorted. Special and positional
  /// parameters (`$1`, `$@`, ...) are never set and appear here when referenced.
  std::set<std::string> unmatched;
  /// The pattern operators' work, as ShellLexerOptions::max_pattern_work counts it.
  std::size_t pattern_work = 0;
};

/// Expands variables and processes quotes and escapes in Dockerfile words exactly as
/// BuildKit's shell.Lex does (the envVarTest, wordsTest and process-word.json tables):
///  - '...' is literal; in "..." only `$` expands and the escape character escapes only
///    `"`, `$` and itself (elsewhere it stays); outside quotes the escape character keeps the
///    next character, and one at the very end of the word is dropped.
///  - `$NAME` and `${NAME}` (NAME: letters, digits, '_'; or a run of digits; or one of
///    `@ * # ? - $ ! 0`), and inside braces the modifiers `:-` `-` `:+` `+` `:?` `?`
///    `#` `##` `%` `%%` `/` `//`, whose words may contain quotes and nested expansions
///    (see shell_pattern.hpp for the patterns). A `$` not followed by a name is literal.
///  - Errors (kInvalidArgument, message `failed to process "<word>": <why>`): unterminated
///    quotes, `${}`, `${:...}`, a missing `}`, an unsupported modifier (`${X:=y}`,
///    `${X:#p}`, ...), `${X?msg}` on an unset / `${X:?msg}` on an unset or empty X (the
///    message is `X: msg`, or `X: is not allowed to be unset|empty` without msg), an
///    invalid escape in a pattern, and expansions nested more than 100 deep (a bound on
///    recursion that BuildKit does not have; real Dockerfiles nest two or three), an
///    expansion over options().max_expansion bytes, and a pattern operator whose pattern
///    length × value length passes kMaxPatternWork (both bounds BuildKit does not have; the
///    errors name the limit).
/// Input is UTF-8; invalid bytes pass through unchanged. A ShellLexer is immutable, so one
/// instance may be used from several threads at once.
class ShellLexer {
 public:
  /// A lexer with default options and the given escape character ('\\' or '`').
  explicit ShellLexer(char escape = '\\');
  explicit ShellLexer(ShellLexerOptions options);

  /// Processes `word` against `env`; `text`, `words`, `matched` and `unmatched` are all set.
  util::Result<WordResult> ProcessWord(std::string_view word, const ShellEnv& env) const;

  /// ProcessWord with variables looked up through `lookup` (no copy of a scope is made).
  util::Result<WordResult> ProcessWord(std::string_view word, const ShellLookup& lookup) const;

  /// Processes `word` and returns only its fields (BuildKit's ProcessWords).
  util::Result<std::vector<std::string>> ProcessWords(std::string_view word,
                                                      const ShellEnv& env) const;

  const ShellLexerOptions& options() const { return options_; }

 private:
  ShellLexerOptions options_;
};

}  // namespace manifold::frontend::dockerfile
