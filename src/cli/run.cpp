// `manifold run`: docker run's flags for debugging one platform of an image.
#include <signal.h>
#include <unistd.h>

#include <cctype>

#include <fmt/format.h>

#include "builder/run_image.hpp"
#include "cli/command.hpp"
#include "cli/registry_access.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "image/platform_parse.hpp"
#include "util/mount.hpp"

namespace manifold::cli {
namespace {

// docker run's exit codes for its own failures: 125 the run itself failed, 127 no such program.
constexpr int kRunFailed = 125;
constexpr int kRunNotFound = 127;

struct RunFlags {
  std::string platform, workdir, user, entrypoint, network = "host", pull = "missing";
  std::vector<std::string> env;
  bool rm = false, interactive = false, tty = false, entrypoint_set = false;
};

}  // namespace

void RegisterRun(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "Run a command in a new container from an image (one platform, e.g. emulated)");
  // Flags come before IMAGE; everything from IMAGE on is the image and its command.
  cmd->prefix_command();
  cmd->add_flag("--rm", flags->rm, "Remove the container when it exits (always the case here)");
  cmd->add_flag("-i,--interactive", flags->interactive, "Keep STDIN open");
  cmd->add_flag("-t,--tty", flags->tty, "Allocate a pseudo-TTY");
  cmd->add_option("--platform", flags->platform, "Platform of the image to run (default: this machine's)");
  cmd->add_option("-e,--env", flags->env, "Set environment variables (NAME=value, or NAME from ours)")->allow_extra_args(false);
  cmd->add_option("-w,--workdir", flags->workdir, "Working directory inside the container");
  cmd->add_option("-u,--user", flags->user, "Username or UID (format: <name|uid>[:<group|gid>])");
  cmd->add_option("--entrypoint", flags->entrypoint, "Overwrite the default ENTRYPOINT of the image");
  cmd->add_option("--network", flags->network, "host (default) or none");
  cmd->add_option("--pull", flags->pull, "missing (default: manifold's store first) or always");
  cmd->callback([flags, exit_code, cmd] {
    if (!ContinueAsRoot(exit_code)) return;
    std::vector<std::string> rest = cmd->remaining();
    if (rest.empty()) {
      fmt::print(stderr, "error: manifold run needs an IMAGE (a name, or oci-archive:FILE)\n");
      *exit_code = kExitUsage;
      return;
    }
    builder::RunRequest request;
    request.image = rest.front();
    request.command.assign(rest.begin() + 1, rest.end());
    if (cmd->count("--entrypoint") > 0) request.entrypoint = flags->entrypoint;
    request.env = flags->env;
    request.workdir = flags->workdir;
    request.user = flags->user;
    request.interactive = flags->interactive;
    request.tty = flags->tty;
    request.root = RootDir();
    request.credentials = DockerCredentials();
    if (flags->network != "host" && flags->network != "none") {
      fmt::print(stderr, "error: --network {:?}: use host or none\n", flags->network);
      *exit_code = kExitUsage;
      return;
    }
    request.network_none = flags->network == "none";
    if (flags->pull != "missing" && flags->pull != "always") {
      fmt::print(stderr, "error: --pull {:?}: use missing or always\n", flags->pull);
      *exit_code = kExitUsage;
      return;
    }
    request.pull = flags->pull == "always";
    if (!flags->platform.empty()) {
      auto p = image::ParsePlatformFlag(flags->platform, image::HostPlatform());
      if (!p) {
        fmt::print(stderr, "error: --platform {}: {}\n", flags->platform, p.error().Describe());
        *exit_code = kExitUsage;
        return;
      }
      request.platform = *p;
    }
    if (auto ns = util::EnterPrivateMountNamespace(); !ns) {
      fmt::print(stderr, "error: {}\n", ns.error().What());
      *exit_code = kRunFailed;
      return;
    }
    // The container's process gets the terminal's signals (runc forwards what it receives);
    // we stay to clean up after it.
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGQUIT, SIG_IGN);
    auto sink = progress::MakeRenderer(progress::Mode::kPlain, STDERR_FILENO);
    auto status = builder::RunImage(request, *sink);
    sink->Close();
    if (!status) {
      std::string message = status.error().Describe();
      fmt::print(stderr, "error: {}\n", message);
      // runc: `exec: "x": executable file not found in $PATH`; crun: "executable file `x` not
      // found in $PATH: No such file or directory"; either: "no such file or directory".
      std::string lower = message;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool not_found = lower.find("not found in $path") != std::string::npos ||
                       lower.find("no such file or directory") != std::string::npos;
      *exit_code = not_found ? kRunNotFound : kRunFailed;
      return;
    }
    *exit_code = *status;
  });
}

}  // namespace manifold::cli
