// Python distributions: *.dist-info/METADATA and *.egg-info/PKG-INFO in site-/dist-packages.
#pragma once

#include <string_view>

#include "attest/package.hpp"

namespace manifold::attest {

/// At most this many bytes of a METADATA / PKG-INFO file are read.
inline constexpr size_t kMaxPythonMetadataBytes = 1 << 20;

/// Adds the distribution described by core-metadata text (the header block of METADATA or
/// PKG-INFO; `location` is the file's path) to `report`: Name, Version, and the licence from
/// License-Expression, else a one-line License under 200 bytes other than "UNKNOWN". Purl:
/// pkg:pypi/NAME@VERSION, NAME normalised as PEP 503. Without Name or Version, or with either
/// over 256 bytes: a line in `report.skipped`.
void ParsePythonMetadata(std::string_view text, std::string_view location, ScanReport& report);

/// True when a directory entry named `name` in a directory named `parent_name` holds or is
/// core metadata: "*.dist-info" or "*.egg-info" directly in "site-packages"/"dist-packages".
bool IsPythonMetadataEntry(std::string_view parent_name, std::string_view name);

}  // namespace manifold::attest
