// dpkg database scanning: installed entries only, status.d, DEP-5 licences, hostile databases.
#include "attest/dpkg_scanner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "attest/scan.hpp"
#include "attest/test_files.hpp"
#include "support/temp_dir.hpp"

namespace manifold::attest {
namespace {

using testing::WriteFile;

constexpr std::string_view kStatus = R"(Package: busybox-static
Status: install ok installed
Priority: optional
Maintainer: Debian Busybox Team <busybox@packages.example.org>
Architecture: arm64
Source: busybox (1:1.35.0-4)
Version: 1:1.35.0-4+b1
Description: Standalone rescue shell
 with tons of builtin utilities
 .
 more text

Package: removed-one
Status: deinstall ok config-files
Architecture: amd64
Version: 2.0

Package: libc6
Status: install ok installed
Architecture: arm64
Multi-Arch: same
Version: 2.36-9+deb12u4
)";

const Package* Find(const ScanReport& r, std::string_view name) {
  for (const auto& p : r.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(DpkgScanner, ListsInstalledEntriesWithPurlSourceAndMaintainer) {
  ScanReport report;
  ParseDpkgStatus(kStatus, "/var/lib/dpkg/status", true, {.id = "debian", .version_id = "12"}, report);
  ASSERT_EQ(report.packages.size(), 2u);
  EXPECT_EQ(Find(report, "removed-one"), nullptr);
  const Package* bb = Find(report, "busybox-static");
  ASSERT_NE(bb, nullptr);
  EXPECT_EQ(bb->version, "1:1.35.0-4+b1");
  EXPECT_EQ(bb->purl, "pkg:deb/debian/busybox-static@1:1.35.0-4+b1?arch=arm64&distro=debian-12");
  EXPECT_EQ(bb->supplier, "Person: Debian Busybox Team (busybox@packages.example.org)");
  EXPECT_EQ(bb->comment, "source package: busybox (1:1.35.0-4)");
  EXPECT_EQ(report.dpkg, 2u);
}

TEST(DpkgScanner, UbuntuNamespaceAndNoDistroWithoutVersion) {
  ScanReport report;
  ParseDpkgStatus(kStatus, "s", true, {.id = "ubuntu", .version_id = "22.04"}, report);
  EXPECT_EQ(Find(report, "libc6")->purl, "pkg:deb/ubuntu/libc6@2.36-9+deb12u4?arch=arm64&distro=ubuntu-22.04");
  ScanReport bare;
  ParseDpkgStatus(kStatus, "s", true, {}, bare);
  EXPECT_EQ(Find(bare, "libc6")->purl, "pkg:deb/debian/libc6@2.36-9+deb12u4?arch=arm64");
}

TEST(DpkgScanner, Dep5LicenseOnlyFromMachineReadableFiles) {
  EXPECT_EQ(Dep5License("Format: https://example.org/dep5\nUpstream-Name: x\n\nFiles: *\nCopyright: me\n"
                        "License: GPL-2\n\nFiles: debian/*\nLicense: GPL-2+ or Artistic\n\n"
                        "License: GPL-2\n The text.\n"),
            "GPL-2 AND (GPL-2+ or Artistic)");
  EXPECT_EQ(Dep5License("This is free software.\nLicense: GPL\n"), "");
}

TEST(DpkgScanner, FieldOverBoundsSkipsTheEntryNotTheFile) {
  const std::string huge = "Package: big\nStatus: install ok installed\nVersion: " + std::string(300000, '1') +
                           "\n\nPackage: small\nStatus: install ok installed\nVersion: 1\n";
  ScanReport report;
  ParseDpkgStatus(huge, "/var/lib/dpkg/status", true, {}, report);
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages[0].name, "small");
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].find("over the scan's bounds"), std::string::npos) << report.skipped[0];
}

TEST(DpkgScanner, RootScanReadsStatusStatusDAndCopyright) {
  manifold::testing::TempDir dir;
  const auto root = dir / "root";
  WriteFile(root / "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
  WriteFile(root / "var/lib/dpkg/status", kStatus);
  WriteFile(root / "var/lib/dpkg/status.d/tzdata", "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n");
  WriteFile(root / "var/lib/dpkg/status.d/tzdata.md5sums", "0123 usr/share/zoneinfo/UTC\n");
  WriteFile(root / "usr/share/doc/libc6/copyright", "Format: x\n\nFiles: *\nLicense: LGPL-2.1+\n");
  auto report = ScanRootFs(root);
  ASSERT_TRUE(report) << report.error().What();
  EXPECT_EQ(report->dpkg, 3u);
  ASSERT_NE(Find(*report, "tzdata"), nullptr);
  EXPECT_EQ(Find(*report, "tzdata")->location, "/var/lib/dpkg/status.d/tzdata");
  EXPECT_EQ(Find(*report, "tzdata")->purl, "pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12");
  EXPECT_EQ(Find(*report, "libc6")->license, "LGPL-2.1+");
  EXPECT_EQ(Find(*report, "busybox-static")->license, "");
  EXPECT_TRUE(report->skipped.empty()) << report->skipped.front();
}

// A hostile image: its dpkg status is a symlink to a host file (absolute, and by ../ climbing),
// its status.d holds a symlink and a FIFO. The host file must never be read.
TEST(DpkgScanner, SymlinksToHostFilesAreResolvedInsideTheRoot) {
  manifold::testing::TempDir dir;
  const auto host_file = dir / "host-shadow";
  WriteFile(host_file, "Package: leaked-from-host\nStatus: install ok installed\nVersion: 6.6.6\n");
  for (const std::string& target : {host_file.string(), "../../../../../../../../../../.." + host_file.string()}) {
    const auto root = dir / ("root" + std::to_string(target.size()));
    std::filesystem::create_directories(root / "var/lib/dpkg/status.d");
    std::filesystem::create_symlink(target, root / "var/lib/dpkg/status");
    std::filesystem::create_symlink(host_file, root / "var/lib/dpkg/status.d/evil");
    ASSERT_EQ(mkfifo((root / "var/lib/dpkg/status.d/fifo").c_str(), 0644), 0);
    auto report = ScanRootFs(root);
    ASSERT_TRUE(report) << report.error().What();
    EXPECT_TRUE(report->packages.empty()) << report->packages.front().name << " read through " << target;
    EXPECT_EQ(report->skipped.size(), 2u);  // the symlink and the FIFO of status.d, each named
    for (const auto& line : report->skipped) EXPECT_NE(line.find("status.d/"), std::string::npos) << line;
  }
}

TEST(DpkgScanner, OversizedStatusFileIsSkippedWithItsName) {
  manifold::testing::TempDir dir;
  const auto root = dir / "root";
  WriteFile(root / "var/lib/dpkg/status", "");
  ASSERT_EQ(truncate((root / "var/lib/dpkg/status").c_str(), (64 << 20) + 1), 0);  // sparse: no disk used
  auto report = ScanRootFs(root);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_NE(report->skipped[0].find("/var/lib/dpkg/status is 67108865 bytes"), std::string::npos) << report->skipped[0];
}

}  // namespace
}  // namespace manifold::attest
