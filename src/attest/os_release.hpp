// OsRelease: the distribution an image says it is (/etc/os-release), for purl qualifiers.
#pragma once

#include <string>
#include <string_view>

#include "attest/package.hpp"
#include "attest/root_files.hpp"

namespace manifold::attest {

/// The fields of os-release(5) that package URLs use; empty when absent.
struct OsRelease {
  std::string id;          ///< "debian", "ubuntu", "alpine"
  std::string version_id;  ///< "12", "22.04", "3.19.1"
  /// "ID-VERSION_ID" ("debian-12") for purl's distro qualifier; "" without both.
  std::string Distro() const;
};

/// Parses os-release text: KEY=VALUE lines, values optionally quoted ('"' or '\''), '#' comments.
OsRelease ParseOsRelease(std::string_view text);

/// /etc/os-release, else /usr/lib/os-release, of the scanned root; an empty OsRelease when
/// neither is there. A file that cannot be read is noted in `report.skipped`.
OsRelease ReadOsRelease(const RootFiles& root, ScanReport& report);

}  // namespace manifold::attest
