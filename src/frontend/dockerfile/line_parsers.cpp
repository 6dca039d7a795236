// Argument rules per instruction, matching BuildKit's line parsers so the AST dump agrees.
#include "frontend/dockerfile/line_parsers.hpp"

#include "frontend/dockerfile/go_quote.hpp"
#include "frontend/dockerfile/json_array.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

// Splits on runs of [\t\v\f\r ] at most `limit` times (0 = no limit), like regexp.Split.
std::vector<std::string> SplitBlanks(std::string_view text, std::size_t limit) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!IsBlank(text[pos]) || (limit != 0 && parts.size() + 1 == limit)) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (pos < text.size() && IsBlank(text[pos])) ++pos;
    parts.emplace_back(text.substr(start, end - start));
    start = pos;
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

}  // namespace

std::vector<std::string> SplitQuotedWords(std::string_view text, char escape) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char32_t quote = 0;
  bool blank_ok = false;  // a word that had quotes is kept even when empty
  std::size_t pos = 0;
  while (pos < text.size()) {
    DecodedRune r = DecodeRune(text, pos);
    if (!in_word) {
      if (IsGoSpace(r.rune)) {
        pos += r.width;
        continue;
      }
      in_word = true;
    }
    if (quote == 0) {
      if (IsGoSpace(r.rune)) {
        if (blank_ok || !word.empty()) words.push_back(std::move(word));
        word.clear();
        in_word = false;
        blank_ok = false;
        pos += r.width;
        continue;
      }
      if (r.rune == '\'' || r.rune == '"') {
        quote = r.rune;
        blank_ok = true;
      } else if (r.rune == static_cast<unsigned char>(escape)) {
        if (pos + r.width == text.size()) break;  // an escape at the very end is dropped
        word += escape;
        pos += r.width;
        r = DecodeRune(text, pos);
      }
    } else {
      if (r.rune == quote) {
        quote = 0;
      } else if (r.rune == static_cast<unsigned char>(escape) && quote != '\'') {
        if (pos + r.width == text.size()) break;
        word += escape;
        pos += r.width;
        r = DecodeRune(text, pos);
      }
    }
    word.append(text.substr(pos, r.width));
    pos += r.width;
  }
  if (in_word && (blank_ok || !word.empty())) words.push_back(std::move(word));
  return words;
}

util::Result<ParsedArgs> ParseMaybeJson(std::string_view text) {
  ParsedArgs out;
  if (text.empty()) return out;
  JsonArray json = ParseJsonArray(text);
  switch (json.kind) {
    case JsonArrayKind::kStrings:
      out.args = std::move(json.values);
      out.json_form = true;
      return out;
    case JsonArrayKind::kNonString:
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "when using JSON array syntax, arrays must be comprised of strings only");
    case JsonArrayKind::kNotJson:
      break;
  }
  out.args.emplace_back(text);
  return out;
}

util::Result<ParsedArgs> ParseMaybeJsonToList(std::string_view text) {
  JsonArray json = ParseJsonArray(text);
  if (json.kind == JsonArrayKind::kNonString) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "when using JSON array syntax, arrays must be comprised of strings only");
  }
  if (json.kind == JsonArrayKind::kStrings) return ParsedArgs{std::move(json.values), true};
  return ParseWhitespaceDelimited(text);
}

ParsedArgs ParseWhitespaceDelimited(std::string_view text) {
  ParsedArgs out;
  if (!text.empty()) out.args = SplitBlanks(text, 0);
  return out;
}

util::Result<ParsedArgs> ParseNameValue(std::string_view text, std::string_view keyword,
                                        char escape) {
  ParsedArgs out;
  const std::vector<std::string> words = SplitQuotedWords(text, escape);
  if (words.empty()) return out;
  // Old form `KEY value with spaces`: the first word has no '='; the value is the rest verbatim.
  if (words.front().find('=') == std::string::npos) {
    std::vector<std::string> parts = SplitBlanks(text, 2);
    if (parts.size() < 2) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} must have two arguments", keyword);
    }
    out.args = {std::move(parts[0]), std::move(parts[1]), ""};
    return out;
  }
  for (const std::string& word : words) {
    const std::size_t eq = word.find('=');
    if (eq == std::string::npos) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "Syntax error - can't find = in {}. Must be of the form: name=value",
                        GoQuote(word));
    }
    out.args.push_back(word.substr(0, eq));
    out.args.push_back(word.substr(eq + 1));
    out.args.emplace_back("=");
  }
  return out;
}

ParsedArgs ParseNameOrNameValue(std::string_view text, char escape) {
  return ParsedArgs{SplitQuotedWords(text, escape), false};
}

util::Result<ParsedArgs> ParseHealthcheck(std::string_view text) {
  std::size_t sep = 0;
  while (sep < text.size() && !IsAsciiSpace(text[sep])) ++sep;
  if (sep == 0) return ParsedArgs{};
  std::size_t next = sep;
  while (next < text.size() && IsAsciiSpace(text[next])) ++next;
  auto cmd = ParseMaybeJson(text.substr(next));
  if (!cmd) return std::unexpected(std::move(cmd.error()));
  ParsedArgs out;
  out.args.emplace_back(text.substr(0, sep));
  for (std::string& arg : cmd->args) out.args.push_back(std::move(arg));
  out.json_form = cmd->json_form;
  return out;
}

}  // namespace manifold::frontend::dockerfile
