// `manifold install` / `manifold uninstall`: place or remove the docker CLI plugin link.
#include <unistd.h>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/instance_view.hpp"
#include "cli/invocation.hpp"
#include "cli/plugin_install.hpp"

namespace manifold::cli {

namespace {

struct InstallFlags {
  std::string as;
  std::string dir;
};

util::Result<PluginInstallOptions> OptionsFrom(const InstallFlags& f) {
  PluginInstallOptions o;
  // Run as buildx (`buildx install`), the plugin being installed is buildx, as buildx's own.
  o.as = !f.as.empty() ? f.as : (CurrentPersonality() == Personality::kBuildx ? "buildx" : "manifold");
  o.config_dir = DockerConfigDir();
  o.plugin_dir = f.dir.empty() ? o.config_dir / "cli-plugins" : std::filesystem::path(f.dir);
  std::error_code ec;
  o.binary = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "finding this executable: {}", ec.message());
  return o;
}

void AddFlags(CLI::App* cmd, InstallFlags& f) {
  cmd->add_option("--as", f.as, "The plugin's name: manifold (docker manifold …) or buildx (docker buildx …)");
  cmd->add_option("--dir", f.dir, "Plugin directory (default: $DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins)");
}

}  // namespace

void RegisterInstall(CLI::App& app, int* exit_code) {
  using Action = util::Result<std::string> (*)(const PluginInstallOptions&);
  // install and uninstall take the same flags and report alike: one line said, or the error.
  auto add = [&app, exit_code](const char* name, const char* help, Action action) {
    auto f = std::make_shared<InstallFlags>();
    auto* cmd = app.add_subcommand(name, help);
    AddFlags(cmd, *f);
    cmd->callback([f, exit_code, action] {
      auto options = OptionsFrom(*f);
      auto said = options ? action(*options) : std::unexpected(options.error());
      if (!said) {
        *exit_code = ReportError(said.error());
        return;
      }
      fmt::print("{}\n", *said);
      *exit_code = kExitOk;
    });
  };
  add("install", "Install as a docker CLI plugin (--as buildx also makes `docker build` run it, as buildx install)",
      &InstallPlugin);
  add("uninstall", "Remove the docker CLI plugin link and restore what it replaced", &UninstallPlugin);
}

}  // namespace manifold::cli
