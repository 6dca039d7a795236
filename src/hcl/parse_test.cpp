// Parse: bodies, attributes, blocks and labels, one-line blocks, comments, ranges, located
// syntax errors and the nesting limits (cases after hashicorp/hcl's specsuite structure and
// comments tests, and docker-bake.hcl files as buildx reads them).
#include "hcl/parse.hpp"

#include <gtest/gtest.h>

#include "hcl/eval.hpp"

namespace manifold::hcl {
namespace {

Value EvalAttr(const Body& body, std::string_view name) {
  const Attribute* a = body.FindAttribute(name);
  EXPECT_NE(a, nullptr) << name;
  if (a == nullptr) return Value();
  auto v = Evaluate(*a->expr, EvalContext());
  EXPECT_TRUE(v) << v.error().What();
  return v ? *v : Value();
}

std::string ParseError(std::string_view source) {
  auto f = Parse(source, "f.hcl");
  if (f) return "parsed";
  return f.error().What();
}

TEST(HclParseTest, EmptyAndCommentOnlyFiles) {
  for (const char* source :
       {"", "\n\n", "# just a comment", "// c\n/* block\ncomment */\n", "\xEF\xBB\xBF"}) {
    auto f = Parse(source, "f.hcl");
    ASSERT_TRUE(f) << source << ": " << f.error().What();
    EXPECT_TRUE(f->body.attributes.empty());
    EXPECT_TRUE(f->body.blocks.empty());
  }
}

TEST(HclParseTest, AttributesInSourceOrderWithRanges) {
  auto f =
      Parse("b = 1\na = \"x\"  # trailing comment\n  c = [1,\n 2]\ntrue = false\n", "attrs.hcl");
  ASSERT_TRUE(f) << f.error().What();
  const Body& body = f->body;
  ASSERT_EQ(body.attributes.size(), 4u);
  EXPECT_EQ(body.attributes[0].name, "b");
  EXPECT_EQ(body.attributes[1].name, "a");
  EXPECT_EQ(body.attributes[2].name, "c");
  EXPECT_EQ(body.attributes[3].name, "true");
  EXPECT_EQ(body.attributes[2].range.ToString(), "attrs.hcl:3:3");
  EXPECT_EQ(body.attributes[2].range.end.line, 4);
  EXPECT_EQ(body.attributes[1].expr->range.ToString(), "attrs.hcl:2:5");
  EXPECT_EQ(ToHcl(EvalAttr(body, "c")), "[1, 2]");
  EXPECT_EQ(ToHcl(EvalAttr(body, "true")), "false");
  EXPECT_EQ(body.FindAttribute("zz"), nullptr);
}

TEST(HclParseTest, BlocksWithLabelsAndNesting) {
  constexpr const char* kBake = R"(
group "default" {
  targets = ["app", "db"]
}

target "app" {
  context = "."
  platforms = ["linux/amd64", "linux/arm64"]
  args = {
    VERSION = "1.0"
  }
  nested ident_label "quoted label" {
    deep {
    }
  }
}
variable TAG { default = "latest" }
empty {}
)";
  auto f = Parse(kBake, "docker-bake.hcl");
  ASSERT_TRUE(f) << f.error().What();
  const auto& blocks = f->body.blocks;
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].type, "group");
  EXPECT_EQ(blocks[0].labels, std::vector<std::string>{"default"});
  EXPECT_EQ(ToHcl(EvalAttr(*blocks[0].body, "targets")), R"(["app", "db"])");
  EXPECT_EQ(blocks[1].type, "target");
  EXPECT_EQ(blocks[1].range.ToString(), "docker-bake.hcl:6:1");
  EXPECT_EQ(blocks[1].range.end.line, 16);
  EXPECT_EQ(blocks[1].label_ranges[0].ToString(), "docker-bake.hcl:6:8");
  EXPECT_EQ(ToHcl(EvalAttr(*blocks[1].body, "args")), R"({VERSION = "1.0"})");
  ASSERT_EQ(blocks[1].body->blocks.size(), 1u);
  const Block& nested = blocks[1].body->blocks[0];
  EXPECT_EQ(nested.type, "nested");
  EXPECT_EQ(nested.labels, (std::vector<std::string>{"ident_label", "quoted label"}));
  ASSERT_EQ(nested.body->blocks.size(), 1u);
  EXPECT_EQ(nested.body->blocks[0].type, "deep");
  EXPECT_EQ(blocks[2].type, "variable");
  EXPECT_EQ(blocks[2].labels, std::vector<std::string>{"TAG"});
  EXPECT_EQ(ToHcl(EvalAttr(*blocks[2].body, "default")), R"("latest")");
  EXPECT_EQ(blocks[3].type, "empty");
  EXPECT_TRUE(blocks[3].labels.empty());
  EXPECT_TRUE(blocks[3].body->attributes.empty());
}

