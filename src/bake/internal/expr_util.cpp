// StaticString, Keyword and FunctionCalls: walks over the hcl syntax tree.
#include "bake/internal/expr_util.hpp"

#include <type_traits>
#include <variant>

namespace manifold::bake::internal {
namespace {

// The parser bounds the tree's depth (1024), so this recursion is bounded too.
void CollectCalls(const hcl::Expression& e, std::vector<std::string>& out) {
  auto walk = [&](const hcl::ExprPtr& child) {
    if (child) CollectCalls(*child, out);
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, hcl::GetAttrExpr>) {
          walk(n.source);
        } else if constexpr (std::is_same_v<T, hcl::IndexExpr>) {
          walk(n.source);
          walk(n.key);
        } else if constexpr (std::is_same_v<T, hcl::SplatExpr>) {
          walk(n.source);
          walk(n.each);
        } else if constexpr (std::is_same_v<T, hcl::FunctionCallExpr>) {
          out.push_back(n.name);
          for (const auto& a : n.args) walk(a);
        } else if constexpr (std::is_same_v<T, hcl::UnaryExpr>) {
          walk(n.operand);
        } else if constexpr (std::is_same_v<T, hcl::BinaryExpr>) {
          walk(n.lhs);
          walk(n.rhs);
        } else if constexpr (std::is_same_v<T, hcl::ConditionalExpr>) {
          walk(n.condition);
          walk(n.when_true);
          walk(n.when_false);
        } else if constexpr (std::is_same_v<T, hcl::TupleExpr>) {
          for (const auto& i : n.items) walk(i);
        } else if constexpr (std::is_same_v<T, hcl::ObjectExpr>) {
          for (const auto& i : n.items) {
            walk(i.key);
            walk(i.value);
          }
        } else if constexpr (std::is_same_v<T, hcl::ForExpr>) {
          walk(n.collection);
          walk(n.key_expr);
          walk(n.value_expr);
          walk(n.condition);
        } else if constexpr (std::is_same_v<T, hcl::TemplateExpr>) {
          for (const auto& p : n.parts) walk(p);
        } else if constexpr (std::is_same_v<T, hcl::TemplateWrapExpr>) {
          walk(n.wrapped);
        } else if constexpr (std::is_same_v<T, hcl::TemplateIfExpr>) {
          walk(n.condition);
          walk(n.then);
          walk(n.otherwise);
        } else if constexpr (std::is_same_v<T, hcl::TemplateForExpr>) {
          walk(n.collection);
          walk(n.body);
        }
      },
      e.node);
}

}  // namespace

std::optional<std::string> StaticString(const hcl::Expression& expr) {
  if (const auto* lit = std::get_if<hcl::LiteralExpr>(&expr.node)) {
    if (lit->value.kind() == hcl::Kind::kString) return lit->value.AsString();
    return std::nullopt;
  }
  if (const auto* t = std::get_if<hcl::TemplateExpr>(&expr.node)) {
    std::string out;
    for (const auto& part : t->parts) {
      const auto* lit = std::get_if<hcl::LiteralExpr>(&part->node);
      if (lit == nullptr || lit->value.kind() != hcl::Kind::kString) return std::nullopt;
      out += lit->value.AsString();
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> Keyword(const hcl::Expression& expr) {
  if (const auto* v = std::get_if<hcl::VariableExpr>(&expr.node)) return v->name;
  if (std::holds_alternative<hcl::TemplateExpr>(expr.node)) return StaticString(expr);
  return std::nullopt;
}

std::vector<std::string> FunctionCalls(const hcl::Expression& expr) {
  std::vector<std::string> out;
  CollectCalls(expr, out);
  return out;
}

}  // namespace manifold::bake::internal
