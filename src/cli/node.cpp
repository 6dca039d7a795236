// `manifold node serve --stdio`: the node end of a remote build, run by ssh on the node's host.
#include <unistd.h>

#include <fmt/format.h>

#include "builder/node_server.hpp"
#include "cli/command.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "util/mount.hpp"

namespace manifold::cli {

void RegisterNode(CLI::App& app, int* exit_code) {
  auto* node = app.add_subcommand("node", "The node end of a multi-node builder (run through ssh)");
  node->require_subcommand(1);
  auto* serve = node->add_subcommand("serve", "Serve one build session on stdin/stdout");
  auto stdio = std::make_shared<bool>(false);
  serve->add_flag("--stdio", *stdio, "Speak the node protocol on stdin/stdout (the only transport)");
  serve->callback([exit_code, stdio] {
    if (!ContinueAsRoot(exit_code)) return;
    if (!*stdio) {
      fmt::print(stderr, "error: node serve needs --stdio (manifold nodes are reached through ssh)\n");
      *exit_code = kExitUsage;
      return;
    }
    // The same private mount namespace a local build uses: overlay mounts stay ours.
    if (auto ns = util::EnterPrivateMountNamespace(); !ns) {
      fmt::print(stderr, "error: {}\n", ns.error().What());
      *exit_code = kExitFailure;
      return;
    }
    // stdout is the channel: nothing else may write there.
    auto served = builder::ServeNode(STDIN_FILENO, STDOUT_FILENO, RootDir());
    if (!served) {
      fmt::print(stderr, "manifold node: {}\n", served.error().Describe());
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace manifold::cli
