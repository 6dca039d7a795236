// Python core metadata (packaging.python.org "Core metadata specifications").
#include "attest/python_scanner.hpp"

#include <fmt/format.h>

#include "attest/control_file.hpp"
#include "attest/purl.hpp"

namespace manifold::attest {

namespace {

constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxLicenseBytes = 200;

}  // namespace

bool IsPythonMetadataEntry(std::string_view parent_name, std::string_view name) {
  return (parent_name == "site-packages" || parent_name == "dist-packages") &&
         (name.ends_with(".dist-info") || name.ends_with(".egg-info"));
}

void ParsePythonMetadata(std::string_view text, std::string_view location, ScanReport& report) {
  const auto header = ParseControl(text, 1, {"Name", "Version", "License", "License-Expression"});
  const std::string_view name = header.empty() ? "" : header.front().Get("Name");
  const std::string_view version = header.empty() ? "" : header.front().Get("Version");
  if (name.empty() || version.empty() || name.size() > kMaxNameBytes || version.size() > kMaxNameBytes) {
    report.skipped.push_back(fmt::format("{}: no usable Name and Version", location));
    return;
  }
  Package pkg;
  pkg.source = PackageSource::kPython;
  pkg.name = name;
  pkg.version = version;
  pkg.location = location;
  std::string_view license = header.front().Get("License-Expression");
  if (license.empty()) license = header.front().Get("License");
  // A License field often holds the whole licence text: that is not a name.
  if (!license.empty() && license.size() <= kMaxLicenseBytes && license.find('\n') == std::string_view::npos &&
      license != "UNKNOWN") {
    pkg.license = license;
  }
  pkg.purl = FormatPurl({.type = "pypi", .namespace_path = "", .name = NormalizePythonName(name),
                         .version = pkg.version, .qualifiers = {}});
  report.packages.push_back(std::move(pkg));
  ++report.python;
}

}  // namespace manifold::attest
