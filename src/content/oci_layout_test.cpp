// Tests of the OCI layout writer/reader: round trips, determinism, atomicity, bounded memory.
#include "content/oci_layout.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <span>

#include "content/oci_layout_test_image.hpp"
#include "content/tar_stream.hpp"
#include "support/pipe_capture.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace manifold::content {
namespace {

using testing::TempDir;

std::vector<std::string> ListDir(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

std::string Slurp(const std::filesystem::path& path) { return util::ReadFile(path).value_or("<unreadable>"); }

TEST(OciLayout, CollectsEveryBlobBelowTheRoots) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = BuildTestImage(store, "v1");
  ASSERT_TRUE(image) << image.error().What();
  auto blobs = CollectLayoutBlobs(store, image->roots);
  ASSERT_TRUE(blobs) << blobs.error().What();
  std::vector<image::Digest> got;
  for (const auto& d : *blobs) got.push_back(d.digest);
  EXPECT_EQ(got, image->all);  // sorted, unique: the layer is shared by both manifests

  // A missing config is named, with the manifest that references it.
  ASSERT_EQ(::unlink(store.BlobPath(image->config_amd64).c_str()), 0);
  auto missing = CollectLayoutBlobs(store, image->roots);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(missing.error().What().find(image->config_amd64.str()), std::string::npos) << missing.error().What();
  EXPECT_NE(missing.error().What().find("manifest sha256:"), std::string::npos) << missing.error().What();
}

TEST(OciLayout, DirectoryRoundTrip) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = *BuildTestImage(store, "v1");
  ASSERT_TRUE(WriteLayoutDir(store, image.roots, dir / "out"));
  EXPECT_EQ(ListDir(dir / "out"), (std::vector<std::string>{"blobs", "index.json", "oci-layout"}));
  EXPECT_EQ(Slurp(dir / "out/oci-layout"), R"({"imageLayoutVersion":"1.0.0"})");
  EXPECT_EQ(ListDir(dir / "out/blobs/sha256").size(), image.all.size());
  auto index = nlohmann::json::parse(Slurp(dir / "out/index.json"));
  EXPECT_EQ(index["schemaVersion"], 2);
  EXPECT_EQ(index["mediaType"], "application/vnd.oci.image.index.v1+json");
  EXPECT_EQ(index["manifests"][0]["annotations"][std::string(kRefNameAnnotation)], "v1");
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"out", "root"}));  // no temp dir left

  auto other = *Store::Open(dir / "other");
  auto layout = ReadLayout(other, dir / "out");
  ASSERT_TRUE(layout) << layout.error().What();
  EXPECT_EQ(layout->manifests, image.roots);
  EXPECT_EQ(layout->index_json, Slurp(dir / "out/index.json"));
  for (const auto& d : image.all) EXPECT_TRUE(other.Verify(d)) << d.str();

  // Writing again replaces the layout whole; the bytes of its blobs are reported as they go.
  auto second = *BuildTestImage(store, "v2");
  LayoutWriteOptions options;
  std::vector<std::pair<int64_t, int64_t>> reports;
  options.progress = [&](int64_t done, int64_t total) { reports.emplace_back(done, total); };
  ASSERT_TRUE(WriteLayoutDir(store, second.roots, dir / "out", options));
  int64_t blob_bytes = 0;
  for (const auto& d : second.all) blob_bytes += *store.Size(d);
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back(), std::make_pair(blob_bytes, blob_bytes));
  EXPECT_TRUE(std::is_sorted(reports.begin(), reports.end()));
  auto index2 = nlohmann::json::parse(Slurp(dir / "out/index.json"));
  EXPECT_EQ(index2["manifests"][0]["annotations"][std::string(kRefNameAnnotation)], "v2");
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"other", "out", "root"}));
}

