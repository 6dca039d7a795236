// Names and the one-line summary of a scan.
#include "attest/package.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace manifold::attest {

std::string_view PackageSourceName(PackageSource source) {
  switch (source) {
    case PackageSource::kDpkg: return "dpkg";
    case PackageSource::kApk: return "apk";
    case PackageSource::kPython: return "python";
    case PackageSource::kNpm: return "npm";
    case PackageSource::kGoModule: return "go";
    case PackageSource::kGoStdlib: return "go-stdlib";
  }
  return "unknown";
}

namespace {

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string PersonSupplier(std::string_view maintainer) {
  const size_t lt = maintainer.find('<');
  const size_t gt = maintainer.rfind('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt) return "Person: " + std::string(maintainer);
  std::string_view name = maintainer.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return fmt::format("Person: {} ({})", name, maintainer.substr(lt + 1, gt - lt - 1));
}

std::string Summary(const ScanReport& report) {
  std::vector<std::string> parts;
  if (report.dpkg) parts.push_back("dpkg: " + Count(report.dpkg, "package", "packages"));
  if (report.apk) parts.push_back("apk: " + Count(report.apk, "package", "packages"));
  if (report.python) parts.push_back("python: " + Count(report.python, "package", "packages"));
  if (report.npm) parts.push_back("npm: " + Count(report.npm, "package", "packages"));
  if (report.go_binaries) {
    parts.push_back("go: " + Count(report.go_binaries, "binary", "binaries") + ", " +
                    Count(report.go_modules, "module", "modules"));
  }
  std::string text = parts.empty() ? "no packages found" : fmt::format("{}", fmt::join(parts, ", "));
  if (!report.skipped.empty()) text += fmt::format(" ({} skipped)", Count(report.skipped.size(), "file", "files"));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(report.elapsed).count();
  return fmt::format("{} in {} ms", text, ms);
}

}  // namespace manifold::attest
