// The template parser: literals, interpolations and directives between a template's quotes or
// heredoc markers, then strip markers, `<<-` indentation and the directive tree (hclsyntax
// spec, "Templates").
#include <fmt/format.h>

#include "hcl/internal/parser.hpp"
#include "hcl/internal/text.hpp"

namespace manifold::hcl::internal {
namespace {

enum class PartKind { kLiteral, kInterp, kIf, kElse, kEndIf, kFor, kEndFor, kEnd };

struct Part {
  PartKind kind;
  Range range;
  std::string text;                // kLiteral
  ExprPtr expr;                    // kInterp, kIf (condition), kFor (collection)
  std::string key_var, value_var;  // kFor
};

std::string_view DirectiveName(PartKind kind) {
  switch (kind) {
    case PartKind::kIf: return "if";
    case PartKind::kElse: return "else";
    case PartKind::kEndIf: return "endif";
    case PartKind::kFor: return "for";
    case PartKind::kEndFor: return "endfor";
    default: return "template";
  }
}

// `<<-`: the least indentation of the lines' leading literals, counted in characters, is
// removed from each of them; whitespace-only lines do not count, and a line that starts with
// an interpolation or directive has no indentation (hclsyntax's flushHeredocTemplateParts).
void FlushIndentation(std::vector<Part>& parts) {
  size_t min_spaces = SIZE_MAX;
  std::vector<Part*> adjust;
  bool line_start = true;
  for (Part& part : parts) {
    if (line_start) {
      line_start = false;
      if (part.kind == PartKind::kEnd) break;
      size_t spaces = 0;
      if (part.kind == PartKind::kLiteral) {
        auto [bytes, chars] = LeadingSpace(part.text);
        if (bytes == part.text.size() && part.text.ends_with('\n')) {
          spaces = SIZE_MAX;
        } else {
          spaces = chars;
          adjust.push_back(&part);
        }
      }
      min_spaces = std::min(min_spaces, spaces);
    }
    if (part.kind == PartKind::kLiteral && part.text.ends_with('\n')) line_start = true;
  }
  for (Part* part : adjust) {
    size_t bytes = 0;
    for (size_t i = 0; i < min_spaces && bytes < part->text.size(); ++i)
      bytes += Utf8Length(part->text, bytes);
    part->text.erase(0, bytes);
  }
}

// Builds the expression tree of parts[i...] up to one of `until` (left unconsumed).
class TreeBuilder {
 public:
  TreeBuilder(Parser& parser, std::vector<Part>& parts, const Token& open)
      : parser_(parser), parts_(parts), open_(open) {}

  util::Result<std::vector<ExprPtr>> Build(std::initializer_list<PartKind> until,
                                           const Part* opener) {
    std::vector<ExprPtr> out;
    for (;;) {
      Part& part = parts_[i_];
      for (PartKind k : until) {
        if (part.kind == k) return out;
      }
      switch (part.kind) {
        case PartKind::kLiteral:
          out.push_back(parser_.Make(LiteralExpr{Value::String(std::move(part.text))}, part.range));
          ++i_;
          break;
        case PartKind::kInterp:
          out.push_back(std::move(part.expr));
          ++i_;
          break;
        case PartKind::kIf: out.push_back(MANIFOLD_TRY(BuildIf())); break;
        case PartKind::kFor: out.push_back(MANIFOLD_TRY(BuildFor())); break;
        case PartKind::kEnd:
          return std::unexpected(
              ErrorAt(opener->range, fmt::format("Unterminated template {0} directive; There is no "
                                                 "matching %{{ end{0} }} for this "
                                                 "%{{ {0} }} directive.",
                                                 DirectiveName(opener->kind))));
        default:
          return std::unexpected(
              ErrorAt(part.range, fmt::format("Unexpected {} directive; This directive does not "
                                              "close any open \"if\" or \"for\" "
                                              "directive here.",
                                              DirectiveName(part.kind))));
      }
    }
  }

