// ParseDotEnv: follows compose-go dotenv/parser.go statement by statement, so that a project's
// .env means the same here as under docker compose.
#include "bake/internal/dotenv.hpp"

#include <algorithm>
#include <cctype>

namespace manifold::bake::internal {
namespace {

using util::ErrorKind;

// dotenv's isSpace: blanks but not the line break.
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }
bool IsSpace(char c) { return IsBlank(c) || c == '\n'; }
bool IsKeyChar(unsigned char c) {
  return std::isalnum(c) != 0 || c == '_' || c == '.' || c == '-' || c == '[' || c == ']' ||
         c >= 0x80;  // dotenv accepts any Unicode letter or digit
}

class Parser {
 public:
  Parser(std::string_view text, const VariableLookup& lookup) : rest_(text), lookup_(lookup) {}

  util::Result<EnvEntries> Parse() {
    while (SkipToStatement()) {
      MANIFOLD_CHECK(Statement());
    }
    return std::move(out_);
  }

 private:
  bool SkipToStatement() {
    while (true) {
      std::size_t i = 0;
      while (i < rest_.size() && IsSpace(rest_[i])) {
        if (rest_[i] == '\n') ++line_;
        ++i;
      }
      rest_.remove_prefix(i);
      if (rest_.empty()) return false;
      if (rest_[0] != '#') return true;
      std::size_t eol = rest_.find('\n');
      if (eol == std::string_view::npos) return false;
      rest_.remove_prefix(eol);
    }
  }

  util::Status Statement() {
    if (rest_.starts_with("export") && rest_.size() > 6 && IsSpace(rest_[6])) {
      rest_.remove_prefix(6);
      while (!rest_.empty() && IsBlank(rest_[0])) rest_.remove_prefix(1);
    }
    std::size_t i = 0;
    char stop = '\n';
    for (; i < rest_.size(); ++i) {
      char c = rest_[i];
      if (IsBlank(c)) continue;
      if (c == '=' || c == ':' || c == '\n') {
        stop = c;
        break;
      }
      if (!IsKeyChar(static_cast<unsigned char>(c))) {
        return Error("unexpected character '{}' in variable name \"{}\"", std::string(1, c),
                     rest_.substr(0, rest_.find('\n')));
      }
    }
    std::string key(rest_.substr(0, i));
    while (!key.empty() && IsBlank(key.back())) key.pop_back();
    if (key.find_first_of(" \t") != std::string::npos) return Error("key cannot contain a space");
    rest_.remove_prefix(std::min(i + 1, rest_.size()));
    if (stop == '\n') {  // a bare KEY inherits the environment's value
      ++line_;
      if (auto value = lookup_(key)) Set(std::move(key), std::move(*value));
      return {};
    }
    while (!rest_.empty() && IsBlank(rest_[0])) rest_.remove_prefix(1);
    std::string value = MANIFOLD_TRY(Value());
    Set(std::move(key), std::move(value));
    return {};
  }

  util::Result<std::string> Value() {
    const int first_line = line_;
    if (rest_.empty() || (rest_[0] != '"' && rest_[0] != '\'')) {
      std::size_t eol = rest_.find('\n');
      std::string_view value = rest_.substr(0, eol);
      rest_.remove_prefix(eol == std::string_view::npos ? rest_.size() : eol + 1);
      if (std::size_t comment = value.find(" #"); comment != std::string_view::npos) {
        value = value.substr(0, comment);
      }
      while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
      ++line_;
      return Expand(value, first_line);
    }
    char quote = rest_[0];
    std::string chars;
    bool escaped = false;
    for (std::size_t i = 1; i < rest_.size(); ++i) {
      char c = rest_[i];
      if (c == '\n') ++line_;
      if (c != quote) {
        if (!escaped && c == '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {  // \" or \' keeps the quote
        escaped = false;
        chars += c;
        continue;
      }
      rest_.remove_prefix(i + 1);
      if (quote == '\'') return chars;
      return Expand(Unescape(chars), first_line);
    }
    line_ = first_line;
    return Error("unterminated quoted value {}", rest_.substr(0, rest_.find('\n')));
  }

  // dotenv's expandEscapes: the shell's escapes; `\$` becomes `$$` so that interpolation
  // leaves one literal `$`.
  static std::string Unescape(std::string_view in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] != '\\' || i + 1 == in.size()) {
        out += in[i];
        continue;
      }
      char c = in[++i];
      static constexpr std::string_view kFrom = "abfnrtv\"\\";
      static constexpr std::string_view kTo = "\a\b\f\n\r\t\v\"\\";
      if (std::size_t k = kFrom.find(c); k != std::string_view::npos) {
        out += kTo[k];
      } else if (c == '$') {
        out += "$$";
      } else {
        out += '\\';
        out += c;
      }
    }
    return out;
  }

  util::Result<std::string> Expand(std::string_view value, int line) {
    auto result =
        SubstituteVariables(value, [&](std::string_view name) -> std::optional<std::string> {
          if (auto v = lookup_(name)) return v;
          for (const auto& [k, v] : out_) {
            if (k == name) return v;
          }
          return std::nullopt;
        });
    if (!result) return std::unexpected(std::move(result.error()).Context("line {}", line));
    return result;
  }

  void Set(std::string key, std::string value) {
    for (auto& [k, v] : out_) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    out_.emplace_back(std::move(key), std::move(value));
  }

  template <typename... Args>
  std::unexpected<util::Error> Error(fmt::format_string<Args...> format, Args&&... args) {
    return util::Fail(ErrorKind::kInvalidArgument, "line {}: {}", line_,
                      fmt::format(format, std::forward<Args>(args)...));
  }

  std::string_view rest_;
  const VariableLookup& lookup_;
  EnvEntries out_;
  int line_ = 1;
};

}  // namespace

util::Result<EnvEntries> ParseDotEnv(std::string_view text, const VariableLookup& lookup) {
  return Parser(text, lookup).Parse();
}

}  // namespace manifold::bake::internal
