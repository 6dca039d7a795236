// registry::Reference: image references parsed and normalized as docker does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "image/digest.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// A normalized image reference: `docker.io/library/busybox:latest`,
/// `localhost:5000/team/app@sha256:…`. Plain data.
struct Reference {
  std::string domain;                   ///< "docker.io", "localhost:5000", "[::1]:5000"
  std::string path;                     ///< "library/busybox", "team/app"
  std::string tag;                      ///< "" when none was given (and none defaulted)
  std::optional<image::Digest> digest;  ///< pins the content when given

  /// "docker.io/library/busybox".
  std::string Name() const { return domain + "/" + path; }
  /// The whole reference: name[:tag][@digest].
  std::string String() const;
  /// As docker prints it: "busybox:latest", "team/app:1" on docker.io; String() elsewhere.
  std::string Familiar() const;
  /// What goes in /v2/<path>/manifests/<HERE>: the digest when set, else the tag.
  std::string TagOrDigest() const { return digest ? digest->str() : tag; }
};

/// Parses and normalizes like docker's ParseDockerRef: a first component with '.' or ':' or
/// equal to "localhost" is a registry, otherwise the image is on docker.io (one-component
/// names in "library/"); "index.docker.io" means docker.io; "latest" is added when neither a
/// tag nor a digest is given. Errors (kInvalidArgument) quote the text and say what is wrong:
/// empty, upper-case repository, invalid characters, tag too long or malformed, bad digest,
/// name over 255 characters, a bare 64-hex string.
util::Result<Reference> ParseReference(std::string_view text);

/// Like ParseReference without adding the default tag.
util::Result<Reference> ParseReferenceNoDefault(std::string_view text);

}  // namespace manifold::registry