 private:
  ExprPtr Sequence(std::vector<ExprPtr> parts, const Range& range) {
    return parser_.Make(TemplateExpr{std::move(parts)}, range);
  }

  util::Result<ExprPtr> BuildIf() {
    Part& opener = parts_[i_++];
    auto nesting = MANIFOLD_TRY(parser_.Enter(open_));
    std::vector<ExprPtr> then = MANIFOLD_TRY(Build({PartKind::kElse, PartKind::kEndIf}, &opener));
    ExprPtr then_expr = Sequence(std::move(then), opener.range);
    ExprPtr otherwise;
    if (parts_[i_].kind == PartKind::kElse) {
      Range else_range = parts_[i_++].range;
      otherwise = Sequence(MANIFOLD_TRY(Build({PartKind::kEndIf}, &opener)), else_range);
    }
    Range range{opener.range.source, opener.range.start, parts_[i_++].range.end};
    return parser_.Make(
        TemplateIfExpr{std::move(opener.expr), std::move(then_expr), std::move(otherwise)},
        std::move(range));
  }

  util::Result<ExprPtr> BuildFor() {
    Part& opener = parts_[i_++];
    auto nesting = MANIFOLD_TRY(parser_.Enter(open_));
    ExprPtr body = Sequence(MANIFOLD_TRY(Build({PartKind::kEndFor}, &opener)), opener.range);
    Range range{opener.range.source, opener.range.start, parts_[i_++].range.end};
    return parser_.Make(TemplateForExpr{std::move(opener.key_var), std::move(opener.value_var),
                                        std::move(opener.expr), std::move(body)},
                        std::move(range));
  }

