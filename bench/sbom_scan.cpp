// Benchmark: one SBOM scan of a root filesystem directory (attest::ScanRootFs + SPDX), timed.
//
// usage: sbom_scan ROOT [--print]
// Prints the scan's summary line, the counts and the wall time of the scan and of the SPDX
// document; --print writes the document (canonical JSON) to stdout instead.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "attest/scan.hpp"
#include "attest/spdx_document.hpp"
#include "image/json_canonical.hpp"

using namespace manifold;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sbom_scan ROOT [--print]\n");
    return 2;
  }
  const bool print = argc > 2 && std::strcmp(argv[2], "--print") == 0;
  auto report = attest::ScanRootFs(argv[1]);
  if (!report) {
    std::fprintf(stderr, "sbom_scan: %s\n", report.error().What().c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  attest::SpdxOptions options;
  options.name = argv[1];
  options.tool_version = "bench";
  const std::string doc = image::CanonicalJson(attest::SpdxDocument(report->packages, options));
  const auto spdx_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (print) {
    std::fwrite(doc.data(), 1, doc.size(), stdout);
    return 0;
  }
  std::printf("%s\npackages=%zu skipped=%zu entries_walked=%zu spdx_ms=%.1f spdx_bytes=%zu\n",
              attest::Summary(*report).c_str(), report->packages.size(), report->skipped.size(),
              report->entries_walked, spdx_ms, doc.size());
  for (size_t i = 0; i < report->skipped.size() && i < 5; ++i) std::printf("skipped: %s\n", report->skipped[i].c_str());
  return 0;
}
