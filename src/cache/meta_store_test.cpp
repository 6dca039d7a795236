// MetaStore under concurrency: the threads of one build share a connection while another
// build (another connection, as another process has) writes the same database.
#include "cache/meta_store.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cache/prune.hpp"
#include "content/store.hpp"
#include "support/temp_dir.hpp"

namespace manifold::cache {
namespace {

// One worker's loop: the calls a build step makes (lookup, save, context digests), each
// checked; the first failure is kept for the test to report.
void Hammer(MetaStore& store, int worker, int rounds, std::atomic<int>& failures, std::string& first_error) {
  static std::mutex error_mutex;
  auto fail = [&](const util::Error& e) {
    if (failures.fetch_add(1) == 0) {
      std::lock_guard lock(error_mutex);
      first_error = e.Describe();
    }
  };
  for (int i = 0; i < rounds; ++i) {
    const std::string key = fmt::format("key-{}-{}", worker, i % 7);
    if (auto found = store.Lookup(key); !found) fail(found.error());
    if (auto saved = store.Save(key, {ChainEntry{}}, "step", "shape-" + key); !saved) fail(saved.error());
    if (auto shaped = store.HasShape("shape-" + key); !shaped || !*shaped) {
      fail(shaped ? util::Error(util::ErrorKind::kInternal, "a saved shape was not found") : shaped.error());
    }
    std::map<std::string, FileDigest> digests;
    for (int f = 0; f < 5; ++f) {
      digests[fmt::format("/ctx{}/file{}", worker, f)] = FileDigest{{1, f, 2, 3, 4}, i, "sha256:00"};
    }
    if (auto set = store.SetFileDigests(digests); !set) fail(set.error());
    if (auto read = store.FileDigests(fmt::format("/ctx{}", worker)); !read) fail(read.error());
    if (auto records = store.Records(); !records) fail(records.error());
  }
}

TEST(MetaStore, ThreadsSharingAConnectionAndAnotherWriterNeverSeeALockedDatabase) {
  testing::TempDir root;
  auto ours = MetaStore::Open(root.path());
  auto other = MetaStore::Open(root.path());
  ASSERT_TRUE(ours && other);

  std::atomic<int> failures{0};
  std::string first_error;
  std::vector<std::thread> threads;
  for (int worker = 0; worker < 4; ++worker) {
    MetaStore& store = worker < 3 ? **ours : **other;  // three threads on one connection
    threads.emplace_back(Hammer, std::ref(store), worker, 200, std::ref(failures), std::ref(first_error));
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << first_error;

  auto records = (*ours)->Records();
  ASSERT_TRUE(records);
  EXPECT_EQ(records->size(), 4u * 7u);  // every worker's seven keys, saved once each
}

// A shape tells whether a record of a step could exist: present once a record is saved with
// it, gone with the record when prune removes that.
TEST(MetaStore, AShapeLivesAsLongAsItsRecord) {
  manifold::testing::TempDir dir;
  auto meta = MetaStore::Open(dir.path());
  ASSERT_TRUE(meta) << meta.error().What();
  auto store = content::Store::Open(dir.path());
  ASSERT_TRUE(store) << store.error().What();
  EXPECT_FALSE(*(*meta)->HasShape("shape-a"));
  ASSERT_TRUE((*meta)->Save("key-a1", {ChainEntry{}}, "step a", "shape-a"));
  ASSERT_TRUE((*meta)->Save("key-b", {ChainEntry{}}, "step b"));
  EXPECT_TRUE(*(*meta)->HasShape("shape-a"));
  EXPECT_FALSE(*(*meta)->HasShape("shape-b")) << "saved without one";
  // A second record of the same shape (other contents); the first record's shape row stays.
  ASSERT_TRUE((*meta)->Save("key-a2", {ChainEntry{}}, "step a", "shape-a"));
  PruneOptions everything;
  everything.all = true;
  auto pruned = Prune(**meta, *store, everything);
  ASSERT_TRUE(pruned) << pruned.error().What();
  EXPECT_EQ(pruned->removed.size(), 3u);
  EXPECT_FALSE(*(*meta)->HasShape("shape-a"));
  // Reopened: the table is there and the schema statement runs again without complaint.
  meta = MetaStore::Open(dir.path());
  ASSERT_TRUE(meta) << meta.error().What();
  EXPECT_FALSE(*(*meta)->HasShape("shape-a"));
}

}  // namespace
}  // namespace manifold::cache

namespace manifold::cache {
namespace {

// A chain entry of a layer a build wrote directly keeps its settings and ELF heads; a record
// of an older binary (no "built") reads as a plain blob entry.
TEST(ChainJson, BuiltLayerRoundTripsAndOldRecordsStillRead) {
  ChainEntry entry;
  entry.blob = content::LayerResult{};
  entry.blob->descriptor.digest = image::Digest::OfBytes("layer");
  entry.blob->descriptor.media_type = "application/vnd.oci.image.layer.v1.tar+gzip";
  auto built = std::make_shared<snapshot::BuiltLayer>();
  built->variant = "application/vnd.oci.image.layer.v1.tar+zstd/-/1700000000";
  built->elf_heads = {{"bin/tool", std::string("\x7f" "ELF\x02\x01\x01\0\0", 9)}};
  entry.built = built;
  auto back = ChainFromJson(ChainToJson({entry}));
  ASSERT_TRUE(back) << back.error().What();
  ASSERT_EQ(back->size(), 1u);
  ASSERT_TRUE((*back)[0].built);
  EXPECT_EQ(*(*back)[0].built, *built);
  EXPECT_EQ((*back)[0].blob, entry.blob);

  entry.built = nullptr;
  auto old = ChainFromJson(ChainToJson({entry}));
  ASSERT_TRUE(old);
  EXPECT_FALSE((*old)[0].built);
  EXPECT_EQ((*old)[0].blob, entry.blob);
}

}  // namespace
}  // namespace manifold::cache

namespace manifold::cache {
namespace {

// The visitor sees the rows under the dir and no others, in path order, with what was stored;
// FileDigests (built on it) gives the same.
TEST(MetaStore, VisitFileDigestsStreamsTheRowsUnderADirInPathOrder) {
  testing::TempDir root;
  auto store = MetaStore::Open(root.path());
  ASSERT_TRUE(store);
  std::map<std::string, FileDigest> rows;
  for (const char* path : {"/ctx/b", "/ctx/a/x", "/ctx/a.b", "/ctx0/z", "/ctx-1/y", "/ct/w", "/ctx"}) {
    rows[path] = FileDigest{{1, static_cast<int64_t>(std::string_view(path).size()), 3, 4, 5}, 6,
                            fmt::format("sha256:{}", path)};
  }
  ASSERT_TRUE((*store)->SetFileDigests(rows));
  std::vector<std::string> seen;
  auto visited = (*store)->VisitFileDigests("/ctx", [&](const FileDigestRow& row) {
    seen.emplace_back(row.path);
    const FileDigest& stored = rows.at(std::string(row.path));
    EXPECT_EQ(row.stamp, stored.stamp);
    EXPECT_EQ(row.checked_ns, stored.checked_ns);
    EXPECT_EQ(row.digest, stored.digest);
  });
  ASSERT_TRUE(visited) << visited.error().Describe();
  EXPECT_EQ(seen, (std::vector<std::string>{"/ctx/a.b", "/ctx/a/x", "/ctx/b"}));
  auto all = (*store)->FileDigests("/ctx");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at("/ctx/a/x").digest, "sha256:/ctx/a/x");
}

}  // namespace
}  // namespace manifold::cache