TEST(OciLayout, DirectoryRefusesForeignDestAndLeavesNothingOnFailure) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = *BuildTestImage(store, "");
  std::filesystem::create_directories(dir / "busy");
  ASSERT_TRUE(util::WriteFileAtomic(dir / "busy/notes.txt", "mine"));
  auto r = WriteLayoutDir(store, image.roots, dir / "busy");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kConflict);
  EXPECT_NE(r.error().What().find((dir / "busy").string()), std::string::npos);
  EXPECT_EQ(ListDir(dir / "busy"), std::vector<std::string>{"notes.txt"});

  // An empty directory is fine.
  std::filesystem::create_directories(dir / "empty");
  EXPECT_TRUE(WriteLayoutDir(store, image.roots, dir / "empty"));
  EXPECT_TRUE(std::filesystem::exists(dir / "empty/oci-layout"));

  // A corrupt blob is caught mid-copy; dest never appears and the temp dir is gone. (By a
  // Store that did not write it: `store` checked the bytes as it wrote them.)
  std::filesystem::path layer = store.BlobPath(image.layer);
  ASSERT_EQ(::chmod(layer.c_str(), 0644), 0);
  ASSERT_TRUE(util::WriteFileAtomic(layer, std::string(Slurp(layer).size(), 'x')));
  auto reopened = *Store::Open(dir / "root");
  auto corrupt = WriteLayoutDir(reopened, image.roots, dir / "never");
  ASSERT_FALSE(corrupt);
  EXPECT_NE(corrupt.error().What().find("corrupted"), std::string::npos) << corrupt.error().What();
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"busy", "empty", "root"}));
}

TEST(OciLayout, TarRoundTripAndDeterminism) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = *BuildTestImage(store, "v1");
  ASSERT_TRUE(WriteLayoutTarFile(store, image.roots, dir / "a.tar"));
  ASSERT_TRUE(WriteLayoutTarFile(store, image.roots, dir / "b.tar"));
  std::string a = Slurp(dir / "a.tar");
  EXPECT_EQ(a.size() % 512, 0u);
  EXPECT_TRUE(a == Slurp(dir / "b.tar"));
  LayoutWriteOptions epoch;
  epoch.source_date_epoch = 1700000000;
  ASSERT_TRUE(WriteLayoutTarFile(store, image.roots, dir / "c.tar", epoch));
  EXPECT_FALSE(a == Slurp(dir / "c.tar"));

  // Entry order, types and owners.
  util::UniqueFd fd(::open((dir / "c.tar").c_str(), O_RDONLY));
  auto reader = *TarReader::Open(fd.get(), "c.tar");
  std::vector<std::string> names;
  while (auto entry = *reader.Next()) names.push_back(entry->name);
  ASSERT_EQ(names.size(), 2 + image.all.size() + 2);
  EXPECT_EQ(names[0], "blobs/");
  EXPECT_EQ(names[1], "blobs/sha256/");
  // The largest blob first (the layout tar's order), then the others by digest.
  image::Descriptor largest;
  auto blobs = CollectLayoutBlobs(store, image.roots);
  ASSERT_TRUE(blobs);
  for (const auto& d : *blobs) {
    if (d.size > largest.size) largest = d;
  }
  EXPECT_EQ(names[2], "blobs/sha256/" + std::string(largest.digest.hex()));
  EXPECT_TRUE(std::is_sorted(names.begin() + 3, names.end() - 2));
  EXPECT_EQ(names[names.size() - 2], "index.json");
  EXPECT_EQ(names.back(), "oci-layout");

  auto other = *Store::Open(dir / "other");
  auto layout = ReadLayout(other, dir / "c.tar");
  ASSERT_TRUE(layout) << layout.error().What();
  EXPECT_EQ(layout->manifests, image.roots);
  for (const auto& d : image.all) EXPECT_TRUE(other.Verify(d)) << d.str();

  // Streaming to a pipe (dest=-) gives the same bytes as the file.
  util::Status st;
  std::string piped = testing::CaptureThroughPipe([&](int fd) { st = WriteLayoutTar(store, image.roots, fd); });
  ASSERT_TRUE(st) << st.error().What();
  EXPECT_TRUE(piped == a);
}

