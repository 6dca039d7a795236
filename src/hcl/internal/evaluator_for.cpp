// `for` expressions: tuple and object projections, `if` filters and `...` grouping.
#include <fmt/format.h>

#include "hcl/convert.hpp"
#include "hcl/internal/evaluator.hpp"

namespace manifold::hcl::internal {

util::Result<std::vector<std::pair<Value, Value>>> ForElements(const Value& collection,
                                                               const Range& range,
                                                               std::string_view construct) {
  std::vector<std::pair<Value, Value>> out;
  switch (collection.kind()) {
    case Kind::kTuple: {
      const Tuple& items = collection.Items();
      out.reserve(items.size());
      for (size_t i = 0; i < items.size(); ++i)
        out.emplace_back(Value::Number(static_cast<double>(i)), items[i]);
      return out;
    }
    case Kind::kObject:
      for (const auto& [key, value] : collection.Attributes())
        out.emplace_back(Value::String(key), value);
      return out;
    case Kind::kNull:
      return std::unexpected(EvalError(range, "Iteration over null value",
                                       fmt::format("A null value cannot be used as the collection "
                                                   "in a {}.",
                                                   construct)));
    default:
      return std::unexpected(
          EvalError(range, "Iteration over non-iterable value",
                    fmt::format("A value of type {} cannot be used as the collection in a {}.",
                                collection.TypeName(), construct)));
  }
}

util::Result<Value> Evaluator::EvalFor(const ForExpr& f, const Range&, const EvalContext& ctx) {
  Value collection = MANIFOLD_TRY(Eval(*f.collection, ctx));
  auto elements = MANIFOLD_TRY(ForElements(collection, f.collection->range, "'for' expression"));
  Tuple tuple;
  Object object;
  std::map<std::string, Tuple, std::less<>> groups;
  for (auto& [key, value] : elements) {
    EvalContext scope(&ctx);
    if (!f.key_var.empty()) scope.SetVariable(f.key_var, key);
    scope.SetVariable(f.value_var, value);
    if (f.condition) {
      Value keep = MANIFOLD_TRY(Eval(*f.condition, scope));
      if (keep.IsNull()) {
        return std::unexpected(EvalError(f.condition->range, "Condition is null",
                                         "The value of the 'if' clause must not be null."));
      }
      auto b = ToBoolValue(keep);
      if (!b) {
        return std::unexpected(
            EvalError(f.condition->range, "Invalid 'for' condition",
                      fmt::format("The 'if' clause value is invalid: {}.", b.error().message())));
      }
      if (!b->AsBool()) continue;
    }
    if (!f.key_expr) {
      tuple.push_back(MANIFOLD_TRY(Eval(*f.value_expr, scope)));
      continue;
    }
    Value k = MANIFOLD_TRY(Eval(*f.key_expr, scope));
    if (k.IsNull()) {
      return std::unexpected(
          EvalError(f.key_expr->range, "Invalid object key",
                    "Key expression in 'for' expression must not produce a null value."));
    }
    auto name = ToStringValue(k);
    if (!name) {
      return std::unexpected(
          EvalError(f.key_expr->range, "Invalid object key",
                    fmt::format("The key expression produced an invalid result: {}.",
                                name.error().message())));
    }
    Value v = MANIFOLD_TRY(Eval(*f.value_expr, scope));
    const std::string& key_string = name->AsString();
    if (f.group) {
      groups[key_string].push_back(std::move(v));
    } else if (!object.emplace(key_string, std::move(v)).second) {
      return std::unexpected(EvalError(
          f.key_expr->range, "Duplicate object key",
          fmt::format(
              "Two different items produced the key \"{}\" in this 'for' expression. If duplicates "
              "are expected, use the ellipsis (...) after the value expression to enable grouping "
              "by "
              "key.",
              key_string)));
    }
  }
  if (!f.key_expr) return Value::MakeTuple(std::move(tuple));
  if (f.group) {
    for (auto& [key, values] : groups) object.emplace(key, Value::MakeTuple(std::move(values)));
  }
  return Value::MakeObject(std::move(object));
}

}  // namespace manifold::hcl::internal
