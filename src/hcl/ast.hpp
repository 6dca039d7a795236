// The syntax tree of an HCL native-syntax file: bodies, attributes, blocks and expressions,
// each with its source range.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::hcl {

/// The bytes of one parsed file and its name; every Range of the file shares it, so that an
/// error found while evaluating can still show the offending line.
struct SourceText {
  std::string filename;
  std::string text;

  /// The text of 1-based `line` without its newline; empty when out of range.
  std::string_view Line(int line) const;
};

/// A position: 1-based line and column (columns count characters, a tab is one), 0-based byte.
struct Pos {
  int line = 1;
  int column = 1;
  size_t byte = 0;
};

/// A span of a source file, [start, end).
struct Range {
  std::shared_ptr<const SourceText> source;
  Pos start;
  Pos end;

  /// The file name, or "" for a default-constructed range.
  std::string_view Filename() const { return source ? std::string_view(source->filename) : ""; }
  /// The start as a util::SourceLocation (file, line, column, the line's text).
  util::SourceLocation Location() const;
  /// "file:line:column" of the start.
  std::string ToString() const;
};

/// A util::Error (kInvalidArgument) located at `range`'s start: What() reads
/// "file:line:col: message" and Describe() adds the line with a caret.
util::Error ErrorAt(const Range& range, std::string message);

struct Expression;
using ExprPtr = std::unique_ptr<Expression>;

/// `null`, `true`, `12`, and the literal pieces of templates (strings).
struct LiteralExpr {
  Value value;
};
/// A name looked up in the evaluation context.
struct VariableExpr {
  std::string name;
};
/// `source.name`.
struct GetAttrExpr {
  ExprPtr source;
  std::string name;
};
/// `source[key]`, and the legacy `source.0`.
struct IndexExpr {
  ExprPtr source;
  ExprPtr key;
};
/// `source.*.a.b` or `source[*].a[0]`: `each` is evaluated for every element, where a
/// SplatItemExpr stands for the element.
struct SplatExpr {
  ExprPtr source;
  ExprPtr each;
};
/// The element inside a SplatExpr's `each`.
struct SplatItemExpr {};
/// `name(args...)`; `expand_final` when the last argument is followed by `...`.
struct FunctionCallExpr {
  std::string name;
  std::vector<ExprPtr> args;
  bool expand_final = false;
};

enum class UnaryOp { kNegate, kNot };
enum class BinaryOp {
  kMul,
  kDiv,
  kMod,
  kAdd,
  kSub,
  kLess,
  kLessEq,
  kGreater,
  kGreaterEq,
  kEq,
  kNotEq,
  kAnd,
  kOr
};
/// The operator's source spelling ("*", "&&", ...).
std::string_view BinaryOpName(BinaryOp op);

struct UnaryExpr {
  UnaryOp op;
  ExprPtr operand;
};
struct BinaryExpr {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};
struct ConditionalExpr {
  ExprPtr condition;
  ExprPtr when_true;
  ExprPtr when_false;
};
struct TupleExpr {
  std::vector<ExprPtr> items;
};
/// One `key = value` of an object constructor; a bare identifier key is already a string
/// LiteralExpr, a parenthesised one an expression.
struct ObjectItem {
  ExprPtr key;
  ExprPtr value;
};
struct ObjectExpr {
  std::vector<ObjectItem> items;
};
/// `[for k, v in coll : value if cond]` (key_expr null) or `{for k, v in coll : key => value... if
/// cond}`.
struct ForExpr {
  std::string key_var;  ///< "" when only the value variable is named.
  std::string value_var;
  ExprPtr collection;
  ExprPtr key_expr;  ///< Null for a tuple `for`.
  ExprPtr value_expr;
  ExprPtr condition;   ///< May be null.
  bool group = false;  ///< `value...`: values with one key are collected into a tuple.
};
/// A template: its parts (string literals, interpolated expressions, directives) are
/// converted to strings and concatenated.
struct TemplateExpr {
  std::vector<ExprPtr> parts;
};
/// A template that is exactly one interpolation: its value is returned unconverted.
struct TemplateWrapExpr {
  ExprPtr wrapped;
};
/// `%{ if cond }then%{ else }otherwise%{ endif }`; `otherwise` may be null.
struct TemplateIfExpr {
  ExprPtr condition;
  ExprPtr then;
  ExprPtr otherwise;
};
/// `%{ for k, v in coll }body%{ endfor }`.
struct TemplateForExpr {
  std::string key_var;
  std::string value_var;
  ExprPtr collection;
  ExprPtr body;
};

/// One expression node. Owns its children; not copyable (share it with a shared_ptr).
struct Expression {
  using Node =
      std::variant<LiteralExpr, VariableExpr, GetAttrExpr, IndexExpr, SplatExpr, SplatItemExpr,
                   FunctionCallExpr, UnaryExpr, BinaryExpr, ConditionalExpr, TupleExpr, ObjectExpr,
                   ForExpr, TemplateExpr, TemplateWrapExpr, TemplateIfExpr, TemplateForExpr>;
  Node node;
  Range range;
};

struct Body;

/// `name = expr`.
struct Attribute {
  std::string name;
  std::shared_ptr<const Expression> expr;
  Range range;       ///< The whole definition.
  Range name_range;  ///< The name alone.
};

/// `type "label" label2 { body }`. The body is shared (Body is incomplete here, and sharing
/// keeps Block cheap to copy).
struct Block {
  std::string type;
  std::vector<std::string> labels;
  std::shared_ptr<const Body> body;
  Range range;  ///< From the type to the closing brace.
  Range type_range;
  std::vector<Range> label_ranges;  ///< One per label.
};

/// A body: its attributes and its blocks, each list in source order. Attribute names are
/// unique within one body (Parse refuses duplicates).
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  Range range;

  /// The attribute named `name`, or nullptr.
  const Attribute* FindAttribute(std::string_view name) const;
};

/// A parsed file: its top-level body and its source text.
struct File {
  Body body;
  std::shared_ptr<const SourceText> source;
};

}  // namespace manifold::hcl