TEST(OciLayout, KeepsRootMediaTypesAsTheyAre) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = *BuildTestImage(store, "v1");
  image.roots[0].media_type = image::media_type::kDockerManifestList;
  ASSERT_TRUE(WriteLayoutTarFile(store, image.roots, dir / "docker.tar"));
  auto other = *Store::Open(dir / "other");
  auto layout = ReadLayout(other, dir / "docker.tar");
  ASSERT_TRUE(layout) << layout.error().What();
  ASSERT_EQ(layout->manifests.size(), 1u);
  EXPECT_EQ(layout->manifests[0].media_type, image::media_type::kDockerManifestList);
  EXPECT_EQ(layout->manifests[0], image.roots[0]);
}

TEST(OciLayout, TarFileIsAtomic) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  auto image = *BuildTestImage(store, "v1");
  // Unwritable destination (its parent is a file: fails even as root).
  ASSERT_TRUE(util::WriteFileAtomic(dir / "file", "x"));
  auto unwritable = WriteLayoutTarFile(store, image.roots, dir / "file/out.tar");
  ASSERT_FALSE(unwritable);
  EXPECT_NE(unwritable.error().What().find("file/out.tar"), std::string::npos) << unwritable.error().What();

  // A missing blob: nothing at dest, no temp file, an existing dest untouched.
  ASSERT_TRUE(util::WriteFileAtomic(dir / "keep.tar", "old"));
  ASSERT_EQ(::unlink(store.BlobPath(image.layer).c_str()), 0);
  auto missing = WriteLayoutTarFile(store, image.roots, dir / "out.tar");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_FALSE(WriteLayoutTarFile(store, image.roots, dir / "keep.tar"));
  EXPECT_EQ(Slurp(dir / "keep.tar"), "old");
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"file", "keep.tar", "root"}));

  // A blob corrupted in the store: caught while streaming, still nothing at dest. The Store
  // that writes the layout did not write that blob: rebuilding the image finds it present.
  auto reopened = *Store::Open(dir / "root");
  auto image2 = *BuildTestImage(reopened, "v1");
  std::filesystem::path config = store.BlobPath(image2.config_arm64);
  std::string bytes = Slurp(config);
  bytes[0] = '[';
  ASSERT_EQ(::chmod(config.c_str(), 0644), 0);
  ASSERT_TRUE(util::WriteFileAtomic(config, bytes));
  auto corrupt = WriteLayoutTarFile(reopened, image2.roots, dir / "out.tar");
  ASSERT_FALSE(corrupt);
  EXPECT_NE(corrupt.error().What().find(image2.config_arm64.str()), std::string::npos) << corrupt.error().What();
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"file", "keep.tar", "root"}));
}

// What a layout holds, every file by name (directories as themselves).
std::map<std::string, std::string> ReadTree(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    std::string name = e.path().lexically_relative(dir).string();
    out[name] = e.is_directory() ? "<dir>" : Slurp(e.path());
  }
  return out;
}

std::string TarThroughPipe(const Store& store, std::span<const image::Descriptor> roots) {
  util::Status st;
  std::string piped = testing::CaptureThroughPipe([&](int fd) { st = WriteLayoutTar(store, roots, fd); });
  EXPECT_TRUE(st) << st.error().What();
  return piped;
}

// A layer-like root of `size` bytes, written through an Ingest as layers are.
image::Descriptor PutLayer(const Store& store, size_t size, char seed) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(seed + i * 7 + i / 509);
  auto ingest = *store.Begin();
  EXPECT_TRUE(ingest.Write(bytes));
  image::Descriptor d;
  d.media_type = image::media_type::kOciLayer;
  d.digest = *ingest.Commit();
  d.size = static_cast<int64_t>(size);
  return d;
}

