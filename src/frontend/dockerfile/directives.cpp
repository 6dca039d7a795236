// Directive recognition after BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
#include "frontend/dockerfile/directives.hpp"

#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

bool IsRegexSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

// Matches the directive shape; nullopt when the line is not one.
std::optional<Directive> Match(std::string_view line) {
  std::size_t pos = 0;
  if (line.empty() || line[0] != '#') return std::nullopt;
  ++pos;
  while (pos < line.size() && IsRegexSpace(line[pos])) ++pos;
  const std::size_t name_start = pos;
  if (pos >= line.size() || !IsAlpha(line[pos])) return std::nullopt;
  while (pos < line.size() && IsAlnum(line[pos])) ++pos;
  const std::string_view name = line.substr(name_start, pos - name_start);
  while (pos < line.size() && IsRegexSpace(line[pos])) ++pos;
  if (pos >= line.size() || line[pos] != '=') return std::nullopt;
  ++pos;
  while (pos < line.size() && IsRegexSpace(line[pos])) ++pos;
  std::size_t end = line.size();
  while (end > pos && IsRegexSpace(line[end - 1])) --end;
  if (end == pos) {
    // Only blanks after '=': the regexp still matches, giving `.+?` the last blank.
    if (pos == line.size()) return std::nullopt;
    return Directive{AsciiLower(name), std::string(line.substr(line.size() - 1))};
  }
  return Directive{AsciiLower(name), std::string(line.substr(pos, end - pos))};
}

}  // namespace

util::Result<std::optional<Directive>> DirectiveScanner::Scan(std::string_view line) {
  if (done_) return std::nullopt;
  std::optional<Directive> directive = Match(line);
  if (!directive) {
    done_ = true;
    return std::nullopt;
  }
  // BuildKit treats an unknown name as an ordinary comment; we reject it so that a misspelt
  // `# synatx=` does not silently select the default frontend.
  if (directive->name != "syntax" && directive->name != "escape" && directive->name != "check") {
    done_ = true;
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "unknown parser directive {:?} (known: syntax, escape, check)",
                      directive->name);
  }
  if (!seen_.insert(directive->name).second) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "only one {} parser directive can be used", directive->name);
  }
  if (directive->name == "escape" && directive->value != "\\" && directive->value != "`") {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid escape token '{}' does not match ` or \\", directive->value);
  }
  return directive;
}

}  // namespace manifold::frontend::dockerfile
