// Lower: a parsed Dockerfile → one build graph and image config per target platform.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/ast.hpp"
#include "frontend/dockerfile/run_environment.hpp"
#include "graph/vertex.hpp"
#include "image/config.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// A base image resolved for one platform: the reference of its platform manifest by digest
/// ("docker.io/library/busybox:latest@sha256:…") and its config (history and env included).
struct ResolvedBaseImage {
  std::string reference;
  image::ImageConfig config;
};

/// Resolves `FROM image` / `COPY --from=image` names for a platform (the builder asks a
/// registry; the frontend itself never does I/O). Errors should name the image.
using ImageResolver =
    std::function<util::Result<ResolvedBaseImage>(std::string_view reference, const image::Platform& platform)>;

/// What one target platform builds: the final state of the target stage and its image config.
/// The config's history has one entry per instruction of the stage's lineage, oldest first;
/// the entries with `empty_layer == false` correspond, in order, to the layers of `root`'s
/// snapshot chain (the exporter marks those whose diff turns out empty). diff_ids are left for
/// the exporter.
struct PlatformBuild {
  image::Platform platform;
  graph::VertexRef root;     ///< nullptr when the image has no files at all
  image::ImageConfig config;
};

/// A `--build-context NAME=VALUE` as the frontend sees it: data only (the builder read the
/// directory's .dockerignore and knows where an image lives). BuildKit's rules: a stage named
/// NAME is replaced by it whole; `FROM NAME`, `COPY --from=NAME` and `RUN --mount=from=NAME`
/// that name no stage use it instead of pulling an image NAME; `scratch` and `context` never
/// match. Per target platform, like a base image.
struct NamedContext {
  enum class Kind { kLocal, kImage, kBuild };
  Kind kind = Kind::kLocal;
  /// kLocal: the local source's identifier in the graph (the worker's `locals` key, e.g.
  /// "context:src") and the patterns of the directory's own .dockerignore (part of digests).
  std::string local_name;
  std::vector<std::string> excludes;
  /// kImage: what the image resolver is asked for (a registry reference, or whatever the
  /// builder's resolver understands, such as an OCI layout); `scratch` = an empty filesystem.
  std::string image;
  /// kBuild: another build's result in the same graph (bake's `contexts = { NAME = "target:T" }`),
  /// one per platform it was built for: a stage uses the build of its own platform, or the only
  /// one there is; its image config starts the stage as a base image's does.
  std::vector<PlatformBuild> builds;
};

/// The key a name written in the Dockerfile (`FROM alpine:latest`) is looked up under among
/// the named contexts ("alpine"), nullopt when the name can never match (not a valid
/// reference). Buildx and BuildKit compare references in familiar form without ":latest";
/// the reference grammar is the builder's to apply.
using ContextKeyFn = std::function<std::optional<std::string>(std::string_view name)>;

struct LowerOptions {
  std::vector<image::Platform> targets;          ///< normalized target platforms, in order
  image::Platform build_platform;                ///< the platform the build runs on
  std::map<std::string, std::string> build_args; ///< --build-arg, already resolved from env
  std::string target_stage;                      ///< --target; empty = the last stage
  std::map<std::string, std::string> labels;     ///< --label, added to the final image
  std::optional<int64_t> source_date_epoch;      ///< SOURCE_DATE_EPOCH: created times, mtimes
  std::string file_name = "Dockerfile";          ///< for error locations
  std::string context_name = "context";          ///< the local source COPY reads
  std::vector<std::string> context_excludes;     ///< .dockerignore patterns (part of digests)
  ImageResolver resolve_image;                   ///< unset: FROM/--from of an image is an error
  /// Told, before resolve_image is asked for it, of an image a stage starts FROM without
  /// --platform: one that every target platform needs, so that the caller can resolve it for all
  /// of them at once instead of one platform after the other. Optional; a hint only.
  std::function<void(std::string_view image)> prefetch_image;
  RunEnvironment run_env;                        ///< --network, --add-host, …: every RUN gets them
  /// --build-context, keyed by ContextKeyFn's form of their NAME.
  std::map<std::string, NamedContext> named_contexts;
  ContextKeyFn context_key;                      ///< unset: a name is its own key
  std::stop_token cancel;                        ///< stopped (Ctrl-C): Lower ends with kCancelled
};


/// Lowers `file` for every target platform. Only the stages the target needs are lowered; a
/// stage that uses no platform-dependent argument lowers to the same vertices for every
/// platform (so the solver runs it once). Errors carry the Dockerfile location (unknown
/// instruction, unknown stage, bad flags, a stage depending on itself, bad platforms) and for
/// the limits of limits.hpp (expanded word, all expansions, stage count, stage configs). Checks
/// `options.cancel` before every stage, instruction and word: kCancelled soon after it stops.
/// Stages are lowered without recursion, so the length of a chain of stages is bounded only by
/// kMaxStages.
util::Result<std::vector<PlatformBuild>> Lower(const Dockerfile& file, const LowerOptions& options);

}  // namespace manifold::frontend::dockerfile
