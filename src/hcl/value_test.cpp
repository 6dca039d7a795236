// Values, number formatting, rendering, equality and the primitive conversions; and the lexer's
// token stream.
#include "hcl/value.hpp"

#include <gtest/gtest.h>

#include "hcl/convert.hpp"
#include "hcl/internal/lexer.hpp"

namespace manifold::hcl {
namespace {

TEST(HclValueTest, FormatNumber) {
  const std::pair<double, const char*> cases[] = {
      {0, "0"},
      {-0.0, "-0"},
      {1, "1"},
      {-12, "-12"},
      {1.5, "1.5"},
      {0.1, "0.1"},
      {1e-7, "0.0000001"},
      {1e20, "100000000000000000000"},
      {123456789.125, "123456789.125"},
  };
  for (const auto& [n, want] : cases) EXPECT_EQ(FormatNumber(n), want) << n;
  EXPECT_EQ(ToHcl(Value::Number(-0.0)), "0");  // values never hold a negative zero
}

TEST(HclValueTest, ToHclAndKinds) {
  Value obj = Value::MakeObject(
      {{"b", Value::Number(2)}, {"a b", Value::Null()}, {"a", Value::MakeTuple({})}});
  EXPECT_EQ(ToHcl(obj), R"({a = [], "a b" = null, b = 2})");
  EXPECT_EQ(ToHcl(Value::String("q\"\\\n${x}%{y}")), R"("q\"\\\n$${x}%%{y}")");
  EXPECT_EQ(obj.TypeName(), "object");
  EXPECT_EQ(Value().TypeName(), "null");
  EXPECT_EQ(Value::Bool(true).TypeName(), "bool");
  EXPECT_EQ(Value::MakeTuple({}).TypeName(), "tuple");
}

TEST(HclValueTest, Equality) {
  EXPECT_EQ(Value::Number(1), Value::Number(1));
  EXPECT_NE(Value::Number(1), Value::String("1"));
  EXPECT_NE(Value::Bool(true), Value::String("true"));
  EXPECT_EQ(Value(), Value::Null());
  Value t = Value::MakeTuple({Value::String("a")});
  Value copy = t;
  EXPECT_EQ(t, copy);
  EXPECT_EQ(&t.Items(), &copy.Items());  // copies share their storage
  EXPECT_EQ(t, Value::MakeTuple({Value::String("a")}));
  EXPECT_NE(t, Value::MakeTuple({Value::String("b")}));
}

TEST(HclValueTest, Conversions) {
  EXPECT_EQ(ToStringValue(Value::Number(2))->AsString(), "2");
  EXPECT_EQ(ToStringValue(Value::Number(1.25))->AsString(), "1.25");
  EXPECT_EQ(ToStringValue(Value::Bool(false))->AsString(), "false");
  EXPECT_TRUE(ToStringValue(Value())->IsNull());
  EXPECT_EQ(ToStringValue(Value::MakeTuple({})).error().message(),
            "string required, but have tuple");

  const std::pair<const char*, double> numbers[] = {
      {"12", 12}, {"-1.5", -1.5}, {"+3", 3}, {"1e3", 1000}, {"2E-1", 0.2}, {".5", 0.5}, {"7.", 7}};
  for (const auto& [text, want] : numbers) {
    auto n = ToNumberValue(Value::String(text));
    ASSERT_TRUE(n) << text;
    EXPECT_EQ(n->AsNumber(), want) << text;
  }
  for (const char* bad : {"", "abc", "1x", " 1", "1 ", "--1", "0x10", "1e", "Inf", "."}) {
    auto n = ToNumberValue(Value::String(bad));
    ASSERT_FALSE(n) << bad;
    EXPECT_EQ(n.error().message(), "a number is required") << bad;
  }
  EXPECT_FALSE(ToNumberValue(Value::Bool(true)));
  EXPECT_FALSE(ParseNumber("1e999"));
  EXPECT_EQ(*ParseNumber("1e-999"), 0);

  EXPECT_TRUE(ToBoolValue(Value::String("true"))->AsBool());
  EXPECT_FALSE(ToBoolValue(Value::String("0"))->AsBool());
  EXPECT_TRUE(ToBoolValue(Value::String("1"))->AsBool());
  EXPECT_EQ(ToBoolValue(Value::String("True")).error().message(),
            "a bool is required; to convert from string, use lowercase \"true\"");
  EXPECT_EQ(ToBoolValue(Value::Number(1)).error().message(), "a bool is required");
}

using internal::TokenType;

std::vector<TokenType> Types(std::string_view source) {
  auto tokens =
      internal::Lex(std::make_shared<const SourceText>(SourceText{"lex.hcl", std::string(source)}));
  EXPECT_TRUE(tokens) << tokens.error().What();
  std::vector<TokenType> out;
  if (tokens) {
    for (const auto& t : *tokens) out.push_back(t.type);
  }
  return out;
}

TEST(HclLexerTest, OperatorsAndPunctuation) {
  using T = TokenType;
  EXPECT_EQ(Types("+ - * / % && || ! == != < <= > >= ? : = => . ... , ( ) [ ] { } ::"),
            (std::vector<T>{T::kPlus,   T::kMinus,  T::kStar,        T::kSlash,     T::kPercent,
                            T::kAnd,    T::kOr,     T::kBang,        T::kEqualOp,   T::kNotEqual,
                            T::kLess,   T::kLessEq, T::kGreater,     T::kGreaterEq, T::kQuestion,
                            T::kColon,  T::kEqual,  T::kFatArrow,    T::kDot,       T::kEllipsis,
                            T::kComma,  T::kOParen, T::kCParen,      T::kOBrack,    T::kCBrack,
                            T::kOBrace, T::kCBrace, T::kDoubleColon, T::kEof}));
}

TEST(HclLexerTest, IdentifiersNumbersAndComments) {
  using T = TokenType;
  EXPECT_EQ(
      Types("a-b_c 1 1.5 1e5 2E-3 x.0 # c\ny // d\n/* e */z"),
      (std::vector<T>{T::kIdent, T::kNumber, T::kNumber, T::kNumber, T::kNumber, T::kIdent, T::kDot,
                      T::kNumber, T::kNewline, T::kIdent, T::kNewline, T::kIdent, T::kEof}));
  // A number never ends in '.', so `1.` is a number and a dot.
  EXPECT_EQ(Types("1."), (std::vector<T>{T::kNumber, T::kDot, T::kEof}));
}

TEST(HclLexerTest, TemplatesAndBraces) {
  using T = TokenType;
  // The `}` of an object inside an interpolation is a brace; the next one ends the sequence.
  EXPECT_EQ(Types(R"("a${ {b = 1}.b ~}c")"),
            (std::vector<T>{T::kOQuote, T::kLiteral, T::kInterp, T::kOBrace, T::kIdent, T::kEqual,
                            T::kNumber, T::kCBrace, T::kDot, T::kIdent, T::kSeqEnd, T::kLiteral,
                            T::kCQuote, T::kEof}));
  EXPECT_EQ(Types("<<EOT\na\n${x}b\nEOT\n"),
            (std::vector<T>{T::kOHeredoc, T::kLiteral, T::kInterp, T::kIdent, T::kSeqEnd,
                            T::kLiteral, T::kCHeredoc, T::kNewline, T::kEof}));
  // `<<` without a marker and a newline is two less-than signs.
  EXPECT_EQ(Types("a << b"), (std::vector<T>{T::kIdent, T::kLess, T::kLess, T::kIdent, T::kEof}));
  auto tokens =
      internal::Lex(std::make_shared<const SourceText>(SourceText{"l", "\"x\\ty${~1}\""}));
  ASSERT_TRUE(tokens);
  EXPECT_EQ((*tokens)[1].value, "x\ty");
  EXPECT_TRUE((*tokens)[2].strip);
  EXPECT_EQ((*tokens)[2].start.column, 6);
}

}  // namespace
}  // namespace manifold::hcl
