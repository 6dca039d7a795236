// Tests of content::Store: basics, concurrent writers, crashed writers, corruption.
#include "content/store.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace manifold::content {
namespace {

std::vector<std::string> ListDir(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().filename());
  return out;
}

// A deterministic, non-repeating-ish payload of `size` bytes.
std::string Payload(size_t size, uint32_t seed = 1) {
  std::string out(size, '\0');
  uint32_t x = seed;
  for (char& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

util::Status WriteChunked(const Store& store, std::string_view bytes, const image::Digest& want) {
  auto ingest = MANIFOLD_TRY(store.Begin());
  for (size_t off = 0; off < bytes.size(); off += 65536) {
    MANIFOLD_CHECK(ingest.Write(bytes.substr(off, 65536)));
  }
  auto got = MANIFOLD_TRY(ingest.Commit(want));
  if (got != want) return util::Fail(util::ErrorKind::kInternal, "digest differs");
  return {};
}

TEST(Store, PutReadHasSizeVerify) {
  testing::TempDir dir;
  auto store = Store::Open(dir.path());
  ASSERT_TRUE(store) << store.error().What();
  image::Digest digest = image::Digest::OfBytes("hello");
  EXPECT_FALSE(store->Has(digest));
  auto missing = store->Read(digest);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(missing.error().What().find(digest.str()), std::string::npos);

  auto put = store->Put("hello");
  ASSERT_TRUE(put) << put.error().What();
  EXPECT_EQ(*put, digest);
  EXPECT_TRUE(store->Has(digest));
  EXPECT_EQ(store->BlobPath(digest), dir / "content/blobs/sha256" / std::string(digest.hex()));
  EXPECT_EQ(*store->Size(digest), 5);
  EXPECT_EQ(*store->Read(digest), "hello");
  EXPECT_TRUE(store->Verify(digest));
  auto fd = store->Open(digest);
  ASSERT_TRUE(fd);
  char buf[8] = {};
  EXPECT_EQ(::read(fd->get(), buf, sizeof buf), 5);
  struct stat st {};
  ASSERT_EQ(::stat(store->BlobPath(digest).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0444u);
  // Putting it again is fine and keeps one blob; ingest/ holds no leftovers.
  EXPECT_TRUE(store->Put("hello"));
  EXPECT_EQ(ListDir(dir / "content/blobs/sha256").size(), 1u);
  EXPECT_TRUE(ListDir(store->IngestDir()).empty());
}

TEST(Store, EmptyBlob) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  auto ingest = store.Begin();
  ASSERT_TRUE(ingest);
  auto digest = ingest->Commit();
  ASSERT_TRUE(digest);
  EXPECT_EQ(*digest, image::Digest::OfBytes(""));
  EXPECT_EQ(*store.Read(*digest), "");
}

TEST(Store, ExpectedDigestMismatchPublishesNothing) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  auto ingest = store.Begin();
  ASSERT_TRUE(ingest);
  ASSERT_TRUE(ingest->Write("actual bytes"));
  EXPECT_EQ(ingest->size(), 12);
  image::Digest wanted = image::Digest::OfBytes("other bytes");
  auto r = ingest->Commit(wanted);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().What().find(wanted.str()), std::string::npos);
  EXPECT_NE(r.error().What().find(image::Digest::OfBytes("actual bytes").str()), std::string::npos);
  EXPECT_TRUE(ListDir(dir / "content/blobs/sha256").empty());
  EXPECT_TRUE(ListDir(store.IngestDir()).empty());
}

TEST(Store, DroppedIngestLeavesNothing) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  {
    auto ingest = store.Begin();
    ASSERT_TRUE(ingest);
    ASSERT_TRUE(ingest->Write("abandoned"));
    EXPECT_EQ(ListDir(store.IngestDir()).size(), 1u);
  }
  EXPECT_TRUE(ListDir(store.IngestDir()).empty());
  EXPECT_TRUE(ListDir(dir / "content/blobs/sha256").empty());
}

TEST(Store, OnlySha256CanBeVerified) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  auto d = image::Digest::Parse("sha512:" + std::string(128, 'a'));
  ASSERT_TRUE(d);
  auto r = store.Read(*d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
}

TEST(Store, ConcurrentWritersOfTheSameBlob) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  const std::string blob = Payload(8 << 20);
  const image::Digest digest = image::Digest::OfBytes(blob);

  // Processes first (forked before any thread of ours exists), racing with this process.
  constexpr int kProcesses = 4;
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto child_store = Store::Open(dir.path());
      bool ok = child_store && WriteChunked(*child_store, blob, digest).has_value();
      ::_exit(ok ? 0 : 1);
    }
    children.push_back(pid);
  }
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { ok[i] = WriteChunked(store, blob, digest).has_value() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << pid;
  }
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ok[i], 1) << "thread " << i;
  EXPECT_EQ(ListDir(dir / "content/blobs/sha256"), std::vector<std::string>{std::string(digest.hex())});
  EXPECT_TRUE(ListDir(store.IngestDir()).empty());
  auto read = store.Read(digest);
  ASSERT_TRUE(read) << read.error().What();
  EXPECT_TRUE(*read == blob);
}