TEST(HclParseTest, CommentsEverywhere) {
  constexpr const char* kSource =
      "# head\n"
      "a = 1 # after\n"
      "b = 2 // after\n"
      "c = /* inline */ 3\n"
      "/* multi\n line */ d = [ # in a tuple\n 1, // more\n /* x */ 2,\n]\n"
      "blk /* here */ \"l\" { # open\n"
      "  // inside\n"
      "  e = { # object\n    k = 1 # trailing\n    # alone\n  }\n"
      "} # close\n"
      "f = 4 # last line without newline";
  auto f = Parse(kSource, "c.hcl");
  ASSERT_TRUE(f) << f.error().What();
  EXPECT_EQ(f->body.attributes.size(), 5u);
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "c")), "3");
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "d")), "[1, 2]");
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "f")), "4");
  ASSERT_EQ(f->body.blocks.size(), 1u);
  EXPECT_EQ(ToHcl(EvalAttr(*f->body.blocks[0].body, "e")), "{k = 1}");
}

TEST(HclParseTest, HeredocAttributesEndAtTheirMarker) {
  auto f =
      Parse("a = <<EOT\nline ${1 + 1}\nEOT\nb = <<-X\n    one\n      two\n    X\nc = 3\n", "h.hcl");
  ASSERT_TRUE(f) << f.error().What();
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "a")), R"("line 2\n")");
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "b")), R"("one\n  two\n")");
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "c")), "3");
}

TEST(HclParseTest, CrLfLineEndings) {
  auto f = Parse("a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n", "crlf.hcl");
  ASSERT_TRUE(f) << f.error().What();
  EXPECT_EQ(ToHcl(EvalAttr(f->body, "a")), "1");
  EXPECT_EQ(ToHcl(EvalAttr(*f->body.blocks[0].body, "c")), R"("x")");
}

TEST(HclParseTest, IdentifiersMayHoldDashesAndUnicode) {
  auto f = Parse("my-attr_2 = 1\nnaïve = 2\n_x = 3\n", "ids.hcl");
  ASSERT_TRUE(f) << f.error().What();
  EXPECT_EQ(f->body.attributes[0].name, "my-attr_2");
  EXPECT_EQ(f->body.attributes[1].name, "naïve");
  EXPECT_EQ(f->body.attributes[2].name, "_x");
}

