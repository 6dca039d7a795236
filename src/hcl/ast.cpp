// Source ranges, located errors and small AST helpers.
#include "hcl/ast.hpp"

#include <fmt/format.h>

namespace manifold::hcl {

std::string_view SourceText::Line(int line) const {
  if (line < 1) return {};
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string_view out(text.data() + start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

util::SourceLocation Range::Location() const {
  util::SourceLocation loc;
  loc.line = start.line;
  loc.column = start.column;
  if (source) {
    loc.file = source->filename;
    loc.line_text = std::string(source->Line(start.line));
  }
  return loc;
}

std::string Range::ToString() const {
  return fmt::format("{}:{}:{}", Filename(), start.line, start.column);
}

util::Error ErrorAt(const Range& range, std::string message) {
  return util::Error(util::ErrorKind::kInvalidArgument, std::move(message)).At(range.Location());
}

std::string_view BinaryOpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEq: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEq: return ">=";
    case BinaryOp::kEq: return "==";
    case BinaryOp::kNotEq: return "!=";
    case BinaryOp::kAnd: return "&&";
    case BinaryOp::kOr: return "||";
  }
  return "?";
}

const Attribute* Body::FindAttribute(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace manifold::hcl
