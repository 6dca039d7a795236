// convert(), byteslen and bytesslice (rows after hcl's typeexpr and go-cty's convert tests, with
// the messages of the go-cty version buildx vendors).
#include <string>

#include "hcl/convert.hpp"
#include "hcl/internal/test_functions.hpp"

namespace manifold::hcl {
namespace {

using testing::EvalWithFunctions;
using testing::RunFunctionTable;

TEST(HclConvertTest, Primitives) {
  RunFunctionTable({
      {R"(convert("hello", string))", R"("hello")"},
      {"convert(true, string)", R"("true")"},
      {"convert(3.14159265359, string)", R"("3.14159265359")"},
      {R"(convert("42", number))", "42"},
      {R"(convert("1.5", number))", "1.5"},
      {R"(convert("1", bool))", "true"},
      {R"(convert("0", bool))", "false"},
      {R"(convert("hello", bool))",
       R"(error: Call to function "convert" failed: Invalid value for "value" parameter (argument 1): a bool is required.)"},
      {R"(convert("True", bool))",
       R"(error: a bool is required; to convert from string, use lowercase "true")"},
      {R"(convert("hello", number))", "error: a number is required"},
      {"convert(1, bool)", "error: bool required, but have number"},
      {"convert(true, number)", "error: number required, but have bool"},
      {"convert([], string)", "error: string required, but have tuple"},
      {"convert({}, number)", "error: number required, but have object"},
      {"convert(null, bool)", "null"},
      {"convert(null, list(string))", "null"},
      {R"(convert("x", any))", R"("x")"},
      {"convert([1, true], any)", "[1, true]"},
  });
}

TEST(HclConvertTest, Collections) {
  RunFunctionTable({
      {"convert([1, 2], list(string))", R"(["1", "2"])"},
      {R"(convert(["2", "3"], list(number)))", "[2, 3]"},
      {"convert([], list(string))", "[]"},
      {R"(convert(["a", 1], list(any)))", R"(["a", "1"])"},
      {"convert([1, true], list(any))", "error: all list elements must have the same type"},
      {"convert([1, true], set(any))", "error: all set elements must have the same type"},
      {"convert({a = 1, b = true}, map(any))", "error: all map elements must have the same type"},
      {"convert([null, 1], list(any))", "[null, 1]"},
      {"convert([[1], [2, 3]], list(any))", "[[1], [2, 3]]"},
      {R"(convert([[1], ["a"]], list(list(any))))", R"([["1"], ["a"]])"},
      {R"(convert([{a = 1}, {b = "x"}], list(any)))", R"([{a = "1"}, {b = "x"}])"},
      {R"(convert([{a = 1}, {a = "x"}], list(any)))", R"([{a = "1"}, {a = "x"}])"},
      {R"(convert(["oops"], list(number)))", "error: a number is required"},
      {"convert([[1]], list(number))", "error: element 0: number required, but have tuple"},
      {"convert([{}], list(object({foo = string})))",
       R"(error: element 0: attribute "foo" is required)"},
      {R"(convert("a", list(string)))", "error: list of string required, but have string"},
      {"convert({}, list(string))", "error: list of string required"},
      {"convert([], map(string))", "error: map of string required"},
      {"convert([3, 1, 3, 2], set(number))", "[1, 2, 3]"},
      {R"(convert(["b", "a", "b"], set(string)))", R"(["a", "b"])"},
      {R"(convert([1, "a"], set(any)))", R"(["1", "a"])"},
      {"convert({a = 1, b = 2}, map(string))", R"({a = "1", b = "2"})"},
      {R"(convert({a = 1, b = "x"}, map(any)))", R"({a = "1", b = "x"})"},
      {"convert({boop = {}}, map(object({foo = string})))",
       R"(error: element "boop": attribute "foo" is required)"},
      {"convert({a = [1], b = []}, map(list(string)))", R"({a = ["1"], b = []})"},
      {"convert([1, 2], tuple([string, number]))", R"(["1", 2])"},
      {"convert([1, 2], tuple([string]))", "error: tuple required"},
      {"convert([1], tuple([bool]))", "error: tuple required"},
  });
}

TEST(HclConvertTest, Objects) {
  RunFunctionTable({
      {R"(convert({a = 1, b = "x"}, object({a = string})))", R"({a = "1"})"},
      {"convert({}, object({foo = string}))", R"(error: attribute "foo" is required)"},
      {"convert({}, object({foo = string, bar = string}))",
       R"(error: attributes "bar" and "foo" are required)"},
      {"convert({}, object({foo = string, bar = string, baz = string}))",
       R"(error: attributes "bar", "baz", and "foo" are required)"},
      {"convert({foo = true, baz = {boop = 1}}, object({foo = bool, baz = object({boop = "
       "number, beep = bool})}))",
       R"(error: attribute "baz": attribute "beep" is required)"},
      {"convert({a = []}, object({a = string}))",
       R"(error: attribute "a": string required, but have tuple)"},
      {R"(convert({a = "x"}, object({a = number})))", "error: a number is required"},
      {"convert([], object({}))", "error: object required"},
      {"convert({a = 1}, object({a = number, b = optional(string)}))", "{a = 1, b = null}"},
      {"convert({a = 1, b = 2}, object({a = number, b = optional(string)}))",
       R"({a = 1, b = "2"})"},
      {"convert({}, object({a = optional(object({b = optional(number)}))}))", "{a = null}"},
      {"convert({a = {}}, object({a = optional(object({b = optional(number)}))}))",
       "{a = {b = null}}"},
      {"convert([{}], list(object({a = optional(string)})))", "[{a = null}]"},
  });
}

TEST(HclConvertTest, Arguments) {
  RunFunctionTable({
      {"convert(1)", R"(error: Function "convert" expects 2 argument(s), but 1 were given.)"},
      {"convert(1, string, 2)", "error: Too many function arguments"},
      {"convert(1, boolean)",
       R"(error: Invalid type specification; The keyword "boolean" is not a valid type specification.)"},
      {R"(convert(1, "string"))", "error: A type specification is either a primitive type"},
      {"convert(1, object({a = optional(string, \"x\")}))",
       "error: Optional attribute modifier expects only one argument: the attribute type."},
      {"convert(1, optional(string))",
       R"(error: Keyword "optional" is valid only as a modifier for object type attributes.)"},
      {"convert(nope, string)", "error: There is no variable named \"nope\"."},
      {R"(convert([1, "string"]...))", "error: A type specification is either"},
      {"convert([1]...)", "error: Not enough function arguments"},
      {"can(convert(\"x\", number))", "false"},
      {"try(convert(\"x\", number), \"fallback\")", R"("fallback")"},
      {"convert(l, list(string))", R"(["a", "b"])"},
  });
  // A conversion error is located at the call, as other functions' errors; a type error at the type
  // expression.
  EXPECT_EQ(EvalWithFunctions("convert(\"a\",\n  number)").substr(0, 22), "error: test.hcl:1:1: E");
  EXPECT_EQ(EvalWithFunctions("convert(\"a\",\n  numbr)").substr(0, 22), "error: test.hcl:2:3: I");
}

TEST(HclConvertTest, TooComplex) {
  // Unifying many distinct types is quadratic in cty (it orders them pairwise); here it stops at a
  // step budget instead.
  std::string got = EvalWithFunctions(
      R"(convert(concat(["s"], [for i in range(1000) : {"k${i}" = i}], [for i in range(1000) : {"j${i}" = i}]), list(any)))");
  EXPECT_NE(got.find("value too complex to convert"), std::string::npos) << got.substr(0, 300);
  // Many equal types unify at once.
  got = EvalWithFunctions("length(convert([for i in range(1000) : {a = i}], list(any)))");
  EXPECT_EQ(got, "1000");
}

TEST(HclBytesTest, FailAsCtyDoes) {
  RunFunctionTable({
      {R"(byteslen("Docker"))",
       R"(error: Call to function "byteslen" failed: Invalid value for "buf" parameter (argument 1): bytes required, but have string.)"},
      {"byteslen(1)", "error: bytes required, but have number"},
      {"byteslen([])", R"(error: Invalid value for "buf" parameter (argument 1): bytes required.)"},
      {"byteslen(null)", "error: argument must not be null"},
      {"byteslen()", "error: Not enough function arguments"},
      {R"(bytesslice("Docker", 0, 3))", "error: bytes required, but have string"},
      {R"(bytesslice(null, "x", 3))",
       R"(error: Invalid value for "offset" parameter (argument 2): a number is required)"},
      {"bytesslice(null, 0, true)",
       R"(error: Invalid value for "length" parameter (argument 3): number required, but have bool)"},
      {"bytesslice(null, 0, 3)",
       R"(error: Invalid value for "buf" parameter (argument 1): argument must not be null)"},
  });
}

TEST(HclTypeOfTest, Values) {
  Value v = Value::MakeTuple(
      {Value::Null(), Value::String("a"), Value::MakeObject({{"n", Value::Number(1)}})});
  Type t = TypeOf(v);
  ASSERT_EQ(t.kind, Type::Kind::kTuple);
  ASSERT_EQ(t.elements.size(), 3u);
  EXPECT_EQ(t.elements[0].kind, Type::Kind::kAny);
  EXPECT_EQ(t.elements[1].kind, Type::Kind::kString);
  ASSERT_EQ(t.elements[2].attributes.size(), 1u);
  EXPECT_EQ(t.elements[2].attributes[0].type.kind, Type::Kind::kNumber);
}

}  // namespace
}  // namespace manifold::hcl