TEST(HclParseTest, BuildxBakeShapes) {
  // The shapes of buildx's bake/hcl_test.go files: attributes without spaces, dashes in names,
  // `:` in objects, lists mixing objects and CSV strings, cross-target references.
  constexpr const char* kBake = R"(
		FOO="abc"
		BAR="attr-${FOO}def"
		target "app" {
			args = {
				"v1": BAR
				v2 = FOO > "ab" ? "higher" : "lower" 
				v3 = target.foo.dockerfile
			}
			cache-from = [
				{ type = "registry", ref = "user/app:cache" },
				"type=sbom,disabled=true,generator=foo,\"ENV1=bar,baz\",ENV2=hello",
			]
			platforms = platforms
		}
		)";
  auto f = Parse(kBake, "docker-bake.hcl");
  ASSERT_TRUE(f) << f.error().What();
  EvalContext ctx;
  ctx.SetVariable("FOO", Value::String("abc"));
  ctx.SetVariable("platforms", Value::MakeTuple({Value::String("linux/arm64")}));
  ctx.SetVariable(
      "target",
      Value::MakeObject({{"foo", Value::MakeObject({{"dockerfile", Value::String("xxx")}})}}));
  EXPECT_EQ(ToHcl(*Evaluate(*f->body.FindAttribute("BAR")->expr, ctx)), R"("attr-abcdef")");
  ctx.SetVariable("BAR", Value::String("attr-abcdef"));
  const Body& app = *f->body.blocks[0].body;
  auto args = Evaluate(*app.FindAttribute("args")->expr, ctx);
  ASSERT_FALSE(args) << "FOO = \"abc\" is not a number";
  EXPECT_EQ(args.error().What(),
            "docker-bake.hcl:7:10: Invalid operand; Unsuitable value for left operand: a number is "
            "required.");
  ctx.SetVariable("FOO", Value::Number(3));
  EXPECT_EQ(ToHcl(*Evaluate(*f->body.FindAttribute("FOO")->expr, ctx)), R"("abc")");
  EXPECT_EQ(
      ToHcl(*Evaluate(*app.FindAttribute("cache-from")->expr, ctx)),
      R"([{ref = "user/app:cache", type = "registry"}, "type=sbom,disabled=true,generator=foo,\"ENV1=bar,baz\",ENV2=hello"])");
  EXPECT_EQ(ToHcl(*Evaluate(*app.FindAttribute("platforms")->expr, ctx)), R"(["linux/arm64"])");
}

struct ErrorCase {
  const char* source;
  const char* want;
};

