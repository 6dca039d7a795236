// Variables a Dockerfile instruction sees: ARGs in scope and ENV, and expansion with them.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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
  const std::map<std::string, std::string>& args() const { return args_; }
  /// Every visible name with its value (ENV over ARG).
  std::vector<std::pair<std::string, std::string>> All() const;

 private:
  std::map<std::string, std::string> args_;
  std::map<std::string, std::string> env_;
};

/// Expands words with a VarScope (the shell lexer's rules), remembering which names were used
/// so the caller can tell whether an instruction depends on, say, TARGETARCH.
class Expander {
 public:
  Expander(char escape, const VarScope& scope) : escape_(escape), scope_(scope) {}
  /// One word: expansion and quote removal, no splitting (ENV values, COPY paths, ...).
  util::Result<std::string> Word(std::string_view word);
  /// Expansion with field splitting (FROM, EXPOSE, ...).
  util::Result<std::vector<std::string>> Words(std::string_view text);
  const std::set<std::string>& used() const { return used_; }

 private:
  char escape_;
  const VarScope& scope_;
  std::set<std::string> used_;
};

}  // namespace manifold::frontend::internal