// The same layout bytes whether blobs go by kernel copy (verified on write by this Store) or
// are hashed on the way (a Store that did not write them), into a file, a pipe or a directory.
TEST(OciLayout, KernelCopiedAndVerifiedBlobsGiveTheSameBytes) {
  TempDir dir;
  auto writer = *Store::Open(dir / "root");
  auto image = *BuildTestImage(writer, "v1");
  std::vector<image::Descriptor> roots = image.roots;
  // A multiple of 512 and not, one over the 32 MiB copy piece.
  for (size_t size : {size_t{1} << 20, (size_t{1} << 20) + 123, (size_t{33} << 20) + 1}) {
    roots.push_back(PutLayer(writer, size, static_cast<char>(size)));
  }
  auto blobs = *CollectLayoutBlobs(writer, roots);
  auto verifier = *Store::Open(dir / "root");
  for (const auto& d : blobs) {
    EXPECT_TRUE(writer.VerifiedOnWrite(d.digest)) << d.digest.str();
    EXPECT_FALSE(verifier.VerifiedOnWrite(d.digest)) << d.digest.str();
  }

  ASSERT_TRUE(WriteLayoutTarFile(writer, roots, dir / "fast.tar"));
  ASSERT_TRUE(WriteLayoutTarFile(verifier, roots, dir / "verified.tar"));
  const std::string fast = Slurp(dir / "fast.tar");
  EXPECT_EQ(fast.size() % 10240, 0u);
  EXPECT_TRUE(fast == Slurp(dir / "verified.tar"));
  EXPECT_TRUE(fast == TarThroughPipe(writer, roots));
  EXPECT_TRUE(fast == TarThroughPipe(verifier, roots));

  ASSERT_TRUE(WriteLayoutDir(writer, roots, dir / "fast"));
  ASSERT_TRUE(WriteLayoutDir(verifier, roots, dir / "verified"));
  auto tree = ReadTree(dir / "fast");
  EXPECT_EQ(tree.size(), 4 + blobs.size());  // blobs/, blobs/sha256/, index.json, oci-layout
  EXPECT_TRUE(tree == ReadTree(dir / "verified"));
  for (const auto& d : blobs) {
    std::string name = "blobs/sha256/" + std::string(d.digest.hex());
    EXPECT_EQ(util::Sha256::Hex(tree[name]), d.digest.hex()) << name;
  }
}

// A blob this process did not write, damaged on disk: refused by every output, and no output
// is left behind, even when the process put the same bytes again (the store already had them).
TEST(OciLayout, DamagedBlobNotWrittenByThisStoreIsRefused) {
  TempDir dir;
  std::vector<image::Descriptor> roots;
  {
    auto earlier = *Store::Open(dir / "root");
    roots.push_back(PutLayer(earlier, 100000, 3));
  }
  std::filesystem::path blob = (dir / "root/content/blobs/sha256") / std::string(roots[0].digest.hex());
  std::string bytes = Slurp(blob);
  bytes[99999] ^= 1;
  ASSERT_EQ(::chmod(blob.c_str(), 0644), 0);
  ASSERT_TRUE(util::WriteFileAtomic(blob, bytes));

  auto store = *Store::Open(dir / "root");
  std::string original = bytes;
  original[99999] ^= 1;
  auto ingest = *store.Begin();
  ASSERT_TRUE(ingest.Write(original));
  ASSERT_EQ(*ingest.Commit(roots[0].digest), roots[0].digest);  // present: kept as it is
  EXPECT_FALSE(store.VerifiedOnWrite(roots[0].digest));

  auto tar = WriteLayoutTarFile(store, roots, dir / "out.tar");
  ASSERT_FALSE(tar);
  EXPECT_NE(tar.error().What().find("is corrupted"), std::string::npos) << tar.error().What();
  auto layout = WriteLayoutDir(store, roots, dir / "out");
  ASSERT_FALSE(layout);
  EXPECT_NE(layout.error().What().find("is corrupted"), std::string::npos) << layout.error().What();
  util::UniqueFd null(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  auto streamed = WriteLayoutTar(store, roots, null.get());
  ASSERT_FALSE(streamed);
  EXPECT_NE(streamed.error().What().find("is corrupted"), std::string::npos) << streamed.error().What();
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"root"});
}