TEST(Store, WriterKilledBeforeCommitLeavesNoVisibleBlob) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  const std::string blob = Payload(1 << 20, 7);
  const image::Digest digest = image::Digest::OfBytes(blob);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    auto child_store = Store::Open(dir.path());
    if (!child_store) ::_exit(1);
    auto ingest = child_store->Begin();
    if (!ingest || !ingest->Write(std::string_view(blob).substr(0, blob.size() / 2))) ::_exit(1);
    char ready = 'w';
    if (::write(pipe_fds[1], &ready, 1) != 1) ::_exit(1);
    for (;;) ::pause();  // killed here, between write and commit
  }
  ::close(pipe_fds[1]);
  char ready = 0;
  ASSERT_EQ(::read(pipe_fds[0], &ready, 1), 1);
  ::close(pipe_fds[0]);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  EXPECT_FALSE(store.Has(digest));
  EXPECT_TRUE(ListDir(dir / "content/blobs/sha256").empty());
  // The partial file is only in ingest/, where readers never look.
  ASSERT_EQ(ListDir(store.IngestDir()).size(), 1u);

  // A live ingest is never collected, however old; the dead writer's file is.
  auto live = store.Begin();
  ASSERT_TRUE(live);
  ASSERT_TRUE(live->Write("live"));
  auto removed = store.GarbageCollectIngest(std::chrono::seconds(0));
  ASSERT_TRUE(removed) << removed.error().What();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(ListDir(store.IngestDir()).size(), 1u);
  EXPECT_TRUE(live->Commit(image::Digest::OfBytes("live")));
  EXPECT_TRUE(ListDir(store.IngestDir()).empty());

  ASSERT_TRUE(WriteChunked(store, blob, digest));
  EXPECT_EQ(*store.Read(digest), blob);
}

TEST(Store, PutIsMadeDurableBySyncPendingOnceAndForgivesAPrunedBlob) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  std::vector<image::Digest> digests;
  for (uint32_t i = 0; i < 12; ++i) digests.push_back(*store.Put(Payload(100 + i, i)));
  auto pruned = *store.Put("pruned before the sync");
  ASSERT_EQ(::unlink(store.BlobPath(pruned).c_str()), 0);
  ASSERT_TRUE(store.SyncPending()) << "a blob removed before its sync is nothing to sync";
  for (const auto& d : digests) EXPECT_TRUE(store.Read(d)) << d.str();
  EXPECT_TRUE(store.SyncPending()) << "nothing left pending";
  // A copy shares the pending list: what one copy Put, the other syncs.
  Store copy = store;
  (void)copy.Put("through a copy");
  EXPECT_TRUE(store.SyncPending());
}

TEST(Store, PutReplacesABlobLeftShortByACrashBeforeItsSync) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  const std::string doc = R"({"schemaVersion":2})";
  const image::Digest digest = image::Digest::OfBytes(doc);
  // What a machine that went down between link(2) and the sync can leave: the name, no bytes.
  {
    util::UniqueFd fd(::open(store.BlobPath(digest).c_str(), O_WRONLY | O_CREAT | O_EXCL, 0444));
    ASSERT_TRUE(fd);
  }
  ASSERT_TRUE(store.Has(digest));
  ASSERT_FALSE(store.Read(digest)) << "the short blob is caught on read";
  auto put = store.Put(doc);
  ASSERT_TRUE(put) << put.error().What();
  auto read = store.Read(digest);
  ASSERT_TRUE(read) << read.error().What();
  EXPECT_EQ(*read, doc);
}

TEST(Store, CorruptedBlobIsDetected) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  const std::string blob = Payload(3 << 20, 3);
  auto digest = store.Put(blob);
  ASSERT_TRUE(digest);
  std::filesystem::path path = store.BlobPath(*digest);
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  {
    util::UniqueFd fd(::open(path.c_str(), O_RDWR));
    ASSERT_TRUE(fd);
    char c = 0;
    ASSERT_EQ(::pread(fd.get(), &c, 1, 1 << 20), 1);
    c = static_cast<char>(c ^ 0x01);
    ASSERT_EQ(::pwrite(fd.get(), &c, 1, 1 << 20), 1);
  }
  EXPECT_TRUE(store.Has(*digest));
  auto read = store.Read(*digest);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind(), util::ErrorKind::kInternal);
  std::string what = read.error().What();
  EXPECT_NE(what.find(digest->str()), std::string::npos) << what;
  EXPECT_NE(what.find(path.string()), std::string::npos) << what;
  EXPECT_NE(what.find("corrupted"), std::string::npos) << what;
  auto verify = store.Verify(*digest);
  ASSERT_FALSE(verify);
  EXPECT_NE(verify.error().What().find(digest->str()), std::string::npos);
}

