// Build checks after the solve: which ones run, how they report, and when they fail the build.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "builder/check_warning.hpp"
#include "exporter/image_assembly.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "progress/sink.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The check options of one build: the Dockerfile's `# check=` directive, replaced (as BuildKit
/// does) by the build-arg BUILDKIT_DOCKERFILE_CHECK or its alias BUILDKIT_BUILD_CHECK when one is
/// given (both: merged), then the --check flag merged on top (MergeCheckOptions: skips add up,
/// an explicit error=… wins). Errors (kInvalidArgument): a build-arg value that does not parse,
/// naming the build-arg.
util::Result<frontend::dockerfile::CheckOptions> EffectiveCheckOptions(
    const frontend::dockerfile::CheckOptions& directive, const std::map<std::string, std::string>& build_args,
    const frontend::dockerfile::CheckOptions& flag);

/// Runs every check that `options` does not skip (today: WrongArchBinary) over the images about
/// to be exported. Each check shows on `progress` as a "[checks] Rule" vertex whose log says
/// what it read and how long it took, with one warning event per finding. Returns the findings.
/// Errors: with options.Fails() and any finding, kInvalidArgument naming every finding (the
/// caller then delivers nothing); a check that could not read a layer. `memo`: where scans of
/// cached layers are remembered (WrongArchOptions::memo).
util::Result<std::vector<CheckWarning>> RunBuildChecks(const std::vector<exporter::PlatformImageInput>& images,
                                                       const frontend::dockerfile::CheckOptions& options,
                                                       progress::Sink& progress, cache::MetaStore* memo = nullptr);

}  // namespace manifold::builder