TEST(HclParseTest, SyntaxErrorsAreLocated) {
  const ErrorCase cases[] = {
      {"a = 1\na = 2\n",
       "f.hcl:2:1: Attribute redefined; The argument \"a\" was already set at f.hcl:1:1. Each "
       "argument may be set only once."},
      {"a = 1 b = 2\n",
       "f.hcl:1:7: Missing newline after argument; An argument definition must end with a "
       "newline."},
      {"a = 1, b = 2\n",
       "f.hcl:1:6: Unexpected comma after argument; Argument definitions must be separated by "
       "newlines, not commas. An argument definition must end with a newline."},
      {"a\n",
       "f.hcl:1:2: Argument or block definition required; An argument or block definition is "
       "required here. To set an argument, use the equals sign \"=\" to introduce the argument "
       "value."},
      {"\"a\" = 1\n", "f.hcl:1:1: Invalid argument name; Argument names must not be quoted."},
      {"= 1\n",
       "f.hcl:1:1: Argument or block definition required; An argument or block definition is "
       "required here."},
      {"a =\n",
       "f.hcl:1:4: Invalid expression; Expected the start of an expression, but found an invalid "
       "expression token."},
      {"a = ",
       "f.hcl:1:5: Missing expression; Expected the start of an expression, but found the end of "
       "the file."},
      {"b {\n  a = 1\n",
       "f.hcl:1:3: Unclosed configuration block; There is no closing brace for this block before "
       "the end of the file. This may be caused by incorrect brace nesting elsewhere in this "
       "file."},
      {"b = {\n",
       "f.hcl:1:5: Unterminated object constructor expression; There is no corresponding closing "
       "brace before the end of the file. This may be caused by incorrect brace nesting elsewhere "
       "in this file."},
      {"b \"l\" = 1\n",
       "f.hcl:1:7: Invalid block definition; The equals sign \"=\" indicates an argument "
       "definition, and must not be used when defining a block."},
      {"b \"l\"\n{\n}\n",
       "f.hcl:1:6: Invalid block definition; A block definition must have block content delimited "
       "by \"{\" and \"}\", starting on the same line as the block header."},
      {"b 1 {}\n",
       "f.hcl:1:3: Argument or block definition required; An argument or block definition is "
       "required here. To set an argument, use the equals sign \"=\" to introduce the argument "
       "value."},
      {"b \"l\" 1 {}\n",
       "f.hcl:1:7: Invalid block definition; Either a quoted string block label or an opening "
       "brace (\"{\") is expected here."},
      {"b \"${x}\" {}\n",
       "f.hcl:1:4: Invalid string literal; Template sequences are not allowed in this string. To "
       "include a literal \"$\", double it (as \"$$\") to escape it."},
      {"b { a = 1, c = 2 }\n",
       "f.hcl:1:10: Invalid single-argument block definition; Single-line block syntax can include "
       "only one argument definition. To define multiple arguments, use the multi-line block "
       "syntax with one argument definition per line."},
      {"b { a = 1\n}\n",
       "f.hcl:1:10: Invalid single-argument block definition; A single-line block definition must "
       "end with a closing brace immediately after its single argument definition."},
      {"b { c {} }\n",
       "f.hcl:1:5: Argument definition required; A single-line block definition can contain only a "
       "single argument. To define a nested block, place it on a line of its own within its parent "
       "block."},
      {"b {} c = 1\n",
       "f.hcl:1:6: Missing newline after block definition; A block definition must end with a "
       "newline."},
      {"a = \"x\ny\"\n",
       "f.hcl:1:7: Invalid multi-line string; Quoted strings may not be split over multiple lines. "
       "To produce a multi-line string, either use the \\n escape to represent a newline character "
       "or use the \"heredoc\" multi-line template syntax."},
      {"a = \"abc\n",
       "f.hcl:1:9: Invalid multi-line string; Quoted strings may not be split over multiple lines. "
       "To produce a multi-line string, either use the \\n escape to represent a newline character "
       "or use the \"heredoc\" multi-line template syntax."},
      {"a = \"abc",
       "f.hcl:1:5: Unterminated template string; No closing marker was found for the string."},
      {"a = \"\\q\"\n",
       "f.hcl:1:6: Invalid escape sequence; The symbol \"q\" is not a valid escape sequence "
       "selector."},
      {"a = \"\\u12\"\n",
       "f.hcl:1:6: Invalid escape sequence; The \\u escape sequence must be followed by four "
       "hexadecimal digits."},
      {"a = \"\\uD800\"\n",
       "f.hcl:1:6: Invalid escape sequence; Cannot encode character U+d800 in UTF-8."},
      {"a = 'x'\n",
       "f.hcl:1:5: Invalid character; Single quotes are not valid. Use double quotes (\") to "
       "enclose strings."},
      {"a = 1 & 2\n",
       "f.hcl:1:7: Invalid character; This character is not used within the language."},
      {"a = \"\xff\"\n",
       "f.hcl:1:6: Invalid character encoding; All input files must be UTF-8 encoded. Ensure that "
       "UTF-8 encoding is selected in your editor."},
      {"/* never closed\n",
       "f.hcl:1:1: Unterminated comment; There is no \"*/\" closing this comment before the end of "
       "the file."},
      {"a = 1.2.3\n",
       "f.hcl:1:5: Invalid number literal; Failed to recognize the value of this number literal."},
      {"a = x.0.1\n",
       "f.hcl:1:7: Invalid legacy index syntax; When using the legacy index syntax, chaining two "
       "indexes together is not permitted. Use the proper index syntax instead, like [0][1]."},
      {"a = x.\n", "f.hcl:1:7: Invalid attribute name; An attribute name is required after a dot."},
      {"a = x.*.*\n",
       "f.hcl:1:9: Nested splat expression not allowed; A splat expression (*) cannot be used "
       "inside another attribute-only splat expression."},
      {"a = x[*\n",
       "f.hcl:1:8: Missing close bracket on splat index; The star for a full splat operator must "
       "be immediately followed by a closing bracket (\"]\")."},
      {"a = x[1\n",
       "f.hcl:2:1: Missing close bracket on index; The index operator must end with a closing "
       "bracket (\"]\")."},
      {"a = (1\n",
       "f.hcl:2:1: Unbalanced parentheses; Expected a closing parenthesis to terminate the "
       "expression."},
      {"a = [1 2]\n",
       "f.hcl:1:8: Missing item separator; Expected a comma to mark the beginning of the next "
       "item."},
      {"a = [1,\n",
       "f.hcl:1:5: Unterminated tuple constructor expression; There is no corresponding closing "
       "bracket before the end of the file. This may be caused by incorrect bracket nesting "
       "elsewhere in this file."},
      {"a = {k 1}\n",
       "f.hcl:1:8: Missing key/value separator; Expected an equals sign (\"=\") to mark the "
       "beginning of the attribute value."},
      {"a = {k, j = 1}\n",
       "f.hcl:1:7: Missing attribute value; Expected an attribute value, introduced by an equals "
       "sign (\"=\")."},
      {"a = {k = 1 j = 2}\n",
       "f.hcl:1:12: Missing attribute separator; Expected a newline or comma to mark the beginning "
       "of the next attribute."},
      {"a = {for = 1}\n",
       "f.hcl:1:10: Invalid 'for' expression; For expression requires variable name after 'for'."},
      {"a = [for, x]\n",
       "f.hcl:1:9: Invalid 'for' expression; For expression requires variable name after 'for'."},
      {"a = [for x on y: x]\n",
       "f.hcl:1:12: Invalid 'for' expression; For expression requires the 'in' keyword after its "
       "name declarations."},
      {"a = [for x in y x]\n",
       "f.hcl:1:17: Invalid 'for' expression; For expression requires a colon after the collection "
       "expression."},
      {"a = {for x in y: x}\n",
       "f.hcl:1:19: Invalid 'for' expression; Key expression is required when building an object."},
      {"a = [for x in y: x => x]\n",
       "f.hcl:1:20: Invalid 'for' expression; Key expression is not valid when building a tuple."},
      {"a = [for x in y: x...]\n",
       "f.hcl:1:19: Invalid 'for' expression; Grouping ellipsis (...) cannot be used when building "
       "a tuple."},
      {"a = [for x in y: x if x y]\n",
       "f.hcl:1:25: Invalid 'for' expression; Extra characters after the end of the 'for' "
       "expression."},
      {"a = f(1 2)\n",
       "f.hcl:1:9: Missing argument separator; A comma is required to separate each function "
       "argument from the next."},
      {"a = f(1\n",
       "f.hcl:1:5: Unterminated function call; There is no closing parenthesis for this function "
       "call before the end of the file. This may be caused by incorrect parenthesis nesting "
       "elsewhere in this file."},
      {"a = f(x..., y)\n",
       "f.hcl:1:11: Missing closing parenthesis; An expanded function argument (with ...) must be "
       "immediately followed by closing parentheses."},
      {"a = c ? 1\n",
       "f.hcl:1:10: Missing false expression in conditional; The conditional operator "
       "(...?...:...) requires a false expression, delimited by a colon."},
      {"a = \"${1 2}\"\n",
       "f.hcl:1:10: Extra characters after interpolation expression; Expected a closing brace to "
       "end the interpolation expression, but found extra characters. If this is an embedded "
       "sequence for another language, escape it by starting with \"$${\" instead of just \"${\"."},
      {"a = \"${x\"\n",
       "f.hcl:1:10: Invalid multi-line string; Quoted strings may not be split over multiple "
       "lines. To produce a multi-line string, either use the \\n escape to represent a newline "
       "character or use the \"heredoc\" multi-line template syntax."},
      {"a = \"${x \"y\"}\"\n",
       "f.hcl:1:6: Unclosed template interpolation sequence; There is no closing brace for this "
       "interpolation sequence before the end of the template. This might be caused by incorrect "
       "nesting inside the given expression."},
      {"a = \"%{ 1 }\"\n",
       "f.hcl:1:9: Invalid template directive; A template directive keyword (\"if\", \"for\", etc) "
       "is expected at the beginning of a %{ sequence."},
      {"a = <<EOT\nno end\n",
       "f.hcl:1:5: Unterminated template string; No closing marker was found for the string."},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(ParseError(c.source), c.want) << c.source;
}

TEST(HclParseTest, ErrorDescribeShowsTheLine) {
  auto f = Parse("target \"app\" {\n  tags = [\"a\" \"b\"]\n}\n", "docker-bake.hcl");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().Describe(),
            "docker-bake.hcl:2:15: Missing item separator; Expected a comma to mark the beginning "
            "of the next item.\n"
            "    2 |   tags = [\"a\" \"b\"]\n"
            "      |               ^");
}

