// The expression parser: conditionals, binary operators by precedence, unary operators, terms
// and their traversals (attribute access, index, splats).
#include <fmt/format.h>

#include "hcl/convert.hpp"
#include "hcl/internal/parser.hpp"

namespace manifold::hcl::internal {
namespace {

// hclsyntax spec, "Operations": lowest precedence first; one level is left-associative.
struct OpLevel {
  std::initializer_list<std::pair<TokenType, BinaryOp>> ops;
};
const OpLevel kLevels[] = {
    {{{TokenType::kOr, BinaryOp::kOr}}},
    {{{TokenType::kAnd, BinaryOp::kAnd}}},
    {{{TokenType::kEqualOp, BinaryOp::kEq}, {TokenType::kNotEqual, BinaryOp::kNotEq}}},
    {{{TokenType::kGreater, BinaryOp::kGreater},
      {TokenType::kGreaterEq, BinaryOp::kGreaterEq},
      {TokenType::kLess, BinaryOp::kLess},
      {TokenType::kLessEq, BinaryOp::kLessEq}}},
    {{{TokenType::kPlus, BinaryOp::kAdd}, {TokenType::kMinus, BinaryOp::kSub}}},
    {{{TokenType::kStar, BinaryOp::kMul},
      {TokenType::kSlash, BinaryOp::kDiv},
      {TokenType::kPercent, BinaryOp::kMod}}},
};
constexpr int kLevelCount = sizeof kLevels / sizeof kLevels[0];

}  // namespace

util::Result<ExprPtr> Parser::ParseExpression() {
  // Only tree depth: the constructs that contain expressions count as nesting levels.
  DepthTally tally(this);
  MANIFOLD_CHECK(tally.Add(Peek()));
  ExprPtr condition = MANIFOLD_TRY(ParseBinary(0));
  if (Peek().type != TokenType::kQuestion) return condition;
  Read();
  ExprPtr when_true = MANIFOLD_TRY(ParseExpression());
  const Token& colon = Peek();
  if (colon.type != TokenType::kColon) {
    return std::unexpected(Fail(colon,
                                "Missing false expression in conditional; The conditional "
                                "operator (...?...:...) requires a false expression, "
                                "delimited by a colon."));
  }
  Read();
  ExprPtr when_false = MANIFOLD_TRY(ParseExpression());
  Range range = RangeBetween(condition->range, when_false->range);
  return Make(ConditionalExpr{std::move(condition), std::move(when_true), std::move(when_false)},
              std::move(range));
}

util::Result<ExprPtr> Parser::ParseBinary(int level) {
  if (level == kLevelCount) return ParseWithTraversals();
  ExprPtr lhs = MANIFOLD_TRY(ParseBinary(level + 1));
  DepthTally tally(this);
  for (;;) {
    const Token& t = Peek();
    const BinaryOp* op = nullptr;
    for (const auto& [type, candidate] : kLevels[level].ops) {
      if (type == t.type) op = &candidate;
    }
    if (op == nullptr) return lhs;
    MANIFOLD_CHECK(tally.Add(t));
    Read();
    ExprPtr rhs = MANIFOLD_TRY(ParseBinary(level + 1));
    Range range = RangeBetween(lhs->range, rhs->range);
    lhs = Make(BinaryExpr{*op, std::move(lhs), std::move(rhs)}, std::move(range));
  }
}

util::Result<ExprPtr> Parser::ParseWithTraversals() {
  ExprPtr term = MANIFOLD_TRY(ParseTerm());
  return ParseTraversals(std::move(term));
}

util::Result<ExprPtr> Parser::ParseTraversals(ExprPtr from) {
  DepthTally tally(this);
  ExprPtr ret = std::move(from);
  auto legacy_index = [&](const Token& dot, const Token& number,
                          ExprPtr source) -> util::Result<ExprPtr> {
    // `foo.0`: HIL's index syntax; `foo.0.1` lexes the number 0.1 and cannot be chained.
    if (number.text.find('.') != std::string_view::npos) {
      size_t split = number.text.find('.');
      return std::unexpected(
          Fail(number,
               fmt::format(
                   "Invalid legacy index syntax; When using the legacy index syntax, chaining two "
                   "indexes "
                   "together is not permitted. Use the proper index syntax instead, like [{}][{}].",
                   number.text.substr(0, split), number.text.substr(split + 1))));
    }
    auto n = ParseNumber(number.text);
    if (!n)
      return std::unexpected(Fail(
          number, "Invalid number literal; Failed to recognize the value of this number literal."));
    Range range = RangeBetween(source->range, RangeOf(number));
    ExprPtr key = Make(LiteralExpr{Value::Number(*n)}, RangeBetween(dot, number));
    return Make(IndexExpr{std::move(source), std::move(key)}, std::move(range));
  };
  for (;;) {
    const Token& t = Peek();
    if (t.type == TokenType::kDot) {
      MANIFOLD_CHECK(tally.Add(t));
      const Token& dot = Read();
      const Token& name = Peek();
      if (name.type == TokenType::kIdent) {
        Read();
        Range range = RangeBetween(ret->range, RangeOf(name));
        ret = Make(GetAttrExpr{std::move(ret), std::string(name.text)}, std::move(range));
      } else if (name.type == TokenType::kNumber) {
        Read();
        ret = MANIFOLD_TRY(legacy_index(dot, name, std::move(ret)));
      } else if (name.type == TokenType::kStar) {
        // Attribute-only splat: only `.name` (and legacy `.0`) steps apply to each element; a
        // later `[i]` indexes the resulting tuple.
        const Token& star = Read();
        ExprPtr each = Make(SplatItemExpr{}, RangeBetween(dot, star));
        while (Peek().type == TokenType::kDot) {
          MANIFOLD_CHECK(tally.Add(Peek()));
          const Token& inner_dot = Read();
          const Token& step = Peek();
          if (step.type == TokenType::kIdent) {
            Read();
            Range range = RangeBetween(each->range, RangeOf(step));
            each = Make(GetAttrExpr{std::move(each), std::string(step.text)}, std::move(range));
          } else if (step.type == TokenType::kNumber) {
            Read();
            each = MANIFOLD_TRY(legacy_index(inner_dot, step, std::move(each)));
          } else if (step.type == TokenType::kStar) {
            return std::unexpected(Fail(step,
                                        "Nested splat expression not allowed; A splat "
                                        "expression (*) cannot be used inside another "
                                        "attribute-only splat expression."));
          } else {
            return std::unexpected(Fail(step,
                                        "Invalid attribute name; An attribute name is "
                                        "required after a dot."));
          }
        }
        Range range = RangeBetween(ret->range, each->range);
        ret = Make(SplatExpr{std::move(ret), std::move(each)}, std::move(range));
      } else {
        return std::unexpected(Fail(name,
                                    "Invalid attribute name; An attribute name is required "
                                    "after a dot."));
      }
      continue;
    }
    if (t.type == TokenType::kOBrack) {
      MANIFOLD_CHECK(tally.Add(t));
      const Token& open = Read();
      if (Peek().type == TokenType::kStar) {
        // Full splat: every following traversal, splats included, applies to each element.
        Read();
        const Token& close = Read();
        if (close.type != TokenType::kCBrack) {
          return std::unexpected(Fail(close,
                                      "Missing close bracket on splat index; The star for a "
                                      "full splat operator must be immediately followed by "
                                      "a closing bracket (\"]\")."));
        }
        auto nesting = MANIFOLD_TRY(Enter(open));
        ExprPtr each =
            MANIFOLD_TRY(ParseTraversals(Make(SplatItemExpr{}, RangeBetween(open, close))));
        Range range = RangeBetween(ret->range, each->range);
        ret = Make(SplatExpr{std::move(ret), std::move(each)}, std::move(range));
        continue;
      }
      PushNewlines(false);
      ExprPtr key = MANIFOLD_TRY(ParseExpression());
      const Token& close = Read();
      if (close.type != TokenType::kCBrack) {
        return std::unexpected(Fail(close,
                                    "Missing close bracket on index; The index operator must "
                                    "end with a closing bracket (\"]\")."));
      }
      PopNewlines();
      Range range = RangeBetween(ret->range, RangeOf(close));
      ret = Make(IndexExpr{std::move(ret), std::move(key)}, std::move(range));
      continue;
    }
    return ret;
  }
}

util::Result<ExprPtr> Parser::ParseTerm() {
  const Token& start = Peek();
  switch (start.type) {
    case TokenType::kOParen: {
      auto nesting = MANIFOLD_TRY(Enter(start));
      Read();
      PushNewlines(false);
      ExprPtr expr = MANIFOLD_TRY(ParseExpression());
      const Token& close = Peek();
      if (close.type != TokenType::kCParen) {
        return std::unexpected(Fail(close,
                                    "Unbalanced parentheses; Expected a closing parenthesis "
                                    "to terminate the expression."));
      }
      Read();
      PopNewlines();
      return expr;
    }
    case TokenType::kNumber: {
      Read();
      auto n = ParseNumber(start.text);
      if (!n) {
        return std::unexpected(Fail(start,
                                    "Invalid number literal; Failed to recognize the value "
                                    "of this number literal."));
      }
      return Make(LiteralExpr{Value::Number(*n)}, RangeOf(start));
    }
    case TokenType::kIdent: {
      Read();
      TokenType next = Peek().type;
      if (next == TokenType::kOParen || next == TokenType::kDoubleColon)
        return ParseFunctionCall(start);
      if (start.text == "true" || start.text == "false") {
        return Make(LiteralExpr{Value::Bool(start.text == "true")}, RangeOf(start));
      }
      if (start.text == "null") return Make(LiteralExpr{Value::Null()}, RangeOf(start));
      return Make(VariableExpr{std::string(start.text)}, RangeOf(start));
    }
    case TokenType::kOQuote:
    case TokenType::kOHeredoc: {
      Read();
      return ParseTemplate(start);
    }
    case TokenType::kMinus:
    case TokenType::kBang: {
      auto nesting = MANIFOLD_TRY(Enter(start));
      Read();
      // The operand is a term with its traversals: `-a.b` negates a.b; `-a + b` adds.
      ExprPtr operand = MANIFOLD_TRY(ParseWithTraversals());
      UnaryOp op = start.type == TokenType::kMinus ? UnaryOp::kNegate : UnaryOp::kNot;
      Range range = RangeBetween(RangeOf(start), operand->range);
      return Make(UnaryExpr{op, std::move(operand)}, std::move(range));
    }
    case TokenType::kOBrack: return ParseTuple();
    case TokenType::kOBrace: return ParseObject();
    case TokenType::kEof:
      return std::unexpected(Fail(start,
                                  "Missing expression; Expected the start of an expression, "
                                  "but found the end of the file."));
    default:
      return std::unexpected(Fail(start,
                                  "Invalid expression; Expected the start of an expression, "
                                  "but found an invalid expression token."));
  }
}

}  // namespace manifold::hcl::internal
