// Lex: the bytes of an HCL file → tokens (hclsyntax's scanner: main, quoted and heredoc modes).
#pragma once

#include <memory>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/internal/token.hpp"
#include "util/error.hpp"

namespace manifold::hcl::internal {

/// Splits `source` into tokens ending with one kEof. Newlines are kNewline tokens (a `#` or
/// `//` comment yields the newline that ends it; `/* */` comments yield nothing). Templates
/// arrive as kOQuote/kOHeredoc, then kLiteral, kInterp … kSeqEnd and kControl … kSeqEnd
/// pieces, then kCQuote/kCHeredoc; a heredoc's literals are split at line ends.
/// A UTF-8 byte order mark is skipped. Errors (located): invalid UTF-8, a character HCL does
/// not use, an invalid escape, a newline in a quoted string, an unterminated string, heredoc or
/// comment.
util::Result<std::vector<Token>> Lex(const std::shared_ptr<const SourceText>& source);

}  // namespace manifold::hcl::internal
