// `manifold inspect`: buildx inspect's view of this builder: its node, snapshotter, runtime, platforms.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/root.hpp"
#include "executor/binfmt.hpp"
#include "executor/runtime.hpp"
#include "image/platform_parse.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/mount.hpp"

namespace manifold::cli {

void RegisterInspect(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("inspect", "Inspect the builder: where steps run and which platforms it can build");
  cmd->add_flag("--bootstrap")->description("Accepted for buildx compatibility (there is nothing to start)");
  cmd->callback([exit_code] {
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
    auto platforms = executor::RunnablePlatforms();
    std::string list;
    if (platforms) {
      for (const auto& p : *platforms) list += (list.empty() ? "" : ", ") + image::Format(p);
    } else {
      list = "unknown: " + platforms.error().What();
    }
    fmt::print("Name:          default\nDriver:        manifold\n\nNodes:\n");
    fmt::print("Name:          local\nEndpoint:      local\nStatus:        running\n");
    fmt::print("Snapshotter:   {}\n", snapshotter);
    fmt::print("Runtime:       {}\n", runtime ? runtime->Describe() : "none: " + runtime.error().What());
    fmt::print("State:         {}\n", RootDir().string());
    fmt::print("Platforms:     {}\n", list);
    *exit_code = kExitOk;
  });
}

}  // namespace manifold::cli
