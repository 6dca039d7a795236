// The builder's SBOM hook: a read-only view per platform, the attest scanners, progress lines.
#include "builder/sbom_scan.hpp"

#include <fmt/format.h>

#include "attest/scan.hpp"
#include "attest/spdx_document.hpp"
#include "image/platform_parse.hpp"
#include "util/clock.hpp"
#include "util/go_bool.hpp"
#include "util/version.hpp"

namespace manifold::builder {

namespace {

constexpr size_t kSkippedLines = 10;

progress::Event SbomEvent(progress::EventKind kind, const std::string& platform, std::string text = "") {
  progress::Event e;
  e.kind = kind;
  e.vertex = "sbom/" + platform;
  e.name = fmt::format("[{}] generating SBOM", platform);
  e.platforms = {platform};
  e.text = std::move(text);
  return e;
}

util::Status CheckScanArgs(const std::map<std::string, std::string>& build_args) {
  for (const char* name : {"BUILDKIT_SBOM_SCAN_STAGE", "BUILDKIT_SBOM_SCAN_CONTEXT"}) {
    auto it = build_args.find(name);
    if (it == build_args.end() || util::ParseGoBool(it->second) == false) continue;
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--build-arg {}={}: manifold scans only the final image for its SBOM, not build stages or the "
                      "build context; remove the build arg or set it to false",
                      name, it->second);
  }
  return {};
}

}  // namespace

util::Result<std::vector<PlatformSbom>> ScanSboms(snapshot::Snapshotter& snapshotter,
                                                  const std::vector<exporter::PlatformImageInput>& images,
                                                  const SbomScanOptions& options, progress::Sink& progress) {
  MANIFOLD_CHECK(CheckScanArgs(options.build_args));
  std::vector<PlatformSbom> out;
  for (const auto& input : images) {
    const std::string platform = image::Format(input.platform);
    progress.Emit(SbomEvent(progress::EventKind::kStarted, platform));
    auto scanned = [&]() -> util::Result<attest::ScanReport> {
      auto view = MANIFOLD_TRY(snapshotter.View(input.root));
      return attest::ScanRootFs(view.path());
    }();
    if (!scanned) {
      progress.Emit(SbomEvent(progress::EventKind::kError, platform, scanned.error().What()));
      return std::unexpected(std::move(scanned.error()).Context("generating the SBOM of {}", platform));
    }
    PlatformSbom sbom;
    sbom.platform = input.platform;
    sbom.summary = attest::Summary(*scanned);
    progress.Emit(SbomEvent(progress::EventKind::kLog, platform, sbom.summary));
    for (size_t i = 0; i < scanned->skipped.size() && i < kSkippedLines; ++i) {
      progress.Emit(SbomEvent(progress::EventKind::kLog, platform, "skipped " + scanned->skipped[i]));
    }
    if (scanned->skipped.size() > kSkippedLines) {
      progress.Emit(SbomEvent(progress::EventKind::kLog, platform,
                              fmt::format("… and {} more skipped", scanned->skipped.size() - kSkippedLines)));
    }
    attest::SpdxOptions spdx;
    spdx.name = fmt::format("{} {}", options.name.empty() ? "image" : options.name, platform);
    spdx.platform = platform;
    spdx.tool_version = std::string(util::Version());
    spdx.created = options.source_date_epoch.value_or(util::UnixSeconds());
    sbom.document = attest::SpdxDocument(scanned->packages, spdx);
    progress.Emit(SbomEvent(progress::EventKind::kDone, platform));
    out.push_back(std::move(sbom));
  }
  return out;
}

}  // namespace manifold::builder
