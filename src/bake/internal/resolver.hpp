// Resolver: evaluates a merged bake body lazily, as buildx's hclparser does — each variable,
// function and block attribute once, on first use, with cycles reported.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bake/hcl_config.hpp"
#include "bake/internal/var_type.hpp"
#include "hcl/ast.hpp"
#include "hcl/eval.hpp"
#include "hcl/variables.hpp"

namespace manifold::bake::internal {

/// `error` located at `at` with `summary` leading its message, unless it has a location.
util::Error LocatedError(util::Error error, const hcl::Range& at, std::string_view summary);

/// A `variable` block.
struct VariableDef {
  const hcl::Block* block = nullptr;
  const hcl::Attribute* default_attr = nullptr;
  std::optional<VarType> type;
  std::optional<std::string> description;
};

/// A `function` block.
struct FunctionDef {
  const hcl::Block* block = nullptr;
};

/// One target or group as evaluated: a block, or one combination of a block's matrix.
struct Instance {
  const hcl::Block* block = nullptr;
  bool is_target = true;
  std::string name;
  std::unique_ptr<hcl::EvalContext> matrix_ctx;  ///< the matrix variables; null = none
  std::map<std::string, hcl::Value, std::less<>> values;  ///< decoded attributes
  std::set<std::string, std::less<>> done;
  std::set<std::string, std::less<>> in_progress;
  hcl::Value reference;  ///< what `target.NAME` shows, rebuilt when `changed`
  bool changed = true;
};

/// The definitions of all files, gathered from their bodies (later definitions win), and the
/// evaluation over them. The bodies must outlive the Resolver. Not thread-safe.
class Resolver {
 public:
  explicit Resolver(const HclOptions& options);
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  /// Adds one file's top-level body. Errors: malformed variable or function blocks, target or
  /// group blocks without exactly one label.
  util::Status AddBody(const hcl::Body& body);

  /// Evaluates everything in buildx's order: variables (and their validations), functions,
  /// then every block, creating the matrix instances first. Then Instances() and
  /// VariableValue() hold the results.
  util::Status Run();

  const std::vector<std::unique_ptr<Instance>>& Instances() const { return instances_; }
  const std::map<std::string, VariableDef>& Variables() const { return variables_; }
  /// Every target and group block in order, with the names of its instances.
  const std::vector<std::pair<const hcl::Block*, std::vector<std::string>>>& BlockNames() const {
    return block_names_;
  }
  /// The value a variable resolved to (after Run), or nullptr.
  const hcl::Value* VariableValue(const std::string& name) const;
  /// A variable's default as evaluated, before any override (after Run).
  std::optional<hcl::Value> DefaultValue(const std::string& name) const;

 private:
  util::Status LoadDeps(const hcl::Expression& expr, const hcl::EvalContext& ctx,
                        const std::set<std::string>& exclude, bool allow_missing);
  util::Status ResolveValue(const std::string& name, bool allow_missing);
  util::Status ResolveValueUnguarded(const std::string& name);
  util::Status ResolveFunction(const std::string& name, bool allow_missing);
  util::Status ValidateVariables();
  util::Result<hcl::Value> Eval(const hcl::Expression& expr, const hcl::EvalContext& ctx);
  util::Status CheckDepth(const hcl::Range& where) const;

  // Blocks (resolver_blocks.cpp).
  util::Status CreateInstances(const hcl::Block& block);
  util::Status ResolveAttribute(Instance& inst, const std::string& attr);
  util::Status ResolveInstance(Instance& inst);
  /// The references to `target` and `group` in `expr`.
  static std::vector<hcl::VariableReference> BlockReferences(const hcl::Expression& expr);
  /// Defines `target` and `group` in `scope` with the blocks `refs` name (only those, so that
  /// an evaluation costs what it reads, not what the files define).
  void AddBlockObjects(const std::vector<hcl::VariableReference>& refs, hcl::EvalContext& scope);
  hcl::Value ReferenceObject(const Instance& inst) const;

  const HclOptions& options_;
  hcl::EvalContext root_;  // standard functions, then resolved variables and user functions
  std::map<std::string, std::string> builtins_;
  std::map<std::string, VariableDef> variables_;
  std::map<std::string, const hcl::Attribute*> attributes_;
  std::map<std::string, FunctionDef> functions_;
  std::vector<const hcl::Block*> blocks_;  // targets and groups, in order
  std::map<std::string, hcl::Value> defaults_;

  std::vector<std::string> value_stack_;  // variables being resolved, for cycle messages
  std::set<std::string> functions_in_progress_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::vector<std::pair<const hcl::Block*, std::vector<std::string>>> block_names_;
  std::map<std::string, std::vector<Instance*>, std::less<>> targets_by_name_;
  std::map<std::string, std::vector<Instance*>, std::less<>> groups_by_name_;
  intptr_t stack_base_ = 0;
  size_t function_calls_ = 0;
};

}  // namespace manifold::bake::internal
