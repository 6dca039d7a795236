// Shell-pattern matching for ${VAR#p} ${VAR%p} ${VAR/p/r}, as BuildKit's regexp translation.
#include "frontend/dockerfile/shell_pattern.hpp"

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "frontend/dockerfile/limits.hpp"
#include "frontend/dockerfile/shell_chars.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Token {
  enum class Kind { kLiteral, kAny, kStar };
  Kind kind;
  std::string literal;    // kLiteral
  std::size_t count = 0;  // kAny: how many characters
};

util::Result<std::vector<Token>> Compile(std::string_view pattern) {
  std::string_view rest = pattern;
  if (rest.starts_with(kBom)) rest.remove_prefix(kBom.size());
  std::vector<Token> tokens;
  auto literal = [&](std::string_view bytes) {
    if (tokens.empty() || tokens.back().kind != Token::Kind::kLiteral) {
      tokens.push_back({Token::Kind::kLiteral, {}, 0});
    }
    tokens.back().literal.append(bytes);
  };
  std::size_t pos = 0;
  while (pos < rest.size()) {
    char c = rest[pos];
    if (c == '*') {
      // `.*.*` prefers the same overall lengths as `.*`, so runs of stars are one token.
      if (tokens.empty() || tokens.back().kind != Token::Kind::kStar) {
        tokens.push_back({Token::Kind::kStar, {}, 0});
      }
      ++pos;
    } else if (c == '?') {
      if (tokens.empty() || tokens.back().kind != Token::Kind::kAny) {
        tokens.push_back({Token::Kind::kAny, {}, 0});
      }
      ++tokens.back().count;
      ++pos;
    } else if (c == '\\') {
      ++pos;
      if (pos < rest.size() && (rest[pos] == '}' || rest[pos] == '/')) continue;
      if (pos >= rest.size()) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "invalid pattern ({}) in substitution: invalid escape at end of pattern",
                          pattern);
      }
      char escaped = rest[pos];
      if (escaped != '*' && escaped != '?' && escaped != '\\') {
        DecodedRune rune = DecodeRune(rest, pos);
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "invalid pattern ({}) in substitution: invalid escape '\\{}'", pattern,
                          rest.substr(pos, static_cast<std::size_t>(rune.width)));
      }
      literal(rest.substr(pos, 1));
      ++pos;
    } else {
      DecodedRune rune = DecodeRune(rest, pos);
      literal(rest.substr(pos, static_cast<std::size_t>(rune.width)));
      pos += static_cast<std::size_t>(rune.width);
    }
  }
  return tokens;
}

