// Named contexts (--build-context): what FROM NAME, COPY --from=NAME and RUN --mount=from=NAME
// become when NAME is given on the command line, as BuildKit's dockerfile frontend does it.
#include "frontend/internal/lowering.hpp"

namespace manifold::frontend::internal {

namespace {
constexpr const char* kDefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}  // namespace

const dockerfile::NamedContext* PlatformLowering::FindNamedContext(const std::string& name, std::string* key) const {
  if (options_.named_contexts.empty()) return nullptr;
  // BuildKit never looks these two up: `scratch` is always empty, `context` is the build context.
  if (name == "scratch" || name == "context") return nullptr;
  std::optional<std::string> wanted = options_.context_key ? options_.context_key(name) : std::optional(name);
  if (!wanted) return nullptr;
  auto it = options_.named_contexts.find(*wanted);
  if (it == options_.named_contexts.end()) return nullptr;
  if (key) *key = it->first;
  return &it->second;
}

util::Result<graph::VertexRef> PlatformLowering::NamedContextState(const dockerfile::Instruction& inst,
                                                                  const std::string& key,
                                                                  const dockerfile::NamedContext& named,
                                                                  const image::Platform& platform, bool filesystem,
                                                                  image::ImageConfig* config) {
  if (named.kind == dockerfile::NamedContext::Kind::kBuild) {
    const dockerfile::PlatformBuild* chosen = named.builds.size() == 1 ? &named.builds.front() : nullptr;
    for (const auto& build : named.builds) {
      if (build.platform == platform) chosen = &build;
    }
    if (chosen == nullptr) {
      std::string built;
      for (const auto& build : named.builds) built += (built.empty() ? "" : ", ") + FormatPlatform(build.platform);
      return std::unexpected(At(inst, util::Error(util::ErrorKind::kInvalidArgument,
                                                  fmt::format("context {} is a build for {}, not for {}: give that "
                                                              "target the platforms of this one, or only one",
                                                              key, built.empty() ? "no platform" : built,
                                                              FormatPlatform(platform)))));
    }
    if (config) *config = chosen->config;
    return chosen->root;
  }
  if (named.kind == dockerfile::NamedContext::Kind::kImage) {
    if (named.image == "scratch") return graph::VertexRef();
    if (!options_.resolve_image) {
      return std::unexpected(At(inst, util::Error(util::ErrorKind::kUnavailable,
                                                  fmt::format("context {}: this build cannot resolve images", key))));
    }
    auto resolved = options_.resolve_image(named.image, platform);
    if (!resolved) {
      return std::unexpected(At(inst, std::move(resolved.error()).Context("--build-context {}={}", key, named.image)));
    }
    graph::SourceOp op;
    op.kind = graph::SourceOp::Kind::kImage;
    op.identifier = resolved->reference;
    op.platform = platform;
    if (config) *config = std::move(resolved->config);
    return graph::Vertex::Make(std::move(op), {}, fmt::format("[context {}] {}", key, resolved->reference),
                               FormatPlatform(platform));
  }
  auto& source = named_sources_[key];
  if (!source) {
    graph::SourceOp op;
    op.kind = graph::SourceOp::Kind::kLocal;
    op.identifier = named.local_name;
    op.exclude_patterns = named.excludes;
    source = graph::Vertex::Make(std::move(op), {}, fmt::format("[context {}] load from client", key));
  }
  if (!filesystem) return source;
  // As the build context for a bind mount: the directory (what its .dockerignore lets through)
  // copied once into a filesystem of its own, shared by every platform.
  auto& state = named_states_[key];
  if (!state) state = CopiedIntoFilesystem(source, fmt::format("[context {}] copy into a filesystem", key));
  return state;
}

util::Status PlatformLowering::FromNamedContext(const dockerfile::Instruction& inst, const std::string& key,
                                                const dockerfile::NamedContext& named, StageContext& ctx) {
  const image::Platform platform = ctx.result.platform;
  image::ImageConfig config;
  bool has_config = (named.kind == dockerfile::NamedContext::Kind::kImage && named.image != "scratch") ||
                    named.kind == dockerfile::NamedContext::Kind::kBuild;
  ctx.result.state = MANIFOLD_TRY(NamedContextState(inst, key, named, platform, /*filesystem=*/true, &config));
  if (has_config) {
    // The image's config and history start the stage, as for FROM image; diff_ids are the
    // exporter's to recompute.
    config.diff_ids.clear();
    ctx.result.config = std::move(config);
  } else {
    // A directory (or scratch) has no config: BuildKit starts from an empty image's.
    ctx.result.config = image::ImageConfig{};
    ctx.result.config.config.env = {kDefaultPath};
    if (ctx.result.state) {
      // The directory is one layer; its history entry keeps history and layers in step.
      image::HistoryEntry entry;
      entry.created = created_;
      entry.created_by = fmt::format("named context {}", key);
      entry.comment = "buildkit.dockerfile.v0";
      ctx.result.config.history.push_back(std::move(entry));
    }
  }
  ctx.result.config.platform = platform;
  if (ctx.result.config.config.env.empty()) ctx.result.config.config.env = {kDefaultPath};
  return {};
}

}  // namespace manifold::frontend::internal
