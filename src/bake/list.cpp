// ListTargets and ListVariables: buildx's printTargetList and printVars.
#include "bake/list.hpp"

#include <algorithm>
#include <cctype>

#include "bake/internal/go_json.hpp"
#include "bake/internal/tab_writer.hpp"
#include "util/csv.hpp"

namespace manifold::bake {
namespace {

using Json = nlohmann::ordered_json;
using util::ErrorKind;
using util::Fail;

// json.Encoder with SetIndent("", "  "): MarshalIndent plus a newline; a nil slice is null.
std::string EncodeList(const Json& list) {
  return (list.empty() ? std::string("null") : internal::GoJsonIndent(list)) + "\n";
}

}  // namespace

util::Result<ListRequest> ParseListFlag(std::string_view value) {
  auto fields = MANIFOLD_TRY(util::SplitCsv(value));
  std::string type;
  std::string format;
  if (fields.size() == 1 && fields[0] == value && !value.starts_with("type=")) type = std::string(value);
  if (type.empty()) {
    for (const auto& field : fields) {
      auto eq = field.find('=');
      if (eq == std::string::npos) return Fail(ErrorKind::kInvalidArgument, "invalid value {}", field);
      std::string_view raw = std::string_view(field).substr(0, eq);
      while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
      while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
      std::string key(raw);
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
      if (key == "type") {
        type = field.substr(eq + 1);
      } else if (key == "format") {
        format = field.substr(eq + 1);
      } else {
        return Fail(ErrorKind::kInvalidArgument, "unexpected key '{}' in '{}'", key, field);
      }
    }
  }
  ListRequest request;
  if (type == "targets") {
    request.type = ListRequest::Type::kTargets;
  } else if (type == "variables") {
    request.type = ListRequest::Type::kVariables;
  } else {
    return Fail(ErrorKind::kInvalidArgument, "invalid list type {:?}", type);
  }
  if (format.empty() || format == "table") {
    request.format = ListRequest::Format::kTable;
  } else if (format == "json") {
    request.format = ListRequest::Format::kJson;
  } else {
    return Fail(ErrorKind::kInvalidArgument, "invalid list format {:?}", format);
  }
  return request;
}

std::string ListTargets(const Config& config, ListRequest::Format format) {
  struct Entry {
    std::string name;
    std::string description;
    bool group = false;
  };
  std::vector<Entry> entries;
  for (const auto& target : config.targets) entries.push_back({target.name, target.description.value_or(""), false});
  for (const auto& group : config.groups) {
    std::string description = group.description.value_or("");
    if (!group.targets.empty()) {
      auto names = group.targets;
      std::sort(names.begin(), names.end());
      std::string joined;
      for (const auto& name : names) joined += (joined.empty() ? "" : ", ") + name;
      description = description.empty() ? joined : description + " (" + joined + ")";
    }
    entries.push_back({group.name, description, true});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  std::erase_if(entries, [](const Entry& e) { return e.name.starts_with("_"); });

  if (format == ListRequest::Format::kJson) {
    Json list = Json::array();
    for (const auto& e : entries) {
      Json item = Json::object();
      item["name"] = e.name;
      if (!e.description.empty()) item["description"] = e.description;
      if (e.group) item["group"] = true;
      list.push_back(std::move(item));
    }
    return EncodeList(list);
  }
  std::string text = "TARGET\tDESCRIPTION\n";
  for (const auto& e : entries) text += e.name + "\t" + e.description + "\n";
  return internal::TabFormat(text);
}

std::string ListVariables(std::vector<VariableInfo> variables, ListRequest::Format format) {
  std::stable_sort(variables.begin(), variables.end(),
                   [](const VariableInfo& a, const VariableInfo& b) { return a.name < b.name; });
  if (format == ListRequest::Format::kJson) {
    Json list = Json::array();
    for (const auto& v : variables) {
      Json item = Json::object();
      item["name"] = v.name;
      if (v.description && !v.description->empty()) item["description"] = *v.description;
      if (!v.type.empty()) item["type"] = v.type;
      if (v.value != "<null>") item["value"] = v.value;
      list.push_back(std::move(item));
    }
    return EncodeList(list);
  }
  std::string text = "VARIABLE\tTYPE\tVALUE\tDESCRIPTION\n";
  for (const auto& v : variables) {
    text += v.name + "\t" + v.type + "\t" + v.value + "\t" + v.description.value_or("") + "\n";
  }
  return internal::TabFormat(text);
}

}  // namespace manifold::bake
