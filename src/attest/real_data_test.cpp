// The scanners on real Debian material: busybox-static's .deb and a Go binary built by Debian's
// Go toolchain for linux/arm64 (tests/support/sbom_rootfs.sh makes them; skipped without).
#include <cstdlib>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "attest/scan.hpp"
#include "attest/spdx_document.hpp"
#include "support/json_schema.hpp"
#include "support/temp_dir.hpp"

namespace manifold::attest {
namespace {

std::map<std::string, std::string> ReadEnv(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (const size_t eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

const Package* Find(const ScanReport& r, PackageSource source, std::string_view name) {
  for (const auto& p : r.packages) {
    if (p.source == source && p.name == name) return &p;
  }
  return nullptr;
}

TEST(RealData, BusyboxStaticDebAndCrossBuiltGoBinary) {
  const char* source = std::getenv("MANIFOLD_SOURCE_DIR");
  if (source == nullptr) GTEST_SKIP() << "MANIFOLD_SOURCE_DIR is not set (run through ctest)";
  manifold::testing::TempDir dir;
  const std::string command = std::string(source) + "/tests/support/sbom_rootfs.sh " + (dir / "root").string() + " " +
                              (dir / "expected.env").string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << command;
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "sbom_rootfs.sh: golang-go or busybox-static unavailable";
  ASSERT_EQ(WEXITSTATUS(status), 0) << command;
  auto expected = ReadEnv(dir / "expected.env");

  auto report = ScanRootFs(dir / "root");
  ASSERT_TRUE(report) << report.error().What();
  const Package* bb = Find(*report, PackageSource::kDpkg, "busybox-static");
  ASSERT_NE(bb, nullptr);
  EXPECT_EQ(bb->version, expected["DEB_VERSION"]);
  EXPECT_EQ(bb->purl, "pkg:deb/debian/busybox-static@" + expected["DEB_VERSION"] + "?arch=" + expected["DEB_ARCH"] +
                          "&distro=" + expected["DISTRO"]);
  EXPECT_NE(bb->comment.find("source package: busybox"), std::string::npos) << bb->comment;

  const Package* app = Find(*report, PackageSource::kGoModule, "example.com/app");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->location, "/usr/local/bin/app");
  EXPECT_NE(app->comment.find("GOARCH=arm64"), std::string::npos) << app->comment;
  const Package* dep = Find(*report, PackageSource::kGoModule, "example.com/dep");
  ASSERT_NE(dep, nullptr);
  EXPECT_EQ(dep->purl, "pkg:golang/example.com/dep@v0.1.0");
  EXPECT_EQ(dep->comment, "replaced by the local directory ./dep");
  const Package* stdlib = Find(*report, PackageSource::kGoStdlib, "stdlib");
  ASSERT_NE(stdlib, nullptr);
  EXPECT_EQ(stdlib->purl, "pkg:golang/stdlib@" + expected["GO_VERSION"]);
  // busybox itself is a static C binary with an executable bit: looked at, not taken for Go.
  EXPECT_EQ(report->go_binaries, 1u);
  EXPECT_EQ(report->packages.size(), 4u);
  EXPECT_TRUE(report->skipped.empty()) << report->skipped.front();
  EXPECT_NE(Summary(*report).find("dpkg: 1 package, go: 1 binary, 2 modules in "), std::string::npos) << Summary(*report);

  SpdxOptions options;
  options.name = "sbom-fixture linux/arm64";
  options.platform = "linux/arm64";
  options.tool_version = "test";
  options.created = 0;
  const auto doc = SpdxDocument(report->packages, options);
  std::string error;
  auto schemas = manifold::testing::JsonSchemaSet::Load(std::filesystem::path(source) / "tests/data/spdx", &error);
  ASSERT_TRUE(schemas) << error;
  const auto violations = schemas->Validate(doc, "spdx-document-2.3.json");
  EXPECT_TRUE(violations.empty()) << violations.front();
}

}  // namespace
}  // namespace manifold::attest
