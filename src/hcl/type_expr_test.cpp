// ParseTypeExpr, friendly names and ApplyDefaults (rows after hcl's ext/typeexpr tests).
#include "hcl/type_expr.hpp"

#include <gtest/gtest.h>

#include "hcl/convert.hpp"
#include "hcl/eval.hpp"
#include "hcl/parse.hpp"

namespace manifold::hcl {
namespace {

using TK = Type::Kind;

util::Result<Type> Parse(std::string_view source, TypeExprMode mode = TypeExprMode::kConstraint) {
  auto expr = ParseExpression(source, "type.hcl");
  if (!expr) return std::unexpected(expr.error());
  return ParseTypeExpr(**expr, mode);
}

// The type's constraint name, or "error: " and the message.
std::string Name(std::string_view source, TypeExprMode mode = TypeExprMode::kConstraint) {
  auto t = Parse(source, mode);
  if (!t) return "error: " + t.error().message();
  return FriendlyNameForConstraint(*t);
}

TEST(HclTypeExprTest, Types) {
  struct Case {
    const char* source;
    const char* want;
  };
  for (const Case& c : std::vector<Case>{
           {"string", "string"},
           {"number", "number"},
           {"bool", "bool"},
           {"any", "any type"},
           {"list(string)", "list of string"},
           {"set(number)", "set of number"},
           {"map(bool)", "map of bool"},
           {"list(any)", "list of any single type"},
           {"map(list(any))", "map of list of any single type"},
           {"tuple([string, number])", "tuple"},
           {"object({a = string, b = number})", "object"},
           {"object({a: string})", "object"},
           {"object({a = optional(string)})", "object"},
       }) {
    EXPECT_EQ(Name(c.source), c.want) << c.source;
  }
  Type t = *Parse("object({b = optional(number), a = list(string)})");
  ASSERT_EQ(t.attributes.size(), 2u);
  EXPECT_EQ(t.attributes[0].name, "a");
  EXPECT_FALSE(t.attributes[0].optional);
  EXPECT_EQ(t.attributes[0].type, Type::Collection(TK::kList, Type::Of(TK::kString)));
  EXPECT_EQ(t.attributes[1].name, "b");
  EXPECT_TRUE(t.attributes[1].optional);
  EXPECT_FALSE(t.attributes[1].default_value);
  EXPECT_EQ(FriendlyName(*Parse("list(any)")), "list of dynamic");
  EXPECT_EQ(FriendlyName(*Parse("any")), "dynamic");
}

TEST(HclTypeExprTest, Errors) {
  struct Case {
    const char* source;
    const char* want;
  };
  const std::string prefix = "Invalid type specification; ";
  for (const Case& c : std::vector<Case>{
           {"boolean", "The keyword \"boolean\" is not a valid type specification."},
           {"list", "The list type constructor requires one argument specifying the element type."},
           {"map(string, number)",
            "The map type constructor requires one argument specifying the element type."},
           {"object",
            "The object type constructor requires one argument specifying the "
            "attribute types and values as a map."},
           {"tuple()",
            "The tuple type constructor requires one argument specifying the element "
            "types as a list."},
           {"string(1)", "Primitive type keyword \"string\" does not expect arguments."},
           {"any()", "Type constraint keyword \"any\" does not expect arguments."},
           {"\"string\"",
            "A type specification is either a primitive type keyword (bool, "
            "number, string) or a complex type constructor call, like "
            "list(string)."},
           {"foo(string)", "Keyword \"foo\" is not a valid type constructor."},
           {"tuple(string)", "Tuple type constructor requires a list of element types."},
           {"object([string])",
            "Object type constructor requires a map whose keys are attribute "
            "names and whose values are the corresponding attribute types."},
           {"object({\"a\" = string})", "Object constructor map keys must be attribute names."},
           {"optional(string)",
            "Keyword \"optional\" is valid only as a modifier for object type attributes."},
           {"object({a = optional()})",
            "Optional attribute modifier requires the attribute type as its argument."},
           {"object({a = optional(string, \"x\")})",
            "Optional attribute modifier expects only one argument: the attribute type."},
           {"list(optional(string))",
            "Keyword \"optional\" is valid only as a modifier for object type attributes."},
       }) {
    EXPECT_EQ(Name(c.source), "error: " + prefix + c.want) << c.source;
  }
  EXPECT_EQ(Name("object({a = optional(string, 1, 2)})", TypeExprMode::kConstraintWithDefaults),
            "error: " + prefix +
                "Optional attribute modifier expects at most two arguments: the attribute "
                "type, and a default value.");
  EXPECT_EQ(Name("object({a = optional(number, \"x\")})", TypeExprMode::kConstraintWithDefaults),
            "error: Invalid default value for optional attribute; This default value is not "
            "compatible with the attribute's type constraint: a number is required.");
  EXPECT_EQ(Name("object({a = optional(number, nope)})", TypeExprMode::kConstraintWithDefaults),
            "error: Unknown variable; There is no variable named \"nope\".");
  // Located at the offending expression, without the line's text (Evaluate adds it).
  auto located = Parse("object({\n  a = strin\n})");
  ASSERT_FALSE(located);
  ASSERT_TRUE(located.error().location());
  EXPECT_EQ(located.error().location()->line, 2);
  EXPECT_EQ(located.error().location()->column, 7);
  EXPECT_EQ(located.error().location()->line_text, "");
}

Value ConvertWithDefaults(std::string_view type, const Value& v) {
  Type t = *Parse(type, TypeExprMode::kConstraintWithDefaults);
  auto converted = ConvertToType(ApplyDefaults(v, t), t);
  EXPECT_TRUE(converted) << converted.error().What();
  return converted ? *converted : Value();
}

Value Eval(std::string_view source) {
  return *Evaluate(**ParseExpression(source, "v.hcl"), EvalContext());
}

TEST(HclTypeExprTest, Defaults) {
  const char* type = "object({a = string, b = optional(number, 3), c = optional(string)})";
  Type t = *Parse(type, TypeExprMode::kConstraintWithDefaults);
  EXPECT_EQ(t.attributes[1].default_value, Value::Number(3));
  EXPECT_EQ(ToHcl(ConvertWithDefaults(type, Eval(R"({a = "x"})"))),
            R"({a = "x", b = 3, c = null})");
  EXPECT_EQ(ToHcl(ConvertWithDefaults(type, Eval(R"({a = "x", b = null})"))),
            R"({a = "x", b = 3, c = null})");
  EXPECT_EQ(ToHcl(ConvertWithDefaults(type, Eval(R"({a = "x", b = "7"})"))),
            R"({a = "x", b = 7, c = null})");
  // The default is converted to the attribute's type when the type is read.
  EXPECT_EQ(ToHcl(ConvertWithDefaults("object({a = optional(string, 1)})", Eval("{}"))),
            R"({a = "1"})");
  // Defaults apply inside collections, tuples and nested objects, and to a default itself.
  EXPECT_EQ(
      ToHcl(ConvertWithDefaults("list(object({n = optional(number, 1)}))", Eval("[{}, {n = 2}]"))),
      "[{n = 1}, {n = 2}]");
  EXPECT_EQ(ToHcl(ConvertWithDefaults("map(object({n = optional(number, 1)}))", Eval("{x = {}}"))),
            "{x = {n = 1}}");
  EXPECT_EQ(ToHcl(ConvertWithDefaults("tuple([object({n = optional(number, 1)}), string])",
                                      Eval(R"([{}, "s"])"))),
            R"([{n = 1}, "s"])");
  EXPECT_EQ(ToHcl(ConvertWithDefaults(
                "object({o = optional(object({p = optional(bool, true), q = optional(string)}), "
                "{q = \"z\"})})",
                Eval("{}"))),
            R"({o = {p = true, q = "z"}})");
  // A null value stays null: defaults fill attributes, not absent objects.
  EXPECT_EQ(ConvertWithDefaults(type, Value::Null()), Value::Null());
  // Without defaults, optional attributes are null.
  EXPECT_EQ(ToHcl(*ConvertToType(Eval(R"({a = "x"})"),
                                 *Parse(type, TypeExprMode::kConstraintWithDefaults))),
            R"({a = "x", b = null, c = null})");
}

}  // namespace
}  // namespace manifold::hcl
