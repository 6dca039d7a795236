// InterpolateDocument and CanonicalizeDocument: compose-go's interpolation and transform
// passes, for the parts of a Compose file that bake reads (services and secrets).
#include "bake/internal/compose_model.hpp"

#include <algorithm>
#include <array>

namespace manifold::bake::internal {
namespace {

// The build keys of the Compose specification (compose-spec.json, service.build).
// clang-format off
constexpr std::array<std::string_view, 26> kBuildKeys = {
    "context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh", "labels",
    "cache_from", "cache_to", "no_cache", "no_cache_filter", "additional_contexts", "network",
    "provenance", "sbom", "pull", "target", "shm_size", "extra_hosts", "isolation", "privileged",
    "secrets", "tags", "ulimits", "platforms", "x-bake"};
// clang-format on

bool IsServiceName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
}

util::Status Interpolate(YamlNode& node, ModelPath& path, const VariableLookup& lookup) {
  switch (node.kind) {
    case YamlNode::Kind::kNull:
      return {};
    case YamlNode::Kind::kScalar: {
      auto value = SubstituteVariables(node.scalar, lookup);
      if (!value) {
        return FailAt(node, "error while interpolating {}: {}", JoinPath(path),
                      value.error().message());
      }
      node.scalar = std::move(*value);
      return {};
    }
    case YamlNode::Kind::kSequence:
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        path.push_back(fmt::format("[{}]", i));
        MANIFOLD_CHECK(Interpolate(node.items[i], path, lookup));
        path.pop_back();
      }
      return {};
    case YamlNode::Kind::kMapping:
      for (auto& [key, value] : node.entries) {
        path.push_back(key);
        MANIFOLD_CHECK(Interpolate(value, path, lookup));
        path.pop_back();
      }
      return {};
  }
  return {};
}

YamlNode ScalarAt(const YamlNode& at, std::string text) {
  YamlNode out = at;
  out.kind = YamlNode::Kind::kScalar;
  out.scalar = std::move(text);
  out.items.clear();
  out.entries.clear();
  out.tag.clear();
  return out;
}

YamlNode MappingAt(const YamlNode& at) {
  YamlNode out;
  out.kind = YamlNode::Kind::kMapping;
  out.line = at.line;
  out.column = at.column;
  out.source = at.source;
  out.tag = at.tag;
  return out;
}

bool Skipped(const YamlNode& node) { return node.tag == "!reset"; }

// `- KEY=VALUE` / `- KEY` lists as mappings (compose's MappingWithEquals and Labels).
enum class BareKey { kNull, kEmpty, kError };

util::Status ListToMapping(YamlNode& node, const std::string& path, BareKey bare) {
  if (Skipped(node) || node.IsNull() || node.IsMapping()) {
    for (auto& [key, value] : node.entries) {
      if (value.IsSequence() || value.IsMapping()) {
        return FailAt(value, "{}.{} must be a string, number, boolean or null", path, key);
      }
    }
    return {};
  }
  if (!node.IsSequence()) {
    return FailAt(node, "{} must be a mapping or a list of KEY=VALUE, not {}", path,
                  KindName(node));
  }
  YamlNode out = MappingAt(node);
  for (const YamlNode& item : node.items) {
    if (!item.IsScalar()) return FailAt(item, "{} entries must be strings", path);
    std::string_view text = item.scalar;
    std::size_t eq = text.find('=');
    if (eq != std::string_view::npos) {
      out.Set(std::string(text.substr(0, eq)), ScalarAt(item, std::string(text.substr(eq + 1))));
      continue;
    }
    switch (bare) {
      case BareKey::kNull: {
        YamlNode null_value = item;
        null_value.kind = YamlNode::Kind::kNull;
        null_value.scalar.clear();
        out.Set(std::string(text), std::move(null_value));
        break;
      }
      case BareKey::kEmpty:
        out.Set(std::string(text), ScalarAt(item, ""));
        break;
      case BareKey::kError:
        return FailAt(item, "{}: invalid value {}, expected key=value", path, text);
    }
  }
  node = std::move(out);
  return {};
}

util::Status CanonicalSsh(YamlNode& node, const std::string& path) {
  if (Skipped(node) || node.IsNull() || node.IsMapping()) return {};
  if (!node.IsSequence()) {
    return FailAt(node, "{} must be a list or a mapping, not {}", path, KindName(node));
  }
  YamlNode out = MappingAt(node);
  for (const YamlNode& item : node.items) {
    if (!item.IsScalar()) return FailAt(item, "{} entries must be strings", path);
    std::size_t eq = item.scalar.find('=');
    if (eq == std::string::npos) {
      if (item.scalar != "default") return FailAt(item, "invalid ssh key \"{}\"", item.scalar);
      YamlNode null_value = item;
      null_value.kind = YamlNode::Kind::kNull;
      out.Set(item.scalar, std::move(null_value));
      continue;
    }
    out.Set(item.scalar.substr(0, eq), ScalarAt(item, item.scalar.substr(eq + 1)));
  }
  node = std::move(out);
  return {};
}

