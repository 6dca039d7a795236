// Resolver's blocks: matrix instances and their names, attributes resolved on demand, and the
// `target` / `group` objects that expressions read.
#include <fmt/format.h>

#include <algorithm>

#include "bake/internal/resolver.hpp"
#include "bake/internal/target_fields.hpp"
#include "hcl/convert.hpp"

namespace manifold::bake::internal {
namespace {

constexpr size_t kMaxMatrixCombinations = 10000;

const std::vector<FieldSpec>& GroupFields() {
  static const std::vector<FieldSpec> kFields = {{"description", FieldKind::kString},
                                                 {"targets", FieldKind::kStringList}};
  return kFields;
}

const FieldSpec* FindField(const Instance& inst, std::string_view name) {
  if (inst.is_target) return FindTargetField(name);
  for (const FieldSpec& f : GroupFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// buildx's validateTargetName: ^[a-zA-Z0-9_-]+$.
util::Status ValidateName(const std::string& name, const hcl::Range& at) {
  bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
  if (ok) return {};
  return std::unexpected(hcl::ErrorAt(
      at, fmt::format("Invalid name; \"{}\": only \"[a-zA-Z0-9_-]+\" are allowed", name)));
}

util::Error AttrError(const hcl::Attribute& a, std::string_view summary, std::string_view detail) {
  return hcl::ErrorAt(a.name_range, fmt::format("{}; {}", summary, detail));
}

}  // namespace

util::Status Resolver::CreateInstances(const hcl::Block& block) {
  const bool is_target = block.type == "target";
  const std::string& label = block.labels[0];
  MANIFOLD_CHECK(ValidateName(label, block.label_ranges[0]));
  const hcl::Attribute* matrix = block.body->FindAttribute("matrix");
  const hcl::Attribute* name_attr = block.body->FindAttribute("name");
  if (!is_target && (matrix != nullptr || name_attr != nullptr)) {
    const hcl::Attribute& a = matrix != nullptr ? *matrix : *name_attr;
    return std::unexpected(
        AttrError(a, "Invalid attribute", fmt::format("{} is not supported for groups", a.name)));
  }
  if (name_attr != nullptr && matrix == nullptr) {
    return std::unexpected(AttrError(*name_attr, "Invalid name",
                                     "name requires matrix: a target's name is its label unless "
                                     "a matrix generates several"));
  }

  // One combination of matrix values per instance: keys in cty's (sorted) order, the last key
  // varying fastest.
  std::vector<std::vector<std::pair<std::string, hcl::Value>>> combos(1);
  if (matrix != nullptr) {
    MANIFOLD_CHECK(LoadDeps(*matrix->expr, root_, {}, true));
    hcl::Value value = MANIFOLD_TRY(Eval(*matrix->expr, root_));
    if (value.kind() != hcl::Kind::kObject) {
      return std::unexpected(hcl::ErrorAt(matrix->expr->range,
                                          "Invalid matrix; matrix must be a map of lists"));
    }
    for (const auto& [key, list] : value.Attributes()) {
      if (list.kind() != hcl::Kind::kTuple) {
        return std::unexpected(hcl::ErrorAt(
            matrix->expr->range,
            fmt::format("Invalid matrix; matrix values must be a list (\"{}\" is a {})", key,
                        list.TypeName())));
      }
      if (combos.size() * list.Items().size() > kMaxMatrixCombinations) {
        return std::unexpected(hcl::ErrorAt(
            matrix->expr->range, fmt::format("Invalid matrix; more than {} combinations",
                                             kMaxMatrixCombinations)));
      }
      std::vector<std::vector<std::pair<std::string, hcl::Value>>> next;
      for (const auto& combo : combos) {
        for (const hcl::Value& v : list.Items()) {
          next.push_back(combo);
          next.back().emplace_back(key, v);
        }
      }
      combos = std::move(next);
    }
  }

  std::vector<std::string> names;
  std::vector<std::unique_ptr<Instance>> created;
  for (const auto& combo : combos) {
    auto inst = std::make_unique<Instance>();
    inst->block = &block;
    inst->is_target = is_target;
    inst->name = label;
    if (matrix != nullptr) {
      inst->matrix_ctx = std::make_unique<hcl::EvalContext>(&root_);
      for (const auto& [k, v] : combo) inst->matrix_ctx->SetVariable(k, v);
    }
    if (name_attr != nullptr) {
      const hcl::EvalContext& ctx = *inst->matrix_ctx;
      MANIFOLD_CHECK(LoadDeps(*name_attr->expr, ctx, {}, true));
      hcl::Value v = MANIFOLD_TRY(Eval(*name_attr->expr, ctx));
      auto s = hcl::ToStringValue(v);
      if (!s || s->IsNull()) {
        return std::unexpected(hcl::ErrorAt(
            name_attr->expr->range,
            fmt::format("Invalid name; the name must be a string, but have {}", v.TypeName())));
      }
      inst->name = s->AsString();
      MANIFOLD_CHECK(ValidateName(inst->name, name_attr->expr->range));
    }
    if (std::find(names.begin(), names.end(), inst->name) != names.end()) {
      const hcl::Range& at = name_attr != nullptr ? name_attr->expr->range : block.label_ranges[0];
      return std::unexpected(hcl::ErrorAt(
          at, fmt::format("Invalid name; duplicate name \"{}\": the matrix generates it more than "
                          "once",
                          inst->name)));
    }
    names.push_back(inst->name);
    created.push_back(std::move(inst));
  }
  for (auto& inst : created) {
    auto& index = is_target ? targets_by_name_ : groups_by_name_;
    index[inst->name].push_back(inst.get());
    instances_.push_back(std::move(inst));
  }
  block_names_.emplace_back(&block, std::move(names));
  return {};
}

util::Status Resolver::ResolveAttribute(Instance& inst, const std::string& name) {
  if (inst.done.count(name) > 0) return {};
  const hcl::Attribute* attr = inst.block->body->FindAttribute(name);
  const FieldSpec* field = FindField(inst, name);
  if (attr == nullptr || field == nullptr) {
    return {};  // unset (null), or not an attribute, which evaluation reports
  }
  if (inst.in_progress.count(name) > 0) {
    return std::unexpected(hcl::ErrorAt(
        attr->expr->range, fmt::format("Invalid expression; reference cycle not allowed for "
                                       "{}.{}.{}",
                                       inst.block->type, inst.name, name)));
  }
  const hcl::EvalContext& ctx = inst.matrix_ctx ? *inst.matrix_ctx : root_;
  inst.in_progress.insert(name);
  util::Status deps = LoadDeps(*attr->expr, ctx, {}, true);
  inst.in_progress.erase(name);
  MANIFOLD_CHECK(deps);
  hcl::Value value = MANIFOLD_TRY(Eval(*attr->expr, ctx));
  auto decoded = DecodeField(value, *field);
  if (!decoded) {
    return std::unexpected(hcl::ErrorAt(
        attr->expr->range, fmt::format("Unsuitable value type; {}: {}", name,
                                       decoded.error().message())));
  }
  inst.values.insert_or_assign(name, std::move(*decoded));
  inst.done.insert(name);
  inst.changed = true;
  return {};
}

util::Status Resolver::ResolveInstance(Instance& inst) {
  const hcl::Body& body = *inst.block->body;
  for (const hcl::Block& b : body.blocks) {
    return std::unexpected(hcl::ErrorAt(
        b.type_range, fmt::format("Unsupported block type; Blocks of type \"{}\" are not "
                                  "expected here.",
                                  b.type)));
  }
  for (const hcl::Attribute& a : body.attributes) {
    if (inst.is_target && (a.name == "matrix" || a.name == "name")) continue;
    if (FindField(inst, a.name) == nullptr) {
      return std::unexpected(AttrError(
          a, "Unsupported argument",
          fmt::format("An argument named \"{}\" is not expected here.", a.name)));
    }
  }
  if (!inst.is_target && body.FindAttribute("targets") == nullptr) {
    return std::unexpected(hcl::ErrorAt(inst.block->type_range,
                                        "Missing required argument; The argument \"targets\" is "
                                        "required, but no definition was found."));
  }
  for (const hcl::Attribute& a : body.attributes) MANIFOLD_CHECK(ResolveAttribute(inst, a.name));
  return {};
}

hcl::Value Resolver::ReferenceObject(const Instance& inst) const {
  hcl::Object o;
  for (const FieldSpec& f : inst.is_target ? TargetFields() : GroupFields()) {
    auto it = inst.values.find(f.name);
    o.emplace(std::string(f.name),
              it == inst.values.end() ? hcl::Value::Null() : ReferenceValue(f, it->second));
  }
  o.insert_or_assign("name", hcl::Value::String(inst.name));
  return hcl::Value::MakeObject(std::move(o));
}

std::vector<hcl::VariableReference> Resolver::BlockReferences(const hcl::Expression& expr) {
  std::vector<hcl::VariableReference> refs = hcl::Variables(expr);
  std::erase_if(refs, [](const hcl::VariableReference& r) {
    return (r.root != "target" && r.root != "group") || r.path.empty();
  });
  return refs;
}

void Resolver::AddBlockObjects(const std::vector<hcl::VariableReference>& refs,
                               hcl::EvalContext& scope) {
  hcl::Object targets;
  hcl::Object groups;
  for (const hcl::VariableReference& ref : refs) {
    bool is_target = ref.root == "target";
    hcl::Object& out = is_target ? targets : groups;
    const auto& index = is_target ? targets_by_name_ : groups_by_name_;
    auto it = index.find(ref.path[0]);
    if (it == index.end() || out.count(ref.path[0]) > 0) continue;
    // Several blocks of one name show as one, later non-null attributes winning, as they merge.
    hcl::Object merged;
    for (Instance* inst : it->second) {
      if (inst->changed) {
        inst->reference = ReferenceObject(*inst);
        inst->changed = false;
      }
      if (it->second.size() == 1) break;
      for (const auto& [k, v] : inst->reference.Attributes()) {
        if (!v.IsNull() || merged.count(k) == 0) merged.insert_or_assign(k, v);
      }
    }
    out.emplace(ref.path[0], it->second.size() == 1 ? it->second[0]->reference
                                                    : hcl::Value::MakeObject(std::move(merged)));
  }
  scope.SetVariable("target", hcl::Value::MakeObject(std::move(targets)));
  scope.SetVariable("group", hcl::Value::MakeObject(std::move(groups)));
}

}  // namespace manifold::bake::internal
