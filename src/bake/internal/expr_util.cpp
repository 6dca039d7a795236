// StaticString, Keyword and FunctionCalls: walks over the hcl syntax tree.
#include "bake/internal/expr_util.hpp"

namespace manifold::bake::internal {
namespace {

void CollectCalls(const hcl::Expression& e, std::vector<std::string>& out) {
  if (const auto* call = std::get_if<hcl::FunctionCallExpr>(&e.node)) out.push_back(call->name);
  ForEachChild(e, [&](const hcl::Expression& child) { CollectCalls(child, out); });
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
