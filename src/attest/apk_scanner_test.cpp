// apk database scanning.
#include "attest/apk_scanner.hpp"

#include <gtest/gtest.h>

namespace manifold::attest {
namespace {

TEST(ApkScanner, RecordsWithPurlLicenceAndOrigin) {
  constexpr std::string_view kInstalled =
      "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:aarch64\nS:383152\nL:MIT\no:musl\nm:Timo Teräs <timo@example.org>\n"
      "F:lib\nR:ld-musl-aarch64.so.1\n\n"
      "P:libcrypto3\nV:3.1.4-r5\nA:aarch64\nL:Apache-2.0\no:openssl\n\n"
      "P:no-version\n\n";
  ScanReport report;
  ParseApkInstalled(kInstalled, "/lib/apk/db/installed", {.id = "alpine", .version_id = "3.19.1"}, report);
  ASSERT_EQ(report.packages.size(), 2u);
  EXPECT_EQ(report.packages[0].purl, "pkg:apk/alpine/musl@1.2.4-r2?arch=aarch64&distro=alpine-3.19.1");
  EXPECT_EQ(report.packages[0].license, "MIT");
  EXPECT_EQ(report.packages[0].supplier, "Person: Timo Teräs (timo@example.org)");
  EXPECT_EQ(report.packages[1].comment, "origin package: openssl");
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].find("without P: or V:"), std::string::npos);
}

TEST(ApkScanner, HugeValueSkipsTheRecord) {
  const std::string text = "P:x\nV:" + std::string(5000, '9') + "\n\nP:y\nV:1\n";
  ScanReport report;
  ParseApkInstalled(text, "db", {}, report);
  ASSERT_EQ(report.packages.size(), 1u);
  EXPECT_EQ(report.packages[0].purl, "pkg:apk/alpine/y@1");
  EXPECT_EQ(report.skipped.size(), 1u);
}

}  // namespace
}  // namespace manifold::attest