// Backtracking in the preference order of Go's leftmost-first regexp semantics, iterative (no
// recursion depth tied to the pattern) and memoized: a (token, position) state that failed
// once fails again, so each state is explored at most once.
class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, std::string_view text, bool greedy)
      : tokens_(tokens), text_(text), greedy_(greedy), width_(text.size() + 1),
        boundary_(text.size() + 1, false), dead_((tokens.size() + 1) * width_, false),
        dead_from_(tokens.size(), kNone), dead_run_(tokens.size(), kNone) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      boundary_[pos] = true;
      pos += static_cast<std::size_t>(DecodeRune(text, pos).width);
    }
    boundary_[text.size()] = true;
  }

  // The end of the preferred match that starts at `start` (a character boundary).
  std::optional<std::size_t> MatchAt(std::size_t start) {
    // A star at `pos` tries the ends [pos, limit] (ordered by preference); run_limit is the
    // end of its newline-free run.
    struct Choice {
      std::size_t ti, pos, candidate, limit, run_limit;
    };
    std::vector<Choice> stack;
    std::size_t ti = 0;
    std::size_t pos = start;
    while (true) {
      // Descend until success or a dead end.
      while (true) {
        if (ti == tokens_.size()) return pos;
        if (Dead(ti, pos)) break;
        const Token& token = tokens_[ti];
        if (token.kind == Token::Kind::kLiteral) {
          if (text_.compare(pos, token.literal.size(), token.literal) != 0) {
            MarkDead(ti, pos);
            break;
          }
          pos += token.literal.size();
          ++ti;
        } else if (token.kind == Token::Kind::kAny) {
          std::size_t end = pos;
          std::size_t n = 0;
          while (n < token.count && end < text_.size() && text_[end] != '\n') {
            end = Next(end);
            ++n;
          }
          if (n < token.count) {
            MarkDead(ti, pos);
            break;
          }
          pos = end;
          ++ti;
        } else {
          std::size_t run_limit = RunEnd(pos);
          std::size_t limit = run_limit;
          // A star that failed from p has no successful end in [p, run end], so a later star
          // state of the same token in that run need not retry those ends: this keeps the
          // whole search linear in the text per token.
          if (dead_run_[ti] == run_limit) {
            if (pos >= dead_from_[ti]) {
              MarkDead(ti, pos);
              break;
            }
            limit = Prev(dead_from_[ti]);
          }
          std::size_t first = greedy_ ? limit : pos;
          stack.push_back({ti, pos, first, limit, run_limit});
          ++ti;
          pos = first;
        }
      }
      // Backtrack to the most recent star with an untried length.
      while (true) {
        if (stack.empty()) return std::nullopt;
        Choice& choice = stack.back();
        MarkDead(choice.ti + 1, choice.candidate);
        bool exhausted = greedy_ ? choice.candidate == choice.pos : choice.candidate == choice.limit;
        if (exhausted) {
          MarkDead(choice.ti, choice.pos);
          if (dead_run_[choice.ti] != choice.run_limit || choice.pos < dead_from_[choice.ti]) {
            dead_run_[choice.ti] = choice.run_limit;
            dead_from_[choice.ti] = choice.pos;
          }
          stack.pop_back();
          continue;
        }
        choice.candidate = greedy_ ? Prev(choice.candidate) : Next(choice.candidate);
        ti = choice.ti + 1;
        pos = choice.candidate;
        break;
      }
    }
  }

  // The leftmost match at or after `from`: {begin, end}.
  std::optional<std::pair<std::size_t, std::size_t>> Find(std::size_t from) {
    for (std::size_t start = from; start <= text_.size(); ++start) {
      if (!boundary_[start]) continue;
      if (auto end = MatchAt(start)) return std::pair{start, *end};
    }
    return std::nullopt;
  }

  // Width of the character at `pos` (0 at the end), as Go's utf8.DecodeRuneInString.
  std::size_t WidthAt(std::size_t pos) const { return Next(pos) - pos; }

 private:
  bool Dead(std::size_t ti, std::size_t pos) const { return dead_[ti * width_ + pos]; }
  void MarkDead(std::size_t ti, std::size_t pos) { dead_[ti * width_ + pos] = true; }
  std::size_t Next(std::size_t pos) const {
    if (pos >= text_.size()) return text_.size();
    do ++pos;
    while (!boundary_[pos]);
    return pos;
  }
  // The first '\n' at or after `pos` (or the text's end); cached, since the star states of
  // one search mostly share a run and rescanning it each time would be quadratic.
  std::size_t RunEnd(std::size_t pos) {
    if (run_begin_ <= pos && pos <= run_end_) return run_end_;
    std::size_t end = text_.find('\n', pos);
    run_begin_ = pos;
    run_end_ = end == std::string_view::npos ? text_.size() : end;
    return run_end_;
  }
  std::size_t Prev(std::size_t pos) const {
    do --pos;
    while (!boundary_[pos]);
    return pos;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  const std::vector<Token>& tokens_;
  std::string_view text_;
  bool greedy_;
  std::size_t width_;
  std::vector<bool> boundary_;
  std::vector<bool> dead_;
  // Per star token: every star state in [dead_from_, dead_run_] of one run is known to fail.
  std::vector<std::size_t> dead_from_;
  std::vector<std::size_t> dead_run_;
  std::size_t run_begin_ = 1;  // empty cache: begin > end
  std::size_t run_end_ = 0;
};

// Characters (UTF-8 sequences, or single invalid bytes) of `text` in reverse order.
std::string ReverseChars(std::string_view text) {
  std::vector<std::string_view> chars;
  for (std::size_t pos = 0; pos < text.size();) {
    auto width = static_cast<std::size_t>(DecodeRune(text, pos).width);
    chars.push_back(text.substr(pos, width));
    pos += width;
  }
  std::string out;
  out.reserve(text.size());
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out.append(*it);
  return out;
}

// BuildKit's reversePattern: characters reversed, but an escape pair `\x` stays `\x`.
std::string ReversePattern(std::string_view pattern) {
  std::vector<std::string_view> chars;
  for (std::size_t pos = 0; pos < pattern.size();) {
    auto width = static_cast<std::size_t>(DecodeRune(pattern, pos).width);
    chars.push_back(pattern.substr(pos, width));
    pos += width;
  }
  std::vector<std::string_view> out(chars.size());
  const std::size_t last = chars.empty() ? 0 : chars.size() - 1;
  for (std::size_t i = 0; i < chars.size();) {
    std::size_t out_index = last - i;
    if (chars[i] == "\\" && i != last) {
      out[out_index - 1] = chars[i];
      out[out_index] = chars[i + 1];
      i += 2;
    } else {
      out[out_index] = chars[i];
      ++i;
    }
  }
  std::string joined;
  joined.reserve(pattern.size());
  for (std::string_view c : out) joined.append(c);
  return joined;
}

