// Python and Node packages found by the walk of ScanRootFs.
#include <gtest/gtest.h>

#include "attest/npm_scanner.hpp"
#include "attest/purl.hpp"
#include "attest/python_scanner.hpp"
#include "attest/scan.hpp"
#include "attest/test_files.hpp"
#include "support/temp_dir.hpp"

namespace manifold::attest {
namespace {

using testing::WriteFile;

const Package* Find(const ScanReport& r, std::string_view name) {
  for (const auto& p : r.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(PythonScanner, DistInfoEggInfoDirAndFileInSitePackagesOnly) {
  manifold::testing::TempDir dir;
  const auto root = dir / "root";
  const auto site = root / "usr/local/lib/python3.11/site-packages";
  WriteFile(site / "Flask_SQLAlchemy-3.1.1.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: Flask_SQLAlchemy\nVersion: 3.1.1\nLicense-Expression: BSD-3-Clause\n"
            "\nName: not-the-header\n");
  WriteFile(root / "usr/lib/python3/dist-packages/six-1.16.0.egg-info", "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n");
  WriteFile(site / "old.egg-info/PKG-INFO", "Name: old\nVersion: 0.1\nLicense: UNKNOWN\n");
  WriteFile(site / "broken.dist-info/METADATA", "Metadata-Version: 2.1\nSummary: no name\n");
  WriteFile(root / "srv/elsewhere/stray-1.0.dist-info/METADATA", "Name: stray\nVersion: 1.0\n");
  auto report = ScanRootFs(root);
  ASSERT_TRUE(report) << report.error().What();
  EXPECT_EQ(report->python, 3u);
  ASSERT_NE(Find(*report, "Flask_SQLAlchemy"), nullptr);
  EXPECT_EQ(Find(*report, "Flask_SQLAlchemy")->purl, "pkg:pypi/flask-sqlalchemy@3.1.1");
  EXPECT_EQ(Find(*report, "Flask_SQLAlchemy")->license, "BSD-3-Clause");
  EXPECT_EQ(Find(*report, "six")->license, "MIT");
  EXPECT_EQ(Find(*report, "old")->license, "");
  EXPECT_EQ(Find(*report, "stray"), nullptr);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_NE(report->skipped[0].find("broken.dist-info/METADATA: no usable Name and Version"), std::string::npos);
}

TEST(PythonScanner, Pep503Names) {
  EXPECT_EQ(NormalizePythonName("Foo.Bar__baz-_.Qux"), "foo-bar-baz-qux");
}

TEST(NpmScanner, ScopedNestedAndLegacyLicencesButNotNpmsBundledCopies) {
  manifold::testing::TempDir dir;
  const auto root = dir / "root";
  const auto app = root / "app/node_modules";
  WriteFile(app / "express/package.json", R"({"name":"express","version":"4.18.2","license":"MIT"})");
  WriteFile(app / "express/node_modules/debug/package.json",
            R"({"name":"debug","version":"2.6.9","license":{"type":"MIT","url":"x"}})");
  WriteFile(app / "@babel/core/package.json", R"({"name":"@babel/core","version":"7.23.0","licenses":[{"type":"MIT"},{"type":"Apache-2.0"}]})");
  WriteFile(app / "express/lib/package.json", R"({"type":"module"})");  // not a package's own
  WriteFile(app / "bad/package.json", R"({"name":"bad","version":)");
  WriteFile(root / "usr/local/lib/node_modules/npm/package.json", R"({"name":"npm","version":"10.2.3"})");
  WriteFile(root / "usr/local/lib/node_modules/npm/node_modules/semver/package.json", R"({"name":"semver","version":"7.5.4"})");
  auto report = ScanRootFs(root);
  ASSERT_TRUE(report) << report.error().What();
  EXPECT_EQ(report->npm, 4u);
  EXPECT_EQ(Find(*report, "@babel/core")->purl, "pkg:npm/%40babel/core@7.23.0");
  EXPECT_EQ(Find(*report, "@babel/core")->license, "MIT OR Apache-2.0");
  EXPECT_EQ(Find(*report, "debug")->license, "MIT");
  EXPECT_EQ(Find(*report, "debug")->location, "/app/node_modules/express/node_modules/debug/package.json");
  EXPECT_NE(Find(*report, "npm"), nullptr);
  EXPECT_EQ(Find(*report, "semver"), nullptr);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_NE(report->skipped[0].find("bad/package.json: not valid JSON"), std::string::npos);
}

TEST(NpmScanner, PackageJsonPaths) {
  EXPECT_TRUE(IsNodePackageJson("/node_modules/a/package.json"));
  EXPECT_TRUE(IsNodePackageJson("/x/node_modules/@s/a/package.json"));
  EXPECT_FALSE(IsNodePackageJson("/x/node_modules/a/b/package.json"));
  EXPECT_FALSE(IsNodePackageJson("/x/node_modules/@s/package.json"));
  EXPECT_FALSE(IsNodePackageJson("/x/package.json"));
}

TEST(TreeWalk, SymlinkedDirectoriesAreNotEnteredAndDepthIsBounded) {
  manifold::testing::TempDir dir;
  const auto root = dir / "root";
  WriteFile(dir / "host/node_modules/leak/package.json", R"({"name":"leak","version":"1"})");
  std::filesystem::create_directories(root);
  std::filesystem::create_symlink(dir / "host", root / "linked");
  std::filesystem::path deep = root;
  for (int i = 0; i < 60; ++i) deep /= "d";
  WriteFile(deep / "node_modules/deep/package.json", R"({"name":"deep","version":"1"})");
  auto report = ScanRootFs(root);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->packages.empty());
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_NE(report->skipped[0].find("deeper than 48 directories"), std::string::npos) << report->skipped[0];
}

}  // namespace
}  // namespace manifold::attest
