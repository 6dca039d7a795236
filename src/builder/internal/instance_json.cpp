// builders/NAME.json: written by InstanceToJson, read back strictly so corruption is reported.
#include "builder/internal/instance_json.hpp"

#include <nlohmann/json.hpp>

#include "image/platform_parse.hpp"

namespace manifold::builder::internal {
namespace {

constexpr int kFormatVersion = 1;

util::Result<std::string> StringField(const nlohmann::json& object, std::string_view where, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return util::Fail(util::ErrorKind::kInternal, "{}: \"{}\" is missing or not a string", where, key);
  }
  return it->get<std::string>();
}

util::Result<Node> NodeFromJson(const nlohmann::json& j, std::string_view where) {
  if (!j.is_object()) return util::Fail(util::ErrorKind::kInternal, "{} is not an object", where);
  Node node;
  node.name = MANIFOLD_TRY(StringField(j, where, "name"));
  node.endpoint = MANIFOLD_TRY(StringField(j, where, "endpoint"));
  auto platforms = j.find("platforms");
  if (platforms == j.end()) return node;
  if (!platforms->is_array()) return util::Fail(util::ErrorKind::kInternal, "{}: \"platforms\" is not an array", where);
  // The host only fills in parts a specifier leaves out; stored platforms are always os/arch.
  const image::Platform host = image::HostPlatform();
  for (const auto& p : *platforms) {
    if (!p.is_string()) return util::Fail(util::ErrorKind::kInternal, "{}: a platform is not a string", where);
    auto parsed = image::ParsePlatform(p.get<std::string>(), host);
    if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", where));
    node.platforms.push_back(image::Normalize(std::move(*parsed), host));
  }
  return node;
}

}  // namespace

std::string InstanceToJson(const Instance& instance) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& node : instance.nodes) {
    nlohmann::json platforms = nlohmann::json::array();
    for (const auto& p : node.platforms) platforms.push_back(image::Format(p));
    nodes.push_back({{"name", node.name}, {"endpoint", node.endpoint}, {"platforms", std::move(platforms)}});
  }
  nlohmann::json doc = {
      {"version", kFormatVersion}, {"name", instance.name}, {"driver", instance.driver}, {"nodes", std::move(nodes)}};
  return doc.dump(2) + "\n";
}

util::Result<Instance> InstanceFromJson(std::string_view text) {
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return util::Fail(util::ErrorKind::kInternal, "not valid JSON");
  if (!doc.is_object()) return util::Fail(util::ErrorKind::kInternal, "not a JSON object");
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer()) {
    return util::Fail(util::ErrorKind::kInternal, "\"version\" is missing or not an integer");
  }
  if (version->get<int>() != kFormatVersion) {
    return util::Fail(util::ErrorKind::kInternal, "format version {} is not understood (this manifold reads {})",
                      version->get<int>(), kFormatVersion);
  }
  Instance instance;
  instance.name = MANIFOLD_TRY(StringField(doc, "the instance", "name"));
  instance.driver = MANIFOLD_TRY(StringField(doc, "the instance", "driver"));
  auto nodes = doc.find("nodes");
  if (nodes == doc.end() || !nodes->is_array() || nodes->empty()) {
    return util::Fail(util::ErrorKind::kInternal, "\"nodes\" is missing, not an array, or empty");
  }
  for (size_t i = 0; i < nodes->size(); ++i) {
    instance.nodes.push_back(MANIFOLD_TRY(NodeFromJson((*nodes)[i], fmt::format("nodes[{}]", i))));
  }
  return instance;
}

}  // namespace manifold::builder::internal
