// VarScope and Expander over the shell lexer.
#include "frontend/internal/vars.hpp"

#include "frontend/dockerfile/shell_env.hpp"
#include "frontend/dockerfile/shell_lexer.hpp"

namespace manifold::frontend::internal {

std::optional<std::string> VarScope::Get(const std::string& name) const {
  if (auto it = env_.find(name); it != env_.end()) return it->second;
  if (auto it = args_.find(name); it != args_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> VarScope::All() const {
  std::map<std::string, std::string> merged = args_;
  for (const auto& [k, v] : env_) merged[k] = v;
  return {merged.begin(), merged.end()};
}

namespace {
dockerfile::ShellEnv ToEnv(const VarScope& scope) {
  dockerfile::ShellEnv env;
  for (const auto& [k, v] : scope.All()) env.Set(k, v);
  return env;
}
}  // namespace

util::Result<std::string> Expander::Word(std::string_view word) {
  dockerfile::ShellLexer lexer(escape_);
  auto r = lexer.ProcessWord(word, ToEnv(scope_));
  if (!r) return std::unexpected(std::move(r.error()));
  used_.insert(r->matched.begin(), r->matched.end());
  used_.insert(r->unmatched.begin(), r->unmatched.end());
  return std::move(r->text);
}

util::Result<std::vector<std::string>> Expander::Words(std::string_view text) {
  dockerfile::ShellLexer lexer(escape_);
  auto r = lexer.ProcessWord(text, ToEnv(scope_));
  if (!r) return std::unexpected(std::move(r.error()));
  used_.insert(r->matched.begin(), r->matched.end());
  used_.insert(r->unmatched.begin(), r->unmatched.end());
  return std::move(r->words);
}

}  // namespace manifold::frontend::internal
