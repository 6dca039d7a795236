// The bracketed expressions: tuple and object constructors, `for` expressions and function
// calls (hclsyntax spec, "Collection Values", "For Expressions", "Function Calls").
#include <fmt/format.h>

#include "hcl/internal/parser.hpp"

namespace manifold::hcl::internal {
namespace {

bool IsKeyword(const Token& t, std::string_view word) {
  return t.type == TokenType::kIdent && t.text == word;
}

}  // namespace

util::Result<ExprPtr> Parser::ParseTuple() {
  const Token& open = Read();
  auto nesting = MANIFOLD_TRY(Enter(open));
  PushNewlines(false);
  if (IsKeyword(Peek(), "for")) return ParseFor(open);
  std::vector<ExprPtr> items;
  auto unterminated = [&] {
    return std::unexpected(Fail(open,
                                "Unterminated tuple constructor expression; There is no "
                                "corresponding closing bracket before the end of the file. "
                                "This may be caused by incorrect bracket nesting elsewhere "
                                "in this file."));
  };
  for (;;) {
    if (Peek().type == TokenType::kCBrack) break;
    if (Peek().type == TokenType::kEof) return unterminated();
    items.push_back(MANIFOLD_TRY(ParseExpression()));
    const Token& sep = Peek();
    if (sep.type == TokenType::kCBrack) break;
    if (sep.type == TokenType::kComma) {
      Read();
      continue;
    }
    if (sep.type == TokenType::kEof) return unterminated();
    return std::unexpected(Fail(sep,
                                "Missing item separator; Expected a comma to mark the "
                                "beginning of the next item."));
  }
  const Token& close = Read();
  PopNewlines();
  return Make(TupleExpr{std::move(items)}, RangeBetween(open, close));
}

util::Result<ExprPtr> Parser::ParseObject() {
  const Token& open = Read();
  auto nesting = MANIFOLD_TRY(Enter(open));
  // `for` may follow on a later line: look past newlines for it, as hclsyntax does.
  PushNewlines(false);
  bool is_for = IsKeyword(Peek(), "for");
  if (is_for) return ParseFor(open);
  PopNewlines();
  PushNewlines(true);
  std::vector<ObjectItem> items;
  auto unterminated = [&] {
    return std::unexpected(Fail(open,
                                "Unterminated object constructor expression; There is no "
                                "corresponding closing brace before the end of the file. "
                                "This may be caused by incorrect brace nesting elsewhere in "
                                "this file."));
  };
  for (;;) {
    const Token& next = Peek();
    if (next.type == TokenType::kNewline) {
      Read();
      continue;
    }
    if (next.type == TokenType::kCBrace) break;
    if (next.type == TokenType::kEof) return unterminated();
    // A bare identifier key is the attribute's literal name; parentheses make it an
    // expression: {foo = 1} is "foo", {(foo) = 1} is the value of foo.
    size_t key_start = next_;
    ExprPtr key = MANIFOLD_TRY(ParseExpression());
    if (next_ == key_start + 1 && tokens_[key_start].type == TokenType::kIdent) {
      key = Make(LiteralExpr{Value::String(std::string(tokens_[key_start].text))}, key->range);
    }
    const Token& sep = Peek();
    if (sep.type != TokenType::kEqual && sep.type != TokenType::kColon) {
      if (sep.type == TokenType::kEof) return unterminated();
      if (sep.type == TokenType::kNewline || sep.type == TokenType::kComma) {
        return std::unexpected(Fail(sep,
                                    "Missing attribute value; Expected an attribute value, "
                                    "introduced by an equals sign (\"=\")."));
      }
      return std::unexpected(Fail(sep,
                                  "Missing key/value separator; Expected an equals sign "
                                  "(\"=\") to mark the beginning of the attribute value."));
    }
    Read();
    ExprPtr value = MANIFOLD_TRY(ParseExpression());
    items.push_back(ObjectItem{std::move(key), std::move(value)});
    const Token& after = Peek();
    if (after.type == TokenType::kCBrace) break;
    if (after.type == TokenType::kComma || after.type == TokenType::kNewline) {
      Read();
      continue;
    }
    if (after.type == TokenType::kEof) return unterminated();
    return std::unexpected(Fail(after,
                                "Missing attribute separator; Expected a newline or comma "
                                "to mark the beginning of the next attribute."));
  }
  const Token& close = Read();
  PopNewlines();
  return Make(ObjectExpr{std::move(items)}, RangeBetween(open, close));
}

util::Result<ExprPtr> Parser::ParseFor(const Token& open) {
  // Newlines are already ignored (pushed by the caller): a `for` is not newline-sensitive.
  bool make_object = open.type == TokenType::kOBrace;
  TokenType close_type = make_object ? TokenType::kCBrace : TokenType::kCBrack;
  auto fail = [&](const Token& at, std::string_view detail) {
    return std::unexpected(Fail(at, fmt::format("Invalid 'for' expression; {}", detail)));
  };
  Read();  // "for"
  ForExpr f;
  if (Peek().type != TokenType::kIdent)
    return fail(Peek(), "For expression requires variable name after 'for'.");
  f.value_var = std::string(Read().text);
  if (Peek().type == TokenType::kComma) {
    Read();
    if (Peek().type != TokenType::kIdent) {
      return fail(Peek(), "For expression requires value variable name after comma.");
    }
    f.key_var = std::move(f.value_var);
    f.value_var = std::string(Read().text);
  }
  if (!IsKeyword(Peek(), "in")) {
    return fail(Peek(), "For expression requires the 'in' keyword after its name declarations.");
  }
  Read();
  f.collection = MANIFOLD_TRY(ParseExpression());
  if (Peek().type != TokenType::kColon) {
    return fail(Peek(), "For expression requires a colon after the collection expression.");
  }
  Read();
  if (make_object) {
    f.key_expr = MANIFOLD_TRY(ParseExpression());
    if (Peek().type != TokenType::kFatArrow) {
      return fail(Peek(), "Key expression is required when building an object.");
    }
    Read();
  }
  f.value_expr = MANIFOLD_TRY(ParseExpression());
  if (Peek().type == TokenType::kEllipsis) {
    if (!make_object)
      return fail(Peek(), "Grouping ellipsis (...) cannot be used when building a tuple.");
    Read();
    f.group = true;
  }
  if (!make_object && Peek().type == TokenType::kFatArrow) {
    return fail(Peek(), "Key expression is not valid when building a tuple.");
  }
  if (IsKeyword(Peek(), "if")) {
    Read();
    f.condition = MANIFOLD_TRY(ParseExpression());
  }
  const Token& close = Peek();
  if (close.type != close_type) {
    if (close.type == TokenType::kEof) {
      return fail(open,
                  "There is no closing bracket for this 'for' expression before the end of "
                  "the file.");
    }
    return fail(close, "Extra characters after the end of the 'for' expression.");
  }
  Read();
  PopNewlines();
  return Make(std::move(f), RangeBetween(open, close));
}

util::Result<ExprPtr> Parser::ParseFunctionCall(const Token& name) {
  auto nesting = MANIFOLD_TRY(Enter(name));
  FunctionCallExpr call;
  call.name = std::string(name.text);
  // `provider::fn(...)`: namespaced names are kept whole.
  while (Peek().type == TokenType::kDoubleColon) {
    Read();
    if (Peek().type != TokenType::kIdent) {
      return std::unexpected(Fail(Peek(),
                                  "Missing function name; Function scope resolution symbol "
                                  ":: must be followed by a function name in this scope."));
    }
    call.name += "::" + std::string(Read().text);
  }
  if (Peek().type != TokenType::kOParen) {
    return std::unexpected(Fail(Peek(),
                                "Missing open parenthesis; Function selector must be "
                                "followed by an open parenthesis to begin the function "
                                "call."));
  }
  Read();
  PushNewlines(false);
  const Token* close = nullptr;
  while (close == nullptr) {
    if (Peek().type == TokenType::kCParen) {
      close = &Read();
      break;
    }
    call.args.push_back(MANIFOLD_TRY(ParseExpression()));
    const Token& sep = Read();
    switch (sep.type) {
      case TokenType::kCParen: close = &sep; break;
      case TokenType::kEllipsis:
        call.expand_final = true;
        if (Peek().type != TokenType::kCParen) {
          return std::unexpected(Fail(Peek(),
                                      "Missing closing parenthesis; An expanded function "
                                      "argument (with ...) must be immediately followed "
                                      "by closing parentheses."));
        }
        close = &Read();
        break;
      case TokenType::kComma: break;
      case TokenType::kEof:
        return std::unexpected(Fail(name,
                                    "Unterminated function call; There is no closing "
                                    "parenthesis for this function call before the end of "
                                    "the file. This may be caused by incorrect parenthesis "
                                    "nesting elsewhere in this file."));
      default:
        return std::unexpected(Fail(sep,
                                    "Missing argument separator; A comma is required to "
                                    "separate each function argument from the next."));
    }
  }
  PopNewlines();
  return Make(std::move(call), RangeBetween(name, *close));
}

}  // namespace manifold::hcl::internal
