// The evaluator's dispatch and its plain constructs: literals, variables, traversals,
// collection constructors, function calls, conditionals and splats.
#include "hcl/internal/evaluator.hpp"

#include <fmt/format.h>

#include <cmath>

#include "hcl/convert.hpp"

namespace manifold::hcl::internal {

util::Error EvalError(const Range& range, std::string summary, std::string detail) {
  // No line text yet: `&&`, `||` and conditionals make and drop errors in a loop, and finding
  // a line is linear in the file. Evaluate adds the text to the one error that escapes.
  util::SourceLocation loc;
  loc.file = std::string(range.Filename());
  loc.line = range.start.line;
  loc.column = range.start.column;
  return util::Error(util::ErrorKind::kInvalidArgument, summary + "; " + detail).At(std::move(loc));
}

util::Status Evaluator::Step(const Range& range) {
  if (++steps_ > kMaxEvalSteps) {
    return std::unexpected(EvalError(range, "Evaluation too expensive",
                                     fmt::format("Evaluating this expression took more than {} "
                                                 "steps.",
                                                 kMaxEvalSteps)));
  }
  return {};
}

util::Result<bool> Evaluator::Equal(const Value& a, const Value& b, const Range& range) {
  MANIFOLD_CHECK(Step(range));
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Kind::kTuple) {
    const Tuple& x = a.Items();
    const Tuple& y = b.Items();
    if (&x == &y) return true;
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!MANIFOLD_TRY(Equal(x[i], y[i], range))) return false;
    }
    return true;
  }
  if (a.kind() == Kind::kObject) {
    const Object& x = a.Attributes();
    const Object& y = b.Attributes();
    if (&x == &y) return true;
    if (x.size() != y.size()) return false;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first || !MANIFOLD_TRY(Equal(i->second, j->second, range))) return false;
    }
    return true;
  }
  return a == b;
}

util::Result<Value> Evaluator::Eval(const Expression& e, const EvalContext& ctx) {
  MANIFOLD_CHECK(Step(e.range));
  if (stack_.Exhausted()) {
    return std::unexpected(EvalError(e.range, "Expression too deep",
                                     "Evaluating this expression would exhaust the stack."));
  }
  const Range& r = e.range;
  return std::visit(
      [&](const auto& node) -> util::Result<Value> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, LiteralExpr>)
          return node.value;
        else if constexpr (std::is_same_v<T, VariableExpr>)
          return EvalVariable(node, r, ctx);
        else if constexpr (std::is_same_v<T, GetAttrExpr>)
          return EvalGetAttr(node, r, ctx);
        else if constexpr (std::is_same_v<T, IndexExpr>)
          return EvalIndex(node, r, ctx);
        else if constexpr (std::is_same_v<T, SplatExpr>)
          return EvalSplat(node, r, ctx);
        else if constexpr (std::is_same_v<T, SplatItemExpr>) {
          MANIFOLD_ASSERT(!splat_items_.empty(),
                          "the parser puts SplatItemExpr only inside a SplatExpr");
          return splat_items_.back();
        } else if constexpr (std::is_same_v<T, FunctionCallExpr>)
          return EvalCall(node, r, ctx);
        else if constexpr (std::is_same_v<T, UnaryExpr>)
          return EvalUnary(node, r, ctx);
        else if constexpr (std::is_same_v<T, BinaryExpr>)
          return EvalBinary(node, r, ctx);
        else if constexpr (std::is_same_v<T, ConditionalExpr>)
          return EvalConditional(node, r, ctx);
        else if constexpr (std::is_same_v<T, TupleExpr>)
          return EvalTuple(node, ctx);
        else if constexpr (std::is_same_v<T, ObjectExpr>)
          return EvalObject(node, ctx);
        else if constexpr (std::is_same_v<T, ForExpr>)
          return EvalFor(node, r, ctx);
        else if constexpr (std::is_same_v<T, TemplateExpr>)
          return EvalTemplate(node, r, ctx);
        else if constexpr (std::is_same_v<T, TemplateWrapExpr>)
          return Eval(*node.wrapped, ctx);
        else if constexpr (std::is_same_v<T, TemplateIfExpr>)
          return EvalTemplateIf(node, r, ctx);
        else
          return EvalTemplateFor(node, r, ctx);
      },
      e.node);
}

util::Result<Value> Evaluator::EvalVariable(const VariableExpr& v, const Range& range,
                                            const EvalContext& ctx) {
  if (const Value* value = ctx.FindVariable(v.name)) return *value;
  return std::unexpected(EvalError(range, "Unknown variable",
                                   fmt::format("There is no variable named \"{}\".", v.name)));
}

