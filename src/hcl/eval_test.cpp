// Expression evaluation: literals, operators and precedence, conversions, collections,
// traversals, splats, for expressions, calls and conditionals (cases after hashicorp/hcl's
// specsuite and hclsyntax's expression tests, and buildx's bake/hcl_test.go).
#include <gtest/gtest.h>

#include "hcl/internal/test_eval.hpp"

namespace manifold::hcl {
namespace {

using testing::EvalToString;

TEST(HclEvalTest, Literals) {
  testing::RunEvalTable({
      {"5", "5"},
      {"3.2", "3.2"},
      {"1e3", "1000"},
      {"1.5e-3", "0.0015"},
      {"12E+2", "1200"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {"\"hello\"", "\"hello\""},
      {"\"ЖЖ\"", "\"ЖЖ\""},
      {"[]", "[]"},
      {"{}", "{}"},
      {"[1, \"a\", true, null,]", "[1, \"a\", true, null]"},
      {"[\n 1,\n 2\n]", "[1, 2]"},
      {"3.14159265358979323846", "3.141592653589793"},
  });
}

TEST(HclEvalTest, Arithmetic) {
  testing::RunEvalTable({
      {"2 + 3.5", "5.5"},
      {"3.5 - 2", "1.5"},
      {"2 - 3.5", "-1.5"},
      {"2 * 4.5", "9"},
      {"1 / 10", "0.1"},
      {"5 / 2", "2.5"},
      {"11 % 5", "1"},
      {"-11 % 5", "-1"},
      {"11 % -5", "1"},
      {"7 % 0", "7"},
      {"1 / 0", "+Inf"},
      {"-1 / 0", "-Inf"},
      {"-5", "-5"},
      {"- -5", "5"},
      {"-num", "-3"},
      {"0 * -1", "0"},
      {"\"1\" + 1", "2"},
      {"\"2.5\" * \"2\"", "5"},
      {"-\"4\"", "-4"},
      {"9007199254740992 + 0", "9007199254740992"},
      {"1e20", "100000000000000000000"},
  });
}

TEST(HclEvalTest, Precedence) {
  testing::RunEvalTable({
      {"1 + 2 * 3", "7"},
      {"(1 + 2) * 3", "9"},
      {"10 - 4 - 3", "3"},
      {"12 / 3 / 2", "2"},
      {"2 * 3 % 4", "2"},
      {"1 + 2 < 4", "true"},
      {"1 < 2 == 2 < 3", "true"},
      {"true || false && false", "true"},
      {"(true || false) && false", "false"},
      {"!true == false", "true"},
      {"-2 * 3", "-6"},
      {"1 == 1 && 2 != 3", "true"},
      {"false ? 1 : true ? 2 : 3", "2"},
      {"1 + 1 == 2 ? \"y\" : \"n\"", "\"y\""},
      {"-obj.a", "-1"},
  });
}

TEST(HclEvalTest, ComparisonAndEquality) {
  testing::RunEvalTable({
      {"\"a\" == \"a\"", "true"},
      {"\"a\" == \"b\"", "false"},
      {"\"1\" == 1", "false"},
      {"\"true\" == true", "false"},
      {"\"1\" != 1", "true"},
      {"null == null", "true"},
      {"nothing == null", "true"},
      {"1 == null", "false"},
      {"[1, \"a\"] == [1, \"a\"]", "true"},
      {"[1] == [1, 2]", "false"},
      {"{a = 1} == {\"a\" = 1}", "true"},
      {"list == [\"a\", \"b\", \"c\"]", "true"},
      {"1 < 2", "true"},
      {"2 < 1", "false"},
      {"1 < 1", "false"},
      {"1 <= 1", "true"},
      {"2 <= 1", "false"},
      {"2 > 1", "true"},
      {"1 > 1", "false"},
      {"1 >= 1", "true"},
      {"1 >= 2", "false"},
      {"\"10\" > 9", "true"},
  });
}

TEST(HclEvalTest, Logic) {
  testing::RunEvalTable({
      {"true && true", "true"},
      {"true && false", "false"},
      {"false && true", "false"},
      {"false && false", "false"},
      {"true || true", "true"},
      {"true || false", "true"},
      {"false || true", "true"},
      {"false || false", "false"},
      {"!true", "false"},
      {"!false", "true"},
      {"!\"false\"", "true"},
      {"\"true\" && true", "true"},
      // A side that decides hides the other side's evaluation error (hclsyntax's ShortCircuit).
      {"true || missing", "true"},
      {"missing || true", "true"},
      {"false && missing", "false"},
      {"false && [1][5]", "false"},
      {"false || missing",
       "error: test.hcl:1:10: Unknown variable; There is no variable named \"missing\"."},
      {"true && \"x\"",
       "error: test.hcl:1:9: Invalid operand; Unsuitable value for right operand: a bool is "
       "required."},
      {"true || 1",
       "error: test.hcl:1:9: Invalid operand; Unsuitable value for right operand: a bool is "
       "required."},
      {"true && null",
       "error: test.hcl:1:1: Operation failed; Error during operation: argument must not be null."},
      {"true || null", "true"},
  });
}

TEST(HclEvalTest, Conditional) {
  testing::RunEvalTable({
      {"true ? \"a\" : \"b\"", "\"a\""},
      {"false ? \"a\" : \"b\"", "\"b\""},
      {"\"true\" ? 1 : 2", "1"},
      {"yes ? list : []", "[\"a\", \"b\", \"c\"]"},
      // Only the chosen result's error counts.
      {"false ? list[7] : \"fallback\"", "\"fallback\""},
      {"true ? list[0] : missing", "\"a\""},
      // cty unifies a number and a string into a string.
      {"true ? 1 : \"x\"", "\"1\""},
      {"false ? \"x\" : true", "\"true\""},
      {"true ? null : 1", "null"},
      {"true ? 1 : true",
       "error: test.hcl:1:1: Inconsistent conditional result types; The true and false result "
       "expressions must have consistent types. The 'true' value is number, but the 'false' value "
       "is bool."},
      {"null ? 1 : 2",
       "error: test.hcl:1:1: Null condition; The condition value is null. Conditions must either "
       "be true or false."},
      {"\"maybe\" ? 1 : 2",
       "error: test.hcl:1:1: Incorrect condition type; The condition expression must be of type "
       "bool: a bool is required."},
      {"true ? missing : 2",
       "error: test.hcl:1:8: Unknown variable; There is no variable named \"missing\"."},
  });
}

TEST(HclEvalTest, Objects) {
  testing::RunEvalTable({
      {"{a = 1, b = \"x\"}", "{a = 1, b = \"x\"}"},
      {"{b = 1, a = 2}", "{a = 2, b = 1}"},
      {"{\"k\": 1, k2: 2}", "{k = 1, k2 = 2}"},
      {"{\n  a = 1\n  b = 2\n}", "{a = 1, b = 2}"},
      {"{a = 1,\n b = 2,}", "{a = 1, b = 2}"},
      // A bare identifier is the literal key; parentheses make it an expression.
      {"{name = 1}", "{name = 1}"},
      {"{(name) = 1}", "{world = 1}"},
      {"{\"${name}x\" = 1}", "{worldx = 1}"},
      {"{true = 1, null = 2}", "{null = 2, true = 1}"},
      {"{(num) = 1}", "{\"3\" = 1}"},
      {"{a = 1, a = 2}", "{a = 2}"},
      {"{\"for\" = 1}", "{\"for\" = 1}"},
      {"{(nothing) = 1}",
       "error: test.hcl:1:3: Null value as key; Can't use a null value as a key."},
      {"{(list) = 1}",
       "error: test.hcl:1:3: Incorrect key type; Can't use this value as a key: string required, "
       "but have tuple."},
  });
}

TEST(HclEvalTest, TraversalsAndIndexes) {
  testing::RunEvalTable({
      {"obj.a", "1"},
      {"obj[\"b\"]", "\"two\""},
      {"obj[\"c d\"]", "false"},
      {"list[1]", "\"b\""},
      {"list[\"2\"]", "\"c\""},
      {"list.0", "\"a\""},
      {"objs.1.id", "2"},
      {"objs[0].tags[0]", "\"x\""},
      {"{a = [1, {b = 2}]}.a[1].b", "2"},
      {"[[1, 2], [3]][0][1]", "2"},
      {"{\"1\" = \"one\"}[1]", "\"one\""},
      {"list[\n1\n]", "\"b\""},
      {"list[3]",
       "error: test.hcl:1:6: Invalid index; The given key does not identify an element in this "
       "collection value: the collection has 3 element(s)."},
      {"list[-1]",
       "error: test.hcl:1:6: Invalid index; The given key does not identify an element in this "
       "collection value: a negative number is not a valid index for a sequence."},
      {"list[0.5]",
       "error: test.hcl:1:6: Invalid index; The given key does not identify an element in this "
       "collection value: the index must be a whole number."},
      {"list[\"x\"]",
       "error: test.hcl:1:6: Invalid index; The given key does not identify an element in this "
       "collection value: a number is required."},
      {"obj[\"zz\"]",
       "error: test.hcl:1:5: Invalid index; The given key does not identify an element in this "
       "collection value."},
      {"obj.zz",
       "error: test.hcl:1:1: Unsupported attribute; This object does not have an attribute named "
       "\"zz\"."},
      {"list.x",
       "error: test.hcl:1:1: Unsupported attribute; Can't access attributes on a list of objects. "
       "Did you mean to access attribute \"x\" for a specific element of the list, or across all "
       "elements of the list?"},
      {"name.x",
       "error: test.hcl:1:1: Unsupported attribute; Can't access attributes on a primitive-typed "
       "value (string)."},
      {"nothing.x",
       "error: test.hcl:1:1: Attempt to get attribute from null value; This value is null, so it "
       "does not have any attributes."},
      {"nothing[0]",
       "error: test.hcl:1:1: Attempt to index null value; This value is null, so it does not have "
       "any indices."},
      {"name[0]",
       "error: test.hcl:1:1: Invalid index; This value does not have any indices (it is a "
       "string)."},
      {"list[nothing]",
       "error: test.hcl:1:6: Invalid index; Can't use a null value as an indexing key."},
  });
}

TEST(HclEvalTest, Splats) {
  testing::RunEvalTable({
      {"objs.*.id", "[1, 2]"},
      {"objs[*].id", "[1, 2]"},
      {"objs[*].tags[0]", "[\"x\", \"y\"]"},
      // The attribute-only splat applies a later index to its result.
      {"objs.*.tags[0]", "[\"x\"]"},
      {"objs[*].tags[*]", "[[\"x\"], [\"y\", \"z\"]]"},
      {"list.*", "[\"a\", \"b\", \"c\"]"},
      {"list[*]", "[\"a\", \"b\", \"c\"]"},
      // A non-sequence is wrapped; null gives an empty tuple (spec, "Splat Operators").
      {"obj.*.a", "[1]"},
      {"num[*]", "[3]"},
      {"nothing[*]", "[]"},
      {"nothing.*.id", "[]"},
      {"[].*.id", "[]"},
      {"objs[*].nope",
       "error: test.hcl:1:5: Unsupported attribute; This object does not have an attribute named "
       "\"nope\"."},
  });
}

TEST(HclEvalTest, ForExpressions) {
  testing::RunEvalTable({
      {"[for v in [\"a\", \"b\"]: v]", "[\"a\", \"b\"]"},
      {"[for i, v in [\"a\", \"b\"]: i]", "[0, 1]"},
      {"{for i, v in [\"a\", \"b\"]: v => i}", "{a = 0, b = 1}"},
      {"{for i, v in [\"a\", \"a\", \"b\"]: v => i...}", "{a = [0, 1], b = [2]}"},
      {"[for i, v in [\"a\", \"b\", \"c\"]: v if i < 2]", "[\"a\", \"b\"]"},
      {"[for k, v in obj: k]", "[\"a\", \"b\", \"c d\"]"},
      {"{for k, v in {b = 1, a = 2}: v => k}", "{\"1\" = \"b\", \"2\" = \"a\"}"},
      {"[for o in objs: o.id * 10]", "[10, 20]"},
      {"[for v in list: upper(v)]", "[\"A\", \"B\", \"C\"]"},
      {"[\n  for v in list:\n  v\n  if v != \"b\"\n]", "[\"a\", \"c\"]"},
      {"{\n  for v in list:\n  v => \"${v}!\"\n}", "{a = \"a!\", b = \"b!\", c = \"c!\"}"},
      {"[for v in [1, 2]: [for w in [10, 20]: v * w]]", "[[10, 20], [20, 40]]"},
      // The loop variable hides an outer one only inside the loop.
      {"[[for name in [1]: name], name]", "[[1], \"world\"]"},
      {"{for i, v in [\"a\", \"a\"]: v => i}",
       "error: test.hcl:1:26: Duplicate object key; Two different items produced the key \"a\" in "
       "this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value "
       "expression to enable grouping by key."},
      {"[for v in nothing: v]",
       "error: test.hcl:1:11: Iteration over null value; A null value cannot be used as the "
       "collection in a 'for' expression."},
      {"[for v in name: v]",
       "error: test.hcl:1:11: Iteration over non-iterable value; A value of type string cannot be "
       "used as the collection in a 'for' expression."},
      {"[for v in list: v if v]",
       "error: test.hcl:1:22: Invalid 'for' condition; The 'if' clause value is invalid: a bool is "
       "required."},
      {"[for v in list: v if nothing]",
       "error: test.hcl:1:22: Condition is null; The value of the 'if' clause must not be null."},
      {"{for v in list: nothing => v}",
       "error: test.hcl:1:17: Invalid object key; Key expression in 'for' expression must not "
       "produce a null value."},
  });
}

TEST(HclEvalTest, FunctionCalls) {
  testing::RunEvalTable({
      {"upper(\"abc\")", "\"ABC\""},
      {"upper(name)", "\"WORLD\""},
      {"concat([1], [2, 3])", "[1, 2, 3]"},
      {"concat()", "[]"},
      {"concat([[1], [2]]...)", "[1, 2]"},
      {"concat([0], [[1], [2]]...)", "[0, 1, 2]"},
      {"add(1, 2,)", "3"},
      {"add(\n  1,\n  2\n)", "3"},
      {"add([1, 2]...)", "3"},
      {"nope(1)",
       "error: test.hcl:1:1: Call to unknown function; There is no function named \"nope\"."},
      {"upper()",
       "error: test.hcl:1:1: Not enough function arguments; Function \"upper\" expects 1 "
       "argument(s), but 0 were given."},
      {"upper(\"a\", \"b\")",
       "error: test.hcl:1:1: Too many function arguments; Function \"upper\" expects only 1 "
       "argument(s), but 2 were given."},
      {"upper(1)",
       "error: test.hcl:1:1: Error in function call; Call to function \"upper\" failed: upper "
       "wants a string."},
      {"concat(nothing...)",
       "error: test.hcl:1:8: Invalid expanding argument value; The expanding argument (indicated "
       "by ...) must not be null."},
      {"concat(name...)",
       "error: test.hcl:1:8: Invalid expanding argument value; The expanding argument (indicated "
       "by ...) must be of a tuple, list, or set type."},
  });
}

TEST(HclEvalTest, OperandErrors) {
  testing::RunEvalTable({
      {"\"a\" + 1",
       "error: test.hcl:1:1: Invalid operand; Unsuitable value for left operand: a number is "
       "required."},
      {"1 + true",
       "error: test.hcl:1:5: Invalid operand; Unsuitable value for right operand: a number is "
       "required."},
      {"1 + nothing",
       "error: test.hcl:1:1: Operation failed; Error during operation: argument must not be null."},
      {"[1] < 2",
       "error: test.hcl:1:1: Invalid operand; Unsuitable value for left operand: a number is "
       "required."},
      {"-true",
       "error: test.hcl:1:2: Invalid operand; Unsuitable value for unary operand: a number is "
       "required."},
      {"!1",
       "error: test.hcl:1:2: Invalid operand; Unsuitable value for unary operand: a bool is "
       "required."},
      {"0 / 0",
       "error: test.hcl:1:1: Operation failed; Error during operation: can't divide zero by zero "
       "or infinity by infinity."},
      {"1 / 0 - 1 / 0",
       "error: test.hcl:1:1: Operation failed; Error during operation: the result is not a "
       "number."},
      {"missing", "error: test.hcl:1:1: Unknown variable; There is no variable named \"missing\"."},
      {"1 +\n  missing",
       "error: test.hcl:1:4: Invalid expression; Expected the start of an expression, but found an "
       "invalid expression token."},
      {"(1 +\n  missing)",
       "error: test.hcl:2:3: Unknown variable; There is no variable named \"missing\"."},
  });
}

TEST(HclEvalTest, ChildScopeHidesParent) {
  EvalContext root = testing::TestContext();
  EvalContext child(&root);
  child.SetVariable("name", Value::String("child"));
  auto expr = ParseExpression("\"${name} ${num}\"", "scope.hcl");
  ASSERT_TRUE(expr) << expr.error().What();
  auto v = Evaluate(**expr, child);
  ASSERT_TRUE(v) << v.error().What();
  EXPECT_EQ(v->AsString(), "child 3");
  ASSERT_NE(child.FindFunction("upper"), nullptr);
  EXPECT_EQ(child.FindVariable("other"), nullptr);
}

TEST(HclEvalTest, LocatedErrorShowsLineAndCaret) {
  auto expr = ParseExpression("[\n  1,\n  missing.x,\n]", "bake.hcl");
  ASSERT_TRUE(expr);
  auto v = Evaluate(**expr, EvalContext());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().Describe(),
            "bake.hcl:3:3: Unknown variable; There is no variable named \"missing\".\n"
            "    3 |   missing.x,\n"
            "      |   ^");
}

TEST(HclEvalTest, StepBudgetStopsRunawayEvaluation) {
  std::string big = "[";
  for (int i = 0; i < 200; ++i) big += "1,";
  big += "]";
  std::string source = "[for a in " + big + ": [for b in " + big + ": [for c in " + big + ": c]]]";
  std::string got = EvalToString(source);
  EXPECT_NE(got.find("Evaluation too expensive"), std::string::npos) << got.substr(0, 200);
}

TEST(HclEvalTest, TemplateBytesAreBudgetedAcrossTheExpression) {
  std::string list = "[";
  for (int i = 0; i < 200; ++i) list += "0,";
  list += "]";
  std::string kilobyte(1024, 'x');
  // 200 strings of 200 KiB each: no single template is large, all of them together are.
  std::string source =
      "[for a in " + list + ": \"%{for b in " + list + "}" + kilobyte + "%{endfor}\"]";
  std::string got = EvalToString(source);
  EXPECT_NE(got.find("Template result too large; The templates of this expression would produce "
                     "more than 16777216 bytes."),
            std::string::npos)
      << got.substr(0, 200);
}

TEST(HclEvalTest, EqualityIsChargedPerValueVisited) {
  std::string list = "[";
  for (int i = 0; i < 1200; ++i) list += "0,";
  list += "]";
  // Two distinct 1200-element tuples compared 1200 times: 1.4 million values visited.
  std::string source = "[for p in [[[for i in " + list + ": i], [for i in " + list +
                       ": i]]]: [for k in " + list + ": p[0] == p[1]]]";
  std::string got = EvalToString(source);
  EXPECT_NE(got.find("Evaluation too expensive"), std::string::npos) << got.substr(0, 200);
  EXPECT_EQ(EvalToString("[for p in [[[1, [2]], [1, [2]]]]: p[0] == p[1]]"), "[true]");
}

}  // namespace
}  // namespace manifold::hcl
