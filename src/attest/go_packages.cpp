// Go build info → packages with golang purls.
#include "attest/go_packages.hpp"

#include <fmt/format.h>

#include "attest/purl.hpp"

namespace manifold::attest {

namespace {

std::string GoPurl(std::string_view path, std::string_view version) {
  const size_t slash = path.rfind('/');
  PurlParts parts{.type = "golang",
                  .namespace_path = slash == std::string_view::npos ? "" : std::string(path.substr(0, slash)),
                  .name = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1)),
                  .version = std::string(version),
                  .qualifiers = {}};
  return FormatPurl(parts);
}

Package Module(std::string_view path, std::string_view version, std::string_view location, std::string comment) {
  Package pkg;
  pkg.source = PackageSource::kGoModule;
  pkg.name = path;
  pkg.version = version;
  pkg.purl = GoPurl(path, version);
  pkg.location = location;
  pkg.comment = std::move(comment);
  return pkg;
}

bool IsLocalDirectory(std::string_view path) {
  return path.starts_with("./") || path.starts_with("../") || path.starts_with("/") || path == "." || path == "..";
}

}  // namespace

void AddGoPackages(const GoBuildInfo& info, std::string_view location, ScanReport& report) {
  ++report.go_binaries;
  if (!info.main.path.empty()) {
    std::string comment = fmt::format("main module of {}", location);
    for (const auto& [key, value] : info.settings) {
      if (key == "GOOS" || key == "GOARCH" || key == "vcs.revision") comment += fmt::format("; {}={}", key, value);
    }
    report.packages.push_back(Module(info.main.path, info.main.version, location, std::move(comment)));
    ++report.go_modules;
  }
  for (const GoModule& dep : info.deps) {
    if (!dep.replace_path.empty() && !IsLocalDirectory(dep.replace_path)) {
      report.packages.push_back(Module(dep.replace_path, dep.replace_version, location,
                                       fmt::format("replaces {} {}", dep.path, dep.version)));
    } else if (!dep.replace_path.empty()) {
      report.packages.push_back(Module(dep.path, dep.version, location,
                                       fmt::format("replaced by the local directory {}", dep.replace_path)));
    } else {
      report.packages.push_back(Module(dep.path, dep.version, location, ""));
    }
    ++report.go_modules;
  }
  // "go1.21.0 X:boringcrypto": the version is the first word.
  const std::string version = info.go_version.substr(0, info.go_version.find(' '));
  Package stdlib;
  stdlib.source = PackageSource::kGoStdlib;
  stdlib.name = "stdlib";
  stdlib.version = version;
  stdlib.purl = FormatPurl({.type = "golang", .namespace_path = "", .name = "stdlib", .version = version, .qualifiers = {}});
  stdlib.license = "BSD-3-Clause";  // the Go project's LICENSE, for every Go release
  stdlib.location = location;
  report.packages.push_back(std::move(stdlib));
}

}  // namespace manifold::attest
