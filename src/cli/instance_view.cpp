// How builder instances and their nodes are shown by ls and inspect.
#include "cli/instance_view.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/root.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {
namespace {

bool Contains(const std::vector<image::Platform>& list, const image::Platform& p) {
  return std::find(list.begin(), list.end(), p) != list.end();
}

// The probed platforms, native first, each with its label; none for an unreachable node.
std::vector<std::pair<image::Platform, std::string>> Probed(const builder::NodeStatus& status) {
  std::vector<std::pair<image::Platform, std::string>> out;
  if (!status.reachable) return out;
  out.emplace_back(status.info.native, "native");
  for (const auto& p : status.info.emulated) out.emplace_back(p, "emulated");
  return out;
}

}  // namespace

builder::InstanceStore Instances() { return builder::InstanceStore(RootDir()); }

int ReportError(const util::Error& error) {
  fmt::print(stderr, "error: {}\n", error.Describe());
  return error.kind() == util::ErrorKind::kInvalidArgument ? kExitUsage : kExitFailure;
}

std::string EndpointLabel(const builder::Node& node) { return node.local() ? "local" : node.endpoint; }

std::string StatusLabel(const builder::NodeStatus& status) { return status.reachable ? "running" : "unreachable"; }

std::vector<std::string> ListedPlatforms(const builder::NodeStatus& status) {
  std::vector<std::string> out;
  for (const auto& p : status.node.platforms) out.push_back(image::Format(p) + "*");
  for (const auto& [p, _] : Probed(status)) {
    if (!Contains(status.node.platforms, p)) out.push_back(image::Format(p));
  }
  return out;
}

}  // namespace manifold::cli