util::Status WriteEvilTar(const std::filesystem::path& path, std::string_view entry) {
  auto file = MANIFOLD_TRY(util::TempFile::Create(path));
  auto tar = MANIFOLD_TRY(TarWriter::Open(file.fd(), path.string()));
  MANIFOLD_CHECK(tar.AddFile("oci-layout", R"({"imageLayoutVersion":"1.0.0"})", 0));
  MANIFOLD_CHECK(tar.AddFile(entry, "boom", 0));
  MANIFOLD_CHECK(tar.AddFile("index.json", R"({"schemaVersion":2,"manifests":[]})", 0));
  MANIFOLD_CHECK(tar.Finish());
  return file.Commit();
}

TEST(OciLayout, ReaderRefusesEscapingEntriesAndBadBlobs) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  for (std::string_view entry : {"../evil", "/abs/path", "blobs/../../x", "./blobs/sha256/../../../y"}) {
    ASSERT_TRUE(WriteEvilTar(dir / "evil.tar", entry));
    auto r = ReadLayout(store, dir / "evil.tar");
    ASSERT_FALSE(r) << entry;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << entry;
    EXPECT_NE(r.error().What().find("refusing"), std::string::npos) << r.error().What();
  }
  // A blob whose bytes do not match its name is not imported.
  std::string name = "blobs/sha256/" + std::string(image::Digest::OfBytes("other").hex());
  ASSERT_TRUE(WriteEvilTar(dir / "bad.tar", name));
  auto bad = ReadLayout(store, dir / "bad.tar");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find(image::Digest::OfBytes("boom").str()), std::string::npos) << bad.error().What();
  EXPECT_TRUE(ListDir(dir / "root/content/blobs/sha256").empty());
  // Harmless extra entries are ignored; an empty index is a valid (empty) layout.
  ASSERT_TRUE(WriteEvilTar(dir / "extra.tar", "./manifest.json"));
  auto extra = ReadLayout(store, dir / "extra.tar");
  ASSERT_TRUE(extra) << extra.error().What();
  EXPECT_TRUE(extra->manifests.empty());
  // Not a layout at all.
  auto none = ReadLayout(store, dir / "root");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().What().find("oci-layout"), std::string::npos);
}

long MaxRssKiB() {
  rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(OciLayout, TarStreamsLargeBlobsInBoundedMemory) {
  TempDir dir;
  auto store = *Store::Open(dir / "root");
  constexpr int64_t kSize = int64_t{1} << 30;
  const std::string zeros(1 << 20, '\0');
  auto ingest = *store.Begin();
  for (int64_t written = 0; written < kSize; written += static_cast<int64_t>(zeros.size())) {
    ASSERT_TRUE(ingest.Write(zeros));
  }
  auto digest = ingest.Commit();
  ASSERT_TRUE(digest);
  image::Descriptor layer;
  layer.media_type = image::media_type::kOciLayer;
  layer.digest = *digest;
  layer.size = kSize;
  std::vector<image::Descriptor> roots{layer};

  long before = MaxRssKiB();
  util::UniqueFd null(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  ASSERT_TRUE(null);
  auto st = WriteLayoutTar(store, roots, null.get());
  ASSERT_TRUE(st) << st.error().What();
  long growth_mib = (MaxRssKiB() - before) / 1024;
  EXPECT_LT(growth_mib, 64) << "peak RSS grew by " << growth_mib << " MiB while streaming 1 GiB";
}

}  // namespace
}  // namespace manifold::content
