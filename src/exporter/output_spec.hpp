// Output specs: what `--output`/`-o`, `--push` and `--load` ask the build to deliver.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/compress.hpp"
#include "exporter/annotations.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

enum class OutputType {
  kOci,       ///< an OCI image layout, as a tar (default) or a directory (tar=false)
  kDocker,    ///< a `docker load` archive (one platform); without dest, loaded into the Docker Engine
  kLocal,     ///< the filesystem, one subfolder per platform when several
  kTar,       ///< the filesystem as one tar, one top folder per platform when several
  kImage,     ///< an image: pushed with push=true, else kept in manifold's store
  kRegistry,  ///< an image pushed to a registry (= image,push=true)
  kCacheOnly, ///< no image at all: the build runs for its --cache-to exports
};

/// How an image output carries the build's attestations (`attestations=` key).
enum class AttestationStyle {
  kIndex,      ///< BuildKit's: attestation manifests in the index (platform unknown/unknown)
  kReferrers,  ///< OCI 1.1 referrers of each platform manifest; the index holds only images
};

/// One parsed `--output` value. Unknown keys are errors (a typo must not be ignored).
struct OutputSpec {
  OutputType type = OutputType::kLocal;
  std::string dest;                   ///< file, directory, or "-" for stdout
  bool tar = true;                    ///< oci: false writes a directory layout
  content::Compression compression = content::Compression::kGzip;
  std::optional<int> compression_level;
  bool oci_mediatypes = true;         ///< false: Docker schema 2 / manifest list types
  std::vector<std::string> names;     ///< image names (name=a,b or -t)
  bool push = false;
  bool registry_insecure = false;
  std::vector<Annotation> annotations;  ///< annotation[-TYPE][[PLATFORM]].KEY=VALUE keys, in order
  bool push_by_digest = false;        ///< image: push without a tag (by digest into name='s repository)
  bool name_canonical = false;        ///< image: also store under NAME@DIGEST (manifold's image store)
  std::string dangling_name_prefix;   ///< image: with no name, name the image PREFIX@DIGEST
  std::optional<bool> store;          ///< image: keep it in manifold's image store (unset: when not pushed)
  bool force_compression = false;     ///< recompress base-image layers into `compression`
  bool rewrite_timestamp = false;     ///< clamp layer file mtimes to SOURCE_DATE_EPOCH (needs it set)
  bool oci_artifact = false;          ///< attestations as OCI artifacts (for the attestation manifests)
  std::optional<bool> platform_split; ///< local/tar: one folder per platform (false is refused for several)
  AttestationStyle attestations = AttestationStyle::kIndex;  ///< registry/image/oci: attestations=index|referrers
  std::string raw;                    ///< the text as given, for messages
};

/// Parses one `--output` value as buildx does: `type=oci,dest=out.tar,compression=zstd`; a
/// value without `=` is a local destination directory (`-o DIR`), and `-` means a tar of the
/// filesystem on stdout. Quoted CSV fields ("name=a,b") are understood. Errors name the flag
/// value and the offending key.
util::Result<OutputSpec> ParseOutputSpec(std::string_view text);

/// The flag name of an output type ("oci", "docker", ...).
std::string_view OutputTypeName(OutputType type);

}  // namespace manifold::exporter
