// attest::Package and ScanReport: what the scanners of a root filesystem find, and what it cost.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::attest {

/// The database or file kind a package was read from.
enum class PackageSource { kDpkg, kApk, kPython, kNpm, kGoModule, kGoStdlib };

/// Short lower-case name of `source` ("dpkg", "apk", "python", "npm", "go", "go-stdlib").
std::string_view PackageSourceName(PackageSource source);

/// One piece of software found in a filesystem. Strings are as read (bounded by the scanners'
/// limits); empty means unknown.
struct Package {
  PackageSource source = PackageSource::kDpkg;
  std::string name;
  std::string version;
  std::string purl;      ///< Package URL (purl.hpp); empty when none can be formed
  std::string license;   ///< the licence as the database states it (not yet SPDX); empty = unknown
  std::string supplier;  ///< SPDX supplier ("Person: Jane (jane@example.org)"); empty = unknown
  std::string location;  ///< the file it was read from, absolute inside the root ("/var/lib/dpkg/status")
  std::string comment;   ///< further facts (source package, module replacement); may be empty
};

/// What one scan of a root filesystem found.
struct ScanReport {
  std::vector<Package> packages;      ///< sorted (source, name, version, location), no duplicates
  std::vector<std::string> skipped;   ///< one line per file that was not understood, and why
  size_t dpkg = 0, apk = 0, python = 0, npm = 0;  ///< packages per database
  size_t go_binaries = 0;             ///< ELF files with Go build info
  size_t go_modules = 0;              ///< main modules and dependencies (stdlib not counted)
  size_t entries_walked = 0;          ///< directory entries looked at by the tree walk
  std::chrono::steady_clock::duration elapsed{};
};

/// A maintainer as databases write it ("Jane Doe <jane@example.org>") in SPDX's supplier form
/// ("Person: Jane Doe (jane@example.org)"); without <…>, "Person: " + the text.
std::string PersonSupplier(std::string_view maintainer);

/// "dpkg: 12 packages, go: 1 binary, 3 modules in 14 ms" — the databases that gave something
/// (or "no packages found"), then the time. For progress logs.
std::string Summary(const ScanReport& report);

}  // namespace manifold::attest
