// Static looks at hcl expressions: literal strings, keywords, the functions an expression calls.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "hcl/ast.hpp"

namespace manifold::bake::internal {

/// The string an expression spells without evaluation: a string literal or a template of
/// literal text only (`"abc"`, and every JSON string without `${`). std::nullopt otherwise.
std::optional<std::string> StaticString(const hcl::Expression& expr);

/// A bare identifier (`number`), or in JSON a static string ("number"), as hcl's
/// ExprAsKeyword; std::nullopt for anything else.
std::optional<std::string> Keyword(const hcl::Expression& expr);

/// Calls `fn` on each direct child expression of `e` (const or not, as `e` is), in source
/// order. The parser bounds a tree's depth, so a recursion through this is bounded too.
template <typename E, typename F>
void ForEachChild(E& e, F&& fn) {
  auto walk = [&](auto& child) {
    if (child) fn(*child);
  };
  std::visit(
      [&](auto& n) {
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
          for (auto& a : n.args) walk(a);
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
          for (auto& i : n.items) walk(i);
        } else if constexpr (std::is_same_v<T, hcl::ObjectExpr>) {
          for (auto& i : n.items) {
            walk(i.key);
            walk(i.value);
          }
        } else if constexpr (std::is_same_v<T, hcl::ForExpr>) {
          walk(n.collection);
          walk(n.key_expr);
          walk(n.value_expr);
          walk(n.condition);
        } else if constexpr (std::is_same_v<T, hcl::TemplateExpr>) {
          for (auto& p : n.parts) walk(p);
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

/// The names of the functions `expr` calls, in source order, repeats included.
std::vector<std::string> FunctionCalls(const hcl::Expression& expr);

}  // namespace manifold::bake::internal
