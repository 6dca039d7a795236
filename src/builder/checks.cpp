// Build checks: options from directive, build-arg and flag; progress; error=true.
#include "builder/checks.hpp"

#include <fmt/format.h>

#include "builder/wrong_arch_check.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

namespace {

progress::Event CheckEvent(progress::EventKind kind, std::string_view rule, const std::vector<std::string>& platforms,
                           std::string text = "") {
  progress::Event e;
  e.kind = kind;
  e.vertex = fmt::format("checks/{}", rule);
  e.name = fmt::format("[checks] {}", rule);
  e.platforms = platforms;
  e.text = std::move(text);
  return e;
}

}  // namespace

util::Result<frontend::dockerfile::CheckOptions> EffectiveCheckOptions(
    const frontend::dockerfile::CheckOptions& directive, const std::map<std::string, std::string>& build_args,
    const frontend::dockerfile::CheckOptions& flag) {
  std::optional<frontend::dockerfile::CheckOptions> from_args;
  for (const char* name : {"BUILDKIT_DOCKERFILE_CHECK", "BUILDKIT_BUILD_CHECK"}) {
    auto it = build_args.find(name);
    if (it == build_args.end()) continue;
    auto parsed = frontend::dockerfile::ParseCheckOptions(it->second);
    if (!parsed) {
      return util::Fail(parsed.error().kind(), "--build-arg {}={}: {}", name, it->second, parsed.error().message());
    }
    from_args = from_args ? frontend::dockerfile::MergeCheckOptions(*from_args, *parsed) : *parsed;
  }
  return frontend::dockerfile::MergeCheckOptions(from_args.value_or(directive), flag);
}

util::Result<std::vector<CheckWarning>> RunBuildChecks(const std::vector<exporter::PlatformImageInput>& images,
                                                       const frontend::dockerfile::CheckOptions& options,
                                                       progress::Sink& progress, cache::MetaStore* memo) {
  std::vector<CheckWarning> warnings;
  if (!options.Skips(kWrongArchBinary)) {
    std::vector<std::string> platforms;
    for (const auto& image : images) platforms.push_back(image::Format(image.platform));
    progress.Emit(CheckEvent(progress::EventKind::kStarted, kWrongArchBinary, platforms));
    auto report = CheckWrongArch(images, {.files_listed = 10, .memo = memo});
    if (!report) {
      progress.Emit(CheckEvent(progress::EventKind::kError, kWrongArchBinary, platforms, report.error().What()));
      return std::unexpected(std::move(report.error()).Context("build check {}", kWrongArchBinary));
    }
    double ms = std::chrono::duration<double, std::milli>(report->elapsed).count();
    progress.Emit(CheckEvent(progress::EventKind::kLog, kWrongArchBinary, platforms,
                             fmt::format("{} file header{} read in {} built layer{}, {:.1f} ms", report->headers,
                                         report->headers == 1 ? "" : "s", report->layers,
                                         report->layers == 1 ? "" : "s", ms) +
                                 (report->layers_remembered == 0
                                      ? std::string()
                                      : fmt::format(" ({} cached layer{} remembered)", report->layers_remembered,
                                                    report->layers_remembered == 1 ? "" : "s"))));
    for (const auto& w : report->warnings) {
      progress.Emit(CheckEvent(progress::EventKind::kWarning, kWrongArchBinary, platforms,
                               fmt::format("{}: {}", w.rule, w.message)));
    }
    progress.Emit(CheckEvent(progress::EventKind::kDone, kWrongArchBinary, platforms));
    warnings.insert(warnings.end(), report->warnings.begin(), report->warnings.end());
  }
  if (options.Fails() && !warnings.empty()) {
    std::string all;
    for (const auto& w : warnings) all += fmt::format("{}{}: {}", all.empty() ? "" : "; ", w.rule, w.message);
    return util::Fail(util::ErrorKind::kInvalidArgument, "build check{} failed (check error=true), nothing was "
                      "exported: {}", warnings.size() == 1 ? "" : "s", all);
  }
  return warnings;
}

}  // namespace manifold::builder
