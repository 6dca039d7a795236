// Referrers: the API when the registry has it, else the tag-schema index (distribution-spec 1.1).
#include "registry/referrers.hpp"

#include <algorithm>

#include "image/index.hpp"
#include "image/media_types.hpp"

namespace manifold::registry {

std::string ReferrersTag(const image::Digest& subject) {
  return std::string(subject.algorithm()) + "-" + std::string(subject.hex());
}

util::Result<bool> HasReferrersApi(const Repository& repository, const image::Digest& subject) {
  HttpRequest request;
  request.url = repository.registry().BaseUrl() + "/v2/" + repository.path() + "/referrers/" + subject.str();
  request.headers.emplace_back("Accept", std::string(image::media_type::kOciIndex));
  auto response = repository.registry().Do(std::move(request), "repository:" + repository.path() + ":pull");
  if (!response) return std::unexpected(std::move(response.error()).Context("asking {} for referrers", repository.Name()));
  if (response->status == 404) return false;
  if (response->status == 200) {
    return response->Header("content-type").starts_with(image::media_type::kOciIndex);
  }
  return std::unexpected(StatusError(*response).Context("asking {} for the referrers of {}", repository.Name(),
                                                        subject.str()));
}

util::Result<ReferrersMode> AttachReferrer(const Repository& repository, const content::Store& store,
                                           const image::Descriptor& manifest, const image::Digest& subject,
                                           const PushOptions& options) {
  MANIFOLD_TRY(PushImage(repository, store, manifest, {}, options));
  if (MANIFOLD_TRY(HasReferrersApi(repository, subject))) return ReferrersMode::kApi;
  const std::string tag = ReferrersTag(subject);
  image::Index index;
  auto existing = repository.GetManifest(tag);
  if (existing) {
    auto parsed = image::ParseIndex(existing->bytes);
    if (!parsed) {
      return std::unexpected(std::move(parsed.error())
                                 .Context("{}:{} should hold the referrers index of {}", repository.Name(), tag,
                                          subject.str()));
    }
    index = std::move(*parsed);
  } else if (existing.error().kind() != util::ErrorKind::kNotFound) {
    return std::unexpected(std::move(existing.error()).Context("reading the referrers of {}", subject.str()));
  }
  bool listed = std::any_of(index.manifests.begin(), index.manifests.end(),
                            [&](const image::Descriptor& d) { return d.digest == manifest.digest; });
  if (!listed) {
    image::Descriptor entry = manifest;
    entry.platform.reset();
    entry.data.reset();
    index.manifests.push_back(std::move(entry));
    std::string bytes = image::SerializeIndex(index);
    auto put = repository.PutManifest(tag, image::media_type::kOciIndex, bytes);
    if (!put) return std::unexpected(std::move(put.error()).Context("updating the referrers tag {}", tag));
  }
  return ReferrersMode::kTagSchema;
}

}  // namespace manifold::registry
