// --build-context NAME=VALUE: the flag parsed, and the named contexts read for a build.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/store.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"

namespace manifold::builder {

/// One `--build-context NAME=VALUE`, as parsed (nothing read yet). Plain data; provenance
/// takes these as materials.
struct NamedContextSpec {
  enum class Kind { kDirectory, kImage, kOciLayout, kGit };
  Kind kind = Kind::kDirectory;
  std::string value;                ///< VALUE as given (a kGit URL may hold credentials: show Redacted)
  std::filesystem::path path;       ///< kDirectory, kOciLayout: as given (relative to the working directory)
  std::string reference;            ///< kImage: the image reference after docker-image://
  std::string oci_tag;              ///< kOciLayout: after ':' ("latest" when neither tag nor digest)
  std::string oci_digest;           ///< kOciLayout: after '@' ("" = by tag, else the layout's only image)
};

/// The key a context NAME, or a name written in FROM/--from, is known by, as buildx and
/// BuildKit compare them: the reference in familiar form without ":latest" (`alpine`,
/// `docker.io/library/alpine:latest` → "alpine"; `localhost:5000/a:1` stays). Errors
/// (kInvalidArgument) when `name` is not a valid image reference name.
util::Result<std::string> NamedContextKey(std::string_view name);

/// Parses one flag value. VALUE is a directory, `docker-image://REF` or
/// `oci-layout://PATH[@sha256:DIGEST|:TAG]` or a git URL (util::IsGitUrl: kGit, fetched by
/// ResolveBuildContext, which turns it into a kDirectory). Errors (kInvalidArgument, the flag
/// and value named): no '=', a NAME that is no valid reference name or is `context`/`scratch`
/// (never looked up), `target:` (bake's), a malformed git URL, other http(s) URLs (not
/// fetched here), another `SCHEME://`, an invalid REF or digest. Returns the key
/// (NamedContextKey) and the spec.
util::Result<std::pair<std::string, NamedContextSpec>> ParseBuildContextFlag(std::string_view flag);

/// A directory context read for a build: where it is and what its own .dockerignore hides.
struct NamedContextDir {
  std::filesystem::path dir;                 ///< absolute, symlinks resolved
  std::vector<std::string> ignore_patterns;  ///< NAME's <dir>/.dockerignore (part of digests)
  worker::PathFilter excluded;
  worker::PathFilter walk_excluded;
};

/// The named contexts of a build, read: what the frontend lowers with, and the directories the
/// worker reads (by local source name, "context:KEY").
struct NamedContexts {
  std::map<std::string, frontend::dockerfile::NamedContext> lowered;  ///< by key
  std::map<std::string, NamedContextDir> dirs;                        ///< by local source name
  /// The images of oci-layout contexts, imported into the store: by the `image` string the
  /// frontend hands the resolver ("oci-layout://KEY@sha256:…"), the root descriptor.
  std::map<std::string, image::Descriptor> layouts;
};

/// Reads every context of `specs`: a directory (relative to the working directory) must
/// exist, and its `.dockerignore` (read confined to it, as the build context's) applies to it
/// alone; an OCI layout directory is imported into `store` and the image chosen (by digest,
/// else by the `org.opencontainers.image.ref.name` tag, else the layout's only image). Errors
/// name the flag: a missing directory, an unreadable layout, no image of that tag.
util::Result<NamedContexts> ReadNamedContexts(const std::map<std::string, NamedContextSpec>& specs,
                                              const content::Store& store);

/// The resolver Lower gets: oci-layout images of `contexts` from `store`, every other name
/// through `fallback` (the registry / image store). Valid while its arguments live.
frontend::dockerfile::ImageResolver NamedContextResolver(const NamedContexts& contexts, const content::Store& store,
                                                         frontend::dockerfile::ImageResolver fallback);

}  // namespace manifold::builder
