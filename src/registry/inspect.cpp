// Inspect: the root document, then each platform's manifest and config on demand.
#include "registry/inspect.hpp"

#include "image/config.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"

namespace manifold::registry {
namespace {

util::Status FillImage(const Repository& repository, InspectedImage& image, std::string manifest_bytes) {
  auto manifest = image::ParseManifest(manifest_bytes);
  if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading manifest {}", image.descriptor.digest.str()));
  image.manifest_bytes = std::move(manifest_bytes);
  image.config_bytes = MANIFOLD_TRY(repository.ReadBlob(manifest->config.digest));
  if (!image.descriptor.platform && image::media_type::IsManifest(image.descriptor.media_type)) {
    if (auto config = image::ParseConfig(image.config_bytes)) image.descriptor.platform = config->platform;
  }
  return {};
}

// The statements of one attestation manifest (BuildKit's layout: in-toto layers, each annotated
// with its predicate type) about the manifest `subject`.
util::Status FetchStatements(const Repository& repository, const image::Descriptor& entry, Inspected& out) {
  auto subject = image::Digest::Parse(entry.annotations.at("vnd.docker.reference.digest"));
  if (!subject) return std::unexpected(std::move(subject.error()).Context("attestation manifest {}", entry.digest.str()));
  auto fetched = MANIFOLD_TRY(repository.GetManifest(entry.digest.str()));
  auto manifest = image::ParseManifest(fetched.bytes);
  if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading attestation manifest {}", entry.digest.str()));
  for (const auto& layer : manifest->layers) {
    auto type = layer.annotations.find("in-toto.io/predicate-type");
    if (layer.media_type != "application/vnd.in-toto+json" || type == layer.annotations.end()) continue;
    out.statements.push_back({*subject, type->second, MANIFOLD_TRY(repository.ReadBlob(layer.digest))});
  }
  return {};
}

}  // namespace

util::Result<Inspected> Inspect(const Repository& repository, std::string_view reference, InspectOptions options) {
  const bool configs = options.configs;
  Inspected out;
  out.root = MANIFOLD_TRY(repository.GetManifest(reference));
  if (image::media_type::IsIndex(out.root.descriptor.media_type)) {
    auto index = image::ParseIndex(out.root.bytes);
    if (!index) return std::unexpected(std::move(index.error()).Context("reading index {} of {}", reference, repository.Name()));
    for (const auto& entry : index->manifests) {
      InspectedImage image{entry, {}, {}};
      if (configs && image::media_type::IsManifest(entry.media_type)) {
        auto manifest = MANIFOLD_TRY(repository.GetManifest(entry.digest.str()));
        MANIFOLD_CHECK(FillImage(repository, image, std::move(manifest.bytes)));
      }
      auto type = entry.annotations.find("vnd.docker.reference.type");
      if (options.attestations && type != entry.annotations.end() && type->second == "attestation-manifest" &&
          entry.annotations.contains("vnd.docker.reference.digest")) {
        MANIFOLD_CHECK(FetchStatements(repository, entry, out));
      }
      out.images.push_back(std::move(image));
    }
  } else {
    InspectedImage image{out.root.descriptor, {}, {}};
    if (configs) MANIFOLD_CHECK(FillImage(repository, image, out.root.bytes));
    out.images.push_back(std::move(image));
  }
  return out;
}

}  // namespace manifold::registry