// Verified on write: only blobs this Store (or a copy) published from bytes it hashed itself.
TEST(Store, VerifiedOnWriteOnlyForBlobsThisStorePublished) {
  testing::TempDir dir;
  auto first = *Store::Open(dir.path());
  const auto put = *first.Put("a document");
  auto ingest = *first.Begin();
  ASSERT_TRUE(ingest.Write(Payload(1 << 16, 7)));
  const auto layer = *ingest.Commit();
  EXPECT_TRUE(first.VerifiedOnWrite(put));
  EXPECT_TRUE(first.VerifiedOnWrite(layer));
  Store copy = first;  // copies share the record
  EXPECT_TRUE(copy.VerifiedOnWrite(layer));
  EXPECT_FALSE(first.VerifiedOnWrite(image::Digest::OfBytes("never stored")));

  // Another Open() of the same root starts with none, and the blobs it finds present (Put()
  // sees the name, a commit's link(2) meets EEXIST) stay unverified: it never read those files.
  auto second = *Store::Open(dir.path());
  EXPECT_FALSE(second.VerifiedOnWrite(put));
  EXPECT_EQ(*second.Put("a document"), put);
  EXPECT_FALSE(second.VerifiedOnWrite(put));
  auto again = *second.Begin();
  ASSERT_TRUE(again.Write(Payload(1 << 16, 7)));
  EXPECT_EQ(*again.Commit(), layer);
  EXPECT_FALSE(second.VerifiedOnWrite(layer));
  // What it publishes itself is.
  const auto fresh = *second.Put("another document");
  EXPECT_TRUE(second.VerifiedOnWrite(fresh));
  EXPECT_FALSE(first.VerifiedOnWrite(fresh));
  // A mismatching commit publishes nothing and records nothing.
  auto wrong = *second.Begin();
  ASSERT_TRUE(wrong.Write("not what was announced"));
  const auto announced = image::Digest::OfBytes("announced");
  EXPECT_FALSE(wrong.Commit(announced));
  EXPECT_FALSE(second.VerifiedOnWrite(announced));
}

TEST(Store, OpenCleansDeadWritersLeftoversHoweverRecentButNotLiveOnes) {
  testing::TempDir dir;
  auto store = *Store::Open(dir / "root");
  // Leftovers of dead writers (no lock held): one old, one written a moment ago (a build killed
  // mid-download and run again at once).
  std::filesystem::path stale = store.IngestDir() / ".tmp-blob-stale1";
  ASSERT_TRUE(util::WriteFileAtomic(stale, "partial"));
  struct timespec old[2] = {{0, UTIME_OMIT}, {::time(nullptr) - 3600, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, stale.c_str(), old, 0), 0);
  std::filesystem::path fresh = store.IngestDir() / ".tmp-blob-fresh1";
  ASSERT_TRUE(util::WriteFileAtomic(fresh, "partial"));
  // A live writer's partial blob (a concurrent pull).
  auto live = store.Begin();
  ASSERT_TRUE(live);
  // Whole MiBs reach the file as they are written (util::DirectWriter; the last whole one may be
  // on its way still), the rest at Commit().
  ASSERT_TRUE(live->Write(Payload((2 << 20) + (1 << 16), 5)));
  auto usage = store.Ingesting();
  ASSERT_TRUE(usage) << usage.error().What();
  EXPECT_GE(usage->in_progress, 1 << 20);
  EXPECT_GT(usage->abandoned, 0);

  auto again = Store::Open(dir / "root");
  ASSERT_TRUE(again);
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_FALSE(std::filesystem::exists(fresh));
  ASSERT_EQ(ListDir(store.IngestDir()).size(), 1u);
  usage = store.Ingesting();
  ASSERT_TRUE(usage);
  EXPECT_EQ(usage->abandoned, 0);
  EXPECT_GE(usage->in_progress, 1 << 20);
  EXPECT_TRUE(live->Commit());
}

// A collector running without a minimum age while writers start: no writer loses its file
// between creating and locking it (Begin() notices and starts again).
TEST(Store, CollectingWhileWritersBeginNeverLosesAnIngest) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  std::atomic<bool> stop{false};
  std::thread collector([&] {
    while (!stop) (void)store.GarbageCollectIngest(std::chrono::seconds(0));
  });
  int failures = 0;
  for (int i = 0; i < 300; ++i) {
    auto ingest = store.Begin();
    if (!ingest || !ingest->Write(std::to_string(i))) {
      ++failures;
      continue;
    }
    // Still named (not unlinked under it): what Commit's link(2) needs.
    if (!std::filesystem::exists(ingest->path())) ++failures;
  }
  stop = true;
  collector.join();
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace manifold::content
