// The collection and set functions (rows after go-cty's stdlib tests and the Terraform/buildx
// documentation examples).
#include "hcl/internal/test_functions.hpp"

namespace manifold::hcl {
namespace {

using testing::RunFunctionTable;

TEST(HclFunctionsCollectionTest, Lists) {
  RunFunctionTable({
      {R"(coalesce("", "b"))", R"("b")"},
      {R"(coalesce(null, 1, 2))", "1"},
      {R"(coalesce(null, 1, "a"))", R"("1")"},
      {R"(coalesce(null, null))", "error: no non-null arguments"},
      {R"(coalescelist([], ["a", "b"]))", R"(["a", "b"])"},
      {R"(coalescelist([], "a"))", "error: coalescelist arguments must be lists or tuples"},
      {R"(compact(["a", "", "b", null, "c"]))", R"(["a", "b", "c"])"},
      {R"(concat(["a", ""], ["b", "c"]))", R"(["a", "", "b", "c"])"},
      {R"(concat([], [1]))", "[1]"},
      {R"(concat("a"))", "error: all arguments must be lists or tuples; got string"},
      {R"(contains(["a", "b", "c"], "a"))", "true"},
      {R"(contains(["a", "b", "c"], "d"))", "false"},
      {R"(contains([1], "1"))", "false"},
      {R"(distinct(["a", "b", "a", "c", "d", "b"]))", R"(["a", "b", "c", "d"])"},
      {R"(distinct([1, "1", 1]))", R"([1, "1"])"},
      {R"(element(["a", "b", "c"], 1))", R"("b")"},
      {R"(element(["a", "b", "c"], 3))", R"("a")"},
      {R"(element(["a", "b", "c"], -1))", R"("c")"},
      {R"(element([], 0))", "error: cannot use element function with an empty list"},
      {R"(flatten([["a", "b"], [], ["c"]]))", R"(["a", "b", "c"])"},
      {R"(flatten([[["a", "b"], []], ["c"]]))", R"(["a", "b", "c"])"},
      {R"(index(["a", "b"], 1))", R"("b")"},
      {R"(index({a = 1}, "a"))", "1"},
      {R"(index(["a"], 3))", "error: invalid index"},
      {R"(hasindex(["a"], 0))", "true"},
      {R"(hasindex(["a"], 1))", "false"},
      {R"(hasindex({a = 1}, "b"))", "false"},
      {R"(indexof(["a", "b", "c"], "b"))", "1"},
      {R"(indexof(["a"], "z"))", "error: item not found"},
      {R"(indexof([], "z"))", "error: cannot search an empty list"},
      {R"(length([]))", "0"},
      {R"(length(["a", "b"]))", "2"},
      {R"(length({"a" = "b"}))", "1"},
      {R"(length(5))", "error: collection must be a list, a map or a tuple"},
      {R"(range(3))", "[0, 1, 2]"},
      {R"(range(1, 4))", "[1, 2, 3]"},
      {R"(range(1, 8, 2))", "[1, 3, 5, 7]"},
      {R"(range(1, 4, 0.5))", "[1, 1.5, 2, 2.5, 3, 3.5]"},
      {R"(range(4, 1))", "[4, 3, 2]"},
      {R"(range(10, 5, -2))", "[10, 8, 6]"},
      {R"(range(-3))", "[0, -1, -2]"},
      {R"(range(0))", "[]"},
      {R"(range(1, 4, -1))", "error: end must be less than start when step is negative"},
      {R"(range(4, 1, 1))", "error: end must be greater than start when step is positive"},
      {R"(range(1, 2, 0))", "error: step must not be zero"},
      {R"(range(1e9))", "error: more than 1024 values were generated"},
      {R"(range(1, 2, 3, 4))", "error: Too many function arguments"},
      {R"(reverselist([1, 2, 3]))", "[3, 2, 1]"},
      {R"(slice(["a", "b", "c", "d"], 1, 3))", R"(["b", "c"])"},
      {R"(slice(["a"], 1, 1))", "[]"},
      {R"(slice(["a"], 0, 2))", "error: end index must not be greater than the length of the list"},
      {R"(slice(["a"], 1, 0))", "error: start index must not be greater than end index"},
      {R"(sort(["e", "d", "a", "x"]))", R"(["a", "d", "e", "x"])"},
      {R"(sort([10, 9, 1]))", R"(["1", "10", "9"])"},
      {R"(sort([[1]]))", "error: list of string required"},
      {R"(chunklist(["a", "b", "c", "d", "e"], 2))", R"([["a", "b"], ["c", "d"], ["e"]])"},
      {R"(chunklist(["a", "b"], 0))", R"([["a", "b"]])"},
      {R"(chunklist([], 3))", "[]"},
      {R"(chunklist(["a"], -1))", "error: the size argument must be positive"},
  });
}

TEST(HclFunctionsCollectionTest, Maps) {
  RunFunctionTable({
      {R"(keys({a = 1, c = 2, d = 3}))", R"(["a", "c", "d"])"},
      {R"(keys(o))", R"(["a", "b"])"},
      {R"(keys([]))", "error: must have map or object type"},
      {R"(values({a = 3, c = 2, d = 1}))", "[3, 2, 1]"},
      {R"(lookup({a = "ay", b = "bee"}, "a", "what?"))", R"("ay")"},
      {R"(lookup({a = "ay", b = "bee"}, "c", "what?"))", R"("what?")"},
      {R"(lookup({a = "ay"}, "c"))", "error: Not enough function arguments"},
      {R"(lookup(["a"], "c", 1))", "error: lookup() requires a map as the first argument"},
      {R"(merge({a = "b", c = "d"}, {e = "f", c = "z"}))", R"({a = "b", c = "z", e = "f"})"},
      {R"(merge({a = 1}, null))", "{a = 1}"},
      {R"(merge())", "{}"},
      {R"(merge({a = 1}, [1]))", "error: arguments must be maps or objects"},
      {R"(zipmap(["a", "b"], [1, 2]))", "{a = 1, b = 2}"},
      {R"(zipmap(["a"], [1, 2]))", "error: number of keys (1) does not match number of values (2)"},
      {R"(zipmap([null], [1]))", "error: keys list has null value at index 0"},
  });
}

TEST(HclFunctionsCollectionTest, Sets) {
  RunFunctionTable({
      {R"(setunion(["a", "b"], ["b", "c"], ["d"]))", R"(["a", "b", "c", "d"])"},
      {R"(setunion([3, 1], [2, 1]))", "[1, 2, 3]"},
      {R"(setintersection(["a", "b"], ["b", "c"], ["b", "d"]))", R"(["b"])"},
      {R"(setsubtract(["a", "b", "c"], ["a", "c"]))", R"(["b"])"},
      {R"(setsymmetricdifference([1, 2, 3], [1, 2, 4]))", "[3, 4]"},
      {R"(sethaselement(["a", "b"], "b"))", "true"},
      {R"(sethaselement(["a", "b"], "z"))", "false"},
      {R"(setproduct(["development", "staging"], ["app1", "app2"]))",
       R"([["development", "app1"], ["development", "app2"], ["staging", "app1"], ["staging", "app2"]])"},
      {R"(setproduct(["a"], []))", "[]"},
      {R"(setproduct(["a"]))", "error: at least two arguments are required"},
      {R"(setproduct(range(1000), range(1000), range(10)))", "error: more than the limit of 1000000"},
      {R"(setunion("a"))", "error: a set or a list is required"},
  });
}

TEST(HclFunctionsCollectionTest, ElementCountsAreBounded) {
  // 1001 lists of 1000 elements: more than a million once flattened.
  EXPECT_EQ(testing::EvalWithFunctions("length(flatten([for i in range(1001) : range(1000)]))")
                .find("more than the limit of 1000000") != std::string::npos,
            true);
}

}  // namespace
}  // namespace manifold::hcl
