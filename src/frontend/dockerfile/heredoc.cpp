// Heredoc word recognition. BuildKit runs its shell lexer over the line and over the terminator
// word twice (quotes kept / removed) and compares the quote counts to learn whether any part was
// quoted; this file carries the small subset of that lexer the decision depends on.
#include "frontend/dockerfile/heredoc.hpp"

#include <algorithm>
#include <charconv>

#include "frontend/dockerfile/text.hpp"
#include "util/utf8.hpp"

namespace manifold::frontend::dockerfile {
namespace {

struct LexOptions {
  bool raw_quotes = false;   // keep quote characters in the words
  bool raw_escapes = false;  // keep the `\` of an escape in the words
};

// Accumulates words the way the shell lexer does: plain spaces split, quoted or escaped text
// never does.
class Words {
 public:
  void AddChar(char32_t rune) {
    if (IsGoSpace(rune)) {
      if (in_word_ && !word_.empty()) {
        words_.push_back(std::move(word_));
        word_.clear();
        in_word_ = false;
      }
      return;
    }
    AddRawChar(rune);
  }
  void AddRawChar(char32_t rune) {
    util::AppendUtf8(word_, rune);
    in_word_ = true;
  }
  void AddRawString(std::string_view text) {
    word_ += text;
    in_word_ = true;
  }
  std::vector<std::string> Finish() {
    if (!word_.empty()) words_.push_back(std::move(word_));
    return std::move(words_);
  }

 private:
  std::string word_;
  std::vector<std::string> words_;
  bool in_word_ = false;
};

// Splits `text` into words with the default `\` escape. `$` stays literal: the lexer runs with
// no variables set and keeps unset references as written. `<<` swallows the blanks after it, so
// `<<  EOF` stays one word.
util::Result<std::vector<std::string>> SplitWords(std::string_view text, LexOptions options) {
  Words words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const DecodedRune r = DecodeRune(text, pos);
    const char32_t ch = r.rune;
    if (ch == '\'') {
      std::size_t close = text.find('\'', pos + 1);
      if (close == std::string_view::npos) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "unexpected end of statement while looking for matching single-quote");
      }
      words.AddRawString(options.raw_quotes ? text.substr(pos, close + 1 - pos)
                                            : text.substr(pos + 1, close - pos - 1));
      pos = close + 1;
    } else if (ch == '"') {
      std::string part = options.raw_quotes ? "\"" : "";
      ++pos;
      for (;;) {
        if (pos >= text.size()) {
          return util::Fail(util::ErrorKind::kInvalidArgument,
                            "unexpected end of statement while looking for matching double-quote");
        }
        const char c = text[pos];
        if (c == '"') {
          if (options.raw_quotes) part += '"';
          ++pos;
          break;
        }
        if (c == '\\' && pos + 1 < text.size() &&
            (text[pos + 1] == '"' || text[pos + 1] == '$' || text[pos + 1] == '\\')) {
          if (options.raw_escapes) part += '\\';
          part += text[pos + 1];
          pos += 2;
          continue;
        }
        if (c == '\\' && pos + 1 == text.size()) {
          ++pos;
          continue;
        }
        part += c;  // other backslashes stay as written inside double quotes
        ++pos;
      }
      words.AddRawString(part);
    } else if (ch == '<') {
      ++pos;
      if (pos < text.size() && text[pos] == '<') {
        ++pos;
        std::size_t start = pos - 2;
        while (pos < text.size()) {
          const DecodedRune s = DecodeRune(text, pos);
          if (!IsGoSpace(s.rune)) break;
          pos += s.width;
        }
        words.AddRawString(text.substr(start, pos - start));
      } else {
        words.AddRawString("<");
      }
    } else if (ch == '\\') {
      ++pos;
      if (options.raw_escapes) words.AddRawChar('\\');
      if (pos >= text.size()) break;
      const DecodedRune next = DecodeRune(text, pos);
      words.AddRawString(text.substr(pos, next.width));
      pos += next.width;
    } else {
      words.AddChar(ch);
      pos += r.width;
    }
  }
  return words.Finish();
}

bool IsRegexSpace(char c) {  // RE2's \s
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

std::size_t CountQuotes(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\'') +
                                  std::count(text.begin(), text.end(), '"'));
}

}  // namespace

util::Result<std::optional<Heredoc>> ParseHeredocWord(std::string_view word) {
  // The shape BuildKit matches: ^(\d*)<<(-?)\s*([^<]*)$
  std::size_t pos = 0;
  while (pos < word.size() && word[pos] >= '0' && word[pos] <= '9') ++pos;
  const std::string_view digits = word.substr(0, pos);
  if (word.substr(pos, 2) != "<<") return std::nullopt;
  pos += 2;
  Heredoc heredoc;
  if (pos < word.size() && word[pos] == '-') {
    heredoc.chomp = true;
    ++pos;
  }
  while (pos < word.size() && IsRegexSpace(word[pos])) ++pos;
  const std::string_view rest = word.substr(pos);
  if (rest.find('<') != std::string_view::npos || rest.empty()) return std::nullopt;
  if (!digits.empty()) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), heredoc.fd);
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "heredoc file descriptor {} is out of range", digits);
    }
  }
  auto cooked = SplitWords(rest, LexOptions{});
  if (!cooked) return std::unexpected(std::move(cooked.error()));
  if (cooked->size() != 1) return std::nullopt;
  auto raw = SplitWords(rest, LexOptions{.raw_quotes = true});
  if (!raw) return std::unexpected(std::move(raw.error()));
  if (raw->size() != 1) return std::nullopt;
  heredoc.name = std::move(cooked->front());
  // Escaped quotes appear in both spellings; only quotes that quoted something differ.
  heredoc.expand = CountQuotes(heredoc.name) == CountQuotes(raw->front());
  return heredoc;
}

util::Result<std::vector<Heredoc>> HeredocsFromLine(std::string_view line) {
  std::vector<Heredoc> heredocs;
  auto words = SplitWords(line, LexOptions{.raw_quotes = true, .raw_escapes = true});
  if (!words) return heredocs;  // unbalanced quotes: BuildKit finds no heredoc either
  for (const std::string& word : *words) {
    auto heredoc = ParseHeredocWord(word);
    if (!heredoc) return std::unexpected(std::move(heredoc.error()));
    if (*heredoc) heredocs.push_back(std::move(**heredoc));
  }
  return heredocs;
}

std::string ChompHeredocContent(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out += c;
  }
  return out;
}

}  // namespace manifold::frontend::dockerfile