util::Result<Value> Evaluator::GetAttr(const Value& value, const std::string& name,
                                       const Range& range) {
  switch (value.kind()) {
    case Kind::kNull:
      return std::unexpected(EvalError(range, "Attempt to get attribute from null value",
                                       "This value is null, so it does not have any attributes."));
    case Kind::kObject: {
      auto it = value.Attributes().find(name);
      if (it != value.Attributes().end()) return it->second;
      return std::unexpected(EvalError(range, "Unsupported attribute",
                                       fmt::format("This object does not have an attribute named "
                                                   "\"{}\".",
                                                   name)));
    }
    case Kind::kTuple:
      return std::unexpected(EvalError(
          range, "Unsupported attribute",
          fmt::format("Can't access attributes on a list of objects. Did you mean to access "
                      "attribute \"{}\" "
                      "for a specific element of the list, or across all elements of the list?",
                      name)));
    default:
      return std::unexpected(EvalError(range, "Unsupported attribute",
                                       fmt::format("Can't access attributes on a primitive-typed "
                                                   "value ({}).",
                                                   value.TypeName())));
  }
}

util::Result<Value> Evaluator::EvalGetAttr(const GetAttrExpr& g, const Range& range,
                                           const EvalContext& ctx) {
  Value source = MANIFOLD_TRY(Eval(*g.source, ctx));
  return GetAttr(source, g.name, range);
}

util::Result<Value> Evaluator::Index(const Value& collection, const Value& key, const Range& range,
                                     const Range& key_range) {
  const char* kNoElement = "The given key does not identify an element in this collection value";
  if (collection.IsNull()) {
    return std::unexpected(EvalError(range, "Attempt to index null value",
                                     "This value is null, so it does not have any indices."));
  }
  if (key.IsNull()) {
    return std::unexpected(
        EvalError(key_range, "Invalid index", "Can't use a null value as an indexing key."));
  }
  if (collection.kind() == Kind::kTuple) {
    auto n = ToNumberValue(key);
    if (!n) {
      return std::unexpected(EvalError(key_range, "Invalid index",
                                       fmt::format("{}: {}.", kNoElement, n.error().message())));
    }
    double i = n->AsNumber();
    const Tuple& items = collection.Items();
    if (i != std::floor(i)) {
      return std::unexpected(
          EvalError(key_range, "Invalid index",
                    fmt::format("{}: the index must be a whole number.", kNoElement)));
    }
    if (i < 0) {
      return std::unexpected(EvalError(
          key_range, "Invalid index",
          fmt::format("{}: a negative number is not a valid index for a sequence.", kNoElement)));
    }
    if (i >= static_cast<double>(items.size())) {
      return std::unexpected(EvalError(
          key_range, "Invalid index",
          fmt::format("{}: the collection has {} element(s).", kNoElement, items.size())));
    }
    return items[static_cast<size_t>(i)];
  }
  if (collection.kind() == Kind::kObject) {
    auto s = ToStringValue(key);
    if (!s) {
      return std::unexpected(EvalError(key_range, "Invalid index",
                                       fmt::format("{}: {}.", kNoElement, s.error().message())));
    }
    auto it = collection.Attributes().find(s->AsString());
    if (it == collection.Attributes().end()) {
      return std::unexpected(EvalError(key_range, "Invalid index", fmt::format("{}.", kNoElement)));
    }
    return it->second;
  }
  return std::unexpected(EvalError(
      range, "Invalid index",
      fmt::format("This value does not have any indices (it is a {}).", collection.TypeName())));
}

util::Result<Value> Evaluator::EvalIndex(const IndexExpr& i, const Range& range,
                                         const EvalContext& ctx) {
  Value collection = MANIFOLD_TRY(Eval(*i.source, ctx));
  Value key = MANIFOLD_TRY(Eval(*i.key, ctx));
  return Index(collection, key, range, i.key->range);
}

util::Result<Value> Evaluator::EvalSplat(const SplatExpr& s, const Range&, const EvalContext& ctx) {
  Value source = MANIFOLD_TRY(Eval(*s.source, ctx));
  // hclsyntax spec, "Splat Operators": null becomes an empty tuple and a non-sequence a
  // one-element tuple.
  if (source.IsNull()) return Value::MakeTuple({});
  Tuple items = source.kind() == Kind::kTuple ? source.Items() : Tuple{source};
  Tuple out;
  out.reserve(items.size());
  for (const Value& item : items) {
    splat_items_.push_back(item);
    auto each = Eval(*s.each, ctx);
    splat_items_.pop_back();
    if (!each) return std::unexpected(std::move(each.error()));
    out.push_back(std::move(*each));
  }
  return Value::MakeTuple(std::move(out));
}

util::Result<Value> Evaluator::EvalTuple(const TupleExpr& t, const EvalContext& ctx) {
  Tuple items;
  items.reserve(t.items.size());
  for (const ExprPtr& item : t.items) items.push_back(MANIFOLD_TRY(Eval(*item, ctx)));
  return Value::MakeTuple(std::move(items));
}

util::Result<Value> Evaluator::EvalObject(const ObjectExpr& o, const EvalContext& ctx) {
  Object attributes;
  for (const ObjectItem& item : o.items) {
    Value key = MANIFOLD_TRY(Eval(*item.key, ctx));
    Value value = MANIFOLD_TRY(Eval(*item.value, ctx));
    if (key.IsNull()) {
      return std::unexpected(
          EvalError(item.key->range, "Null value as key", "Can't use a null value as a key."));
    }
    auto s = ToStringValue(key);
    if (!s) {
      return std::unexpected(
          EvalError(item.key->range, "Incorrect key type",
                    fmt::format("Can't use this value as a key: {}.", s.error().message())));
    }
    // A repeated key keeps the last value, as hclsyntax's ObjectConsExpr does.
    attributes.insert_or_assign(s->AsString(), std::move(value));
  }
  return Value::MakeObject(std::move(attributes));
}