TEST(HclParseTest, NestingLimitIsAClearError) {
  // 40 levels parse in every build; 300 fail in every build (sanitizer builds, whose frames
  // are far larger, stop earlier through the stack guard, with the same error).
  std::string ok = std::string(40, '[') + std::string(40, ']');
  auto fine = ParseExpression(ok, "deep.hcl");
  ASSERT_TRUE(fine) << fine.error().What();
  EXPECT_TRUE(Evaluate(**fine, EvalContext()));

  for (const std::string& deep :
       {std::string(300, '[') + std::string(300, ']'),
        std::string(300, '(') + "1" + std::string(300, ')'), std::string(100000, '-') + "1",
        std::string(300, '!') + "true", std::string(300, '{') + std::string(300, '}')}) {
    auto f = Parse("x = " + deep + "\n", "deep.hcl");
    ASSERT_FALSE(f);
    EXPECT_NE(
        f.error().What().find(
            "Nesting too deep; Expressions, templates and blocks may nest at most 256 levels."),
        std::string::npos)
        << f.error().What();
  }
  std::string blocks;
  for (int i = 0; i < 300; ++i) blocks += "b {\n";
  for (int i = 0; i < 300; ++i) blocks += "}\n";
  auto f = Parse(blocks, "deep.hcl");
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().What().find("Nesting too deep"), std::string::npos);

  std::string templates;
  for (int i = 0; i < 300; ++i) templates += "\"${";
  templates += "1";
  for (int i = 0; i < 300; ++i) templates += "}\"";
  EXPECT_NE(ParseError("x = " + templates + "\n").find("Nesting too deep"), std::string::npos);
  std::string ifs;
  for (int i = 0; i < 300; ++i) ifs += "%{if true}";
  for (int i = 0; i < 300; ++i) ifs += "%{endif}";
  EXPECT_NE(ParseError("x = \"" + ifs + "\"\n").find("Nesting too deep"), std::string::npos);
}

