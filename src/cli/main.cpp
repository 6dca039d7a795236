// manifold's entry point: builds the command table and dispatches; no logic of its own.
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "cli/build_call.hpp"
#include "cli/buildx_compat.hpp"
#include "cli/command.hpp"
#include "cli/invocation.hpp"
#include "registry/http.hpp"
#include "util/version.hpp"

int main(int argc, char** argv) {
  using namespace manifold::cli;
  const Invocation invocation = ReadInvocation(std::vector<std::string>(argv, argv + argc));
  SetCurrentPersonality(invocation.personality);
  {
    std::vector<std::string> words = invocation.args;
    if (!words.empty()) words.front() = invocation.program;
    SetCurrentCommandLine(std::move(words));
  }
  // Destroyed last: it waits for a load still under way before the process may exit.
  std::jthread http_loading;
  if (SpeaksHttpEarly(invocation)) http_loading = manifold::registry::StartLoadingHttp();
  const bool as_buildx = invocation.personality == Personality::kBuildx;
  if (invocation.plugin_metadata) {
    fmt::print("{}\n", PluginMetadataJson(as_buildx));
    return kExitOk;
  }
  CLI::App app{as_buildx ? "Extended build capabilities (manifold, buildx-compatible)"
                         : "manifold: build one Dockerfile for many platforms, publish one image index",
               invocation.program};
  app.set_version_flag("--version", as_buildx ? BuildxVersionLine() : "manifold " + std::string(manifold::util::Version()));
  int exit_code = kExitOk;
  for (CommandRegistrar reg : {CommandRegistrar(RegisterVersion), CommandRegistrar(RegisterDebug),
                               CommandRegistrar(RegisterBuild), CommandRegistrar(RegisterBake), CommandRegistrar(RegisterImagetools),
                               CommandRegistrar(RegisterLogin), CommandRegistrar(RegisterBinfmt),
                               CommandRegistrar(RegisterRun), CommandRegistrar(RegisterImages),
                               CommandRegistrar(RegisterInspect), CommandRegistrar(RegisterDu),
                               CommandRegistrar(RegisterPrune), CommandRegistrar(RegisterCreate),
                               CommandRegistrar(RegisterUse), CommandRegistrar(RegisterLs), CommandRegistrar(RegisterRm),
                               CommandRegistrar(RegisterNode), CommandRegistrar(RegisterInstall)}) {
    reg(app, &exit_code);
  }
  // buildx with no command prints its help and succeeds: tools probe for buildx that way
  // (docker/build-push-action's "is buildx available"). manifold itself asks for a command.
  if (as_buildx && invocation.args.size() == 1) {
    fmt::print("{}", app.help());
    return kExitOk;
  }
  app.require_subcommand(1);
  // `--check` means two things (buildx's --call=check, manifold's check options): split them.
  std::vector<std::string> args = RewriteCheckFlag(invocation.args);
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
