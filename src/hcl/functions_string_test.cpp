// The string functions and format/formatlist (rows after go-cty's stdlib tests and the
// Terraform/buildx documentation examples).
#include "hcl/internal/test_functions.hpp"

namespace manifold::hcl {
namespace {

using testing::RunFunctionTable;

TEST(HclFunctionsStringTest, Case) {
  RunFunctionTable({
      {R"(upper("hello"))", R"("HELLO")"},
      {R"(upper("алло!"))", R"("АЛЛО!")"},
      {R"(lower("HELLO"))", R"("hello")"},
      {R"(lower("АЛЛО!"))", R"("алло!")"},
      {R"(upper(12))", R"("12")"},
      {R"(title("hello world"))", R"("Hello World")"},
      {R"(title("hello-world foo_bar"))", R"("Hello-World Foo_bar")"},
      {R"(upper([]))", "error: Invalid value for \"str\" parameter (argument 1): string required, but have tuple"},
      {R"(upper(null))", "error: Invalid value for \"str\" parameter (argument 1): argument must not be null"},
      {R"(upper())", "error: Not enough function arguments"},
      {R"(upper("a", "b"))", "error: Too many function arguments"},
  });
}

TEST(HclFunctionsStringTest, Trimming) {
  RunFunctionTable({
      {R"(chomp("hello\n"))", R"("hello")"},
      {R"(chomp("hello\r\n\n"))", R"("hello")"},
      {R"(chomp("hello"))", R"("hello")"},
      {R"(trim("?!hello?!", "!?"))", R"("hello")"},
      {R"(trim("  hello! world.!  ", "! "))", R"("hello! world.")"},
      {R"(trimprefix("helloworld", "hello"))", R"("world")"},
      {R"(trimprefix("helloworld", "cat"))", R"("helloworld")"},
      {R"(trimsuffix("helloworld", "world"))", R"("hello")"},
      {R"(trimspace("  hello\n\t "))", R"("hello")"},
      {R"(trimspace("\u00a0 x \u3000"))", R"("x")"},
      {R"(indent(2, "[\n  foo,\n  bar,\n]\n"))", R"("[\n    foo,\n    bar,\n  ]\n  ")"},
      {R"(indent(-1, "a"))", "error: must not be negative"},
      {R"(indent(100000000, "a\nb"))", "error: more than the limit of 16 MiB"},
      {R"(indent(9007199254740992, "a\nb"))", "error: more than the limit of 16 MiB"},
  });
}

TEST(HclFunctionsStringTest, SplitJoinReplace) {
  RunFunctionTable({
      {R"(split(",", "foo,bar,baz"))", R"(["foo", "bar", "baz"])"},
      {R"(split(",", "foo"))", R"(["foo"])"},
      {R"(split(",", ""))", R"([""])"},
      {R"(split("", "aé"))", R"(["a", "é"])"},
      {R"(join(", ", ["foo", "bar", "baz"]))", R"("foo, bar, baz")"},
      {R"(join(", ", ["foo"]))", R"("foo")"},
      {R"(join("-", ["a", 1, true], ["b"]))", R"("a-1-true-b")"},
      {R"(join("-", ["a", null]))", "error: element 1 is null"},
      {R"(join("-", "a"))", "error: Invalid value for \"lists\" parameter (argument 2): list of any single type required, but have string"},
      {R"(replace("1 + 2 + 3", "+", "-"))", R"("1 - 2 - 3")"},
      {R"(replace("hello world", "/w.*d/", "everybody"))", R"("hello world")"},
      {R"(replace("ab", "", "-"))", R"("-a-b-")"},
      {R"(sanitize("my.target/name@1"))", R"("my_target_name_1")"},
      {R"(sanitize("é-x"))", R"("_-x")"},
      {R"(basename("/a/b/c.txt"))", R"("c.txt")"},
      {R"(basename("a/b/"))", R"("b")"},
      {R"(basename(""))", R"(".")"},
      {R"(dirname("/a/b/c.txt"))", R"("/a/b")"},
      {R"(dirname("c.txt"))", R"(".")"},
      {R"(dirname("/c"))", R"("/")"},
  });
}

TEST(HclFunctionsStringTest, Characters) {
  RunFunctionTable({
      {R"(strlen("hello"))", "5"},
      {R"(strlen("héllo"))", "5"},
      {R"(strlen("e\u0301"))", "1"},
      {R"(strlen("👩‍👩‍👧"))", "1"},
      {R"(strlen(""))", "0"},
      {R"(substr("hello world", 1, 4))", R"("ello")"},
      {R"(substr("hello world", -5, -1))", R"("world")"},
      {R"(substr("hello world", 6, 100))", R"("world")"},
      {R"(substr("hello", 10, 1))", R"("")"},
      {R"(substr("🤔🤷", 0, 1))", R"("🤔")"},
      {R"(substr("abc", 0.5, 1))", "error: a whole number is required"},
      {R"(reverse("hello"))", R"("olleh")"},
      {R"(reverse("héé"))", R"("ééh")"},
      {R"(length("héllo"))", "5"},
  });
}

TEST(HclFunctionsStringTest, Format) {
  RunFunctionTable({
      {R"(format("Hello, %s!", "Ander"))", R"("Hello, Ander!")"},
      {R"(format("There are %d lights", 4))", R"("There are 4 lights")"},
      {R"(format("%d", "12"))", R"("12")"},
      {R"(format("%d", 1.5))", "error: unsupported value for \"%d\" at 0: an integer is required"},
      {R"(format("%5d|%-5d|%05d", 12, 12, -12))", R"("   12|12   |-0012")"},
      {R"(format("%+d % d %x %X %o %b %#x", 5, 5, 255, 255, 8, 5, 255))", R"("+5  5 ff FF 10 101 0xff")"},
      {R"(format("%x", -255))", R"("-ff")"},
      {R"(format("%.2f", 3.14159))", R"("3.14")"},
      {R"(format("%f", 1))", R"("1.000000")"},
      {R"(format("%8.3f|%-8.2f|", 3.14159, 2))", R"("   3.142|2.00    |")"},
      {R"(format("%e", 1234.5678))", R"("1.234568e+03")"},
      {R"(format("%g %g %g", 0.1, 1234567, 100000))", R"("0.1 1.234567e+06 100000")"},
      {R"(format("%s %v %v", 1.5, 1.5, "x"))", R"("1.5 1.5 x")"},
      {R"(format("%v", true))", R"("true")"},
      {R"(format("%v", null))", R"("null")"},
      {R"(format("%v", [1, "a"]))", R"("[1,\"a\"]")"},
      {R"(format("%#v", "a"))", R"("\"a\"")"},
      {R"(format("%#v", {b = 1, a = [true]}))", R"("{\"a\":[true],\"b\":1}")"},
      {R"(format("%q", "a\"b<"))", R"("\"a\\\"b\\u003c\"")"},
      {R"(format("%t", "true"))", R"("true")"},
      {R"(format("%t", 1))", "error: unsupported value for \"%t\" at 0: a bool is required"},
      {R"(format("%5s|%-5s|%.2s|%5.1s", "ab", "ab", "abc", "xyz"))", R"("   ab|ab   |ab|    x")"},
      {R"(format("%3s", "éé"))", R"(" éé")"},
      {R"(format("%%"))", R"("%")"},
      {R"(format("100%% %s", "sure"))", R"("100% sure")"},
      {R"(format("%[2]s %[1]s %s", "a", "b"))", R"("b a b")"},
      {R"(format("%s %s", "a"))", "error: not enough arguments for \"%s\" at 3: need index 2 but have 1 total"},
      {R"(format("%s", "a", "b"))", "error: Invalid value for \"args\" parameter (argument 3): too many arguments; only 1 used by format string"},
      {R"(format("x", "b"))", "error: too many arguments; no verbs in format string"},
      {R"(format("%s", null))", "error: null value cannot be formatted"},
      {R"(format("%s", [1]))", "error: unsupported value for \"%s\" at 0: string required"},
      {R"(format("%y", 1))", "error: unsupported format verb"},
      {R"(format("%", 1))", "error: invalid format string starting at offset 1"},
      {R"(format("%!", 1))", "error: unrecognized format character '!' at offset 1"},
      {R"(format("%999999999s", "a"))", "error: larger than 1000000"},
      {R"(format())", "error: Not enough function arguments"},
  });
}

TEST(HclFunctionsStringTest, FormatList) {
  RunFunctionTable({
      {R"(formatlist("Hello, %s!", ["Valentina", "Ander"]))", R"(["Hello, Valentina!", "Hello, Ander!"])"},
      {R"(formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"]))", R"(["Salutations, Valentina!", "Salutations, Ander!"])"},
      {R"(formatlist("%s=%d", ["a", "b"], [1, 2]))", R"(["a=1", "b=2"])"},
      {R"(formatlist("%s", "x"))", R"(["x"])"},
      {R"(formatlist("x"))", R"(["x"])"},
      {R"(formatlist("%s", []))", "[]"},
      {R"(formatlist("%s%s", ["a"], ["b", "c"]))", "error: argument 2 has length 2, which is inconsistent with argument 1 of length 1"},
      {R"(formatlist("%d", ["a"]))", "error: error on format iteration 0"},
  });
}

}  // namespace
}  // namespace manifold::hcl
