// argv[0] decides whether manifold speaks as itself or as buildx.
#include "cli/invocation.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace manifold::cli {

namespace {
std::atomic<Personality> current_personality{Personality::kManifold};
}  // namespace

Invocation ReadInvocation(const std::vector<std::string>& argv) {
  Invocation inv;
  inv.args = argv;
  if (argv.empty()) {
    inv.program = "manifold";
    inv.args = {"manifold"};
    return inv;
  }
  const std::string base = std::filesystem::path(argv[0]).filename().string();
  // docker runs ~/.docker/cli-plugins/docker-NAME as `docker-NAME NAME ARGS…`.
  const std::string plugin_name = base.starts_with("docker-") ? base.substr(7) : std::string();
  inv.personality = (base == "buildx" || base == "docker-buildx") ? Personality::kBuildx : Personality::kManifold;
  if (argv.size() >= 2 && argv[1] == "docker-cli-plugin-metadata") inv.plugin_metadata = true;
  if (!plugin_name.empty() && argv.size() >= 2 && argv[1] == plugin_name) {
    inv.args.erase(inv.args.begin() + 1);
    inv.as_docker_plugin = true;
  }
  if (std::getenv("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND") != nullptr && !plugin_name.empty()) {
    inv.as_docker_plugin = true;
  }
  if (inv.personality == Personality::kBuildx) {
    inv.program = inv.as_docker_plugin ? "docker buildx" : "buildx";
  } else {
    inv.program = inv.as_docker_plugin ? "docker " + plugin_name : "manifold";
  }
  return inv;
}

Personality CurrentPersonality() { return current_personality.load(); }

void SetCurrentPersonality(Personality personality) { current_personality.store(personality); }

namespace {
std::vector<std::string>& CommandLineStorage() {
  static std::vector<std::string> words;
  return words;
}
}  // namespace

const std::vector<std::string>& CurrentCommandLine() { return CommandLineStorage(); }

void SetCurrentCommandLine(std::vector<std::string> words) { CommandLineStorage() = std::move(words); }

std::string_view CommandWord(const Invocation& invocation) {
  for (size_t i = 1; i < invocation.args.size(); ++i) {
    if (!invocation.args[i].starts_with("-")) return invocation.args[i];
  }
  return {};
}

bool SpeaksHttpEarly(const Invocation& invocation) {
  if (::geteuid() != 0) return false;
  const std::string_view command = CommandWord(invocation);
  return command == "build" || command == "b" || command == "bake" || command == "f" || command == "imagetools";
}

}  // namespace manifold::cli
