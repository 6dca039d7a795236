// ComposeIndex / PublishIndex: merge sources' entries, copy or mount what the target lacks.
#include "registry/index_create.hpp"

#include <algorithm>

#include "image/config.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"

namespace manifold::registry {
namespace {

bool SameRepository(const Repository& a, const Repository& b) {
  return a.registry().host() == b.registry().host() && a.path() == b.path();
}

util::Status CopyBlob(const image::Descriptor& blob, const Repository& from, const Repository& to,
                      const content::Store& store) {
  if (MANIFOLD_TRY(to.HasBlob(blob.digest))) return {};
  if (from.registry().host() == to.registry().host() && MANIFOLD_TRY(to.MountBlob(blob.digest, from.path()))) return {};
  MANIFOLD_CHECK(from.FetchBlob(blob, store));
  MANIFOLD_TRY(to.PushBlob(blob, store));
  return {};
}

}  // namespace

util::Result<ComposedIndex> ComposeIndex(const std::vector<IndexSource>& sources,
                                         const std::map<std::string, std::string>& annotations) {
  ComposedIndex out;
  bool all_docker = true;
  for (size_t s = 0; s < sources.size(); ++s) {
    const auto& source = sources[s];
    auto fetched = MANIFOLD_TRY(source.repository.GetManifest(source.reference));
    auto add = [&](image::Descriptor entry) {
      bool seen = std::any_of(out.entries.begin(), out.entries.end(), [&](const auto& e) { return e.digest == entry.digest; });
      if (seen) return;
      if (!entry.media_type.starts_with("application/vnd.docker.")) all_docker = false;
      out.entries.push_back(std::move(entry));
      out.source_of.push_back(s);
    };
    if (image::media_type::IsIndex(fetched.descriptor.media_type)) {
      auto index = image::ParseIndex(fetched.bytes);
      if (!index) return std::unexpected(std::move(index.error()).Context("reading {}:{}", source.repository.Name(), source.reference));
      for (const auto& entry : index->manifests) add(entry);
    } else {
      auto manifest = image::ParseManifest(fetched.bytes);
      if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading {}:{}", source.repository.Name(), source.reference));
      // A lone manifest carries no platform; its config says which it is.
      auto config_bytes = MANIFOLD_TRY(source.repository.ReadBlob(manifest->config.digest));
      auto config = image::ParseConfig(config_bytes);
      if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}:{}", source.repository.Name(), source.reference));
      image::Descriptor entry = fetched.descriptor;
      entry.platform = config->platform;
      add(std::move(entry));
    }
  }
  if (out.entries.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "the sources hold no images");
  image::Index index;
  index.manifests = out.entries;
  index.annotations = annotations;
  auto family = all_docker && annotations.empty() ? image::MediaTypes::kDocker : image::MediaTypes::kOci;
  out.bytes = image::SerializeIndex(index, family);
  out.descriptor.media_type = std::string(family == image::MediaTypes::kDocker ? image::media_type::kDockerManifestList
                                                                                : image::media_type::kOciIndex);
  out.descriptor.digest = image::Digest::OfBytes(out.bytes);
  out.descriptor.size = static_cast<int64_t>(out.bytes.size());
  return out;
}

util::Status PublishIndex(const ComposedIndex& index, const std::vector<IndexSource>& sources, const Repository& target,
                          const std::vector<std::string>& tags, const content::Store& store) {
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const auto& entry = index.entries[i];
    const auto& source = sources[index.source_of[i]].repository;
    if (SameRepository(source, target)) continue;
    if (MANIFOLD_TRY(target.HeadManifest(entry.digest.str()))) continue;
    auto fetched = MANIFOLD_TRY(source.GetManifest(entry.digest.str()));
    if (!image::media_type::IsManifest(fetched.descriptor.media_type)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}@{}: nested indexes cannot be copied yet", source.Name(),
                        entry.digest.str());
    }
    auto manifest = image::ParseManifest(fetched.bytes);
    if (!manifest) return std::unexpected(std::move(manifest.error()));
    MANIFOLD_CHECK(CopyBlob(manifest->config, source, target, store));
    for (const auto& layer : manifest->layers) MANIFOLD_CHECK(CopyBlob(layer, source, target, store));
    MANIFOLD_CHECK(target.PutManifest(entry.digest.str(), fetched.descriptor.media_type, fetched.bytes));
  }
  for (const auto& tag : tags) MANIFOLD_CHECK(target.PutManifest(tag, index.descriptor.media_type, index.bytes));
  return {};
}

}  // namespace manifold::registry
