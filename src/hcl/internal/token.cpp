// Token type names for parser messages.
#include "hcl/internal/token.hpp"

namespace manifold::hcl::internal {

std::string_view TokenTypeName(TokenType type) {
  switch (type) {
    case TokenType::kEof: return "end of file";
    case TokenType::kNewline: return "newline";
    case TokenType::kIdent: return "identifier";
    case TokenType::kNumber: return "number";
    case TokenType::kOQuote:
    case TokenType::kCQuote: return "quote";
    case TokenType::kOHeredoc: return "heredoc";
    case TokenType::kCHeredoc: return "heredoc end";
    case TokenType::kLiteral: return "string";
    case TokenType::kInterp: return "\"${\"";
    case TokenType::kControl: return "\"%{\"";
    case TokenType::kSeqEnd: return "\"}\"";
    case TokenType::kOBrace: return "\"{\"";
    case TokenType::kCBrace: return "\"}\"";
    case TokenType::kOBrack: return "\"[\"";
    case TokenType::kCBrack: return "\"]\"";
    case TokenType::kOParen: return "\"(\"";
    case TokenType::kCParen: return "\")\"";
    case TokenType::kComma: return "\",\"";
    case TokenType::kDot: return "\".\"";
    case TokenType::kStar: return "\"*\"";
    case TokenType::kSlash: return "\"/\"";
    case TokenType::kPercent: return "\"%\"";
    case TokenType::kPlus: return "\"+\"";
    case TokenType::kMinus: return "\"-\"";
    case TokenType::kEqual: return "\"=\"";
    case TokenType::kLess: return "\"<\"";
    case TokenType::kGreater: return "\">\"";
    case TokenType::kBang: return "\"!\"";
    case TokenType::kQuestion: return "\"?\"";
    case TokenType::kColon: return "\":\"";
    case TokenType::kEqualOp: return "\"==\"";
    case TokenType::kNotEqual: return "\"!=\"";
    case TokenType::kLessEq: return "\"<=\"";
    case TokenType::kGreaterEq: return "\">=\"";
    case TokenType::kAnd: return "\"&&\"";
    case TokenType::kOr: return "\"||\"";
    case TokenType::kEllipsis: return "\"...\"";
    case TokenType::kFatArrow: return "\"=>\"";
    case TokenType::kDoubleColon: return "\"::\"";
  }
  return "token";
}

}  // namespace manifold::hcl::internal
