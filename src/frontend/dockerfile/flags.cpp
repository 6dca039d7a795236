// Flag extraction with BuildKit's quoting rules, and the name/value split the semantic layer uses.
#include "frontend/dockerfile/flags.hpp"

#include "frontend/dockerfile/go_quote.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {

util::Result<ExtractedFlags> ExtractFlags(std::string_view text) {
  ExtractedFlags out;
  std::size_t pos = 0;
  // BuildKit scans flags byte by byte with a hard-coded `\`, whatever the escape directive says.
  // It asks unicode.IsSpace about single bytes, which splits UTF-8 sequences containing 0x85 or
  // 0xA0; we use ASCII whitespace only so that non-ASCII flag values survive intact.
  for (;;) {
    while (pos < text.size() && IsAsciiSpace(text[pos])) ++pos;
    if (pos == text.size()) {
      out.rest = text.substr(pos);
      return out;
    }
    if (text.substr(pos, 2) != "--") {
      out.rest = text.substr(pos);
      return out;
    }
    const std::size_t word_start = pos;
    std::string word;
    bool quoted = false;
    char quote = 0;
    while (pos < text.size()) {
      char c = text[pos];
      if (quote == 0 && IsAsciiSpace(c)) break;
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
        quoted = true;
        ++pos;
        continue;
      }
      if (quote != 0 && c == quote) {
        quote = 0;
        ++pos;
        continue;
      }
      if (c == '\\') {
        if (pos + 1 == text.size()) {  // a lone `\` at the very end is dropped
          ++pos;
          continue;
        }
        c = text[++pos];
      }
      word += c;
      ++pos;
    }
    if (quote != 0) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "unterminated {} quote in flag {}",
                        quote == '"' ? "double" : "single",
                        GoQuote(text.substr(word_start, pos - word_start)));
    }
    if (word == "--") {
      out.rest = text.substr(pos);
      return out;
    }
    if (quoted || !word.empty()) out.flags.push_back(std::move(word));
  }
}

util::Result<std::vector<Flag>> ParseFlags(const std::vector<std::string>& flags) {
  std::vector<Flag> out;
  out.reserve(flags.size());
  for (const std::string& text : flags) {
    if (text.rfind("--", 0) != 0) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "flag {} does not start with --",
                        GoQuote(text));
    }
    std::string_view body = std::string_view(text).substr(2);
    Flag flag;
    if (std::size_t eq = body.find('='); eq != std::string_view::npos) {
      flag.name = body.substr(0, eq);
      flag.value = std::string(body.substr(eq + 1));
    } else {
      flag.name = body;
    }
    if (flag.name.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "flag {} has no name", GoQuote(text));
    }
    out.push_back(std::move(flag));
  }
  return out;
}

}  // namespace manifold::frontend::dockerfile
