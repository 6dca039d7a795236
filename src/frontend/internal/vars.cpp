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

std::optional<std::string_view> VarScope::Find(std::string_view name) const {
  const std::string key(name);
  if (auto it = env_.find(key); it != env_.end()) return it->second;
  if (auto it = args_.find(key); it != args_.end()) return it->second;
  return std::nullopt;
}

util::Status ExpansionBudget::CheckStop() const {
  if (stop_.stop_requested()) {
    return util::Fail(util::ErrorKind::kCancelled, "the build was interrupted");
  }
  return {};
}

util::Status ExpansionBudget::Charge(std::size_t bytes) {
  used_ += bytes;
  if (used_ > limit_) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "the Dockerfile's expansions make more than {} bytes in all; the limit is "
                      "{} MiB per build: keep large values in files rather than in ARG/ENV",
                      limit_, limit_ / dockerfile::kMiB);
  }
  return {};
}

namespace {
// The scope is read in place: copying it for every word would make a Dockerfile with many
// large variables quadratic.
dockerfile::ShellLookup LookupIn(const VarScope& scope) {
  return [&scope](std::string_view name) { return scope.Find(name); };
}
}  // namespace

util::Result<std::string> Expander::Word(std::string_view word) {
  MANIFOLD_CHECK(budget_.CheckStop());
  dockerfile::ShellLexer lexer(dockerfile::ShellLexerOptions{.escape = escape_,
                                                             .split_fields = false,
                                                             .max_pattern_work = budget_.work_left(),
                                                             .stop = budget_.stop()});
  auto r = lexer.ProcessWord(word, LookupIn(scope_));
  if (!r) return std::unexpected(std::move(r.error()));
  budget_.ChargeWork(r->pattern_work);
  MANIFOLD_CHECK(budget_.Charge(r->text.size()));
  used_.insert(r->matched.begin(), r->matched.end());
  used_.insert(r->unmatched.begin(), r->unmatched.end());
  return std::move(r->text);
}

util::Result<std::vector<std::string>> Expander::Words(std::string_view text) {
  MANIFOLD_CHECK(budget_.CheckStop());
  dockerfile::ShellLexer lexer(dockerfile::ShellLexerOptions{
      .escape = escape_, .max_pattern_work = budget_.work_left(), .stop = budget_.stop()});
  auto r = lexer.ProcessWord(text, LookupIn(scope_));
  if (!r) return std::unexpected(std::move(r.error()));
  budget_.ChargeWork(r->pattern_work);
  MANIFOLD_CHECK(budget_.Charge(r->text.size()));
  used_.insert(r->matched.begin(), r->matched.end());
  used_.insert(r->unmatched.begin(), r->unmatched.end());
  return std::move(r->words);
}

}  // namespace manifold::frontend::internal
