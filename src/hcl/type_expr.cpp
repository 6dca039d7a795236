// ParseTypeExpr, friendly names and ApplyDefaults: HCL's ext/typeexpr on hcl::Type.
#include "hcl/type_expr.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "hcl/convert.hpp"
#include "hcl/eval.hpp"

namespace manifold::hcl {
namespace {

using TK = Type::Kind;

constexpr const char* kInvalidType = "Invalid type specification; ";

// Located without the line's text: `convert` may fail in a loop under try(), and finding a line is
// linear in the file (Evaluate adds the text to the error that escapes).
util::Error TypeError(const Range& range, std::string message) {
  util::SourceLocation loc;
  loc.file = std::string(range.Filename());
  loc.line = range.start.line;
  loc.column = range.start.column;
  return util::Error(util::ErrorKind::kInvalidArgument, std::move(message)).At(std::move(loc));
}

std::unexpected<util::Error> InvalidType(const Expression& expr, const std::string& detail) {
  return std::unexpected(TypeError(expr.range, kInvalidType + detail));
}

// hcl.ExprAsKeyword: a bare name; `null`, `true` and `false` are literals, not keywords.
const std::string* AsKeyword(const Expression& expr) {
  if (const auto* v = std::get_if<VariableExpr>(&expr.node)) return &v->name;
  return nullptr;
}

// An object constructor's key as hcl.ExprAsKeyword sees it: the parser turns a bare identifier key
// into a string literal; a quoted key is a template, which HCL refuses.
const std::string* KeyAsKeyword(const Expression& key) {
  if (const auto* lit = std::get_if<LiteralExpr>(&key.node)) {
    if (lit->value.kind() == Kind::kString) return &lit->value.AsString();
  }
  return AsKeyword(key);
}

class TypeParser {
 public:
  explicit TypeParser(TypeExprMode mode) : mode_(mode) {}

  util::Result<Type> Parse(const Expression& expr) {
    if (const std::string* kw = AsKeyword(expr)) return Keyword(expr, *kw);
    const auto* call = std::get_if<FunctionCallExpr>(&expr.node);
    if (call == nullptr) {
      return InvalidType(expr,
                         "A type specification is either a primitive type keyword (bool, "
                         "number, string) or a complex type constructor call, like "
                         "list(string).");
    }
    const std::string& name = call->name;
    if (name == "bool" || name == "string" || name == "number") {
      return InvalidType(
          expr, fmt::format("Primitive type keyword \"{}\" does not expect arguments.", name));
    }
    if (name == "any") {
      return InvalidType(
          expr, fmt::format("Type constraint keyword \"{}\" does not expect arguments.", name));
    }
    if (call->args.size() != 1) {
      if (auto detail = ConstructorArity(name)) return InvalidType(expr, *detail);
    }
    if (name == "list" || name == "set" || name == "map") {
      TK kind = name == "list" ? TK::kList : name == "set" ? TK::kSet : TK::kMap;
      return Type::Collection(kind, MANIFOLD_TRY(Parse(*call->args[0])));
    }
    if (name == "object") return Object(*call->args[0]);
    if (name == "tuple") {
      const auto* items = std::get_if<TupleExpr>(&call->args[0]->node);
      if (items == nullptr) {
        return InvalidType(*call->args[0],
                           "Tuple type constructor requires a list of element "
                           "types.");
      }
      Type t = Type::Of(TK::kTuple);
      for (const ExprPtr& item : items->items) t.elements.push_back(MANIFOLD_TRY(Parse(*item)));
      return t;
    }
    if (name == "optional") {
      return InvalidType(expr,
                         "Keyword \"optional\" is valid only as a modifier for object type "
                         "attributes.");
    }
    return InvalidType(expr, fmt::format("Keyword \"{}\" is not a valid type constructor.", name));
  }

 private:
  util::Result<Type> Keyword(const Expression& expr, const std::string& kw) {
    if (kw == "bool") return Type::Of(TK::kBool);
    if (kw == "string") return Type::Of(TK::kString);
    if (kw == "number") return Type::Of(TK::kNumber);
    if (kw == "any") return Type::Of(TK::kAny);
    if (auto detail = ConstructorArity(kw)) return InvalidType(expr, *detail);
    return InvalidType(expr,
                       fmt::format("The keyword \"{}\" is not a valid type specification.", kw));
  }

  // The complaint about a constructor used without its one argument, for the constructors.
  static std::optional<std::string> ConstructorArity(const std::string& name) {
    if (name == "list" || name == "set" || name == "map") {
      return fmt::format(
          "The {} type constructor requires one argument "
          "specifying the element "
          "type.",
          name);
    }
    if (name == "object") {
      return "The object type constructor requires one argument specifying the "
             "attribute types "
             "and values as a map.";
    }
    if (name == "tuple") {
      return "The tuple type constructor requires one argument specifying the "
             "element types as "
             "a list.";
    }
    return std::nullopt;
  }

