// bake::ToBuildSetMembers: resolved bake targets → the members of one builder::BuildSet.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bake/target.hpp"
#include "builder/build_set.hpp"
#include "progress/sink.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// What the bake command line gives every target's request.
struct MemberDefaults {
  std::filesystem::path root;              ///< MANIFOLD_ROOT
  progress::Mode progress = progress::Mode::kAuto;
  int jobs = 0;
  std::string builder;
  /// $BUILDX_NO_DEFAULT_ATTESTATIONS ("" = unset or empty), as `build` reads it.
  std::string no_default_attestations;
  /// --allow: entitlements granted to every target, beside each target's own `entitlements`.
  std::vector<std::string> allow;
};

/// Converts each target as buildx's toBuildOpt does: context "." by default ("cwd://" prefix
/// stripped; "-" refused), dockerfile relative to a local context (joined to it, unless
/// absolute or "cwd://"), dockerfile-inline as the Dockerfile's text, args and labels without
/// their null entries, platforms, tags, outputs, cache-from/-to (type=gha dropped with a
/// warning, as `build` does), secrets, ssh, attest, annotations, no-cache, no-cache-filter,
/// pull, network, extra-hosts, shm-size, ulimits and entitlements; `contexts` values
/// `target:NAME` become links to NAME's member (which must be among `targets`), the others
/// --build-context values. SOURCE_DATE_EPOCH from the environment becomes a build arg as in
/// `build`. `warnings` receives the lines to show before the build. Errors name the target and
/// attribute ("target \"app\": output: ...").
util::Result<std::vector<builder::BuildSetMember>> ToBuildSetMembers(const std::vector<Target>& targets,
                                                                     const MemberDefaults& defaults,
                                                                     std::vector<std::string>& warnings);

}  // namespace manifold::bake
