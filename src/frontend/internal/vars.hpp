// Variables a Dockerfile instruction sees: ARGs in scope and ENV, and expansion with them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <map>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/limits.hpp"
#include "util/error.hpp"

namespace manifold::frontend::internal {

/// Names and values in scope for expansion. ENV wins over an ARG of the same name (Docker's
/// rule), so the lowering keeps the two apart and merges them here.
class VarScope {
 public:
  void SetArg(const std::string& name, std::string value) { args_[name] = std::move(value); }
  void SetEnv(const std::string& name, std::string value) { env_[name] = std::move(value); }
  void ClearEnv() { env_.clear(); }
  std::optional<std::string> Get(const std::string& name) const;
  /// Get without a copy: the view is valid until the scope changes.
  std::optional<std::string_view> Find(std::string_view name) const;
  const std::map<std::string, std::string>& args() const { return args_; }
  /// Every visible name with its value (ENV over ARG).
  std::vector<std::pair<std::string, std::string>> All() const;

 private:
  std::map<std::string, std::string> args_;
  std::map<std::string, std::string> env_;
};

/// What all expansions of one Lower call may still produce (kMaxExpansionBytes in all), and the
/// stop token checked before every word, so that a long run of expensive words ends soon after
/// Ctrl-C. Not thread-safe.
class ExpansionBudget {
 public:
  explicit ExpansionBudget(std::stop_token stop = {},
                           std::size_t bytes = dockerfile::kMaxExpansionBytes)
      : stop_(std::move(stop)), limit_(bytes) {}
  /// kCancelled once the token is stopped.
  util::Status CheckStop() const;
  /// Takes `bytes` from the budget; kInvalidArgument naming the limit once it is spent.
  util::Status Charge(std::size_t bytes);
  /// Pattern-operator work (kMaxPatternWorkPerBuild in all): what is left, and taking some.
  std::size_t work_left() const { return work_limit_ - work_used_; }
  void ChargeWork(std::size_t work) { work_used_ += std::min(work, work_left()); }
  const std::stop_token& stop() const { return stop_; }
  /// What has been charged so far, and a return to an earlier mark (for work that is redone).
  std::pair<std::size_t, std::size_t> used() const { return {used_, work_used_}; }
  void Rewind(std::pair<std::size_t, std::size_t> mark) { std::tie(used_, work_used_) = mark; }

 private:
  std::stop_token stop_;
  std::size_t limit_;
  std::size_t used_ = 0;
  std::size_t work_limit_ = dockerfile::kMaxPatternWorkPerBuild;
  std::size_t work_used_ = 0;
};

/// Expands words with a VarScope (the shell lexer's rules), remembering which names were used
/// so the caller can tell whether an instruction depends on, say, TARGETARCH.
class Expander {
 public:
  /// Every word's result is charged to `budget`, which must outlive the Expander.
  Expander(char escape, const VarScope& scope, ExpansionBudget& budget)
      : escape_(escape), scope_(scope), budget_(budget) {}
  /// One word: expansion and quote removal, no splitting (ENV values, COPY paths, ...).
  util::Result<std::string> Word(std::string_view word);
  /// Expansion with field splitting (FROM, EXPOSE, ...).
  util::Result<std::vector<std::string>> Words(std::string_view text);
  const std::set<std::string>& used() const { return used_; }

 private:
  char escape_;
  const VarScope& scope_;
  ExpansionBudget& budget_;
  std::set<std::string> used_;
};

}  // namespace manifold::frontend::internal
