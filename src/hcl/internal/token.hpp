// Tokens of HCL's native syntax, as the lexer produces them for the parser.
#pragma once

#include <string>
#include <string_view>

#include "hcl/ast.hpp"

namespace manifold::hcl::internal {

enum class TokenType {
  kEof,
  kNewline,
  kIdent,
  kNumber,
  kOQuote,    // "
  kCQuote,    // "
  kOHeredoc,  // <<EOT or <<-EOT and its newline
  kCHeredoc,  // the closing marker line
  kLiteral,   // a piece of template text; `value` holds it decoded (escapes applied)
  kInterp,    // ${ or ${~
  kControl,   // %{ or %{~
  kSeqEnd,    // } closing an interpolation or directive, or ~}
  kOBrace,
  kCBrace,
  kOBrack,
  kCBrack,
  kOParen,
  kCParen,
  kComma,
  kDot,
  kStar,
  kSlash,
  kPercent,
  kPlus,
  kMinus,
  kEqual,
  kLess,
  kGreater,
  kBang,
  kQuestion,
  kColon,
  kEqualOp,
  kNotEqual,
  kLessEq,
  kGreaterEq,
  kAnd,
  kOr,
  kEllipsis,
  kFatArrow,
  kDoubleColon,
};

/// How a token type reads in messages ("end of file", "\"}\"", ...).
std::string_view TokenTypeName(TokenType type);

struct Token {
  TokenType type = TokenType::kEof;
  std::string_view text;  ///< The source bytes (a view into the SourceText).
  std::string value;      ///< kLiteral: the decoded text.
  Pos start;
  Pos end;
  bool strip = false;  ///< kInterp/kControl opened with `~`, kSeqEnd closed with `~}`.
  bool flush = false;  ///< kOHeredoc: the `<<-` form.
  /// kLiteral in a heredoc: the literal starts a line (flush heredocs trim these).
  bool line_start = false;
};

}  // namespace manifold::hcl::internal
