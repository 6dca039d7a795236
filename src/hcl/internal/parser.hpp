// Parser: tokens → Body / Expression (hclsyntax's recursive-descent parser, without its error
// recovery: the first error ends the parse).
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/internal/stack_guard.hpp"
#include "hcl/internal/token.hpp"
#include "util/error.hpp"

namespace manifold::hcl::internal {

/// How deeply constructs (parentheses, brackets, blocks, templates, unary operators) may nest,
/// and how deep an expression tree may grow counting chained operators and traversals too.
/// Both keep the recursive parser and evaluator within a thread's stack on hostile input.
inline constexpr int kMaxNesting = 256;
inline constexpr int kMaxTreeDepth = 1024;

/// One parse of one token stream. Not reusable; not thread-safe.
class Parser {
 public:
  Parser(std::shared_ptr<const SourceText> source, std::vector<Token> tokens);

  /// The whole input as a body (a configuration file).
  util::Result<Body> ParseFile();
  /// The whole input as one expression (newlines may follow it).
  util::Result<ExprPtr> ParseWholeExpression();

  // The rest is the parser's own; the methods are spread over parser*.cpp.

  // A nesting level (and one level of tree depth), held for the guard's lifetime.
  class Nesting {
   public:
    explicit Nesting(Parser* parser) : parser_(parser) {}
    Nesting(Nesting&& other) noexcept : parser_(std::exchange(other.parser_, nullptr)) {}
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    Nesting& operator=(Nesting&&) = delete;
    ~Nesting();

   private:
    Parser* parser_;
  };
  util::Result<Nesting> Enter(const Token& at);

  // Extra tree depth within one nesting level (chained operators, traversal steps), given
  // back when the tally goes out of scope.
  class DepthTally {
   public:
    explicit DepthTally(Parser* parser) : parser_(parser) {}
    DepthTally(const DepthTally&) = delete;
    DepthTally& operator=(const DepthTally&) = delete;
    ~DepthTally() { parser_->depth_ -= added_; }
    util::Status Add(const Token& at);

   private:
    Parser* parser_;
    int added_ = 0;
  };

  const Token& Peek();
  const Token& Read();
  void PushNewlines(bool include) { newlines_.push_back(include); }
  void PopNewlines() { newlines_.pop_back(); }

  util::Error Fail(const Token& at, std::string message) const;
  Range RangeOf(const Token& t) const { return Range{source_, t.start, t.end}; }
  Range RangeBetween(const Range& a, const Range& b) const {
    return Range{source_, a.start, b.end};
  }
  Range RangeBetween(const Token& a, const Token& b) const {
    return Range{source_, a.start, b.end};
  }
  ExprPtr Make(Expression::Node node, Range range) const;

  // Structure (parser.cpp).
  util::Result<Body> ParseBody(TokenType end, const Token* open);
  util::Result<Attribute> FinishAttribute(const Token& name, bool single_line);
  util::Result<Block> FinishBlock(const Token& type);
  util::Result<std::string> ParseQuotedLabel();

  // Expressions (parser_expr.cpp, parser_collections.cpp).
  util::Result<ExprPtr> ParseExpression();
  util::Result<ExprPtr> ParseBinary(int level);
  util::Result<ExprPtr> ParseWithTraversals();
  util::Result<ExprPtr> ParseTraversals(ExprPtr from);
  util::Result<ExprPtr> ParseTerm();
  util::Result<ExprPtr> ParseTuple();
  util::Result<ExprPtr> ParseObject();
  util::Result<ExprPtr> ParseFor(const Token& open);
  util::Result<ExprPtr> ParseFunctionCall(const Token& name);

  // Templates (parser_template.cpp): after the opening kOQuote/kOHeredoc up to its closer.
  util::Result<ExprPtr> ParseTemplate(const Token& open);

 private:
  std::shared_ptr<const SourceText> source_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  std::vector<bool> newlines_{true};
  int nesting_ = 0;
  StackGuard stack_;
  int depth_ = 0;
};

}  // namespace manifold::hcl::internal