TEST(HclParseTest, LongChainsAreBoundedToo) {
  std::string sum = "1";
  for (int i = 0; i < 100; ++i) sum += " + 1";
  auto ok = ParseExpression(sum, "chain.hcl");
  ASSERT_TRUE(ok) << ok.error().What();
  auto v = Evaluate(**ok, EvalContext());
  ASSERT_TRUE(v) << v.error().What();
  EXPECT_EQ(ToHcl(*v), "101");
  for (int i = 0; i < 400; ++i) sum += " + 1";
  EXPECT_TRUE(ParseExpression(sum, "chain.hcl"));

  std::string long_sum = "1";
  for (int i = 0; i < 5000; ++i) long_sum += "+1";
  auto too_long = ParseExpression(long_sum, "chain.hcl");
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().What().find("Expression too deep"), std::string::npos);

  std::string traversal = "a";
  for (int i = 0; i < 5000; ++i) traversal += ".b";
  EXPECT_FALSE(ParseExpression(traversal, "chain.hcl"));
}

TEST(HclParseTest, ExpressionParserAllowsTrailingNewlines) {
  EXPECT_TRUE(ParseExpression("1 + 2\n\n", "e.hcl"));
  auto extra = ParseExpression("1 2", "e.hcl");
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().What(),
            "e.hcl:1:3: Extra characters after expression; An expression was successfully parsed, "
            "but extra characters were found after it.");
}

}  // namespace
}  // namespace manifold::hcl
