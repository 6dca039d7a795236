// An overlay upper dir archived as an OCI layer: deletions and opaque dirs become whiteouts.
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "snapshot/snapshotter.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"
#include "support/string_sink.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::snapshot {
namespace {

std::string ListTar(const std::string& bytes, const std::filesystem::path& dir) {
  auto path = dir / "layer.tar";
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  FILE* p = ::popen(("tar -tf " + path.string()).c_str(), "r");
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) ::pclose(p);
  return out;
}

TEST(OverlayDiff, DeletionsAndOpaqueDirsBecomeWhiteouts) {
  if (::geteuid() != 0) GTEST_SKIP() << "overlay snapshots need root";
  ASSERT_TRUE(util::EnterPrivateMountNamespace());
  testing::TempDir dir;
  auto snapshotter = std::move(*Snapshotter::Open(dir / "snaps", true));
  auto m1 = snapshotter->Prepare(nullptr);
  ASSERT_TRUE(m1);
  std::filesystem::create_directories(m1->merged() / "etc/conf.d");
  std::ofstream(m1->merged() / "etc/a") << "a";
  std::ofstream(m1->merged() / "etc/conf.d/x") << "x";
  auto s1 = *m1->Commit();
  auto m2 = snapshotter->Prepare(s1);
  ASSERT_TRUE(m2);
  std::filesystem::remove(m2->merged() / "etc/a");
  std::filesystem::remove_all(m2->merged() / "etc/conf.d");
  std::filesystem::create_directories(m2->merged() / "etc/conf.d");
  std::ofstream(m2->merged() / "etc/conf.d/y") << "y";
  auto s2 = *m2->Commit();

  testing::StringSink sink;
  TarWriter tar(sink);
  TreeTarOptions options;
  options.overlay_whiteouts = true;
  ASSERT_TRUE(WriteTreeTar(s2->diff_dir(), tar, options));
  ASSERT_TRUE(tar.Finish());
  std::string listing = ListTar(sink.out, dir.path());
  EXPECT_NE(listing.find("etc/.wh.a\n"), std::string::npos) << listing;
  EXPECT_NE(listing.find("etc/conf.d/.wh..wh..opq\n"), std::string::npos) << listing;
  EXPECT_NE(listing.find("etc/conf.d/y\n"), std::string::npos) << listing;
  EXPECT_EQ(listing.find("etc/conf.d/x"), std::string::npos) << listing;
  EXPECT_LT(listing.find("etc/conf.d/.wh..wh..opq"), listing.find("etc/conf.d/y")) << "marker before contents";

  testing::StringSink prefixed;
  TarWriter tar2(prefixed);
  options.path_prefix = "linux_arm64/";
  ASSERT_TRUE(WriteTreeTar(s2->diff_dir(), tar2, options));
  ASSERT_TRUE(tar2.Finish());
  EXPECT_NE(ListTar(prefixed.out, dir.path()).find("linux_arm64/etc/conf.d/y\n"), std::string::npos);
}

}  // namespace
}  // namespace manifold::snapshot
