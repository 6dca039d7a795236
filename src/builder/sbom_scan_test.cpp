// ScanSboms over real snapshots: one SPDX document per platform, progress lines, refusals.
#include "builder/sbom_scan.hpp"

#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "image/json_canonical.hpp"
#include "progress/recorder.hpp"
#include "support/temp_dir.hpp"
#include "util/mount.hpp"

namespace manifold::builder {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << data;
}

image::Platform Linux(std::string arch) {
  image::Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  return p;
}

std::vector<std::string> Names(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const auto& p : doc["packages"]) out.push_back(p["name"].get<std::string>());
  return out;
}

class SbomScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "snapshots need root";
    ASSERT_TRUE(util::EnterPrivateMountNamespace());
    auto s = snapshot::Snapshotter::Open(dir_ / "snapshots", true);
    ASSERT_TRUE(s) << s.error().What();
    snapshotter_ = std::move(*s);
    // Layer 1: a Debian-like base; layer 2 (over it) adds a Node package and removes a dpkg entry.
    auto m1 = snapshotter_->Prepare(nullptr);
    ASSERT_TRUE(m1);
    Write(m1->merged() / "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    Write(m1->merged() / "var/lib/dpkg/status",
          "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u5\n\n"
          "Package: tzdata\nStatus: install ok installed\nArchitecture: all\nVersion: 2024a-0+deb12u1\n");
    base_ = *m1->Commit();
    auto m2 = snapshotter_->Prepare(base_);
    ASSERT_TRUE(m2);
    Write(m2->merged() / "app/node_modules/left-pad/package.json", R"({"name":"left-pad","version":"1.3.0","license":"WTFPL"})");
    Write(m2->merged() / "var/lib/dpkg/status",
          "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u5\n");
    top_ = *m2->Commit();
  }
  std::vector<exporter::PlatformImageInput> Images() {
    std::vector<exporter::PlatformImageInput> images(2);
    images[0].platform = Linux("amd64");
    images[0].root = top_;
    images[1].platform = Linux("arm64");
    images[1].root = base_;
    return images;
  }
  manifold::testing::TempDir dir_;
  std::unique_ptr<snapshot::Snapshotter> snapshotter_;
  snapshot::SnapshotRef base_, top_;
};

TEST_F(SbomScanTest, OneDocumentPerPlatformFromItsOwnFilesWithProgress) {
  SbomScanOptions options;
  options.name = "localhost:5000/app:1.0";
  options.source_date_epoch = 1700000000;
  progress::Recorder recorder;
  auto sboms = ScanSboms(*snapshotter_, Images(), options, recorder);
  ASSERT_TRUE(sboms) << sboms.error().What();
  ASSERT_EQ(sboms->size(), 2u);
  EXPECT_EQ((*sboms)[0].platform, Linux("amd64"));
  EXPECT_EQ(Names((*sboms)[0].document),
            (std::vector<std::string>{"localhost:5000/app:1.0 linux/amd64", "base-files", "left-pad"}));
  EXPECT_EQ(Names((*sboms)[1].document),
            (std::vector<std::string>{"localhost:5000/app:1.0 linux/arm64", "base-files", "tzdata"}));
  EXPECT_EQ((*sboms)[1].document["creationInfo"]["created"], "2023-11-14T22:13:20Z");
  EXPECT_EQ((*sboms)[1].document["packages"][2]["externalRefs"][0]["referenceLocator"],
            "pkg:deb/debian/tzdata@2024a-0+deb12u1?arch=all&distro=debian-12");
  EXPECT_EQ((*sboms)[0].summary.rfind("dpkg: 1 package, npm: 1 package in ", 0), 0u) << (*sboms)[0].summary;

  std::vector<std::string> lines;
  for (const auto& e : recorder.events()) {
    EXPECT_EQ(e.vertex, "sbom/" + e.platforms.at(0));
    lines.push_back(fmt::format("{} {} {}", static_cast<int>(e.kind), e.name, e.text.substr(0, 18)));
  }
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "0 [linux/amd64] generating SBOM ", "2 [linux/amd64] generating SBOM dpkg: 1 package, n",
                       "4 [linux/amd64] generating SBOM ", "0 [linux/arm64] generating SBOM ",
                       "2 [linux/arm64] generating SBOM dpkg: 2 packages i", "4 [linux/arm64] generating SBOM "}));

  // SOURCE_DATE_EPOCH and the same files: the same bytes.
  auto again = ScanSboms(*snapshotter_, Images(), options, recorder);
  ASSERT_TRUE(again);
  EXPECT_EQ(image::CanonicalJson((*again)[0].document), image::CanonicalJson((*sboms)[0].document));
}

TEST_F(SbomScanTest, StageAndContextScanBuildArgsAreRefusedUnlessFalse) {
  progress::NullSink sink;
  SbomScanOptions options;
  options.build_args = {{"BUILDKIT_SBOM_SCAN_CONTEXT", "false"}, {"BUILDKIT_SBOM_SCAN_STAGE", "0"}};
  EXPECT_TRUE(ScanSboms(*snapshotter_, Images(), options, sink));
  for (const char* value : {"true", "builder,tools"}) {
    options.build_args = {{"BUILDKIT_SBOM_SCAN_STAGE", value}};
    auto refused = ScanSboms(*snapshotter_, Images(), options, sink);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(refused.error().What().find(std::string("--build-arg BUILDKIT_SBOM_SCAN_STAGE=") + value),
              std::string::npos)
        << refused.error().What();
  }
}

}  // namespace
}  // namespace manifold::builder
