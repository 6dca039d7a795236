// ParseJsonFile: JSON nodes → hcl bodies, blocks and expressions with bake's block schema.
#include "bake/internal/json_syntax.hpp"

#include <fmt/format.h>

#include "bake/internal/expr_util.hpp"
#include "bake/internal/json_reader.hpp"
#include "hcl/convert.hpp"
#include "hcl/parse.hpp"

namespace manifold::bake::internal {
namespace {

using Type = JsonNode::Type;

enum class BodyKind { kTop, kVariable, kPlain };

// The block types of a body, and how many labels each takes.
int LabelCount(BodyKind kind, const std::string& key) {
  if (kind == BodyKind::kTop &&
      (key == "variable" || key == "function" || key == "target" || key == "group")) {
    return 1;
  }
  if (kind == BodyKind::kVariable && key == "validation") return 0;
  return -1;
}

// A JSON string is a template as it stands (hcl's JSON syntax parses it with ParseTemplate);
// the hcl layer parses quoted templates, so the literal parts are escaped here (quotes,
// backslashes, control characters) while interpolations and directives, whose own strings
// carry HCL escapes already, are copied as written.
size_t CopyInterpolation(const std::string& text, size_t i, std::string& out, int nesting);

void AppendLiteral(char c, std::string& out) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      } else {
        out += c;
      }
  }
}

// Copies an interpolation's body from `i` (just past `${` or `%{`) through its closing brace;
// returns the index after it. Strings inside it may hold templates of their own; past 256
// levels the rest is copied flat, and the template parser refuses the nesting.
size_t CopyInterpolation(const std::string& text, size_t i, std::string& out, int nesting) {
  int depth = 1;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      out += c;
      ++i;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) {
          out += text.substr(i, 2);
          i += 2;
        } else if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() &&
                   text[i + 1] == '{' && nesting < 256) {
          out += text.substr(i, 2);
          i = CopyInterpolation(text, i + 2, out, nesting + 1);
        } else {
          out += text[i] == '\n' ? ' ' : text[i];
          ++i;
        }
      }
      if (i < text.size()) out += text[i++];
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) {
      out += c;
      return i + 1;
    }
    out += (c == '\n' || c == '\r') ? ' ' : c;
    ++i;
  }
  return i;
}

std::string QuoteTemplate(const std::string& text) {
  std::string out = "\"";
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    bool marker = (c == '$' || c == '%') && i + 1 < text.size();
    if (marker && text[i + 1] == c && i + 2 < text.size() && text[i + 2] == '{') {
      out += text.substr(i, 3);  // $${ and %%{ escape a literal ${ or %{
      i += 3;
    } else if (marker && text[i + 1] == '{') {
      out += text.substr(i, 2);
      i = CopyInterpolation(text, i + 2, out, 1);
    } else {
      AppendLiteral(c, out);
      ++i;
    }
  }
  out += '"';
  return out;
}

// Moves the ranges of a template parsed from the re-quoted text onto the JSON string it came
// from: the re-quoted text is one line whose opening quote stands where the JSON string's
// does (columns past an escape are approximate). The parser bounds the tree's depth.
void Relocate(hcl::Expression& e, const hcl::Range& at) {
  auto move = [&](hcl::Pos& p) {
    p.column = at.start.column + p.column - 1;
    p.line = at.start.line;
    p.byte = at.start.byte + p.byte;
  };
  e.range.source = at.source;
  move(e.range.start);
  move(e.range.end);
  ForEachChild(e, [&](hcl::Expression& child) { Relocate(child, at); });
}

util::Error JsonError(const hcl::Range& at, std::string_view summary, std::string_view detail) {
  return hcl::ErrorAt(at, fmt::format("{}; {}", summary, detail));
}

util::Result<hcl::ExprPtr> Template(const JsonNode& node) {
  const hcl::Range& at = node.range;
  auto parsed = hcl::ParseExpression(QuoteTemplate(node.text), std::string(at.Filename()));
  if (!parsed) {
    util::Error error = std::move(parsed.error());
    util::SourceLocation loc = at.Location();
    if (error.location()) loc.column = at.start.column + error.location()->column - 1;
    return std::unexpected(std::move(error.At(std::move(loc))));
  }
  // ParseExpression hands out a shared, const tree; this copy is its only owner, so taking
  // the node out to embed it (and fix its ranges) is safe.
  auto& owned = const_cast<hcl::Expression&>(**parsed);
  auto expr = std::make_unique<hcl::Expression>(std::move(owned));
  Relocate(*expr, at);
  return expr;
}

