// Hello and error messages.
#include "builder/node_protocol.hpp"

#include "image/platform_parse.hpp"
#include "util/version.hpp"

namespace manifold::builder {

nlohmann::json HelloMessage(const NodeInfo& info, bool with_platforms) {
  nlohmann::json hello = {{"type", "hello"}, {"protocol", info.protocol}, {"version", info.version}};
  if (with_platforms) {
    hello["native"] = image::Format(info.native);
    nlohmann::json emulated = nlohmann::json::array();
    for (const auto& p : info.emulated) emulated.push_back(image::Format(p));
    hello["emulated"] = emulated;
  }
  return hello;
}

util::Result<NodeInfo> ParseHello(const nlohmann::json& message) {
  if (message.value("type", "") != "hello" || !message.contains("protocol") || !message["protocol"].is_number_integer()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "expected a hello message, got {}", message.dump());
  }
  NodeInfo info;
  info.protocol = message["protocol"].get<int>();
  info.version = message.value("version", "");
  const image::Platform host = image::HostPlatform();
  if (message.contains("native")) {
    auto native = image::ParsePlatformFlag(message.value("native", ""), host);
    if (!native) return std::unexpected(std::move(native.error()).Context("the hello's native platform"));
    info.native = *native;
  }
  if (message.contains("emulated") && message["emulated"].is_array()) {
    for (const auto& p : message["emulated"]) {
      if (!p.is_string()) continue;
      auto platform = image::ParsePlatformFlag(p.get<std::string>(), host);
      if (!platform) return std::unexpected(std::move(platform.error()).Context("the hello's emulated platforms"));
      info.emulated.push_back(*platform);
    }
  }
  return info;
}

util::Status CheckProtocol(const NodeInfo& peer, std::string_view peer_name) {
  if (peer.protocol == kNodeProtocolVersion) return {};
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "{} speaks node protocol {} (manifold {}), this manifold speaks protocol {} (manifold {}): install "
                    "the same manifold version on both ends",
                    peer_name, peer.protocol, peer.version.empty() ? "unknown" : peer.version, kNodeProtocolVersion,
                    util::Version());
}

}  // namespace manifold::builder
