// One build: Dockerfile + context → lowered graphs (the rest is BuildSet's, with one member).
#include "builder/build.hpp"

#include "builder/build_contexts.hpp"
#include "builder/build_set.hpp"
#include "builder/context.hpp"
#include "builder/checks.hpp"
#include "content/store.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

util::Result<LoweredBuild> ReadAndLower(const BuildRequest& request, BaseImages& base_images,
                                        const LowerInSet& in_set) {
  auto input = MANIFOLD_TRY(ReadBuildInput(request));
  auto parsed = frontend::dockerfile::Parse(input.dockerfile, input.dockerfile_name, request.cancel);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  LoweredBuild lowered;
  lowered.checks = MANIFOLD_TRY(EffectiveCheckOptions(parsed->checks, request.build_args, request.checks));
  frontend::dockerfile::LowerOptions lower;
  lower.targets = request.platforms;
  lower.build_platform = image::HostPlatform();
  lower.build_args = request.build_args;
  lower.target_stage = request.target;
  lower.labels = request.labels;
  lower.source_date_epoch = request.source_date_epoch;
  lower.file_name = input.dockerfile_name;
  lower.context_excludes = input.ignore_patterns;
  lower.run_env = request.run_env;
  auto store = MANIFOLD_TRY(content::Store::Open(request.root));
  NamedContexts named = MANIFOLD_TRY(ReadNamedContexts(request.build_contexts, store));
  if (in_set.names != nullptr) {
    lower.context_name = in_set.names->NameFor("context", input.context_dir, input.ignore_patterns);
    std::map<std::string, NamedContextDir> renamed;
    for (auto& [key, context] : named.lowered) {
      if (context.kind != frontend::dockerfile::NamedContext::Kind::kLocal) continue;
      NamedContextDir& dir = named.dirs.at(context.local_name);
      context.local_name = in_set.names->NameFor(context.local_name, dir.dir, dir.ignore_patterns);
      renamed[context.local_name] = std::move(dir);
    }
    named.dirs = std::move(renamed);
  }
  lower.named_contexts = named.lowered;
  for (const auto& [key, link] : in_set.links) lower.named_contexts[key] = link;
  lower.context_key = [](std::string_view name) -> std::optional<std::string> {
    auto key = NamedContextKey(name);
    return key ? std::optional(*key) : std::nullopt;
  };
  lower.resolve_image = NamedContextResolver(named, store, base_images.Resolver());
  // Every target platform's metadata at once, where Lower would ask one platform after the
  // other (an image a --build-context names comes from the store: nothing to prefetch).
  lower.prefetch_image = [&named, &base_images, &request](std::string_view image) {
    if (!named.layouts.contains(std::string(image))) base_images.Prefetch(image, request.platforms);
  };
  lower.cancel = request.cancel;
  auto builds = frontend::dockerfile::Lower(*parsed, lower);
  if (!builds) return std::unexpected(std::move(builds.error()));
  lowered.platforms = std::move(*builds);
  lowered.context_dir = input.context_dir;
  lowered.context_name = lower.context_name;
  lowered.excluded = input.excluded;
  lowered.walk_excluded = input.walk_excluded;
  lowered.dockerfile_name = input.dockerfile_name;
  lowered.dockerfile_digest = image::Digest::OfBytes(input.dockerfile).str();
  lowered.named_dirs = named.dirs;
  return lowered;
}

util::Result<BuildResult> Build(const BuildRequest& request, progress::Sink& progress) {
  auto results = MANIFOLD_TRY(BuildSet({BuildSetMember{.name = "", .request = request, .links = {}}}, progress));
  return std::move(results.front());
}

}  // namespace manifold::builder
