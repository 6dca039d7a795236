// Parse and ParseExpression: lexer, then parser, over one shared copy of the text.
#include "hcl/parse.hpp"

#include "hcl/internal/lexer.hpp"
#include "hcl/internal/parser.hpp"

namespace manifold::hcl {

util::Result<File> Parse(std::string_view source, std::string filename) {
  auto text =
      std::make_shared<const SourceText>(SourceText{std::move(filename), std::string(source)});
  std::vector<internal::Token> tokens = MANIFOLD_TRY(internal::Lex(text));
  internal::Parser parser(text, std::move(tokens));
  Body body = MANIFOLD_TRY(parser.ParseFile());
  return File{std::move(body), std::move(text)};
}

util::Result<std::shared_ptr<const Expression>> ParseExpression(std::string_view source,
                                                                std::string filename) {
  auto text =
      std::make_shared<const SourceText>(SourceText{std::move(filename), std::string(source)});
  std::vector<internal::Token> tokens = MANIFOLD_TRY(internal::Lex(text));
  internal::Parser parser(text, std::move(tokens));
  ExprPtr expr = MANIFOLD_TRY(parser.ParseWholeExpression());
  return std::shared_ptr<const Expression>(std::move(expr));
}

}  // namespace manifold::hcl
