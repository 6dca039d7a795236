// `manifold inspect [NAME]`: buildx inspect's view of a builder instance and each of its nodes,
// in buildx's layout (tools parse it: docker/build-push-action reads "BuildKit version" and
// "Platforms"), with manifold's own details as further lines.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/buildx_compat.hpp"
#include "cli/command.hpp"
#include "image/platform_parse.hpp"
#include "cli/instance_view.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "executor/runtime.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/mount.hpp"

namespace manifold::cli {
namespace {

struct InspectFlags {
  std::string name, builder;
};

// What only this machine can say: how steps run and where state lives.
void PrintLocalDetails() {
  std::string snapshotter;
  if (auto ns = util::EnterPrivateMountNamespace(); !ns) {
    snapshotter = "unknown (" + ns.error().What() + ")";
  } else {
    auto root = RootDir();
    std::error_code ec;
    std::filesystem::create_directories(root / "snapshots", ec);
    std::string reason;
    auto kind = snapshot::ChooseSnapshotter(root / "snapshots", &reason);
    snapshotter = kind ? fmt::format("{} ({})", snapshot::SnapshotterKindName(*kind), reason) : kind.error().What();
  }
  const auto& runtime = executor::ChosenRuntime();
  fmt::print("Snapshotter:           {}\n", snapshotter);
  fmt::print("Runtime:               {}\n", runtime ? runtime->Describe() : "none: " + runtime.error().What());
  fmt::print("State:                 {}\n", RootDir().string());
}

int Inspect(const InspectFlags& f) {
  auto instance = Instances().Select(f.name.empty() ? f.builder : f.name);
  if (!instance) return ReportError(instance.error());
  fmt::print("Name:          {}\nDriver:        {}\n\nNodes:\n", instance->name, instance->driver);
  bool first = true;
  for (const auto& s : builder::ProbeNodes(*instance)) {
    if (!first) fmt::print("\n");
    first = false;
    fmt::print("Name:                  {}\nEndpoint:              {}\nStatus:                {}\n", s.node.name,
               EndpointLabel(s.node), StatusLabel(s));
    if (s.reachable) {
      fmt::print("BuildKit version:      {}\n", BuildkitVersionLabel(s.info.version));
      fmt::print("manifold version:      {}\n", s.info.version);
    } else {
      fmt::print("Error:                 {}\n", s.error);
    }
    if (s.node.local()) PrintLocalDetails();
    fmt::print("Platforms:             {}\n", fmt::join(ListedPlatforms(s), ", "));
    if (s.reachable) {
      std::vector<std::string> emulated;
      for (const auto& p : s.info.emulated) emulated.push_back(image::Format(p));
      fmt::print("Native platform:       {}\n", image::Format(s.info.native));
      fmt::print("Emulated platforms:    {}\n", emulated.empty() ? "none (manifold binfmt install adds them)"
                                                                  : fmt::format("{}", fmt::join(emulated, ", ")));
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterInspect(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<InspectFlags>();
  auto* cmd = app.add_subcommand("inspect", "Inspect a builder instance: its nodes, where steps run, which platforms");
  cmd->add_option("NAME", f->name, "Builder instance (default: the selected one)");
  cmd->add_option("--builder", f->builder, "Builder instance, when no NAME is given");
  cmd->add_flag("--bootstrap")->description("Accepted for buildx compatibility (inspect always reaches every node; there is nothing to start)");
  cmd->callback([f, exit_code] {
    if (ContinueAsRoot(exit_code)) *exit_code = Inspect(*f);
  });
}

}  // namespace manifold::cli