util::Status CanonicalExtraHosts(YamlNode& node, const std::string& path) {
  if (Skipped(node) || node.IsNull() || node.IsSequence()) return {};
  if (!node.IsMapping()) {
    return FailAt(node, "{} must be a list or a mapping, not {}", path, KindName(node));
  }
  YamlNode out = node;
  out.kind = YamlNode::Kind::kSequence;
  out.entries.clear();
  for (const auto& [host, ips] : node.entries) {
    if (ips.IsSequence()) {
      for (const YamlNode& ip : ips.items)
        out.items.push_back(ScalarAt(ip, host + "=" + ip.scalar));
    } else if (ips.IsMapping()) {
      return FailAt(ips, "{}.{} must be an address or a list of addresses", path, host);
    } else {
      out.items.push_back(ScalarAt(ips, host + "=" + ips.scalar));
    }
  }
  node = std::move(out);
  return {};
}

util::Status CanonicalBuild(YamlNode& build, const std::string& path) {
  if (build.IsScalar()) {
    YamlNode out = MappingAt(build);
    out.Set("context", ScalarAt(build, build.scalar));
    build = std::move(out);
    return {};
  }
  if (!build.IsMapping()) {
    return FailAt(build, "{} must be a string (the context) or a mapping, not {}", path,
                  KindName(build));
  }
  for (auto& [key, value] : build.entries) {
    bool known = key.starts_with("x-") ||
                 std::find(kBuildKeys.begin(), kBuildKeys.end(), key) != kBuildKeys.end();
    if (!known) {
      return FailAt(value, "{}: additional properties '{}' not allowed", path, key);
    }
    std::string field = path + "." + key;
    if (key == "args") {
      MANIFOLD_CHECK(ListToMapping(value, field, BareKey::kNull));
    } else if (key == "labels") {
      MANIFOLD_CHECK(ListToMapping(value, field, BareKey::kEmpty));
    } else if (key == "additional_contexts") {
      MANIFOLD_CHECK(ListToMapping(value, field, BareKey::kError));
    } else if (key == "ssh") {
      MANIFOLD_CHECK(CanonicalSsh(value, field));
    } else if (key == "extra_hosts") {
      MANIFOLD_CHECK(CanonicalExtraHosts(value, field));
    } else if (key == "secrets" && value.IsSequence()) {
      for (YamlNode& item : value.items) {
        if (item.IsScalar()) {
          YamlNode out = MappingAt(item);
          out.Set("source", ScalarAt(item, item.scalar));
          item = std::move(out);
        } else if (!item.IsMapping()) {
          return FailAt(item, "{} entries must be a name or a mapping", field);
        }
      }
    }
  }
  return {};
}

util::Status CanonicalService(YamlNode& service, const std::string& path) {
  if (service.IsNull()) service = MappingAt(service);
  if (!service.IsMapping()) {
    return FailAt(service, "{} must be a mapping, not {}", path, KindName(service));
  }
  for (auto& [key, value] : service.entries) {
    if (Skipped(value)) continue;
    if (key == "build" && !value.IsNull()) {
      MANIFOLD_CHECK(CanonicalBuild(value, path + ".build"));
    } else if (key == "environment") {
      MANIFOLD_CHECK(ListToMapping(value, path + ".environment", BareKey::kNull));
    } else if (key == "env_file" && value.IsScalar()) {
      YamlNode list = value;
      list.kind = YamlNode::Kind::kSequence;
      list.scalar.clear();
      list.items.push_back(value);
      value = std::move(list);
    }
  }
  return {};
}

}  // namespace

std::string JoinPath(const ModelPath& path) {
  std::string out;
  for (const std::string& part : path) {
    if (!out.empty() && !part.starts_with('[')) out += '.';
    out += part;
  }
  return out;
}

util::Status InterpolateDocument(YamlNode& document, const VariableLookup& lookup) {
  ModelPath path;
  return Interpolate(document, path, lookup);
}

util::Status CanonicalizeDocument(YamlNode& document) {
  if (YamlNode* services = document.Find("services"); services != nullptr && !Skipped(*services)) {
    if (!services->IsMapping() && !services->IsNull()) {
      return FailAt(*services, "services must be a mapping, not {}", KindName(*services));
    }
    for (auto& [name, service] : services->entries) {
      if (!IsServiceName(name)) {
        return FailAt(service, "invalid service name \"{}\": only [a-zA-Z0-9._-] are allowed",
                      name);
      }
      if (!Skipped(service)) MANIFOLD_CHECK(CanonicalService(service, "services." + name));
    }
  }
  if (YamlNode* secrets = document.Find("secrets"); secrets != nullptr && !Skipped(*secrets)) {
    if (!secrets->IsMapping() && !secrets->IsNull()) {
      return FailAt(*secrets, "secrets must be a mapping, not {}", KindName(*secrets));
    }
    for (auto& [name, secret] : secrets->entries) {
      if (!secret.IsMapping() && !Skipped(secret)) {
        return FailAt(secret, "secrets.{} must be a mapping, not {}", name, KindName(secret));
      }
    }
  }
  return {};
}

}  // namespace manifold::bake::internal
