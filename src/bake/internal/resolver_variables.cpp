// Resolver's variables: defaults, type constraints, environment overrides and validations,
// as buildx's resolveValue, valueHasOverride and validateVariables.
#include <fmt/format.h>

#include <algorithm>

#include "bake/internal/resolver.hpp"
#include "hcl/convert.hpp"

namespace manifold::bake::internal {

util::Status Resolver::ResolveValue(const std::string& name, bool allow_missing) {
  if (root_.FindVariable(name) != nullptr) return {};
  if (builtins_.count(name) == 0 && attributes_.count(name) == 0 && variables_.count(name) == 0) {
    if (allow_missing) return {};
    return util::Fail(util::ErrorKind::kInvalidArgument, "variable \"{}\" does not exist", name);
  }
  if (std::find(value_stack_.begin(), value_stack_.end(), name) != value_stack_.end()) {
    std::string chain;
    auto from = std::find(value_stack_.begin(), value_stack_.end(), name);
    for (auto it = from; it != value_stack_.end(); ++it) chain += *it + " -> ";
    return util::Fail(util::ErrorKind::kInvalidArgument, "variable cycle not allowed for {} ({}{})",
                      name, chain, name);
  }
  value_stack_.push_back(name);
  util::Status status = ResolveValueUnguarded(name);
  value_stack_.pop_back();
  return status;
}

util::Status Resolver::ResolveValueUnguarded(const std::string& name) {
  if (auto b = builtins_.find(name); b != builtins_.end()) {
    root_.SetVariable(name, hcl::Value::String(b->second));
    return {};
  }
  // A top-level attribute of the same name is the default, untyped; the variable block still
  // lets the environment override it (buildx's resolveValue).
  const hcl::Attribute* def = nullptr;
  const VariableDef* var = nullptr;
  auto attr = attributes_.find(name);
  if (auto v = variables_.find(name); v != variables_.end()) var = &v->second;
  std::optional<VarType> type;
  if (attr != attributes_.end()) {
    def = attr->second;
  } else {
    def = var->default_attr;
    type = var->type;
  }
  const bool is_var = var != nullptr;
  const hcl::Range where = var ? var->block->label_ranges[0] : def->name_range;
  auto fail = [&](util::Error e) -> util::Status {
    return std::unexpected(LocatedError(std::move(e), where, "Invalid value"));
  };

  // The override: NAME, or NAME_JSON for typed variables (unless NAME_JSON names a variable of
  // its own or a built-in), as buildx's valueHasOverride.
  std::optional<std::string> env;
  bool json = false;
  if (is_var && options_.getenv) {
    env = options_.getenv(name);
    if (!env || type) {
      std::string json_name = name + "_JSON";
      if (variables_.count(json_name) == 0 && builtins_.count(json_name) == 0) {
        if (auto j = options_.getenv(json_name)) {
          env = std::move(j);
          json = true;
        }
      }
    }
  }

  hcl::Value value;
  if (def == nullptr) {
    value = type ? hcl::Value::Null() : hcl::Value::String("");
  } else {
    MANIFOLD_CHECK(LoadDeps(*def->expr, root_, {}, true));
    auto v = Eval(*def->expr, root_);
    if (!v) return std::unexpected(std::move(v.error()));
    value = std::move(*v);
    if (type) {
      auto converted = ConvertTo(value, *type);
      if (!converted) {
        return fail(util::Error(util::ErrorKind::kInvalidArgument,
                                fmt::format("invalid type {} for variable {} default value: {}",
                                            hcl::FriendlyName(*type), name,
                                            converted.error().message())));
      }
      value = std::move(*converted);
    }
  }
  defaults_[name] = value;

  if (env && is_var) {
    util::Result<hcl::Value> parsed = value;
    if (type && json) {
      parsed = ParseJsonOverride(*env, *type);
      if (!parsed) {
        return fail(util::Error(util::ErrorKind::kInvalidArgument,
                                fmt::format("failed to convert variable {} from JSON: {}", name,
                                            parsed.error().message())));
      }
    } else if (type && IsCsvType(*type)) {
      parsed = ParseCsvOverride(name, *env, *type);
      if (!parsed) {
        return fail(util::Error(util::ErrorKind::kInvalidArgument,
                                fmt::format("failed to convert variable {} from CSV: {}", name,
                                            parsed.error().message())));
      }
    } else if (type && type->IsPrimitive()) {
      parsed = ParsePrimitive(name, *env, *type);
    } else if (type) {
      parsed = util::Fail(util::ErrorKind::kInvalidArgument, "unsupported type {} for variable {}",
                          hcl::FriendlyName(*type), name);
    } else if (def == nullptr || value.IsNull()) {
      parsed = hcl::Value::String(*env);
    } else if (value.kind() == hcl::Kind::kString) {
      parsed = hcl::Value::String(*env);
    } else if (value.kind() == hcl::Kind::kNumber) {
      parsed = ParsePrimitive(name, *env, VarType{VarType::Kind::kNumber, {}, {}});
    } else if (value.kind() == hcl::Kind::kBool) {
      parsed = ParsePrimitive(name, *env, VarType{VarType::Kind::kBool, {}, {}});
    } else {
      parsed = util::Fail(util::ErrorKind::kInvalidArgument, "unsupported type {} for variable {}",
                          value.TypeName(), name);
    }
    if (!parsed) return fail(std::move(parsed.error()));
    value = std::move(*parsed);
  }
  root_.SetVariable(name, std::move(value));
  return {};
}

util::Status Resolver::ValidateVariables() {
  for (const auto& [name, def] : variables_) {
    for (const hcl::Block& rule : def.block->body->blocks) {
      if (rule.type != "validation") continue;
      const hcl::Expression& cond = *rule.body->FindAttribute("condition")->expr;
      const hcl::Expression& message = *rule.body->FindAttribute("error_message")->expr;
      MANIFOLD_CHECK(LoadDeps(cond, root_, {}, true));
      hcl::Value result = MANIFOLD_TRY(Eval(cond, root_));
      if (result.IsNull()) {
        return std::unexpected(hcl::ErrorAt(cond.range,
                                            "Invalid condition result; Condition expression must "
                                            "return either true or false, not null."));
      }
      auto ok = hcl::ToBoolValue(result);
      if (!ok) {
        return std::unexpected(hcl::ErrorAt(
            cond.range, fmt::format("Invalid condition result; Invalid condition result value: "
                                    "a bool is required, but have {}",
                                    result.TypeName())));
      }
      if (ok->AsBool()) continue;
      MANIFOLD_CHECK(LoadDeps(message, root_, {}, true));
      hcl::Value text = MANIFOLD_TRY(Eval(message, root_));
      std::string detail = "This check failed, but has an invalid error message.";
      if (auto s = hcl::ToStringValue(text); s && !s->IsNull()) detail = s->AsString();
      return std::unexpected(hcl::ErrorAt(cond.range, "Validation failed; " + detail));
    }
  }
  return {};
}

const hcl::Value* Resolver::VariableValue(const std::string& name) const {
  return root_.FindVariable(name);
}

std::optional<hcl::Value> Resolver::DefaultValue(const std::string& name) const {
  auto it = defaults_.find(name);
  if (it == defaults_.end()) return std::nullopt;
  return it->second;
}

}  // namespace manifold::bake::internal
