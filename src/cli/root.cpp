// State directory and build summaries.
#include "cli/root.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "executor/user_namespace.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {

std::filesystem::path RootDir() {
  if (const char* root = std::getenv("MANIFOLD_ROOT"); root && *root) return root;
  // Root of a rootless user namespace (cli::ContinueAsRoot) keeps the user's own state.
  const char* rootless = std::getenv(executor::kRootlessEnv);
  if (::geteuid() == 0 && (rootless == nullptr || *rootless == '\0')) return "/var/lib/manifold";
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "manifold";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home ? home : ".") / ".local/share/manifold";
}

void PrintBuildSummary(const builder::BuildResult& result, const progress::CountingSink& counts) {
  fmt::print(stderr, "\nName:      {}\nMediaType: {}\nDigest:    {}\n",
             result.pushed.empty() ? std::string("(build result)") : fmt::format("{}", fmt::join(result.pushed, ", ")),
             result.root.media_type,
             result.root.digest.str());
  if (!result.loaded.empty()) fmt::print(stderr, "Loaded:    {} (manifold images)\n", fmt::join(result.loaded, ", "));
  for (const auto& note : result.notes) fmt::print(stderr, "Engine:    {}\n", note);
  if (result.platforms.size() > 1 || result.root.media_type != result.platforms.front().manifest.media_type) {
    fmt::print(stderr, "\nManifests:\n");
  }
  for (const auto& p : result.platforms) {
    fmt::print(stderr, "  Platform:  {}\n  Digest:    {}\n  Config:    {}\n  Layers:    {} ({:.1f} kB compressed)\n",
               image::Format(p.platform), p.manifest.digest.str(), p.config.str(), p.layers, p.layers_size / 1000.0);
    if (!p.node.empty()) fmt::print(stderr, "  Node:      {} ({})\n", p.node, p.native ? "native" : "emulated");
    const auto& t = p.run_steps;
    if (t.native_steps + t.emulated_steps > 0) {
      fmt::print(stderr, "  RUN steps: {} native ({:.1f}s), {} emulated ({:.1f}s)\n", t.native_steps, t.native_seconds,
                 t.emulated_steps, t.emulated_seconds);
    }
    if (counts.cached() > 0) {
      size_t hits = counts.cached_for(image::Format(p.platform));
      fmt::print(stderr, "  Cached:    {} step{}\n", hits, hits == 1 ? "" : "s");
    }
    fmt::print(stderr, "\n");
  }
}

void PrintCheckWarnings(const std::vector<builder::CheckWarning>& warnings, progress::Mode mode) {
  if (warnings.empty() || mode == progress::Mode::kQuiet || mode == progress::Mode::kRawJson) return;
  fmt::print(stderr, "\n{} warning{} found:\n", warnings.size(), warnings.size() == 1 ? "" : "s");
  for (const auto& w : warnings) fmt::print(stderr, "WARNING: {}: {}\n", w.rule, w.message);
}

void PrintLintWarnings(const std::vector<frontend::dockerfile::LintFinding>& findings, progress::Mode mode) {
  if (findings.empty() || mode == progress::Mode::kQuiet || mode == progress::Mode::kRawJson) return;
  fmt::print(stderr, "\n{} lint warning{} found (see them in full with --call=check):\n", findings.size(),
             findings.size() == 1 ? "" : "s");
  for (const auto& f : findings) fmt::print(stderr, " - {}: {} (line {})\n", f.rule, f.message, f.start_line);
}

}  // namespace manifold::cli
