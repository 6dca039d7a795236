// ParseVarType, FriendlyName and ConvertTo: cty's type expressions and conversions on hcl values.
#include "bake/internal/var_type.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "bake/internal/expr_util.hpp"
#include "hcl/convert.hpp"
#include "hcl/parse.hpp"

namespace manifold::bake::internal {
namespace {

using Kind = VarType::Kind;

util::Error InvalidType(const hcl::Expression& expr, const std::string& detail) {
  return hcl::ErrorAt(expr.range, "Invalid type specification; " + detail);
}

// Type expressions nest like any expression, so the parser's depth bound bounds this too.
util::Result<VarType> ParseType(const hcl::Expression& expr) {
  if (const auto* v = std::get_if<hcl::VariableExpr>(&expr.node)) {
    if (v->name == "string") return VarType{Kind::kString, {}, {}};
    if (v->name == "number") return VarType{Kind::kNumber, {}, {}};
    if (v->name == "bool") return VarType{Kind::kBool, {}, {}};
    if (v->name == "any") return VarType{Kind::kAny, {}, {}};
    return std::unexpected(InvalidType(
        expr, fmt::format("The keyword \"{}\" is not a valid type specification.", v->name)));
  }
  const auto* call = std::get_if<hcl::FunctionCallExpr>(&expr.node);
  if (call == nullptr) {
    return std::unexpected(InvalidType(expr, "A type specification is either a primitive type "
                                             "keyword (bool, number, string) or a complex type "
                                             "constructor call, like list(string)."));
  }
  if (call->args.size() != 1) {
    return std::unexpected(InvalidType(
        expr, fmt::format("The {} type constructor requires one argument.", call->name)));
  }
  const hcl::Expression& arg = *call->args[0];
  if (call->name == "list" || call->name == "set" || call->name == "map") {
    VarType t;
    t.kind = call->name == "list" ? Kind::kList : call->name == "set" ? Kind::kSet : Kind::kMap;
    t.elements.push_back(MANIFOLD_TRY(ParseType(arg)));
    return t;
  }
  if (call->name == "tuple") {
    const auto* items = std::get_if<hcl::TupleExpr>(&arg.node);
    if (items == nullptr) {
      return std::unexpected(
          InvalidType(arg, "The tuple type constructor requires a list of element types."));
    }
    VarType t{Kind::kTuple, {}, {}};
    for (const auto& item : items->items) t.elements.push_back(MANIFOLD_TRY(ParseType(*item)));
    return t;
  }
  if (call->name == "object") {
    const auto* obj = std::get_if<hcl::ObjectExpr>(&arg.node);
    if (obj == nullptr) {
      return std::unexpected(InvalidType(
          arg, "The object type constructor requires an object describing the attributes."));
    }
    VarType t{Kind::kObject, {}, {}};
    for (const auto& item : obj->items) {
      std::optional<std::string> key = Keyword(*item.key);
      if (!key) key = StaticString(*item.key);
      if (!key) return std::unexpected(InvalidType(*item.key, "Object constructor map keys "
                                                              "must be attribute names."));
      t.attributes.emplace_back(*key, MANIFOLD_TRY(ParseType(*item.value)));
    }
    std::sort(t.attributes.begin(), t.attributes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return t;
  }
  return std::unexpected(InvalidType(
      expr, fmt::format("Keyword \"{}\" is not a valid type constructor.", call->name)));
}

// Sets of primitives iterate in cty's order: numbers ascending, then strings lexically.
bool SetLess(const hcl::Value& a, const hcl::Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  if (a.kind() == hcl::Kind::kNumber) return a.AsNumber() < b.AsNumber();
  if (a.kind() == hcl::Kind::kString) return a.AsString() < b.AsString();
  if (a.kind() == hcl::Kind::kBool) return !a.AsBool() && b.AsBool();
  return false;
}

util::Result<hcl::Value> WithContext(util::Result<hcl::Value> r, const std::string& where) {
  if (r) return r;
  return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {}", where, r.error().message());
}

}  // namespace

util::Result<std::optional<VarType>> ParseVarType(const hcl::Expression& expr) {
  if (const auto* lit = std::get_if<hcl::LiteralExpr>(&expr.node); lit && lit->value.IsNull()) {
    return std::optional<VarType>();
  }
  // JSON writes the type as a string holding the expression.
  if (std::optional<std::string> text = StaticString(expr)) {
    auto parsed = hcl::ParseExpression(*text, std::string(expr.range.Filename()));
    if (!parsed) {
      return std::unexpected(InvalidType(
          expr, fmt::format("\"{}\" is not a valid type specification.", *text)));
    }
    auto type = ParseType(**parsed);
    if (!type) {
      return std::unexpected(InvalidType(
          expr, fmt::format("\"{}\" is not a valid type specification.", *text)));
    }
    return std::optional<VarType>(std::move(*type));
  }
  return std::optional<VarType>(MANIFOLD_TRY(ParseType(expr)));
}

std::string FriendlyName(const VarType& type) {
  switch (type.kind) {
    case Kind::kAny: return "any type";
    case Kind::kString: return "string";
    case Kind::kNumber: return "number";
    case Kind::kBool: return "bool";
    case Kind::kList: return "list of " + FriendlyName(type.elements[0]);
    case Kind::kSet: return "set of " + FriendlyName(type.elements[0]);
    case Kind::kMap: return "map of " + FriendlyName(type.elements[0]);
    case Kind::kTuple: return "tuple";
    case Kind::kObject: return "object";
  }
  return "any type";
}

util::Result<hcl::Value> ConvertTo(const hcl::Value& value, const VarType& type) {
  if (value.IsNull()) return value;
  switch (type.kind) {
    case Kind::kAny: return value;
    case Kind::kString: return hcl::ToStringValue(value);
    case Kind::kNumber: return hcl::ToNumberValue(value);
    case Kind::kBool: return hcl::ToBoolValue(value);
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple: {
      if (value.kind() != hcl::Kind::kTuple) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{} required", FriendlyName(type));
      }
      const hcl::Tuple& items = value.Items();
      if (type.kind == Kind::kTuple && items.size() != type.elements.size()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "tuple required with {} elements",
                          type.elements.size());
      }
      hcl::Tuple out;
      for (size_t i = 0; i < items.size(); ++i) {
        const VarType& et = type.kind == Kind::kTuple ? type.elements[i] : type.elements[0];
        out.push_back(MANIFOLD_TRY(WithContext(ConvertTo(items[i], et), fmt::format("element {}", i))));
      }
      if (type.kind == Kind::kSet) {
        if (type.elements[0].IsPrimitive()) std::stable_sort(out.begin(), out.end(), SetLess);
        hcl::Tuple unique;
        for (auto& v : out) {
          if (std::find(unique.begin(), unique.end(), v) == unique.end()) unique.push_back(v);
        }
        out = std::move(unique);
      }
      return hcl::Value::MakeTuple(std::move(out));
    }
    case Kind::kMap:
    case Kind::kObject: {
      if (value.kind() != hcl::Kind::kObject) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{} required", FriendlyName(type));
      }
      const hcl::Object& attrs = value.Attributes();
      hcl::Object out;
      if (type.kind == Kind::kMap) {
        for (const auto& [k, v] : attrs) {
          out.emplace(k, MANIFOLD_TRY(WithContext(ConvertTo(v, type.elements[0]),
                                                  fmt::format("element \"{}\"", k))));
        }
        return hcl::Value::MakeObject(std::move(out));
      }
      for (const auto& [k, v] : attrs) {
        bool known = std::any_of(type.attributes.begin(), type.attributes.end(),
                                 [&](const auto& a) { return a.first == k; });
        if (!known) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "unsupported attribute \"{}\"", k);
        }
      }
      for (const auto& [k, t] : type.attributes) {
        auto it = attrs.find(k);
        if (it == attrs.end()) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "attribute \"{}\" is required", k);
        }
        out.emplace(k, MANIFOLD_TRY(WithContext(ConvertTo(it->second, t),
                                                fmt::format("attribute \"{}\"", k))));
      }
      return hcl::Value::MakeObject(std::move(out));
    }
  }
  return value;
}

}  // namespace manifold::bake::internal
