// YamlNode: a YAML document as plain data, read once through yaml-cpp, with source positions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace manifold::bake::internal {

/// The file a node was read from: its name for messages and its text for the caret line.
/// Must outlive the nodes read from it.
struct YamlSource {
  std::string_view name;
  std::string_view data;
};

/// One YAML node after anchors, aliases and `<<` merge keys are resolved. Mapping keys are
/// kept as their scalar text, in document order. Plain data.
struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMapping };

  Kind kind = Kind::kNull;
  std::string scalar;
  /// False for a quoted or block scalar or an explicit `!!str`: such a scalar is a string even
  /// when it reads `true` or `12`.
  bool plain = true;
  /// A local tag such as `!reset` or `!override` (Compose's merge directives), else empty.
  std::string tag;
  std::vector<YamlNode> items;
  std::vector<std::pair<std::string, YamlNode>> entries;
  int line = 0;                        ///< 1-based; 0 = unknown
  int column = 0;                      ///< 1-based; 0 = unknown
  const YamlSource* source = nullptr;  ///< where the node was read; null for a built node

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMapping() const { return kind == Kind::kMapping; }
  /// The value of mapping key `key`, or nullptr (also for a non-mapping).
  const YamlNode* Find(std::string_view key) const;
  YamlNode* Find(std::string_view key);
  /// Sets `key` to `value`, replacing an existing entry in place or appending.
  void Set(std::string key, YamlNode value);
  /// Removes `key` if present.
  void Erase(std::string_view key);
};

/// A short name of `node`'s kind for messages ("a mapping", "a string", ...).
std::string_view KindName(const YamlNode& node);

/// Limits that keep a hostile document from exhausting the stack or memory.
inline constexpr int kMaxYamlDepth = 256;
/// Node visits while expanding aliases (Compose's MaxNodeVisits guard against alias bombs).
inline constexpr std::size_t kMaxYamlNodes = 100'000;

/// Parses every document of `data` (an empty stream gives none). Errors (kInvalidArgument)
/// name `file` and carry the line:column yaml-cpp reports: malformed YAML, a non-scalar or
/// duplicate mapping key, a `<<` merge of a non-mapping, nesting deeper than kMaxYamlDepth,
/// more than kMaxYamlNodes nodes after alias expansion. Never throws.
util::Result<std::vector<YamlNode>> LoadYaml(const YamlSource& source);

/// Where `node` is, for an error: its file, line:column and the line's text.
util::SourceLocation LocationOf(const YamlNode& node);

/// An error (kInvalidArgument) located at `node`.
template <typename... Args>
std::unexpected<util::Error> FailAt(const YamlNode& node, fmt::format_string<Args...> format,
                                    Args&&... args) {
  return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                     fmt::format(format, std::forward<Args>(args)...))
                             .At(LocationOf(node)));
}

}  // namespace manifold::bake::internal
