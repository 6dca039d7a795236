// PrintJson: Target and Group marshalled as buildx's struct tags and buildflags' MarshalJSON say.
#include "bake/print.hpp"

#include <map>

#include "bake/internal/build_flags.hpp"
#include "bake/internal/go_json.hpp"

namespace manifold::bake {
namespace {

using Json = nlohmann::ordered_json;

// buildx's Target.MarshalJSON escape: keeps interpolation sequences literal when read back.
std::string Escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{') out += text[i];
    out += text[i];
  }
  return out;
}

Json Strings(const std::vector<std::string>& list, bool escape = false) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(escape ? Escape(s) : s);
  return out;
}

Json NullableObject(const NullableMap& map, bool escape) {
  Json out = Json::object();
  for (const auto& [key, value] : map) {
    out[key] = value ? Json(escape ? Escape(*value) : *value) : Json(nullptr);
  }
  return out;
}

// Attributes plus the fields buildflags' MarshalJSON adds, in sorted key order (a Go map).
Json SortedObject(std::map<std::string, Json> fields) {
  Json out = Json::object();
  for (auto& [key, value] : fields) out[key] = std::move(value);
  return out;
}

std::map<std::string, Json> AttrFields(const std::map<std::string, std::string>& attrs) {
  std::map<std::string, Json> fields;
  for (const auto& [key, value] : attrs) fields[key] = value;
  return fields;
}

// The list attributes are canonical after resolution; one that does not parse is shown as text.
template <typename Parse, typename ToJson>
Json Entries(const std::vector<std::string>& list, Parse parse, ToJson to_json) {
  Json out = Json::array();
  for (const auto& text : list) {
    auto parsed = parse(text);
    out.push_back(parsed ? to_json(*parsed) : Json(text));
  }
  return out;
}

Json CacheJson(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const auto& text : list) {
    auto parsed = internal::ParseCacheList({text});
    if (!parsed) {
      out.push_back(text);
      continue;
    }
    for (const auto& entry : *parsed) {
      auto fields = AttrFields(entry.attrs);
      fields["type"] = entry.type;
      out.push_back(SortedObject(std::move(fields)));
    }
  }
  return out;
}

Json TargetJson(const Target& t) {
  Json o = Json::object();
  auto list = [&](const char* key, const std::optional<std::vector<std::string>>& value, bool escape = false) {
    if (value && !value->empty()) o[key] = Strings(*value, escape);
  };
  auto text = [&](const char* key, const std::optional<std::string>& value, bool escape = false) {
    if (value) o[key] = escape ? Escape(*value) : *value;
  };
  auto map = [&](const char* key, const std::optional<NullableMap>& value, bool escape) {
    if (value && !value->empty()) o[key] = NullableObject(*value, escape);
  };
  if (t.description && !t.description->empty()) o["description"] = *t.description;
  list("inherits", t.inherits);
  list("annotations", t.annotations, true);
  if (t.attest && !t.attest->empty()) {
    o["attest"] = Entries(*t.attest, internal::ParseAttest, [](const internal::AttestEntry& a) {
      auto fields = AttrFields(a.attrs);
      fields["type"] = a.type;
      if (a.disabled) fields["disabled"] = true;
      return SortedObject(std::move(fields));
    });
  }
  text("context", t.context);
  if (t.contexts && !t.contexts->empty()) {
    Json contexts = Json::object();
    for (const auto& [key, value] : *t.contexts) contexts[key] = value;
    o["contexts"] = std::move(contexts);
  }
  text("dockerfile", t.dockerfile);
  text("dockerfile-inline", t.dockerfile_inline, true);
  map("args", t.args, true);
  map("labels", t.labels, true);
  list("tags", t.tags);
  if (t.cache_from && !t.cache_from->empty()) o["cache-from"] = CacheJson(*t.cache_from);
  if (t.cache_to && !t.cache_to->empty()) o["cache-to"] = CacheJson(*t.cache_to);
  text("target", t.target);
  if (t.secrets && !t.secrets->empty()) {
    o["secret"] = Entries(*t.secrets, internal::ParseSecret, [](const internal::SecretEntry& s) {
      Json secret = Json::object();
      if (!s.id.empty()) secret["id"] = s.id;
      if (!s.src.empty()) secret["src"] = s.src;
      if (!s.env.empty()) secret["env"] = s.env;
      return secret;
    });
  }
  if (t.ssh && !t.ssh->empty()) {
    Json ssh = Json::array();
    for (const auto& text_value : *t.ssh) {
      auto entry = internal::ParseSsh(text_value);
      Json item = Json::object();
      if (!entry.id.empty()) item["id"] = entry.id;
      if (!entry.paths.empty()) item["paths"] = Strings(entry.paths);
      ssh.push_back(std::move(item));
    }
    o["ssh"] = std::move(ssh);
  }
  list("platforms", t.platforms);
  if (t.outputs && !t.outputs->empty()) {
    o["output"] = Entries(*t.outputs, internal::ParseExport, [](const internal::ExportEntry& e) {
      auto fields = AttrFields(e.attrs);
      fields["type"] = e.type;
      if (!e.dest.empty()) fields["dest"] = e.dest;
      return SortedObject(std::move(fields));
    });
  }
  if (t.pull) o["pull"] = *t.pull;
  if (t.no_cache) o["no-cache"] = *t.no_cache;
  text("network", t.network);
  list("no-cache-filter", t.no_cache_filter);
  text("shm-size", t.shm_size);
  list("ulimits", t.ulimits);
  text("call", t.call);
  list("entitlements", t.entitlements);
  map("extra-hosts", t.extra_hosts, true);
  return o;
}

}  // namespace

std::string PrintJson(const Resolved& resolved) {
  Json root = Json::object();
  if (!resolved.groups.empty()) {
    // Go marshals the maps with sorted keys, whatever order the caller holds them in.
    std::map<std::string, const Group*> sorted;
    for (const auto& group : resolved.groups) sorted.emplace(group.name, &group);
    Json groups = Json::object();
    for (const auto& [name, group_ptr] : sorted) {
      const Group& group = *group_ptr;
      Json g = Json::object();
      if (group.description && !group.description->empty()) g["description"] = *group.description;
      g["targets"] = Strings(group.targets);
      groups[group.name] = std::move(g);
    }
    root["group"] = std::move(groups);
  }
  Json targets = Json::object();
  std::map<std::string, const Target*> sorted;
  for (const auto& target : resolved.targets) sorted.emplace(target.name, &target);
  for (const auto& [name, target] : sorted) targets[name] = TargetJson(*target);
  root["target"] = std::move(targets);
  return internal::GoJsonIndent(root) + "\n";
}

}  // namespace manifold::bake
