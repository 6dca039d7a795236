// EvalContext: nested scopes of variables and functions.
#include "hcl/eval.hpp"

namespace manifold::hcl {

void EvalContext::SetVariable(std::string name, Value value) {
  variables_.insert_or_assign(std::move(name), std::move(value));
}

void EvalContext::SetFunction(std::string name, Function function) {
  functions_.insert_or_assign(std::move(name), std::move(function));
}

const Value* EvalContext::FindVariable(std::string_view name) const {
  for (const EvalContext* scope = this; scope != nullptr; scope = scope->parent_) {
    auto it = scope->variables_.find(name);
    if (it != scope->variables_.end()) return &it->second;
  }
  return nullptr;
}

const Function* EvalContext::FindFunction(std::string_view name) const {
  for (const EvalContext* scope = this; scope != nullptr; scope = scope->parent_) {
    auto it = scope->functions_.find(name);
    if (it != scope->functions_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace manifold::hcl