util::Result<hcl::ExprPtr> Expr(const JsonNode& node) {
  auto expr = std::make_unique<hcl::Expression>();
  expr->range = node.range;
  switch (node.type) {
    case Type::kNull: expr->node = hcl::LiteralExpr{hcl::Value::Null()}; break;
    case Type::kBool: expr->node = hcl::LiteralExpr{hcl::Value::Bool(node.boolean)}; break;
    case Type::kNumber: {
      auto n = hcl::ParseNumber(node.text);
      if (!n) return std::unexpected(JsonError(node.range, "Invalid JSON number", node.text));
      expr->node = hcl::LiteralExpr{hcl::Value::Number(*n)};
      break;
    }
    case Type::kString: return Template(node);
    case Type::kArray: {
      hcl::TupleExpr tuple;
      for (const JsonNode& item : node.items) tuple.items.push_back(MANIFOLD_TRY(Expr(item)));
      expr->node = std::move(tuple);
      break;
    }
    case Type::kObject: {
      hcl::ObjectExpr object;
      for (size_t i = 0; i < node.properties.size(); ++i) {
        JsonNode key;
        key.type = Type::kString;
        key.text = node.properties[i].first;
        key.range = node.key_ranges[i];
        hcl::ObjectItem item;
        item.key = MANIFOLD_TRY(Template(key));
        item.value = MANIFOLD_TRY(Expr(node.properties[i].second));
        object.items.push_back(std::move(item));
      }
      expr->node = std::move(object);
      break;
    }
  }
  return expr;
}

util::Result<hcl::Body> Body(const JsonNode& node, BodyKind kind);

// Adds the blocks `value` describes: `labels_left` more labels as object keys, then a body
// object or an array of body objects; any level may also be an array of such objects.
util::Status AddBlocks(hcl::Body& body, const std::string& type, const hcl::Range& type_range,
                       const JsonNode& value, int labels_left, std::vector<std::string> labels,
                       std::vector<hcl::Range> label_ranges) {
  if (value.type == Type::kArray) {
    for (const JsonNode& item : value.items) {
      MANIFOLD_CHECK(AddBlocks(body, type, type_range, item, labels_left, labels, label_ranges));
    }
    return {};
  }
  if (value.type != Type::kObject) {
    return std::unexpected(JsonError(value.range, "Incorrect JSON value type",
                                     labels_left > 0
                                         ? "A JSON object is required here, whose property names "
                                           "are the block labels."
                                         : "A JSON object is required here, setting the "
                                           "arguments for this block."));
  }
  if (labels_left > 0) {
    for (size_t i = 0; i < value.properties.size(); ++i) {
      auto l = labels;
      auto r = label_ranges;
      l.push_back(value.properties[i].first);
      r.push_back(value.key_ranges[i]);
      MANIFOLD_CHECK(AddBlocks(body, type, type_range, value.properties[i].second,
                               labels_left - 1, std::move(l), std::move(r)));
    }
    return {};
  }
  hcl::Block block;
  block.type = type;
  block.labels = std::move(labels);
  block.label_ranges = std::move(label_ranges);
  block.type_range = type_range;
  block.range = value.range;
  BodyKind inner = type == "variable" ? BodyKind::kVariable : BodyKind::kPlain;
  block.body = std::make_shared<const hcl::Body>(MANIFOLD_TRY(Body(value, inner)));
  body.blocks.push_back(std::move(block));
  return {};
}

util::Result<hcl::Body> Body(const JsonNode& node, BodyKind kind) {
  hcl::Body body;
  body.range = node.range;
  for (size_t i = 0; i < node.properties.size(); ++i) {
    const auto& [key, value] = node.properties[i];
    const hcl::Range& key_range = node.key_ranges[i];
    int labels = LabelCount(kind, key);
    if (labels >= 0) {
      MANIFOLD_CHECK(AddBlocks(body, key, key_range, value, labels, {}, {}));
      continue;
    }
    if (const hcl::Attribute* prev = body.FindAttribute(key)) {
      return std::unexpected(JsonError(
          key_range, "Duplicate argument",
          fmt::format("The argument \"{}\" was already set at {}.", key, prev->name_range.ToString())));
    }
    hcl::Attribute attr;
    attr.name = key;
    attr.expr = MANIFOLD_TRY(Expr(value));
    attr.range = hcl::Range{key_range.source, key_range.start, value.range.end};
    attr.name_range = key_range;
    body.attributes.push_back(std::move(attr));
  }
  return body;
}

}  // namespace

util::Result<hcl::File> ParseJsonFile(std::string_view source, std::string filename) {
  auto text =
      std::make_shared<const hcl::SourceText>(hcl::SourceText{std::move(filename), std::string(source)});
  JsonNode root = MANIFOLD_TRY(ReadJson(text));
  if (root.type != Type::kObject) {
    return std::unexpected(JsonError(root.range, "Incorrect JSON value type",
                                     "The root of a JSON bake file must be an object."));
  }
  hcl::File file;
  file.body = MANIFOLD_TRY(Body(root, BodyKind::kTop));
  file.source = std::move(text);
  return file;
}

}  // namespace manifold::bake::internal
