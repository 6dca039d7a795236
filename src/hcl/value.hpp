// hcl::Value: the dynamic values HCL expressions produce (cty's null, bool, number, string,
// tuple and object, without unknowns).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace manifold::hcl {

/// The type of a Value. Lists are tuples and maps are objects here: HCL's native syntax only
/// constructs tuples and objects, and bake never needs the distinction.
enum class Kind { kNull, kBool, kNumber, kString, kTuple, kObject };

/// cty's name of a kind, as HCL's messages use it: "null", "bool", "number", "string", "tuple",
/// "object".
std::string_view KindName(Kind kind);

class Value;
using Tuple = std::vector<Value>;
/// Object attributes, kept sorted by key (cty iterates objects and maps in key order).
using Object = std::map<std::string, Value, std::less<>>;

/// An immutable HCL value. Strings, tuples and objects are shared, not copied, when a Value is
/// copied, so passing values around (variables, for expressions, splats) costs O(1).
/// Numbers are doubles: integers are exact up to 2^53 (HCL's are arbitrary precision).
/// Thread-safety: a Value may be read from several threads at once.
class Value {
 public:
  /// The null value.
  Value() = default;

  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Number(double n);
  static Value String(std::string s);
  static Value MakeTuple(Tuple items);
  static Value MakeObject(Object attributes);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool IsNull() const { return kind() == Kind::kNull; }
  /// The kind's name ("string", ...), for messages.
  std::string_view TypeName() const { return KindName(kind()); }

  /// Accessors; each asserts (MANIFOLD_ASSERT) that the kind matches.
  bool AsBool() const;
  double AsNumber() const;
  const std::string& AsString() const;
  const Tuple& Items() const;
  const Object& Attributes() const;

  /// Deep equality as HCL's `==`: same kind and equal contents; 1 != "1"; null == null.
  friend bool operator==(const Value& a, const Value& b);

 private:
  using Data = std::variant<std::monostate, bool, double, std::shared_ptr<const std::string>,
                            std::shared_ptr<const Tuple>, std::shared_ptr<const Object>>;
  Data data_;
};

/// Renders a number as cty does: integers without a fractional part ("3", "-12",
/// "100000000000000000000"), others in the shortest plain decimal that reads back ("1.5",
/// "0.0000001"; never exponent notation), infinities as "+Inf" / "-Inf".
std::string FormatNumber(double n);

/// Renders a value in HCL syntax, for tests and messages: `null`, `true`, `1.5`, `"a\"b"`,
/// `["a", 1]`, `{a = 1, "b c" = null}`. Object keys that are not identifiers are quoted.
std::string ToHcl(const Value& value);

}  // namespace manifold::hcl
