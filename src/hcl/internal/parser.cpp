// The structural parser: bodies of attributes and blocks (hclsyntax spec, "Structural
// Elements"), plus the token cursor and nesting guards every parser file uses.
#include "hcl/internal/parser.hpp"

#include <map>

#include <fmt/format.h>

namespace manifold::hcl::internal {

Parser::Parser(std::shared_ptr<const SourceText> source, std::vector<Token> tokens)
    : source_(std::move(source)), tokens_(std::move(tokens)) {
  MANIFOLD_ASSERT(!tokens_.empty() && tokens_.back().type == TokenType::kEof,
                  "the lexer ends every token stream with kEof");
}

Parser::Nesting::~Nesting() {
  if (parser_) {
    --parser_->nesting_;
    --parser_->depth_;
  }
}

util::Result<Parser::Nesting> Parser::Enter(const Token& at) {
  if (nesting_ >= kMaxNesting || stack_.Exhausted()) {
    return std::unexpected(Fail(at, fmt::format("Nesting too deep; Expressions, templates and "
                                                "blocks may nest at most {} levels.",
                                                kMaxNesting)));
  }
  if (depth_ >= kMaxTreeDepth) {
    return std::unexpected(Fail(at, fmt::format("Expression too deep; An expression may be at most "
                                                "{} operators and traversals deep.",
                                                kMaxTreeDepth)));
  }
  ++nesting_;
  ++depth_;
  return Nesting(this);
}

util::Status Parser::DepthTally::Add(const Token& at) {
  if (parser_->stack_.Exhausted()) {
    return std::unexpected(parser_->Fail(at, fmt::format("Nesting too deep; Expressions, "
                                                         "templates and blocks may nest at most "
                                                         "{} levels.",
                                                         kMaxNesting)));
  }
  if (parser_->depth_ >= kMaxTreeDepth) {
    return std::unexpected(parser_->Fail(at, fmt::format("Expression too deep; An expression may "
                                                         "be at most {} operators and traversals "
                                                         "deep.",
                                                         kMaxTreeDepth)));
  }
  ++parser_->depth_;
  ++added_;
  return {};
}

const Token& Parser::Peek() {
  // Newlines separate body items and object elements; inside parentheses, brackets, function
  // arguments, `for` expressions and template sequences they are white space.
  if (!newlines_.back()) {
    while (tokens_[next_].type == TokenType::kNewline) ++next_;
  }
  return tokens_[next_];
}

const Token& Parser::Read() {
  const Token& t = Peek();
  if (t.type != TokenType::kEof) ++next_;
  return t;
}

util::Error Parser::Fail(const Token& at, std::string message) const {
  return ErrorAt(RangeOf(at), std::move(message));
}

ExprPtr Parser::Make(Expression::Node node, Range range) const {
  return std::make_unique<Expression>(Expression{std::move(node), std::move(range)});
}

util::Result<Body> Parser::ParseFile() { return ParseBody(TokenType::kEof, nullptr); }

util::Result<ExprPtr> Parser::ParseWholeExpression() {
  ExprPtr expr = MANIFOLD_TRY(ParseExpression());
  while (Peek().type == TokenType::kNewline) Read();
  if (Peek().type != TokenType::kEof) {
    return std::unexpected(Fail(Peek(),
                                "Extra characters after expression; An expression was "
                                "successfully parsed, but extra characters were found "
                                "after it."));
  }
  return expr;
}

util::Result<Body> Parser::ParseBody(TokenType end, const Token* open) {
  PushNewlines(true);
  Body body;
  body.range = Range{source_, Peek().start, Peek().start};
  std::map<std::string_view, size_t> seen;  // attribute name → index, to refuse repeats quickly
  for (;;) {
    const Token& t = Peek();
    if (t.type == end) break;
    if (t.type == TokenType::kNewline) {
      Read();
      continue;
    }
    if (t.type == TokenType::kIdent) {
      const Token& name = Read();
      TokenType next = Peek().type;
      if (next == TokenType::kEqual) {
        Attribute attr = MANIFOLD_TRY(FinishAttribute(name, false));
        auto [it, inserted] = seen.emplace(name.text, body.attributes.size());
        if (!inserted) {
          const Attribute* first = &body.attributes[it->second];
          return std::unexpected(
              ErrorAt(attr.name_range, fmt::format("Attribute redefined; The argument \"{}\" was "
                                                   "already set at {}. Each argument may "
                                                   "be set only once.",
                                                   attr.name, first->name_range.ToString())));
        }
        body.attributes.push_back(std::move(attr));
        continue;
      }
      if (next == TokenType::kOQuote || next == TokenType::kOBrace || next == TokenType::kIdent) {
        body.blocks.push_back(MANIFOLD_TRY(FinishBlock(name)));
        continue;
      }
      return std::unexpected(Fail(Peek(),
                                  "Argument or block definition required; An argument or "
                                  "block definition is required here. To set an argument, "
                                  "use the equals sign \"=\" to introduce the argument "
                                  "value."));
    }
    if (t.type == TokenType::kEof && open != nullptr) {
      return std::unexpected(Fail(*open,
                                  "Unclosed configuration block; There is no closing brace "
                                  "for this block before the end of the file. This may be "
                                  "caused by incorrect brace nesting elsewhere in this "
                                  "file."));
    }
    if (t.type == TokenType::kOQuote) {
      return std::unexpected(Fail(t, "Invalid argument name; Argument names must not be quoted."));
    }
    return std::unexpected(Fail(t,
                                "Argument or block definition required; An argument or block "
                                "definition is required here."));
  }
  body.range.end = Peek().end;
  PopNewlines();
  return body;
}

util::Result<Attribute> Parser::FinishAttribute(const Token& name, bool single_line) {
  Read();  // '='
  ExprPtr expr = MANIFOLD_TRY(ParseExpression());
  Attribute attr;
  attr.name = std::string(name.text);
  attr.name_range = RangeOf(name);
  attr.range = RangeBetween(attr.name_range, expr->range);
  attr.expr = std::move(expr);
  if (single_line) return attr;
  const Token& end = Peek();
  if (end.type == TokenType::kNewline) {
    Read();
  } else if (end.type != TokenType::kEof) {
    if (end.type == TokenType::kComma) {
      return std::unexpected(Fail(end,
                                  "Unexpected comma after argument; Argument definitions "
                                  "must be separated by newlines, not commas. An argument "
                                  "definition must end with a newline."));
    }
    return std::unexpected(Fail(end,
                                "Missing newline after argument; An argument definition "
                                "must end with a newline."));
  }
  return attr;
}

util::Result<std::string> Parser::ParseQuotedLabel() {
  Read();  // the opening quote
  std::string label;
  for (;;) {
    const Token& t = Read();
    if (t.type == TokenType::kCQuote) return label;
    if (t.type == TokenType::kLiteral) {
      label += t.value;
      continue;
    }
    if (t.type == TokenType::kInterp || t.type == TokenType::kControl) {
      char which = t.type == TokenType::kInterp ? '$' : '%';
      return std::unexpected(Fail(t, fmt::format("Invalid string literal; Template sequences are "
                                                 "not allowed in this string. To include a literal "
                                                 "\"{0}\", double it (as \"{0}{0}\") to escape it.",
                                                 which)));
    }
    return std::unexpected(Fail(t,
                                "Unterminated string literal; Unable to find the closing quote "
                                "mark before the end of the file."));
  }
}

util::Result<Block> Parser::FinishBlock(const Token& type) {
  auto nesting = MANIFOLD_TRY(Enter(type));
  Block block;
  block.type = std::string(type.text);
  block.type_range = RangeOf(type);
  for (;;) {
    const Token& t = Peek();
    if (t.type == TokenType::kOBrace) break;
    if (t.type == TokenType::kOQuote) {
      Pos start = t.start;
      block.labels.push_back(MANIFOLD_TRY(ParseQuotedLabel()));
      block.label_ranges.push_back(Range{source_, start, tokens_[next_ - 1].end});
    } else if (t.type == TokenType::kIdent) {
      block.labels.emplace_back(t.text);
      block.label_ranges.push_back(RangeOf(Read()));
    } else if (t.type == TokenType::kEqual) {
      return std::unexpected(Fail(t,
                                  "Invalid block definition; The equals sign \"=\" indicates an "
                                  "argument definition, and must not be used when defining a "
                                  "block."));
    } else if (t.type == TokenType::kNewline) {
      return std::unexpected(Fail(t,
                                  "Invalid block definition; A block definition must have block "
                                  "content delimited by \"{\" and \"}\", starting on the same "
                                  "line as the block header."));
    } else {
      return std::unexpected(Fail(t,
                                  "Invalid block definition; Either a quoted string block label "
                                  "or an opening brace (\"{\") is expected here."));
    }
  }
  const Token& open = Read();
  Body body;
  const Token& first = Peek();
  if (first.type == TokenType::kNewline) {
    body = MANIFOLD_TRY(ParseBody(TokenType::kCBrace, &open));
  } else if (first.type != TokenType::kCBrace) {
    // A single-line block: `b { a = 1 }` holds one attribute at most (hclsyntax spec,
    // OneLineBlock).
    if (first.type != TokenType::kIdent || tokens_[next_ + 1].type != TokenType::kEqual) {
      return std::unexpected(Fail(first,
                                  "Argument definition required; A single-line block "
                                  "definition can contain only a single argument. To "
                                  "define a nested block, place it on a line of its own "
                                  "within its parent block."));
    }
    const Token& name = Read();
    body.attributes.push_back(MANIFOLD_TRY(FinishAttribute(name, true)));
    const Token& after = Peek();
    if (after.type == TokenType::kComma) {
      return std::unexpected(Fail(after,
                                  "Invalid single-argument block definition; Single-line "
                                  "block syntax can include only one argument definition. "
                                  "To define multiple arguments, use the multi-line block "
                                  "syntax with one argument definition per line."));
    }
    if (after.type != TokenType::kCBrace) {
      return std::unexpected(Fail(after,
                                  "Invalid single-argument block definition; A single-line "
                                  "block definition must end with a closing brace "
                                  "immediately after its single argument definition."));
    }
    body.range = RangeBetween(first, after);
  }
  const Token& close = Read();
  if (close.type != TokenType::kCBrace) {
    return std::unexpected(Fail(close,
                                "Unclosed configuration block; Expected \"}\" to close the "
                                "block."));
  }
  block.range = RangeBetween(type, close);
  block.body = std::make_shared<const Body>(std::move(body));
  const Token& eol = Peek();
  if (eol.type == TokenType::kNewline) {
    Read();
  } else if (eol.type != TokenType::kEof) {
    return std::unexpected(Fail(eol,
                                "Missing newline after block definition; A block definition "
                                "must end with a newline."));
  }
  return block;
}

}  // namespace manifold::hcl::internal
