// How manifold was invoked: as itself, as buildx (the standalone name or the docker CLI plugin
// docker-buildx), or as a docker CLI plugin; and the arguments the commands should see.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::cli {

/// Whose conventions the command line follows. kBuildx changes what buildx's own tools read:
/// no arguments print help and succeed, `version` prints buildx's line, `inspect` and
/// `ls --format json` keep buildx's shapes (they do in both personalities).
enum class Personality { kManifold, kBuildx };

struct Invocation {
  Personality personality = Personality::kManifold;
  /// The name help and errors use: "manifold", "buildx" or "docker buildx".
  std::string program;
  /// argv without the plugin name docker inserts (`docker-buildx buildx build …` → `build …`),
  /// argv[0] first.
  std::vector<std::string> args;
  /// docker's CLI asks a plugin who it is with this single argument.
  bool plugin_metadata = false;
  /// Run by docker's CLI as a plugin (DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND or the inserted name).
  bool as_docker_plugin = false;
};

/// Reads argv[0]'s file name (buildx, docker-buildx → kBuildx; docker-manifold, manifold and
/// anything else → kManifold) and strips the plugin name docker passes as the first argument.
Invocation ReadInvocation(const std::vector<std::string>& argv);

/// The word naming the command invoked: the first argument after argv[0] that is not a flag (no
/// global flag takes a value, so none can be a flag's value); empty when there is none.
std::string_view CommandWord(const Invocation& invocation);

/// Whether the command invoked is one that usually speaks to a registry first (build, bake,
/// imagetools and their aliases): main then starts loading the HTTP library at once, beside
/// the parsing and the reading of the Dockerfile (registry::StartLoadingHttp). Always false for
/// a non-root user: that command first forks into a user namespace
/// (executor::EnterUserNamespace), which must happen before any thread starts.
bool SpeaksHttpEarly(const Invocation& invocation);

/// The personality of this process (set once by main before any command runs).
Personality CurrentPersonality();
void SetCurrentPersonality(Personality personality);

/// The command line as the user typed it (`invocation.program` then the arguments), for
/// messages that repeat it with something added (set once by main before any command runs).
const std::vector<std::string>& CurrentCommandLine();
void SetCurrentCommandLine(std::vector<std::string> words);

}  // namespace manifold::cli
