// DeliverToEngine: --load and -o type=docker (no dest) into the Docker Engine the docker CLI would use.
#include "builder/engine_delivery.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "exporter/engine_load.hpp"
#include "image/platform_parse.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

namespace {

util::Error NoEngine(const std::string& raw, const std::string& why) {
  return util::Error(util::ErrorKind::kInvalidArgument,
                     fmt::format("--output {}: no Docker Engine to load into: {}. Add dest=FILE to write a docker "
                                 "archive instead, or point DOCKER_HOST at a unix:// Engine socket",
                                 raw, why));
}

std::string PlatformCount(size_t n) { return fmt::format("{} platform{}", n, n == 1 ? "" : "s"); }

}  // namespace

EngineTarget ReachEngine(const registry::DockerEnvironment& env) {
  EngineTarget target;
  auto search = registry::FindDockerEndpoint(env);
  if (!search) {
    target.why_none = search.error().What();
    return target;
  }
  if (!search->endpoint) {
    target.why_none = search->why_none;
    return target;
  }
  auto engine = registry::DockerEngine::Connect(*search->endpoint);
  if (!engine) {
    target.why_none = engine.error().What();
    return target;
  }
  target.engine = std::move(*engine);
  return target;
}

util::Status CheckEngineOutputs(const BuildRequest& request) {
  for (const auto& out : request.outputs) {
    if (out.type != exporter::OutputType::kDocker || !out.dest.empty()) continue;
    EngineTarget target = ReachEngine(registry::DockerEnvironment::FromProcess());
    if (!target.engine) return std::unexpected(NoEngine(out.raw, target.why_none));
    return {};
  }
  return {};
}

util::Status DeliverToEngine(const ImageOutput& output, const BuildRequest& request, const content::Store& store,
                             const exporter::AssembledImages& images, EngineTarget& target, EngineDelivery* delivery) {
  if (!target.engine) {
    if (output.engine_required) return std::unexpected(NoEngine(output.spec->raw, target.why_none));
    delivery->notes.push_back(fmt::format(
        "not loaded into a Docker Engine: {}; the image is in manifold's store (manifold images, manifold run)",
        target.why_none));
    return {};
  }
  auto loaded = MANIFOLD_TRY(
      exporter::LoadIntoEngine(*target.engine, store, images, output.names, request.source_date_epoch));
  for (const auto& name : output.names) {
    if (auto ref = registry::ParseReference(name); ref && !ref->digest) delivery->names.push_back(ref->String());
  }
  std::string what = loaded.platform ? image::Format(*loaded.platform) : "all " + PlatformCount(loaded.platforms_built);
  std::string as = loaded.names.empty() ? std::string()
                                        : fmt::format(" as {}", fmt::join(loaded.names, ", "));
  std::string id = loaded.image_id ? fmt::format(" (image ID {})", loaded.image_id->str()) : std::string();
  std::string note = fmt::format("loaded {} into the Docker Engine at {}{}{}", what, loaded.host, as, id);
  if (loaded.platform && loaded.platforms_built > 1) {
    // The classic store keeps one platform per name: say where the rest went.
    note += output.engine_required
                ? fmt::format("; its image store keeps one platform, the build made {} (use -o type=oci or --load "
                              "for all of them)",
                              loaded.platforms_built)
                : fmt::format("; all {} are in manifold's store: manifold images", PlatformCount(loaded.platforms_built));
  }
  delivery->notes.push_back(std::move(note));
  return {};
}

}  // namespace manifold::builder