  Parser& parser_;
  std::vector<Part>& parts_;
  const Token& open_;
  size_t i_ = 0;
};

}  // namespace

util::Result<ExprPtr> Parser::ParseTemplate(const Token& open) {
  auto nesting = MANIFOLD_TRY(Enter(open));
  bool heredoc = open.type == TokenType::kOHeredoc;
  TokenType close_type = heredoc ? TokenType::kCHeredoc : TokenType::kCQuote;
  std::vector<Part> parts;
  // Strip markers act on the literal right beside them only (hclsyntax's parseTemplateParts):
  // `${~` trims the end of the literal just before it, `~}` the start of the one just after.
  bool trim_next = false;
  const Token* close = nullptr;
  while (close == nullptr) {
    const Token& t = Read();
    bool trim = std::exchange(trim_next, false);
    if (t.type == close_type) {
      close = &t;
      break;
    }
    if (t.type == TokenType::kLiteral) {
      Part part{PartKind::kLiteral, RangeOf(t), t.value, nullptr, "", ""};
      if (trim) part.text.erase(0, LeadingSpace(part.text).first);
      parts.push_back(std::move(part));
      continue;
    }
    if (t.type != TokenType::kInterp && t.type != TokenType::kControl) {
      return std::unexpected(Fail(t,
                                  "Unterminated template string; No closing marker was found "
                                  "for the string."));
    }
    if (t.strip && !parts.empty() && parts.back().kind == PartKind::kLiteral) {
      std::string& prev = parts.back().text;
      prev.resize(TrimTrailingSpace(prev).size());
    }
    PushNewlines(false);
    Part part{PartKind::kInterp, RangeOf(t), "", nullptr, "", ""};
    if (t.type == TokenType::kInterp) {
      part.expr = MANIFOLD_TRY(ParseExpression());
    } else {
      const Token& keyword = Read();
      std::string_view word = keyword.type == TokenType::kIdent ? keyword.text : "";
      if (word == "if") {
        part.kind = PartKind::kIf;
        part.expr = MANIFOLD_TRY(ParseExpression());
      } else if (word == "else" || word == "endif" || word == "endfor") {
        part.kind = word == "else"    ? PartKind::kElse
                    : word == "endif" ? PartKind::kEndIf
                                      : PartKind::kEndFor;
      } else if (word == "for") {
        part.kind = PartKind::kFor;
        if (Peek().type != TokenType::kIdent) {
          return std::unexpected(Fail(Peek(),
                                      "Invalid 'for' directive; For directive requires "
                                      "variable name after 'for'."));
        }
        part.value_var = std::string(Read().text);
        if (Peek().type == TokenType::kComma) {
          Read();
          if (Peek().type != TokenType::kIdent) {
            return std::unexpected(Fail(Peek(),
                                        "Invalid 'for' directive; For directive requires "
                                        "value variable name after comma."));
          }
          part.key_var = std::move(part.value_var);
          part.value_var = std::string(Read().text);
        }
        if (Peek().type != TokenType::kIdent || Peek().text != "in") {
          return std::unexpected(Fail(Peek(),
                                      "Invalid 'for' directive; For directive requires "
                                      "'in' keyword after names."));
        }
        Read();
        part.expr = MANIFOLD_TRY(ParseExpression());
      } else if (keyword.type == TokenType::kIdent) {
        return std::unexpected(Fail(keyword, fmt::format("Invalid template control keyword; \"{}\" "
                                                         "is not a valid template control keyword.",
                                                         word)));
      } else {
        return std::unexpected(Fail(keyword,
                                    "Invalid template directive; A template directive "
                                    "keyword (\"if\", \"for\", etc) is expected at the "
                                    "beginning of a %{ sequence."));
      }
    }
    const Token& end = Peek();
    if (end.type != TokenType::kSeqEnd) {
      if (t.type == TokenType::kControl) {
        return std::unexpected(Fail(end,
                                    "Extra characters in template directive; Expected a "
                                    "closing brace to end the sequence, but found extra "
                                    "characters."));
      }
      if (end.type == TokenType::kEof || end.type == close_type || end.type == TokenType::kOQuote) {
        return std::unexpected(Fail(t,
                                    "Unclosed template interpolation sequence; There is no "
                                    "closing brace for this interpolation sequence before the "
                                    "end of the template. This might be caused by incorrect "
                                    "nesting inside the given expression."));
      }
      return std::unexpected(Fail(end,
                                  "Extra characters after interpolation expression; Expected "
                                  "a closing brace to end the interpolation expression, but "
                                  "found extra characters. If this is an embedded sequence "
                                  "for another language, escape it by starting with \"$${\" "
                                  "instead of just \"${\"."));
    }
    Read();
    PopNewlines();
    trim_next = end.strip;
    part.range = RangeBetween(t, end);
    parts.push_back(std::move(part));
  }
  Range range = RangeBetween(open, *close);
  // "${x}" alone is unwrapped: its value is the template's, unconverted.
  if (parts.size() == 1 && parts[0].kind == PartKind::kInterp) {
    return Make(TemplateWrapExpr{std::move(parts[0].expr)}, std::move(range));
  }
  if (parts.empty())
    parts.push_back(Part{PartKind::kLiteral, RangeOf(*close), "", nullptr, "", ""});
  parts.push_back(Part{PartKind::kEnd, RangeOf(*close), "", nullptr, "", ""});
  if (heredoc && open.flush) FlushIndentation(parts);
  // Adjacent literals become one (after stripping and flushing, which act per piece).
  std::vector<Part> melded;
  for (Part& part : parts) {
    if (part.kind == PartKind::kLiteral && !melded.empty() &&
        melded.back().kind == PartKind::kLiteral) {
      melded.back().text += part.text;
      melded.back().range.end = part.range.end;
    } else {
      melded.push_back(std::move(part));
    }
  }
  TreeBuilder builder(*this, melded, open);
  std::vector<ExprPtr> exprs = MANIFOLD_TRY(builder.Build({PartKind::kEnd}, nullptr));
  return Make(TemplateExpr{std::move(exprs)}, std::move(range));
}

}  // namespace manifold::hcl::internal