util::Result<std::vector<Value>> Evaluator::EvalArgs(const FunctionCallExpr& c,
                                                     const EvalContext& ctx) {
  std::vector<Value> args;
  for (size_t i = 0; i < c.args.size(); ++i) {
    Value arg = MANIFOLD_TRY(Eval(*c.args[i], ctx));
    if (c.expand_final && i + 1 == c.args.size()) {
      if (arg.IsNull()) {
        return std::unexpected(
            EvalError(c.args[i]->range, "Invalid expanding argument value",
                      "The expanding argument (indicated by ...) must not be null."));
      }
      if (arg.kind() != Kind::kTuple) {
        return std::unexpected(EvalError(c.args[i]->range, "Invalid expanding argument value",
                                         "The expanding argument (indicated by ...) must be of a "
                                         "tuple, list, or set type."));
      }
      for (const Value& item : arg.Items()) args.push_back(item);
    } else {
      args.push_back(std::move(arg));
    }
  }
  return args;
}

util::Status CheckArity(std::string_view name, size_t min_args, std::optional<size_t> max_args,
                        size_t count, const Range& range) {
  if (count < min_args) {
    return std::unexpected(EvalError(
        range, "Not enough function arguments",
        fmt::format("Function \"{}\" expects {}{} argument(s), but {} were given.", name,
                    max_args == min_args ? "" : "at least ", min_args, count)));
  }
  if (max_args && count > *max_args) {
    return std::unexpected(
        EvalError(range, "Too many function arguments",
                  fmt::format("Function \"{}\" expects only {} argument(s), but {} were given.",
                              name, *max_args, count)));
  }
  return {};
}

util::Error CallError(const Range& range, std::string_view name, const util::Error& error) {
  return EvalError(range, "Error in function call",
                   fmt::format("Call to function \"{}\" failed: {}.", name, error.What()));
}

util::Result<Value> Evaluator::EvalCall(const FunctionCallExpr& c, const Range& range,
                                        const EvalContext& ctx) {
  if (c.name == "try" || c.name == "can") return EvalTryOrCan(c, range, ctx);
  if (c.name == "convert") return EvalConvert(c, range, ctx);
  const Function* fn = ctx.FindFunction(c.name);
  if (fn == nullptr) {
    return std::unexpected(EvalError(range, "Call to unknown function",
                                     fmt::format("There is no function named \"{}\".", c.name)));
  }
  std::vector<Value> args = MANIFOLD_TRY(EvalArgs(c, ctx));
  MANIFOLD_CHECK(CheckArity(c.name, fn->min_args, fn->max_args, args.size(), range));
  auto result = fn->call(std::move(args));
  if (!result) return std::unexpected(CallError(range, c.name, result.error()));
  return std::move(*result);
}

util::Result<Value> Evaluator::EvalConditional(const ConditionalExpr& c, const Range& range,
                                               const EvalContext& ctx) {
  Value condition = MANIFOLD_TRY(Eval(*c.condition, ctx));
  if (condition.IsNull()) {
    return std::unexpected(EvalError(c.condition->range, "Null condition",
                                     "The condition value is null. Conditions must either be true "
                                     "or false."));
  }
  auto b = ToBoolValue(condition);
  if (!b) {
    return std::unexpected(EvalError(
        c.condition->range, "Incorrect condition type",
        fmt::format("The condition expression must be of type bool: {}.", b.error().message())));
  }
  // Both results are evaluated, as hclsyntax does to unify their types, but only the chosen
  // one's error counts (spec: `length(l) > 0 ? l[0] : d` must work on an empty l).
  auto when_true = Eval(*c.when_true, ctx);
  auto when_false = Eval(*c.when_false, ctx);
  auto& chosen = b->AsBool() ? when_true : when_false;
  auto& other = b->AsBool() ? when_false : when_true;
  if (!chosen) return std::unexpected(std::move(chosen.error()));
  if (other && !chosen->IsNull() && !other->IsNull() && chosen->kind() != other->kind()) {
    auto primitive = [](const Value& v) {
      return v.kind() == Kind::kBool || v.kind() == Kind::kNumber || v.kind() == Kind::kString;
    };
    // cty unifies two primitive types into string when one of them is a string.
    if (primitive(*chosen) && primitive(*other) &&
        (chosen->kind() == Kind::kString || other->kind() == Kind::kString)) {
      return ToStringValue(*chosen);
    }
    const Value& t = *when_true;
    const Value& f = *when_false;
    return std::unexpected(
        EvalError(range, "Inconsistent conditional result types",
                  fmt::format("The true and false result expressions must have "
                              "consistent types. The 'true' value is {}, but the "
                              "'false' value is {}.",
                              t.TypeName(), f.TypeName())));
  }
  return std::move(*chosen);
}

}  // namespace manifold::hcl::internal
