// builder::ParsePlatformFlags: `--platform` values (and bake's `platforms`) → normalized platforms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// Parses each value as a comma list of `os/arch[/variant]` or `local` (the host's), normalized
/// as containerd does, duplicates dropped, in order; none at all = the host's platform.
/// `what` names the source in errors ("--platform", "target \"app\": platforms"). Errors
/// (kInvalidArgument): a malformed platform, or an architecture nothing can run (a typo found
/// now rather than after the build).
util::Result<std::vector<image::Platform>> ParsePlatformFlags(const std::vector<std::string>& values,
                                                              std::string_view what = "--platform");

}  // namespace manifold::builder
