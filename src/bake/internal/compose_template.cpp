// SubstituteVariables: a scanner with the results of compose-go's template regexp and
// replacement functions (template/template.go), without its regexp.
#include "bake/internal/compose_template.hpp"

namespace manifold::bake::internal {
namespace {

using util::ErrorKind;

bool IsNameStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

// compose-go's getFirstBraceClosingIndex: counts braces from the `$`, and the character after
// each `{` is skipped (so `${` opens one level).
std::size_t ClosingBrace(std::string_view text, std::size_t dollar) {
  int open = 0;
  for (std::size_t i = dollar; i < text.size(); ++i) {
    if (text[i] == '}') {
      if (--open == 0) return i;
    }
    if (text[i] == '{') {
      ++open;
      ++i;
    }
  }
  return std::string_view::npos;
}

// Nesting of `${A:-${B:-...}}` beyond any real file; the limit keeps recursion off the stack's end.
constexpr int kMaxNesting = 32;

util::Result<std::string> Substitute(std::string_view text, const VariableLookup& lookup,
                                     int depth);

util::Result<std::string> Braced(std::string_view body, std::string_view whole,
                                 const VariableLookup& lookup, int depth) {
  std::size_t n = 0;
  if (!body.empty() && IsNameStart(body[0])) {
    while (n < body.size() && IsNameChar(body[n])) ++n;
  }
  if (n == 0) {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid interpolation format: \"{}\"", whole);
  }
  std::string name(body.substr(0, n));
  std::string_view rest = body.substr(n);
  std::optional<std::string> value = lookup(name);
  if (rest.empty()) return value.value_or("");

  bool colon = rest[0] == ':';
  if (colon) rest.remove_prefix(1);
  if (rest.empty() || (rest[0] != '-' && rest[0] != '+' && rest[0] != '?')) {
    return util::Fail(ErrorKind::kInvalidArgument, "invalid interpolation format: \"{}\"", whole);
  }
  char op = rest[0];
  std::string_view argument = rest.substr(1);
  bool present = value.has_value() && (!colon || !value->empty());
  switch (op) {
    case '-':
      if (present) return *value;
      return Substitute(argument, lookup, depth + 1);
    case '+':
      if (present) return Substitute(argument, lookup, depth + 1);
      return value.value_or("");
    default: {  // '?'
      if (present) return *value;
      std::string reason = MANIFOLD_TRY(Substitute(argument, lookup, depth + 1));
      if (reason.empty()) {
        return util::Fail(ErrorKind::kInvalidArgument, "required variable {} is missing a value",
                          name);
      }
      return util::Fail(ErrorKind::kInvalidArgument, "required variable {} is missing a value: {}",
                        name, reason);
    }
  }
}

util::Result<std::string> Substitute(std::string_view text, const VariableLookup& lookup,
                                     int depth) {
  if (depth > kMaxNesting) {
    return util::Fail(ErrorKind::kInvalidArgument, "interpolation nested deeper than {} levels",
                      kMaxNesting);
  }
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '$' || i + 1 == text.size()) {
      out += c;
      ++i;
      continue;
    }
    char next = text[i + 1];
    if (next == '$') {
      out += '$';
      i += 2;
    } else if (IsNameStart(next)) {
      std::size_t end = i + 1;
      while (end < text.size() && IsNameChar(text[end])) ++end;
      out += lookup(text.substr(i + 1, end - i - 1)).value_or("");
      i = end;
    } else if (next == '{') {
      std::size_t close = ClosingBrace(text, i);
      if (close == std::string_view::npos) {
        return util::Fail(ErrorKind::kInvalidArgument, "invalid interpolation format: \"{}\"",
                          text);
      }
      out += MANIFOLD_TRY(Braced(text.substr(i + 2, close - i - 2), text, lookup, depth));
      i = close + 1;
    } else {
      out += c;  // compose's pattern does not match: the `$` is literal
      ++i;
    }
  }
  return out;
}

}  // namespace

util::Result<std::string> SubstituteVariables(std::string_view text, const VariableLookup& lookup) {
  return Substitute(text, lookup, 0);
}

}  // namespace manifold::bake::internal
