// registry::AttachReferrer: an OCI 1.1 referrer pushed, found through the referrers API or the tag schema.
#pragma once

#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "registry/push.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// How a referrer was made findable.
enum class ReferrersMode {
  kApi,        ///< the registry answers GET /v2/<name>/referrers/<digest>: it indexes subjects itself
  kTagSchema,  ///< the fallback of distribution-spec 1.1: tag `sha256-<hex>` holds an index of referrers
};

/// The tag the fallback keeps a subject's referrers under: "sha256-<hex>" for "sha256:<hex>".
std::string ReferrersTag(const image::Digest& subject);

/// Whether `repository`'s registry has the referrers API for `subject`: true on a 200 with an
/// OCI index, false on 404 (distribution 2.8 and others without it); other answers are errors.
util::Result<bool> HasReferrersApi(const Repository& repository, const image::Digest& subject);

/// Pushes `manifest` (an artifact manifest in `store` whose `subject` is `subject`; its blobs
/// too) by digest, then, when the registry lacks the referrers API, adds its descriptor
/// (`manifest` as given: artifactType and annotations included) to the index under
/// ReferrersTag(subject): read, add if absent, written back (distribution-spec's
/// read-modify-write; a concurrent writer can lose an entry, as the spec acknowledges).
/// Errors name the repository and the tag.
util::Result<ReferrersMode> AttachReferrer(const Repository& repository, const content::Store& store,
                                           const image::Descriptor& manifest, const image::Digest& subject,
                                           const PushOptions& options = {});

}  // namespace manifold::registry
