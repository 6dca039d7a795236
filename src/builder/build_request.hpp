// BuildRequest: everything `manifold build` was asked to do, as the cli parsed it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "builder/attest_options.hpp"
#include "builder/build_contexts.hpp"
#include "cache/cache_spec.hpp"
#include "exporter/output_spec.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/run_environment.hpp"
#include "image/platform.hpp"
#include "progress/sink.hpp"
#include "registry/auth.hpp"
#include "worker/outputs.hpp"

namespace manifold::builder {

/// The source repository of a build context: a local checkout's (ReadGitSource) or the git
/// URL the context was fetched from (ResolveBuildContext).
struct GitSource {
  std::string url;     ///< `remote get-url origin` or the URL given, credentials removed ("" = no origin)
  std::string commit;  ///< the commit checked out (`rev-parse HEAD`)
};

/// A build whose Dockerfile was already read and lowered: a node's share of a multi-node
/// build (lowered by the client, sent over the channel), or the client's own share.
struct LoweredBuild {
  std::vector<frontend::dockerfile::PlatformBuild> platforms;
  frontend::dockerfile::CheckOptions checks;  ///< effective: the Dockerfile's merged with --check
  std::filesystem::path context_dir;          ///< absolute
  std::string context_name = "context";       ///< its local source's name (LocalSourceNames in a set)
  worker::PathFilter excluded;                ///< .dockerignore (none on a node: its copy has only what passed)
  worker::PathFilter walk_excluded;
  std::string dockerfile_name;                ///< for messages
  std::string dockerfile_digest;              ///< "sha256:…" of the Dockerfile's bytes (provenance)
  /// --build-context directories, by local source name ("context:KEY"); on a node, its copies.
  std::map<std::string, NamedContextDir> named_dirs;
};

/// A build, buildx-style. Paths are as the user gave them (relative to the working directory).
struct BuildRequest {
  std::filesystem::path context_dir;        ///< the positional PATH
  std::string dockerfile;                   ///< -f/--file; empty = <context>/Dockerfile; "-" = stdin
  std::optional<std::string> dockerfile_text; ///< the stdin Dockerfile (-f -), once read
  /// How messages and provenance name the Dockerfile when `dockerfile` is a path manifold
  /// chose (inside a fetched context); "" = `dockerfile` as given.
  std::string dockerfile_name;
  /// The repository and commit a git URL context was fetched from (ResolveBuildContext), for
  /// provenance; unset for a local directory (then its own checkout, if any, is read).
  std::optional<GitSource> context_git;
  std::vector<image::Platform> platforms;   ///< normalized; empty = the host's platform
  std::map<std::string, std::string> build_args;
  std::map<std::string, NamedContextSpec> build_contexts;  ///< --build-context, by NamedContextKey
  std::map<std::string, std::string> labels;
  std::string target;
  std::vector<std::string> tags;            ///< -t
  std::vector<exporter::OutputSpec> outputs;
  std::vector<exporter::Annotation> annotations; ///< --annotation, for every image output
  bool push = false;                        ///< --push (= image output with push=true)
  bool load = false;                        ///< --load (manifold's image store, and the Docker Engine if one answers)
  progress::Mode progress = progress::Mode::kAuto;
  int jobs = 0;                             ///< 0 = number of cores
  bool no_cache = false;
  std::vector<std::string> no_cache_filter; ///< --no-cache-filter: stages that ignore the cache
  std::vector<cache::CacheSpec> cache_from; ///< --cache-from, parsed
  std::vector<cache::CacheSpec> cache_to;   ///< --cache-to, parsed
  bool pull = false;
  std::string metadata_file;                ///< --metadata-file
  std::string iid_file;                     ///< --iidfile
  std::vector<std::string> secrets;         ///< --secret values, as given
  std::vector<std::string> ssh;             ///< --ssh values, as given
  /// A node's: the secrets' values as the client read them (instead of `secrets`), in memory only.
  std::optional<std::map<std::string, std::string>> secret_values;
  std::filesystem::path root;               ///< MANIFOLD_ROOT
  std::optional<int64_t> source_date_epoch; ///< SourceDateEpochOf's: build arg (env propagated), ARG default
  registry::CredentialSource credentials;   ///< for pulls and pushes; empty = anonymous
  std::stop_token cancel;                   ///< stopped (Ctrl-C): the build ends, cleaned up
  frontend::dockerfile::CheckOptions checks; ///< --check, merged over the Dockerfile's `# check=`
  std::string builder;                      ///< --builder; empty = $MANIFOLD_BUILDER, $BUILDX_BUILDER, current
  bool allow_fallback = false;              ///< --allow-fallback: an unreachable node's platforms go elsewhere
  AttestOptions attest;                     ///< --attest, --provenance, --sbom, BUILDX_NO_DEFAULT_ATTESTATIONS
  /// --network, --add-host, --ulimit, --shm-size, --cgroup-parent, --allow: put on every RUN op
  /// when lowering (so a node gets them with the graph).
  frontend::dockerfile::RunEnvironment run_env;
  /// Set for a share of a multi-node build: the graph is already lowered (platforms, context
  /// and checks come from here, not from the fields above).
  std::optional<LoweredBuild> lowered;
  /// A share of a multi-node build: no index is made or delivered; pushing outputs push each
  /// platform's image by digest (the client writes the index), other outputs are the client's.
  bool platform_share = false;
};

}  // namespace manifold::builder
