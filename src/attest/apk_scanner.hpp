// ScanApk: Alpine packages from apk's installed database.
#pragma once

#include <string_view>

#include "attest/os_release.hpp"
#include "attest/package.hpp"
#include "attest/root_files.hpp"

namespace manifold::attest {

/// The packages of an apk "installed" database text (`location` names it): one blank-line
/// separated record per package, "K:value" lines (P name, V version, A arch, L licence,
/// o origin, m maintainer; others ignored). Purl: pkg:apk/ID/NAME@VERSION?arch=ARCH&distro=...
/// (ID "alpine" when os-release says nothing). A record without P or V, or with a value over
/// 1 KiB, is skipped with a line in `report.skipped`.
void ParseApkInstalled(std::string_view text, std::string_view location, const OsRelease& os, ScanReport& report);

/// Reads /lib/apk/db/installed of `root` (at most 64 MiB). Unreadable: a line in report.skipped.
void ScanApk(const RootFiles& root, const OsRelease& os, ScanReport& report);

}  // namespace manifold::attest
