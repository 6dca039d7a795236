// manifold's entry point: builds the command table and dispatches; no logic of its own.
#include <algorithm>
#include <cstdio>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/build_call.hpp"
#include "cli/buildx_compat.hpp"
#include "cli/command.hpp"
#include "cli/invocation.hpp"
#include "registry/http.hpp"
#include "util/version.hpp"

namespace {

using manifold::cli::CommandRegistrar;

// Every command family: the names (and aliases) its registrar adds, and the registrar.
struct CommandFamily {
  std::vector<std::string_view> names;
  void (*registrar)(CLI::App& app, int* exit_code);
};

const std::vector<CommandFamily>& Families() {
  using namespace manifold::cli;
  static const std::vector<CommandFamily> families = {
      {{"version"}, RegisterVersion},     {{"debug"}, RegisterDebug},          {{"build", "b"}, RegisterBuild},
      {{"bake", "f"}, RegisterBake},      {{"imagetools"}, RegisterImagetools}, {{"login", "logout"}, RegisterLogin},
      {{"binfmt"}, RegisterBinfmt},       {{"run"}, RegisterRun},              {{"images"}, RegisterImages},
      {{"inspect"}, RegisterInspect},     {{"du"}, RegisterDu},                {{"prune"}, RegisterPrune},
      {{"create"}, RegisterCreate},       {{"use"}, RegisterUse},              {{"ls"}, RegisterLs},
      {{"rm"}, RegisterRm},               {{"node"}, RegisterNode},            {{"install", "uninstall"}, RegisterInstall},
  };
  return families;
}

// Only the command invoked is registered: CLI11 builds every option and validator of a command
// when it is added, and all eighteen cost ~3 ms of a no-op rebuild's 50. Without a command word,
// or with one that names no command, all are registered: help then lists them, and a typo gets
// CLI11's error.
std::vector<CommandRegistrar> RegistrarsFor(std::string_view command) {
  for (const auto& family : Families()) {
    if (std::find(family.names.begin(), family.names.end(), command) != family.names.end()) {
      return {CommandRegistrar(family.registrar)};
    }
  }
  std::vector<CommandRegistrar> all;
  for (const auto& family : Families()) all.emplace_back(family.registrar);
  return all;
}

}  // namespace

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
  for (const CommandRegistrar& reg : RegistrarsFor(CommandWord(invocation))) reg(app, &exit_code);
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
