// `manifold debug ...`: developer views into manifold's internals.
#include "cli/command.hpp"

namespace manifold::cli {

void RegisterDebug(CLI::App& app, int* /*exit_code*/) {
  auto* debug = app.add_subcommand("debug", "Inspect manifold's internals");
  debug->require_subcommand(1);
}

}  // namespace manifold::cli
