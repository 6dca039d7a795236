// hcl::Type and type expressions: HCL's ext/typeexpr (type constraints, optional attributes and
// their defaults) over cty's type system.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::hcl {

/// A cty type or type constraint: `string`, `number`, `bool`, `any` (cty's DynamicPseudoType),
/// `list(T)`, `set(T)`, `map(T)`, `tuple([T, ...])`, `object({name = T, ...})` whose attributes may
/// be optional (with a default value when the type came from ParseTypeExpr with defaults). Values
/// hold lists and sets as tuples and maps as objects; a Type says which one a conversion made.
/// Plain data.
struct Type {
  enum class Kind { kAny, kString, kNumber, kBool, kList, kSet, kMap, kTuple, kObject };
  struct Attribute;

  Kind kind = Kind::kAny;
  std::vector<Type> elements;         ///< list/set/map: one; tuple: one per element.
  std::vector<Attribute> attributes;  ///< object, sorted by name, names distinct.

  /// The type of `kind` without elements or attributes (a primitive, `any`, an empty tuple or
  /// object).
  static Type Of(Kind kind);
  static Type Collection(Kind kind, Type element);

  bool IsPrimitive() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }
  bool IsCollection() const {
    return kind == Kind::kList || kind == Kind::kSet || kind == Kind::kMap;
  }
  /// The attribute named `name`, or nullptr.
  const Attribute* FindAttribute(std::string_view name) const;
};

struct Type::Attribute {
  std::string name;
  Type type;
  bool optional = false;               ///< `optional(T)`: may be absent (then null).
  std::optional<Value> default_value;  ///< `optional(T, default)`, converted to `type`.
};

// Defined once Attribute is complete: its vector is built here.
inline Type Type::Of(Kind kind) {
  Type t;
  t.kind = kind;
  return t;
}

/// cty's Type.Equals: same structure, attribute names and optional markers (defaults are not part
/// of a type).
bool operator==(const Type& a, const Type& b);

/// cty's FriendlyName: "string", "list of number", "map of dynamic", "tuple", "object", "dynamic"
/// for `any`.
std::string FriendlyName(const Type& type);

/// cty's FriendlyNameForConstraint: as FriendlyName, but `any` is "any type" and a collection of
/// `any` "list of any single type".
std::string FriendlyNameForConstraint(const Type& type);

/// Which of HCL's typeexpr readers ParseTypeExpr acts as.
enum class TypeExprMode {
  /// typeexpr.TypeConstraint: `optional(T)` only.
  kConstraint,
  /// typeexpr.TypeConstraintWithDefaults: also `optional(T, default)`.
  kConstraintWithDefaults,
};

/// Reads a type expression (HCL's typeexpr.getType): keywords `string`, `number`, `bool`, `any`,
/// constructor calls `list(T)`, `set(T)`, `map(T)`, `tuple([T...])`, `object({a = T})`, and inside
/// objects `optional(T)` (and in kConstraintWithDefaults `optional(T, D)`, D evaluated without
/// variables or functions and converted to T). Nesting is bounded by the parser's depth bound.
/// Errors (kInvalidArgument) are worded as HCL's diagnostics ("Invalid type specification; The
/// keyword \"boolean\" is not a valid type specification.") and located by file, line and column
/// without the line's text, which a caller that shows the error adds (Evaluate does).
util::Result<Type> ParseTypeExpr(const Expression& expr,
                                 TypeExprMode mode = TypeExprMode::kConstraint);

/// `value` with the defaults of `type`'s optional attributes filled in (typeexpr's Defaults.Apply,
/// applied before conversion): an object attribute that is absent or null gets its default;
/// defaults apply inside collection elements, tuple elements and nested objects. Values of other
/// shapes are returned as they are.
Value ApplyDefaults(const Value& value, const Type& type);

}  // namespace manifold::hcl
