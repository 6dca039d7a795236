// exporter: attestations attached to images, as BuildKit stores them or as OCI 1.1 referrers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "image/descriptor.hpp"
#include "image/platform.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Index annotations BuildKit puts on an attestation manifest's descriptor.
inline constexpr std::string_view kReferenceTypeAnnotation = "vnd.docker.reference.type";
inline constexpr std::string_view kReferenceDigestAnnotation = "vnd.docker.reference.digest";
inline constexpr std::string_view kAttestationManifestType = "attestation-manifest";

/// One predicate to state about a platform's image (provenance, SBOM, …).
struct AttestationPredicate {
  std::string predicate_type;  ///< e.g. "https://slsa.dev/provenance/v0.2", "https://spdx.dev/Document"
  nlohmann::json predicate;
};

/// Every predicate of one platform's image.
struct PlatformAttestations {
  image::Platform platform;
  std::vector<AttestationPredicate> predicates;
};

/// What a build attaches: per platform its predicates, and the image names the statements'
/// subjects are named after (none = one subject named "_").
struct Attestations {
  std::vector<PlatformAttestations> platforms;
  std::vector<std::string> subject_names;

  bool empty() const;
};

/// BuildKit's form: per platform with predicates, an attestation manifest (OCI manifest; config
/// `{"architecture":"unknown","os":"unknown","config":{},"rootfs":{…diff_ids}}`; one
/// `application/vnd.in-toto+json` layer per statement, annotated `in-toto.io/predicate-type`),
/// listed after the images in a new index with platform unknown/unknown and the
/// `vnd.docker.reference.type=attestation-manifest` / `vnd.docker.reference.digest=<image
/// manifest>` annotations. One platform becomes an index too (as buildx). Everything is written
/// to `store`; `images` is not changed. Errors: a platform without an image (kInternal), store
/// failures.
util::Result<AssembledImages> WithAttestationManifests(const content::Store& store, const AssembledImages& images,
                                                       const Attestations& attestations);

/// An artifact manifest attached to `subject` (a platform's image manifest).
struct Referrer {
  image::Descriptor manifest;  ///< with artifactType and annotations
  image::Digest subject = image::Digest::OfBytes("");
};

/// The OCI 1.1 referrers form: per platform with predicates, an artifact manifest
/// (artifactType `application/vnd.in-toto+json`, the empty config, the same in-toto layers,
/// `subject` = the platform's image manifest), written to `store`; its descriptor carries the
/// artifactType and annotations a referrers index lists.
util::Result<std::vector<Referrer>> WriteReferrerManifests(const content::Store& store, const AssembledImages& images,
                                                           const Attestations& attestations);

/// Pushes each referrer (and its blobs) to every repository of `names` (where the images were
/// pushed) and makes it findable from its subject: the registry's referrers API when it has
/// one, else the tag-schema index (registry::AttachReferrer). Progress: one step per repository.
util::Status PushReferrers(const content::Store& store, const std::vector<Referrer>& referrers,
                           const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                           progress::Sink& progress);

/// The in-toto statement bytes for one predicate about `manifest` (the subjects: one per
/// subject name, each with the manifest's digest).
std::string StatementBytes(const AttestationPredicate& predicate, const image::Descriptor& manifest,
                           const image::Platform& platform, const std::vector<std::string>& subject_names);

}  // namespace manifold::exporter
