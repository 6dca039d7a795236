// LoadYaml: the one place yaml-cpp is called; its exceptions stop here and become errors.
#include "bake/internal/yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>

namespace manifold::bake::internal {
namespace {

using util::ErrorKind;

util::SourceLocation MarkLocation(const YamlSource& source, const YAML::Mark& mark) {
  YamlNode at;
  at.source = &source;
  if (!mark.is_null()) {
    at.line = mark.line + 1;
    at.column = mark.column + 1;
  }
  return LocationOf(at);
}

struct Converter {
  const YamlSource& source;
  std::size_t visits = 0;

  util::Result<YamlNode> Convert(const YAML::Node& in, int depth);
  util::Status ConvertMapping(const YAML::Node& in, int depth, YamlNode& out);

  template <typename... Args>
  std::unexpected<util::Error> Fail(const YAML::Mark& mark, fmt::format_string<Args...> format,
                                    Args&&... args) {
    return std::unexpected(
        util::Error(ErrorKind::kInvalidArgument, fmt::format(format, std::forward<Args>(args)...))
            .At(MarkLocation(source, mark)));
  }
};

void SetMark(const YAML::Mark& mark, YamlNode& out) {
  if (mark.is_null()) return;
  out.line = mark.line + 1;
  out.column = mark.column + 1;
}

util::Result<YamlNode> Converter::Convert(const YAML::Node& in, int depth) {
  if (depth > kMaxYamlDepth) {
    return Fail(in.Mark(), "yaml: nesting deeper than {} levels", kMaxYamlDepth);
  }
  if (++visits > kMaxYamlNodes) {
    return Fail(in.Mark(), "yaml: more than {} nodes after expanding aliases", kMaxYamlNodes);
  }
  YamlNode out;
  out.source = &source;
  SetMark(in.Mark(), out);
  const std::string& tag = in.Tag();
  // yaml-cpp's non-specific tags: "?" for a plain scalar, "!" for a quoted one; a local tag
  // (`!reset`) is kept for Compose's merge directives; `!!str` forces a string.
  if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') out.tag = tag;
  out.plain = tag != "!" && tag != "tag:yaml.org,2002:str";
  switch (in.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = YamlNode::Kind::kNull;
      return out;
    case YAML::NodeType::Scalar:
      out.kind = YamlNode::Kind::kScalar;
      out.scalar = in.Scalar();
      return out;
    case YAML::NodeType::Sequence:
      out.kind = YamlNode::Kind::kSequence;
      for (const YAML::Node& item : in) {
        out.items.push_back(MANIFOLD_TRY(Convert(item, depth + 1)));
      }
      return out;
    case YAML::NodeType::Map:
      out.kind = YamlNode::Kind::kMapping;
      MANIFOLD_CHECK(ConvertMapping(in, depth, out));
      return out;
  }
  return out;
}

// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`): keys written in the mapping win over
// merged ones, and among merged mappings the earlier wins. yaml-cpp 0.7 leaves `<<` as an
// ordinary key, so the merge happens here.
util::Status Converter::ConvertMapping(const YAML::Node& in, int depth, YamlNode& out) {
  std::vector<std::string> explicit_keys;
  for (const auto& kv : in) {
    if (kv.first.IsScalar() && !(kv.first.Scalar() == "<<" && kv.first.Tag() == "?")) {
      explicit_keys.push_back(kv.first.Scalar());
    }
  }
  std::vector<std::string> merged_keys;
  for (const auto& kv : in) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar() && !key.IsNull()) {
      return Fail(key.Mark(), "yaml: a mapping key must be a scalar");
    }
    std::string name = key.IsNull() ? "" : key.Scalar();
    if (name == "<<" && key.Tag() == "?") {
      YamlNode merged = MANIFOLD_TRY(Convert(kv.second, depth + 1));
      std::vector<YamlNode*> sources;
      if (merged.IsMapping()) {
        sources.push_back(&merged);
      } else if (merged.IsSequence()) {
        for (YamlNode& item : merged.items) sources.push_back(&item);
      }
      if (sources.empty() || std::any_of(sources.begin(), sources.end(),
                                         [](const YamlNode* s) { return !s->IsMapping(); })) {
        return Fail(key.Mark(), "yaml: a `<<` merge key needs a mapping or a list of mappings");
      }
      for (YamlNode* source : sources) {
        for (auto& [k, v] : source->entries) {
          bool taken =
              std::find(explicit_keys.begin(), explicit_keys.end(), k) != explicit_keys.end() ||
              std::find(merged_keys.begin(), merged_keys.end(), k) != merged_keys.end();
          if (taken) continue;
          merged_keys.push_back(k);
          out.entries.emplace_back(k, std::move(v));
        }
      }
      continue;
    }
    if (out.Find(name) != nullptr &&
        std::find(merged_keys.begin(), merged_keys.end(), name) == merged_keys.end()) {
      return Fail(key.Mark(), "yaml: mapping key \"{}\" already defined", name);
    }
    YamlNode value = MANIFOLD_TRY(Convert(kv.second, depth + 1));
    // yaml-cpp gives no position to a null value (`args:`); point at its key instead.
    if (value.line == 0) SetMark(key.Mark(), value);
    out.entries.emplace_back(std::move(name), std::move(value));
  }
  return {};
}

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

YamlNode* YamlNode::Find(std::string_view key) {
  return const_cast<YamlNode*>(static_cast<const YamlNode*>(this)->Find(key));
}

void YamlNode::Set(std::string key, YamlNode value) {
  if (YamlNode* existing = Find(key)) {
    *existing = std::move(value);
    return;
  }
  entries.emplace_back(std::move(key), std::move(value));
}

void YamlNode::Erase(std::string_view key) {
  std::erase_if(entries, [&](const auto& kv) { return kv.first == key; });
}

std::string_view KindName(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kNull:
      return "null";
    case YamlNode::Kind::kScalar:
      return "a scalar";
    case YamlNode::Kind::kSequence:
      return "a list";
    case YamlNode::Kind::kMapping:
      return "a mapping";
  }
  return "?";
}

util::Result<std::vector<YamlNode>> LoadYaml(const YamlSource& source) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(source.data));
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports its own nesting limit as "bad file".
    std::string message = e.msg == "bad file" ? "document nested too deeply or malformed" : e.msg;
    return std::unexpected(
        util::Error(ErrorKind::kInvalidArgument, fmt::format("yaml: {}", message))
            .At(MarkLocation(source, e.mark)));
  } catch (const std::exception& e) {
    return util::Fail(ErrorKind::kInvalidArgument, "{}: yaml: {}", source.name, e.what());
  }
  std::vector<YamlNode> out;
  Converter converter{source};
  for (const YAML::Node& document : documents) {
    try {
      out.push_back(MANIFOLD_TRY(converter.Convert(document, 0)));
    } catch (const YAML::Exception& e) {
      return util::Fail(ErrorKind::kInvalidArgument, "{}: yaml: {}", source.name, e.msg);
    }
  }
  return out;
}

util::SourceLocation LocationOf(const YamlNode& node) {
  if (node.source == nullptr) return {};
  util::SourceLocation location{std::string(node.source->name), node.line, node.column, {}};
  if (node.line <= 0) return location;
  std::string_view data = node.source->data;
  std::size_t start = 0;
  for (int line = 1; line < node.line && start != std::string_view::npos; ++line) {
    start = data.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > data.size()) return location;
  std::size_t end = data.find('\n', start);
  location.line_text =
      std::string(data.substr(start, end == std::string_view::npos ? end : end - start));
  return location;
}

}  // namespace manifold::bake::internal