  util::Result<Type> Object(const Expression& arg) {
    const auto* obj = std::get_if<ObjectExpr>(&arg.node);
    if (obj == nullptr) {
      return InvalidType(arg,
                         "Object type constructor requires a map whose keys are attribute "
                         "names and whose values are the corresponding attribute types.");
    }
    Type t = Type::Of(TK::kObject);
    for (const ObjectItem& item : obj->items) {
      const std::string* name = KeyAsKeyword(*item.key);
      if (name == nullptr) {
        return InvalidType(*item.key, "Object constructor map keys must be attribute names.");
      }
      Type::Attribute attr;
      attr.name = *name;
      const Expression* type_expr = item.value.get();
      const Expression* default_expr = nullptr;
      if (const auto* call = std::get_if<FunctionCallExpr>(&type_expr->node);
          call && call->name == "optional") {
        if (call->args.empty()) {
          return InvalidType(*type_expr,
                             "Optional attribute modifier requires the attribute "
                             "type as its argument.");
        }
        if (mode_ == TypeExprMode::kConstraintWithDefaults && call->args.size() > 2) {
          return InvalidType(*type_expr,
                             "Optional attribute modifier expects at most two "
                             "arguments: the attribute type, and a default value.");
        }
        if (mode_ == TypeExprMode::kConstraint && call->args.size() > 1) {
          return InvalidType(*type_expr,
                             "Optional attribute modifier expects only one "
                             "argument: the attribute type.");
        }
        attr.optional = true;
        if (call->args.size() == 2) default_expr = call->args[1].get();
        type_expr = call->args[0].get();
      }
      // HCL evaluates the default before it reads the type, so its errors come first.
      std::optional<Value> default_value;
      if (default_expr != nullptr) {
        default_value = MANIFOLD_TRY(Evaluate(*default_expr, EvalContext()));
      }
      attr.type = MANIFOLD_TRY(Parse(*type_expr));
      if (default_value)
        attr.default_value = MANIFOLD_TRY(Default(*default_value, *default_expr, attr.type));
      // A repeated name keeps the last definition, as the Go map HCL builds does.
      auto same = std::find_if(t.attributes.begin(), t.attributes.end(),
                               [&](const Type::Attribute& a) { return a.name == attr.name; });
      if (same != t.attributes.end()) {
        *same = std::move(attr);
      } else {
        t.attributes.push_back(std::move(attr));
      }
    }
    std::sort(t.attributes.begin(), t.attributes.end(),
              [](const Type::Attribute& a, const Type::Attribute& b) { return a.name < b.name; });
    return t;
  }

  // The default, evaluated as HCL does with no evaluation context, converted to the type.
  static util::Result<Value> Default(const Value& value, const Expression& expr, const Type& type) {
    auto converted = ConvertToType(value, type);
    if (!converted) {
      return std::unexpected(TypeError(
          expr.range, fmt::format("Invalid default value for optional attribute; This default "
                                  "value is not compatible with the attribute's type "
                                  "constraint: {}.",
                                  converted.error().message())));
    }
    return std::move(*converted);
  }

  TypeExprMode mode_;
};

std::string Friendly(const Type& type, bool constraint) {
  switch (type.kind) {
    case TK::kAny: return constraint ? "any type" : "dynamic";
    case TK::kString: return "string";
    case TK::kNumber: return "number";
    case TK::kBool: return "bool";
    case TK::kList:
    case TK::kSet:
    case TK::kMap: {
      const char* prefix = type.kind == TK::kList  ? "list of "
                           : type.kind == TK::kSet ? "set of "
                                                   : "map of ";
      if (constraint && type.elements[0].kind == TK::kAny)
        return prefix + std::string("any single type");
      return prefix + Friendly(type.elements[0], constraint);
    }
    case TK::kTuple: return "tuple";
    case TK::kObject: return "object";
  }
  return "dynamic";
}

}  // namespace

Type Type::Collection(Kind kind, Type element) {
  Type t = Of(kind);
  t.elements.push_back(std::move(element));
  return t;
}

const Type::Attribute* Type::FindAttribute(std::string_view name) const {
  auto it = std::lower_bound(attributes.begin(), attributes.end(), name,
                             [](const Attribute& a, std::string_view n) { return a.name < n; });
  return it != attributes.end() && it->name == name ? &*it : nullptr;
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind != b.kind || a.elements != b.elements || a.attributes.size() != b.attributes.size()) {
    return false;
  }
  for (size_t i = 0; i < a.attributes.size(); ++i) {
    const Type::Attribute& x = a.attributes[i];
    const Type::Attribute& y = b.attributes[i];
    if (x.name != y.name || x.optional != y.optional || !(x.type == y.type)) return false;
  }
  return true;
}

std::string FriendlyName(const Type& type) { return Friendly(type, false); }

std::string FriendlyNameForConstraint(const Type& type) { return Friendly(type, true); }

util::Result<Type> ParseTypeExpr(const Expression& expr, TypeExprMode mode) {
  return TypeParser(mode).Parse(expr);
}

Value ApplyDefaults(const Value& value, const Type& type) {
  if (value.IsNull()) return value;
  switch (type.kind) {
    case TK::kList:
    case TK::kSet:
    case TK::kTuple: {
      if (value.kind() != Kind::kTuple) return value;
      Tuple items = value.Items();
      for (size_t i = 0; i < items.size(); ++i) {
        if (type.kind != TK::kTuple) {
          items[i] = ApplyDefaults(items[i], type.elements[0]);
        } else if (i < type.elements.size()) {
          items[i] = ApplyDefaults(items[i], type.elements[i]);
        }
      }
      return Value::MakeTuple(std::move(items));
    }
    case TK::kMap:
    case TK::kObject: {
      if (value.kind() != Kind::kObject) return value;
      Object attrs = value.Attributes();
      for (auto& [name, item] : attrs) {
        if (type.kind == TK::kMap) {
          item = ApplyDefaults(item, type.elements[0]);
        } else if (const Type::Attribute* a = type.FindAttribute(name)) {
          item = ApplyDefaults(item, a->type);
        }
      }
      if (type.kind == TK::kObject) {
        for (const Type::Attribute& a : type.attributes) {
          if (!a.default_value) continue;
          auto it = attrs.find(a.name);
          if (it == attrs.end() || it->second.IsNull()) {
            attrs.insert_or_assign(a.name, ApplyDefaults(*a.default_value, a.type));
          }
        }
      }
      return Value::MakeObject(std::move(attrs));
    }
    default: return value;
  }
}

}  // namespace manifold::hcl
