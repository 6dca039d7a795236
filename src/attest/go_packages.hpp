// GoPackages: the packages a Go binary's build info names.
#pragma once

#include <string_view>

#include "attest/go_modinfo.hpp"
#include "attest/package.hpp"

namespace manifold::attest {

/// Adds to `report` what the binary at `location` was built from: its main module, each
/// dependency (a dependency replaced by another module version is listed as that replacement;
/// one replaced by a local directory keeps its required version and says so in its comment),
/// and the Go standard library as "stdlib" at the toolchain's version ("go1.19.8"). Purls:
/// pkg:golang/MODULE/PATH@VERSION and pkg:golang/stdlib@goX.Y.Z. The main module's comment
/// names the binary and its GOOS/GOARCH and vcs.revision settings when present. Counts one
/// binary and its modules in report.go_binaries / go_modules.
void AddGoPackages(const GoBuildInfo& info, std::string_view location, ScanReport& report);

}  // namespace manifold::attest
