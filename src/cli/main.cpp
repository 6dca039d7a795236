// manifold's entry point: builds the command table and dispatches; no logic of its own.
#include <cstdio>

#include "cli/build_call.hpp"
#include "cli/command.hpp"
#include "util/version.hpp"

int main(int argc, char** argv) {
  using namespace manifold::cli;
  CLI::App app{"manifold: build one Dockerfile for many platforms, publish one image index"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "manifold " + std::string(manifold::util::Version()));
  int exit_code = kExitOk;
  for (CommandRegistrar reg : {CommandRegistrar(RegisterVersion), CommandRegistrar(RegisterDebug),
                               CommandRegistrar(RegisterBuild), CommandRegistrar(RegisterImagetools),
                               CommandRegistrar(RegisterLogin), CommandRegistrar(RegisterBinfmt),
                               CommandRegistrar(RegisterRun), CommandRegistrar(RegisterImages),
                               CommandRegistrar(RegisterInspect), CommandRegistrar(RegisterDu),
                               CommandRegistrar(RegisterPrune), CommandRegistrar(RegisterCreate),
                               CommandRegistrar(RegisterUse), CommandRegistrar(RegisterLs), CommandRegistrar(RegisterRm),
                               CommandRegistrar(RegisterNode)}) {
    reg(app, &exit_code);
  }
  // `--check` means two things (buildx's --call=check, manifold's check options): split them.
  std::vector<std::string> args = RewriteCheckFlag(std::vector<std::string>(argv, argv + argc));
  std::vector<char*> rewritten;
  for (auto& arg : args) rewritten.push_back(arg.data());
  try {
    app.parse(static_cast<int>(rewritten.size()), rewritten.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}
