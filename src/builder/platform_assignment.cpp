// Platform → node: listed, then native, then emulated; local first among equals.
#include "builder/platform_assignment.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

namespace {

bool Lists(const Node& node, const image::Platform& platform) {
  return std::find(node.platforms.begin(), node.platforms.end(), platform) != node.platforms.end();
}

// The reachable node accepted by `accepts`, the local one first.
std::optional<size_t> Pick(const std::vector<NodeStatus>& nodes, const auto& accepts) {
  std::optional<size_t> chosen;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].reachable || !accepts(nodes[i])) continue;
    if (!chosen || (nodes[i].node.local() && !nodes[*chosen].node.local())) chosen = i;
  }
  return chosen;
}

std::string Offers(const NodeStatus& status) {
  if (!status.reachable) return fmt::format("{} (unreachable)", status.node.name);
  std::vector<std::string> emulated;
  for (const auto& p : status.info.emulated) emulated.push_back(image::Format(p));
  return fmt::format("{} (native {}{}{})", status.node.name, image::Format(status.info.native),
                     emulated.empty() ? "" : ", emulated ", fmt::join(emulated, ", "));
}

}  // namespace

bool RunsNatively(const image::Platform& native, const image::Platform& platform) {
  if (native.architecture.empty()) return false;
  if (native == platform) return true;
  // containerd's notion: amd64 runs 386; arm64 also runs 32-bit arm on many CPUs but not on
  // all (Graviton 3, Apple M1), so only x86 widens.
  return native.architecture == "amd64" && platform.architecture == "386" && native.os == platform.os;
}

bool RunsEmulated(const NodeInfo& node, const image::Platform& platform) {
  return std::any_of(node.emulated.begin(), node.emulated.end(), [&](const image::Platform& p) {
    return p == platform || image::PlatformMatcher::Only(p).Match(platform);
  });
}

util::Result<std::vector<Assignment>> AssignPlatforms(const std::vector<image::Platform>& targets,
                                                      std::string_view instance,
                                                      const std::vector<NodeStatus>& nodes, bool allow_fallback) {
  if (!allow_fallback) {
    for (const auto& status : nodes) {
      if (status.reachable) continue;
      return util::Fail(util::ErrorKind::kUnavailable,
                        "builder {:?}: node {:?} ({}) is unreachable: {}; fix the node, remove it (manifold create "
                        "--leave --name {} --node {}), or pass --allow-fallback to build its platforms elsewhere",
                        instance, status.node.name, status.node.endpoint, status.error, instance, status.node.name);
    }
  }
  std::vector<Assignment> assignments;
  for (const auto& target : targets) {
    std::optional<size_t> node = Pick(nodes, [&](const NodeStatus& s) { return Lists(s.node, target); });
    if (!node) node = Pick(nodes, [&](const NodeStatus& s) { return RunsNatively(s.info.native, target); });
    if (!node) node = Pick(nodes, [&](const NodeStatus& s) { return RunsEmulated(s.info, target); });
    // Nothing runs it: a build without RUN steps for it needs no CPU of its kind, and one with
    // them fails at that step saying how to register an emulator. This machine, if it is a node.
    if (!node) node = Pick(nodes, [](const NodeStatus&) { return true; });
    if (!node) {
      std::vector<std::string> offers;
      for (const auto& s : nodes) offers.push_back(Offers(s));
      return util::Fail(util::ErrorKind::kUnavailable, "builder {:?} has no reachable node to build {}: {}", instance,
                        image::Format(target), fmt::join(offers, "; "));
    }
    assignments.push_back({target, *node, RunsNatively(nodes[*node].info.native, target)});
  }
  return assignments;
}

}  // namespace manifold::builder
