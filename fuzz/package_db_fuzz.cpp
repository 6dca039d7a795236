// libFuzzer target: the package databases an image carries, and their SPDX rendering.
//
// Input: one file's bytes, read as a dpkg status file, a DEP-5 copyright file, an apk
// installed database, Python core metadata and a package.json; then the packages found go
// through attest::SpdxDocument and canonical JSON, whose bytes must parse again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "attest/apk_scanner.hpp"
#include "attest/dpkg_scanner.hpp"
#include "attest/npm_scanner.hpp"
#include "attest/python_scanner.hpp"
#include "attest/spdx_document.hpp"
#include "image/json_canonical.hpp"

namespace attest = manifold::attest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  attest::ScanReport report;
  const attest::OsRelease os = attest::ParseOsRelease(bytes);
  attest::ParseDpkgStatus(bytes, "/var/lib/dpkg/status", true, os, report);
  attest::ParseDpkgStatus(bytes, "/var/lib/dpkg/status.d/x", false, os, report);
  attest::ParseApkInstalled(bytes, "/lib/apk/db/installed", os, report);
  attest::ParsePythonMetadata(bytes, "/METADATA", report);
  attest::ParsePackageJson(bytes, "/node_modules/x/package.json", report);
  const std::string license = attest::Dep5License(bytes);
  if (!report.packages.empty()) report.packages.front().license = license;
  attest::SpdxOptions options;
  options.name = "fuzz";
  const std::string doc = manifold::image::CanonicalJson(attest::SpdxDocument(report.packages, options));
  if (!manifold::image::ParseJson(doc, "SPDX document")) std::abort();
  return 0;
}
