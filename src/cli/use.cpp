// `manifold use NAME`: makes a builder instance the current one, as buildx use.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/instance_view.hpp"

namespace manifold::cli {

void RegisterUse(CLI::App& app, int* exit_code) {
  auto name = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("use", "Set the current builder instance");
  cmd->add_option("NAME", *name, "Builder instance (`manifold ls` lists them)")->required();
  cmd->add_flag("--default")->description("Accepted for buildx compatibility (no docker contexts here)");
  cmd->add_flag("--global")->description("Accepted for buildx compatibility (the choice is per MANIFOLD_ROOT)");
  cmd->callback([name, exit_code] {
    auto store = Instances();
    auto used = store.SetCurrent(*name);
    *exit_code = used ? kExitOk : ReportError(used.error());
  });
}

}  // namespace manifold::cli
