// Shared cli helpers: where state lives, and how a build result is summarized.
#pragma once

#include <filesystem>
#include <vector>

#include "builder/build.hpp"
#include "frontend/dockerfile/lint.hpp"
#include "progress/counting_sink.hpp"
#include "progress/sink.hpp"

namespace manifold::cli {

/// MANIFOLD_ROOT, else /var/lib/manifold for root, else $XDG_DATA_HOME/manifold
/// (~/.local/share/manifold).
std::filesystem::path RootDir();

/// Prints what a build produced, imagetools-style, to stderr: platforms, digests, sizes, RUN
/// steps run natively and under emulation, and (when the build had any) cache hits per platform
/// as counted by `counts`. Not called in quiet mode (the cli prints the root digest alone, on
/// stdout) nor in rawjson mode (stderr carries JSON lines only).
void PrintBuildSummary(const builder::BuildResult& result, const progress::CountingSink& counts);

/// Prints build check warnings to stderr after the build, as buildx does: "N warning(s) found:"
/// then one "WARNING: Rule: description" line each. Nothing in quiet and rawjson modes (as
/// buildx; rawjson carries them as warning events).
void PrintCheckWarnings(const std::vector<builder::CheckWarning>& warnings, progress::Mode mode);

/// Prints the Dockerfile's lint findings after a build, as buildx: "N warning(s) found:" then
/// " - Rule: message (line N)" each. Nothing in quiet and rawjson modes.
void PrintLintWarnings(const std::vector<frontend::dockerfile::LintFinding>& findings, progress::Mode mode);

}  // namespace manifold::cli
