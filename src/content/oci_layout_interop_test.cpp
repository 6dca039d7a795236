// Interop of our OCI layouts with real peers: skopeo, umoci, GNU tar (skipped when absent).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "content/oci_layout.hpp"
#include "content/oci_layout_test_image.hpp"
#include "support/temp_dir.hpp"

namespace manifold::content {
namespace {

using testing::TempDir;

bool HaveTool(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

struct Output {
  int status = -1;
  std::string out;
};

// Runs a shell command (our temp paths hold no spaces or quotes) and captures its stdout;
// stderr goes to the test log.
Output Sh(const std::string& command) {
  Output run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class OciLayoutInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_ / "root");
    ASSERT_TRUE(store) << store.error().What();
    store_.emplace(std::move(*store));
    auto image = BuildTestImage(*store_, "v1");
    ASSERT_TRUE(image) << image.error().What();
    image_ = std::move(*image);
    ASSERT_TRUE(WriteLayoutTarFile(*store_, image_.roots, dir_ / "image.tar"));
    ASSERT_TRUE(WriteLayoutDir(*store_, image_.roots, dir_ / "layout"));
  }

  TempDir dir_;
  std::optional<Store> store_;
  TestImage image_;
};

TEST_F(OciLayoutInterop, SkopeoReadsArchiveAndDirectory) {
  if (!HaveTool("skopeo")) GTEST_SKIP() << "skopeo is not installed";
  Output archive = Sh("skopeo inspect --raw oci-archive:" + (dir_ / "image.tar").string());
  ASSERT_EQ(archive.status, 0);
  EXPECT_EQ(archive.out, image_.index_bytes);
  Output layout = Sh("skopeo inspect --raw oci:" + (dir_ / "layout").string() + ":v1");
  ASSERT_EQ(layout.status, 0);
  EXPECT_EQ(layout.out, image_.index_bytes);

  // skopeo copies our archive (the host platform's image) into a layout of its own, which our
  // reader then imports: interop in both directions.
  Output copy = Sh("skopeo --insecure-policy copy -q oci-archive:" + (dir_ / "image.tar").string() + " oci:" +
                (dir_ / "copied").string() + ":copied");
  ASSERT_EQ(copy.status, 0);
  auto other = *Store::Open(dir_ / "other");
  auto read = ReadLayout(other, dir_ / "copied");
  ASSERT_TRUE(read) << read.error().What();
  ASSERT_EQ(read->manifests.size(), 1u);
  EXPECT_EQ(read->manifests[0].annotations.at(std::string(kRefNameAnnotation)), "copied");
  EXPECT_TRUE(other.Verify(image_.layer));

  // And all platforms, as a tar skopeo writes.
  Output all = Sh("skopeo --insecure-policy copy -q --all oci:" + (dir_ / "layout").string() + ":v1 oci-archive:" +
               (dir_ / "all.tar").string());
  ASSERT_EQ(all.status, 0);
  auto again = *Store::Open(dir_ / "again");
  auto read_all = ReadLayout(again, dir_ / "all.tar");
  ASSERT_TRUE(read_all) << read_all.error().What();
  ASSERT_EQ(read_all->manifests.size(), 1u);
  for (const auto& d : image_.all) EXPECT_TRUE(again.Has(d)) << d.str();
}

TEST_F(OciLayoutInterop, UmociListsTheRefName) {
  if (!HaveTool("umoci")) GTEST_SKIP() << "umoci is not installed";
  Output ls = Sh("umoci ls --layout " + (dir_ / "layout").string());
  ASSERT_EQ(ls.status, 0);
  EXPECT_EQ(ls.out, "v1\n");
}

TEST_F(OciLayoutInterop, GnuTarListsTheArchive) {
  if (!HaveTool("tar")) GTEST_SKIP() << "tar is not installed";
  Output list = Sh("tar -tf " + (dir_ / "image.tar").string());
  ASSERT_EQ(list.status, 0);
  // The largest blob first, then the others by digest (WriteLayoutTar's order).
  auto blobs = *CollectLayoutBlobs(*store_, image_.roots);
  auto largest = std::max_element(blobs.begin(), blobs.end(), [](const auto& a, const auto& b) { return a.size < b.size; });
  std::rotate(blobs.begin(), largest, largest + 1);
  std::string want = "blobs/\nblobs/sha256/\n";
  for (const auto& d : blobs) want += "blobs/sha256/" + std::string(d.digest.hex()) + "\n";
  want += "index.json\noci-layout\n";
  EXPECT_EQ(list.out, want);
  Output verbose = Sh("TZ=UTC tar -tvf " + (dir_ / "image.tar").string() + " --numeric-owner");
  ASSERT_EQ(verbose.status, 0);
  EXPECT_NE(verbose.out.find("-rw-r--r-- 0/0"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("drwxr-xr-x 0/0"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("1970-01-01"), std::string::npos) << verbose.out;
}

}  // namespace
}  // namespace manifold::content
