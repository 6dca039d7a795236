// ScanDpkg: Debian/Ubuntu packages from dpkg's database (and distroless images' status.d).
#pragma once

#include <string_view>

#include "attest/os_release.hpp"
#include "attest/package.hpp"
#include "attest/root_files.hpp"

namespace manifold::attest {

/// The packages of one dpkg status text (`location` names it): paragraphs whose Status is
/// "install ok installed", or every paragraph when `require_installed` is false (distroless
/// status.d entries carry no Status). Purl: pkg:deb/ID/NAME@VERSION?arch=ARCH&distro=ID-VERSION_ID
/// with ID from os-release ("debian" when unknown). A paragraph without Package or Version, or
/// with a field over the scanners' bounds (name/version 256 bytes, maintainer/source 1 KiB), is
/// skipped with a line in `report.skipped`. Licences are not read here (see ScanDpkg).
void ParseDpkgStatus(std::string_view text, std::string_view location, bool require_installed, const OsRelease& os,
                     ScanReport& report);

/// The licence of a machine-readable (DEP-5) copyright file: its `License:` short names, each
/// once, joined with " AND "; "" when the file is not DEP-5 (no leading "Format:" line).
std::string Dep5License(std::string_view copyright);

/// Reads /var/lib/dpkg/status (at most 64 MiB) and every file of /var/lib/dpkg/status.d/
/// (distroless; at most 100000 files of 1 MiB, *.md5sums ignored), then each package's
/// /usr/share/doc/NAME/copyright for its licence (at most 512 KiB; optional). Paths are
/// resolved inside `root`; entries of status.d are opened without following symlinks. Files
/// that cannot be read are lines in `report.skipped`, never a failure.
void ScanDpkg(const RootFiles& root, const OsRelease& os, ScanReport& report);

}  // namespace manifold::attest
