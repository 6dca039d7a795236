// What manifold tells tools that expect buildx: the buildx release it stands in for, and the
// lines buildx prints that tools parse (`buildx version`, the plugin metadata).
#pragma once

#include <string>
#include <string_view>

namespace manifold::cli {

/// The buildx release whose `buildx build` flags and parsed output formats manifold covers:
/// every flag of that release's `buildx build` is taken or refused by name
/// (tests/integration/build_flags_test.sh), and `version`, `inspect`, `ls --format json` and
/// the metadata file keep its shapes. Raised only when a newer release's additions are in.
/// Tools gate features on it (docker/build-push-action: --call from 0.15, annotations from
/// 0.12, attestations from 0.10; build records from 0.23, which manifold does not keep).
inline constexpr const char* kBuildxCompatVersion = "0.18.0";

/// The BuildKit release whose Dockerfile frontend and attestation behaviour manifold follows
/// (what `inspect` reports as "BuildKit version", with manifold's own version as semver build
/// metadata so that version checks read a plain release).
inline constexpr const char* kBuildkitCompatVersion = "0.17.0";

/// `buildx version`'s line: "manifold v0.18.0 manifold-0.1.0-abc1234" (package, buildx-compatible
/// version, manifold's own version and commit), the three fields buildx prints.
std::string BuildxVersionLine();

/// "v0.17.0+manifold-0.1.0": what inspect and ls report as a node's BuildKit version, given
/// the manifold version that node runs.
std::string BuildkitVersionLabel(std::string_view manifold_version);

/// The JSON docker's CLI reads from `docker-cli-plugin-metadata`.
std::string PluginMetadataJson(bool as_buildx);

}  // namespace manifold::cli