// Go's regexp template expansion for a regexp without groups: `match` is group 0.
// Appends to `out`; returns false, leaving `out` unfinished, as soon as it passes `max_size`.
bool ExpandTemplate(std::string_view templ, std::string_view match, std::string& out,
                    std::size_t max_size) {
  std::size_t pos = 0;
  while (pos < templ.size()) {
    std::size_t dollar = templ.find('$', pos);
    if (dollar == std::string_view::npos) break;
    out.append(templ.substr(pos, dollar - pos));
    pos = dollar + 1;
    if (pos < templ.size() && templ[pos] == '$') {
      out.push_back('$');
      ++pos;
      continue;
    }
    std::size_t scan = pos;
    bool brace = scan < templ.size() && templ[scan] == '{';
    if (brace) ++scan;
    std::size_t name_begin = scan;
    while (scan < templ.size()) {
      DecodedRune rune = DecodeRune(templ, scan);
      if (!rune.valid || !(IsGoLetterOrDigit(rune.rune) || rune.rune == U'_')) break;
      scan += static_cast<std::size_t>(rune.width);
    }
    std::string_view name = templ.substr(name_begin, scan - name_begin);
    if (name.empty() || (brace && (scan >= templ.size() || templ[scan] != '}'))) {
      out.push_back('$');  // malformed: the '$' is literal text
      continue;
    }
    if (brace) ++scan;
    pos = scan;
    if (name == "0") {
      if (out.size() + match.size() > max_size) return false;
      out.append(match);  // group 0; there are no other groups or names
    }
  }
  out.append(templ.substr(pos));
  return out.size() <= max_size;
}

util::Status CheckWork(std::string_view pattern, std::string_view value) {
  const std::size_t rows = pattern.size() + 1;
  if (rows > kMaxPatternWork / (value.size() + 1)) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "pattern of {} bytes against a value of {} bytes: the limit is {} for "
                      "their product (the matcher's work); use shorter patterns or values",
                      pattern.size(), value.size(), kMaxPatternWork);
  }
  return {};
}

util::Status CheckOutput(std::size_t size, std::size_t max_output) {
  if (size <= max_output) return {};
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "the replacement makes more than {} bytes, the expansion limit left for "
                    "this word ({} MiB in all)",
                    max_output, kMaxExpandedWordBytes / kMiB);
}

}  // namespace

util::Result<std::string> ShellTrimPrefix(std::string_view pattern, std::string_view value,
                                          bool greedy) {
  MANIFOLD_CHECK(CheckWork(pattern, value));
  std::vector<Token> tokens = MANIFOLD_TRY(Compile(pattern));
  Matcher matcher(tokens, value, greedy);
  if (auto end = matcher.MatchAt(0)) return std::string(value.substr(*end));
  return std::string(value);
}

util::Result<std::string> ShellTrimSuffix(std::string_view pattern, std::string_view value,
                                          bool greedy) {
  std::string trimmed =
      MANIFOLD_TRY(ShellTrimPrefix(ReversePattern(pattern), ReverseChars(value), greedy));
  return ReverseChars(trimmed);
}

util::Result<std::string> ShellReplace(std::string_view value, std::string_view pattern,
                                       std::string_view replacement, bool all,
                                       std::size_t max_output) {
  MANIFOLD_CHECK(CheckWork(pattern, value));
  std::vector<Token> tokens = MANIFOLD_TRY(Compile(pattern));
  Matcher matcher(tokens, value, /*greedy=*/true);
  if (!all) {
    auto match = matcher.Find(0);
    if (!match) return std::string(value);
    MANIFOLD_CHECK(CheckOutput(value.size() - (match->second - match->first) + replacement.size(),
                               max_output));
    std::string out(value.substr(0, match->first));
    out.append(replacement);
    out.append(value.substr(match->second));
    return out;
  }
  // Go's Regexp.ReplaceAllString loop: no replacement for an empty match right after a match,
  // and the search always advances by at least one character.
  std::string out;
  std::size_t last_end = 0;
  std::size_t search = 0;
  while (search <= value.size()) {
    auto match = matcher.Find(search);
    if (!match) break;
    auto [begin, end] = *match;
    out.append(value.substr(last_end, begin - last_end));
    if (end > last_end || begin == 0) {
      // Checked as it grows: `${v//?/$0$0…}` multiplies the value and must stop at the limit.
      if (!ExpandTemplate(replacement, value.substr(begin, end - begin), out, max_output)) {
        return std::unexpected(CheckOutput(max_output + 1, max_output).error());
      }
    }
    last_end = end;
    std::size_t width = matcher.WidthAt(search);
    if (search + width > end) {
      search += width;
    } else if (search + 1 > end) {
      ++search;
    } else {
      search = end;
    }
  }
  MANIFOLD_CHECK(CheckOutput(out.size() + (value.size() - last_end), max_output));
  out.append(value.substr(last_end));
  return out;
}

}  // namespace manifold::frontend::dockerfile
