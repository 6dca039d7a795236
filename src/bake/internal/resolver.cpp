// Resolver: definitions, variables (defaults, types, overrides, validations) and user functions.
#include "bake/internal/resolver.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "bake/internal/expr_util.hpp"
#include "hcl/convert.hpp"
#include "hcl/functions.hpp"
#include "hcl/variables.hpp"

namespace manifold::bake::internal {
namespace {

// Resolution recurses through definitions that refer to each other, and user functions run a
// nested evaluation; both are refused past this much stack so that no input overflows it
// (the hcl evaluator itself may use up to 3 MiB more below a nested call).
constexpr intptr_t kMaxStackBytes = 2 << 20;
constexpr size_t kMaxFunctionCalls = 100000;
constexpr const char* kBuiltinPlatform = "BAKE_LOCAL_PLATFORM";
constexpr const char* kBuiltinContext = "BAKE_CMD_CONTEXT";

intptr_t StackHere() { return reinterpret_cast<intptr_t>(__builtin_frame_address(0)); }

util::Status OneLabel(const hcl::Block& block) {
  if (block.labels.size() == 1) return {};
  return std::unexpected(hcl::ErrorAt(
      block.type_range, fmt::format("Invalid block; a {} block needs exactly one label, its name.",
                                    block.type)));
}

}  // namespace

util::Error LocatedError(util::Error error, const hcl::Range& at, std::string_view summary) {
  if (error.location()) return error;
  return hcl::ErrorAt(at, fmt::format("{}; {}", summary, error.message()));
}

Resolver::Resolver(const HclOptions& options) : options_(options) {
  hcl::AddStandardFunctions(root_);
  builtins_[kBuiltinPlatform] = options.local_platform;
  builtins_[kBuiltinContext] = options.cmd_context;
  stack_base_ = StackHere();
}

util::Status Resolver::CheckDepth(const hcl::Range& where) const {
  if (stack_base_ - StackHere() <= kMaxStackBytes) return {};
  return std::unexpected(hcl::ErrorAt(where, "Definitions nested too deeply; variables, functions "
                                             "and blocks refer to each other in too long a "
                                             "chain."));
}

util::Status Resolver::AddBody(const hcl::Body& body) {
  for (const hcl::Attribute& attr : body.attributes) {
    if (attr.name == "target" || attr.name == "group" || attr.name == "function" ||
        builtins_.count(attr.name) > 0) {
      continue;  // reserved names, skipped as buildx does
    }
    attributes_[attr.name] = &attr;
  }
  for (const hcl::Block& block : body.blocks) {
    if (block.type == "target" || block.type == "group") {
      MANIFOLD_CHECK(OneLabel(block));
      blocks_.push_back(&block);
    } else if (block.type == "variable") {
      MANIFOLD_CHECK(OneLabel(block));
      const std::string& name = block.labels[0];
      if (name == "target" || name == "group" || builtins_.count(name) > 0) continue;
      VariableDef def;
      def.block = &block;
      for (const hcl::Attribute& a : block.body->attributes) {
        if (a.name == "default") {
          def.default_attr = &a;
        } else if (a.name == "type") {
          def.type = MANIFOLD_TRY(ParseVarType(*a.expr));
        } else if (a.name == "description") {
          auto v = hcl::Evaluate(*a.expr, hcl::EvalContext());
          if (!v || v->kind() != hcl::Kind::kString) {
            return std::unexpected(hcl::ErrorAt(
                a.expr->range, "Invalid description; a variable's description must be a string."));
          }
          def.description = v->AsString();
        }
      }
      for (const hcl::Block& inner : block.body->blocks) {
        if (inner.type != "validation") continue;
        for (const char* required : {"condition", "error_message"}) {
          if (inner.body->FindAttribute(required) == nullptr) {
            return std::unexpected(hcl::ErrorAt(
                inner.type_range,
                fmt::format("Missing required argument; The argument \"{}\" is required, but no "
                            "definition was found.",
                            required)));
          }
        }
      }
      variables_[name] = std::move(def);
    } else if (block.type == "function") {
      MANIFOLD_CHECK(OneLabel(block));
      for (const hcl::Attribute& a : block.body->attributes) {
        if (a.name != "params" && a.name != "variadic_params" && a.name != "result") {
          return std::unexpected(hcl::ErrorAt(
              a.name_range, fmt::format("Unsupported argument; An argument named \"{}\" is not "
                                        "expected here.",
                                        a.name)));
        }
      }
      const std::string& name = block.labels[0];
      if (name == "target" || name == "group") continue;
      functions_[name] = FunctionDef{&block};
    }
    // Other block types are ignored, as buildx ignores them at the top level.
  }
  return {};
}

util::Result<hcl::Value> Resolver::Eval(const hcl::Expression& expr, const hcl::EvalContext& ctx) {
  std::vector<hcl::VariableReference> refs = BlockReferences(expr);
  if (refs.empty()) return hcl::Evaluate(expr, ctx);
  hcl::EvalContext scope(&ctx);
  AddBlockObjects(refs, scope);
  return hcl::Evaluate(expr, scope);
}

util::Status Resolver::LoadDeps(const hcl::Expression& expr, const hcl::EvalContext& ctx,
                                const std::set<std::string>& exclude, bool allow_missing) {
  MANIFOLD_CHECK(CheckDepth(expr.range));
  for (const std::string& fn : FunctionCalls(expr)) {
    MANIFOLD_CHECK(ResolveFunction(fn, allow_missing));
  }
  for (const hcl::VariableReference& ref : hcl::Variables(expr)) {
    if (exclude.count(ref.root) > 0) continue;
    bool is_target = ref.root == "target";
    if (is_target || ref.root == "group") {
      if (ref.path.empty()) {
        return std::unexpected(hcl::ErrorAt(
            ref.range, fmt::format("Invalid expression; cannot access {} as a variable, name one "
                                   "of its blocks ({}.NAME)",
                                   ref.root, ref.root)));
      }
      auto& index = is_target ? targets_by_name_ : groups_by_name_;
      auto it = index.find(ref.path[0]);
      if (it == index.end()) continue;  // evaluation reports the unknown name
      for (Instance* inst : it->second) {
        if (ref.path.size() > 1) {
          MANIFOLD_CHECK(ResolveAttribute(*inst, ref.path[1]));
        } else {
          MANIFOLD_CHECK(ResolveInstance(*inst));
        }
      }
      continue;
    }
    if (ctx.FindVariable(ref.root) != nullptr) continue;
    util::Status resolved = ResolveValue(ref.root, allow_missing);
    if (!resolved) {
      return std::unexpected(LocatedError(std::move(resolved.error()), ref.range, "Invalid expression"));
    }
  }
  return {};
}

util::Status Resolver::ResolveFunction(const std::string& name, bool allow_missing) {
  if (root_.FindFunction(name) != nullptr) return {};
  auto it = functions_.find(name);
  if (it == functions_.end()) {
    if (allow_missing) return {};
    return util::Fail(util::ErrorKind::kInvalidArgument, "function \"{}\" does not exist", name);
  }
  const hcl::Block& block = *it->second.block;
  const hcl::Range& where = block.label_ranges[0];
  auto fail = [&](std::string message) -> util::Status {
    return std::unexpected(hcl::ErrorAt(where, "Invalid function; " + message));
  };
  if (functions_in_progress_.count(name) > 0) {
    return fail(fmt::format("function cycle not allowed for {}: a function may not call itself, "
                            "directly or through others",
                            name));
  }
  const hcl::Attribute* params = block.body->FindAttribute("params");
  const hcl::Attribute* variadic = block.body->FindAttribute("variadic_params");
  const hcl::Attribute* result = block.body->FindAttribute("result");
  if (result == nullptr) return fail(fmt::format("empty result not allowed for {}", name));
  if (params == nullptr) return fail(fmt::format("empty params not allowed for {}", name));

  std::vector<std::string> names;
  const auto* list = std::get_if<hcl::TupleExpr>(&params->expr->node);
  if (list == nullptr) {
    return std::unexpected(
        hcl::ErrorAt(params->expr->range, "Invalid params; params must be a list of names."));
  }
  for (const auto& item : list->items) {
    std::optional<std::string> param = Keyword(*item);
    if (!param) {
      return std::unexpected(hcl::ErrorAt(
          item->range, "Invalid param element; Each parameter name must be an identifier."));
    }
    names.push_back(*param);
  }
  std::optional<std::string> rest;
  if (variadic != nullptr) {
    rest = Keyword(*variadic->expr);
    if (!rest) {
      return std::unexpected(hcl::ErrorAt(
          variadic->expr->range,
          "Invalid param element; Each parameter name must be an identifier."));
    }
  }
  std::set<std::string> exclude(names.begin(), names.end());
  if (rest) exclude.insert(*rest);

  functions_in_progress_.insert(name);
  util::Status deps = LoadDeps(*result->expr, root_, exclude, false);
  functions_in_progress_.erase(name);
  MANIFOLD_CHECK(deps);

  hcl::Function fn;
  fn.min_args = names.size();
  if (!rest) fn.max_args = names.size();
  std::shared_ptr<const hcl::Expression> body = result->expr;
  std::vector<hcl::VariableReference> refs = BlockReferences(*body);
  fn.call = [this, names, rest, body, refs](std::vector<hcl::Value> args) -> util::Result<hcl::Value> {
    if (++function_calls_ > kMaxFunctionCalls) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "more than {} calls of user functions; simplify the definitions",
                        kMaxFunctionCalls);
    }
    if (stack_base_ - StackHere() > kMaxStackBytes) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "user functions nested too deeply");
    }
    hcl::EvalContext scope(&root_);
    AddBlockObjects(refs, scope);
    for (size_t i = 0; i < names.size(); ++i) scope.SetVariable(names[i], args[i]);
    if (rest) {
      hcl::Tuple extra(args.begin() + static_cast<std::ptrdiff_t>(names.size()), args.end());
      scope.SetVariable(*rest, hcl::Value::MakeTuple(std::move(extra)));
    }
    return hcl::Evaluate(*body, scope);
  };
  root_.SetFunction(name, std::move(fn));
  return {};
}

util::Status Resolver::Run() {
  for (const auto& [name, value] : builtins_) MANIFOLD_CHECK(ResolveValue(name, false));
  for (const auto& [name, def] : variables_) MANIFOLD_CHECK(ResolveValue(name, false));
  MANIFOLD_CHECK(ValidateVariables());
  for (const auto& [name, def] : functions_) MANIFOLD_CHECK(ResolveFunction(name, false));
  for (const hcl::Block* block : blocks_) MANIFOLD_CHECK(CreateInstances(*block));
  for (auto& inst : instances_) MANIFOLD_CHECK(ResolveInstance(*inst));
  std::vector<std::string> names;
  for (const auto& [name, attr] : attributes_) names.push_back(name);
  for (const std::string& name : names) MANIFOLD_CHECK(ResolveValue(name, false));
  return {};
}

}  // namespace manifold::bake::internal
