// ParseVarType and ConvertTo: a variable's `type` read through hcl's type expressions.
#include "bake/internal/var_type.hpp"

#include <fmt/format.h>

#include "bake/internal/expr_util.hpp"
#include "hcl/convert.hpp"
#include "hcl/parse.hpp"

namespace manifold::bake::internal {
namespace {

util::Error InvalidType(const hcl::Expression& expr, const std::string& detail) {
  return hcl::ErrorAt(expr.range, "Invalid type specification; " + detail);
}

// hcl leaves the line's text out of type errors; this one is shown.
util::Error WithLine(util::Error error, const hcl::Expression& expr) {
  const auto& loc = error.location();
  const hcl::SourceText* source = expr.range.source.get();
  if (source != nullptr && loc && loc->line_text.empty() && loc->file == source->filename) {
    util::SourceLocation with_text = *loc;
    with_text.line_text = std::string(source->Line(loc->line));
    error.At(std::move(with_text));
  }
  return error;
}

}  // namespace

util::Result<std::optional<VarType>> ParseVarType(const hcl::Expression& expr) {
  if (const auto* lit = std::get_if<hcl::LiteralExpr>(&expr.node); lit && lit->value.IsNull()) {
    return std::optional<VarType>();
  }
  // JSON writes the type as a string holding the expression.
  if (std::optional<std::string> text = StaticString(expr)) {
    auto parsed = hcl::ParseExpression(*text, std::string(expr.range.Filename()));
    if (!parsed) {
      return std::unexpected(
          InvalidType(expr, fmt::format("\"{}\" is not a valid type specification.", *text)));
    }
    auto type = hcl::ParseTypeExpr(**parsed, kVarTypeMode);
    if (!type) {
      return std::unexpected(
          InvalidType(expr, fmt::format("\"{}\" is not a valid type specification.", *text)));
    }
    return std::optional<VarType>(std::move(*type));
  }
  auto type = hcl::ParseTypeExpr(expr, kVarTypeMode);
  if (!type) return std::unexpected(WithLine(std::move(type.error()), expr));
  return std::optional<VarType>(std::move(*type));
}

util::Result<hcl::Value> ConvertTo(const hcl::Value& value, const VarType& type) {
  return hcl::ConvertToType(hcl::ApplyDefaults(value, type), type);
}

}  // namespace manifold::bake::internal
