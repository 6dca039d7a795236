// Templates: escapes, interpolation and unwrapping, directives, strip markers and heredocs
// (cases after hashicorp/hcl's specsuite expressions/heredoc and hclsyntax's template tests).
#include <gtest/gtest.h>

#include "hcl/internal/test_eval.hpp"

namespace manifold::hcl {
namespace {

using testing::EvalToString;

TEST(HclTemplateTest, EscapesAndLiterals) {
  testing::RunEvalTable({
      {R"("a\nb")", R"("a\nb")"},
      {R"("tab\there")", R"("tab\there")"},
      {R"("cr\r")", R"("cr\r")"},
      {R"("q\"q")", R"("q\"q")"},
      {R"("back\\slash")", R"("back\\slash")"},
      {R"("\u00e9")", "\"é\""},
      {R"("\U0001F600")", "\"😀\""},
      {R"("$${name}")", "\"$${name}\""},
      {R"("%%{ if }")", "\"%%{ if }\""},
      {R"("$name")", R"("$name")"},
      {R"("100%")", R"("100%")"},
      {R"("a $ b % c")", R"("a $ b % c")"},
      {R"("")", R"("")"},
  });
}

TEST(HclTemplateTest, Interpolation) {
  testing::RunEvalTable({
      {R"("hello ${name}")", R"("hello world")"},
      {R"("${1+1}")", "2"},
      {R"("n=${1+1}")", R"("n=2")"},
      {R"("${yes}")", "true"},
      {R"("${"${yes}"}")", "true"},
      {R"("hello ${yes}")", R"("hello true")"},
      {R"("${""}${yes}")", R"("true")"},
      {R"("${list}")", R"(["a", "b", "c"])"},
      {R"("${nothing}")", "null"},
      {R"("${num / 2}")", "1.5"},
      {R"("${obj.b}-${list[0]}")", R"("two-a")"},
      {R"("${ {a = "}"}.a }")", R"("}")"},
      {R"("${upper("x${name}")}")", R"("XWORLD")"},
      {"\"${\n  name\n}\"", R"("world")"},
      {R"("x${nothing}")",
       "error: test.hcl:1:5: Invalid template interpolation value; The expression result is null. "
       "Cannot include a null value in a string template."},
      {R"("x${list}")",
       "error: test.hcl:1:5: Invalid template interpolation value; Cannot include the given value "
       "in a string template: string required, but have tuple."},
  });
}

TEST(HclTemplateTest, Directives) {
  testing::RunEvalTable({
      {R"("%{ if yes }y%{ endif }")", R"("y")"},
      {R"("%{ if !yes }y%{ endif }")", R"("")"},
      {R"("%{ if num > 5 }big%{ else }small%{ endif }")", R"("small")"},
      {R"("%{ if "true" }t%{ endif }")", R"("t")"},
      {R"("%{ for v in list }${v},%{ endfor }")", R"("a,b,c,")"},
      {R"("%{ for i, v in list }${i}=${v} %{ endfor }")", R"("0=a 1=b 2=c ")"},
      {R"("%{ for k, v in obj }${k};%{ endfor }")", R"("a;b;c d;")"},
      {R"("%{ for v in [true] }${v}%{ endfor }")", R"("true")"},
      {R"("%{ for v in list }%{ if v != "b" }${v}%{ endif }%{ endfor }")", R"("ac")"},
      {R"("%{ for v in [] }x%{ endfor }")", R"("")"},
      {R"("%{ if nothing }x%{ endif }")",
       "error: test.hcl:1:8: Null condition; The condition value is null. Conditions must either "
       "be true or false."},
      {R"("%{ for v in name }x%{ endfor }")",
       "error: test.hcl:1:14: Iteration over non-iterable value; A value of type string cannot be "
       "used as the collection in a 'for' directive."},
      {R"("%{ if yes }x")",
       "error: test.hcl:1:2: Unterminated template if directive; There is no matching %{ endif } "
       "for this %{ if } directive."},
      {R"("%{ for v in list }x")",
       "error: test.hcl:1:2: Unterminated template for directive; There is no matching %{ endfor } "
       "for this %{ for } directive."},
      {R"("x%{ endif }")",
       "error: test.hcl:1:3: Unexpected endif directive; This directive does not close any open "
       "\"if\" or \"for\" directive here."},
      {R"("%{ if yes }a%{ endfor }")",
       "error: test.hcl:1:14: Unexpected endfor directive; This directive does not close any open "
       "\"if\" or \"for\" directive here."},
      {R"("%{ iff yes }")",
       "error: test.hcl:1:5: Invalid template control keyword; \"iff\" is not a valid template "
       "control keyword."},
      {R"("%{ if yes x }")",
       "error: test.hcl:1:12: Extra characters in template directive; Expected a closing brace to "
       "end the sequence, but found extra characters."},
  });
}

TEST(HclTemplateTest, StripMarkers) {
  testing::RunEvalTable({
      {R"("hello ${~ "world" }")", R"("helloworld")"},
      {R"("%{ if true ~} hello %{~ endif }")", R"("hello")"},
      {R"("${"hello" ~}${" world"}")", R"("hello world")"},
      {R"("a  ${~name~}  b")", R"("aworldb")"},
      {R"("a \n ${~name}")", R"("aworld")"},
      {R"("${name ~} \t\n x")", R"("worldx")"},
      {R"("x%{~ for v in list ~} ${v} %{~ endfor ~} y")", R"("xabcy")"},
  });
}

TEST(HclTemplateTest, Heredocs) {
  testing::RunEvalTable({
      {"<<EOT\nFoo\nBar\nBaz\nEOT\n", R"("Foo\nBar\nBaz\n")"},
      {"<<EOT\n    Foo\n    Bar\n    Baz\n  EOT\n", R"("    Foo\n    Bar\n    Baz\n")"},
      {"<<EOT\n    Foo\n    ${name}\n  EOT\n", R"("    Foo\n    world\n")"},
      {"<<EOT\nFoo\n\nBar\nEOT", R"("Foo\n\nBar\n")"},
      {"<<EOT\n    NOT EOT\n  EOT\n", R"("    NOT EOT\n")"},
      {"<<EOT\n$${x} %%{y} \\n\nEOT\n", R"("$${x} %%{y} \\n\n")"},
      {"<<EOT\r\nFoo\r\nEOT\r\n", R"("Foo\r\n")"},
      {"<<EOT\nEOT\n", R"("")"},
      // <<- removes the least indentation of the lines (blank lines do not count).
      {"<<-EOT\nFoo\nBar\nEOT\n", R"("Foo\nBar\n")"},
      {"<<-EOT\n    Foo\n    Bar\n  EOT\n", R"("Foo\nBar\n")"},
      {"<<-EOT\n    Foo\n      Bar\n    Baz\n  EOT\n", R"("Foo\n  Bar\nBaz\n")"},
      {"<<-EOT\n    Foo\n  Bar\n    Baz\n  EOT\n", R"("  Foo\nBar\n  Baz\n")"},
      {"<<-EOT\n    Foo\n    ${name}\n    Baz\n  EOT\n", R"("Foo\nworld\nBaz\n")"},
      {"<<-EOT\n    Foo\n      ${name}\n    Baz\n  EOT\n", R"("Foo\n  world\nBaz\n")"},
      // Interpolated spaces never count as indentation.
      {"<<-EOT\n    Foo\n  ${space_bar}\n    Baz\n  EOT\n", R"("  Foo\n  Bar\n  Baz\n")"},
      {"<<-EOT\n\tFoo\n  Bar\n  Baz\n  EOT\n", R"("Foo\n Bar\n Baz\n")"},
      {"<<-EOT\n\u2003\u2003Foo\n  Bar\nEOT\n", R"("Foo\nBar\n")"},
      {"<<-EOT\n    Foo\n\n    Bar\n  EOT\n", R"("Foo\n\nBar\n")"},
      {"<<-EOT\n  %{ for v in list }\n  ${v}\n  %{ endfor }\nEOT\n", R"("\na\n\nb\n\nc\n\n")"},
      // Strip markers act on the literal beside them, i.e. within one heredoc line.
      {"<<EOT\nhello\n%{~ if true ~}\nx\n%{~ endif ~}\nEOT\n", R"("hellox")"},
      {"<<EOT\na\n  %{~ if true ~}\nb\n%{ endif }\nEOT\n", R"("a\nb\n\n")"},
      {"<<EOT\nFoo\n",
       "error: test.hcl:1:1: Unterminated template string; No closing marker was found for the "
       "string."},
  });
}

}  // namespace
}  // namespace manifold::hcl
