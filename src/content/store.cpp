// content::Store and content::Ingest: blobs by digest, published atomically, verified on read.
#include "content/store.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <future>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace manifold::content {

namespace {


util::Status MakeDirs(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return util::FailErrno(ec.value(), fmt::format("creating directory {}", dir.string()));
  return {};
}

util::Status RequireSha256(const image::Digest& digest) {
  if (digest.algorithm() != "sha256") {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "digest {}: only sha256 blobs can be stored and verified", digest.str());
  }
  return {};
}

util::Error Corrupted(const std::filesystem::path& path, const image::Digest& expected,
                      std::string_view actual_hex) {
  return util::Error(util::ErrorKind::kInternal,
                     fmt::format("blob {} is corrupted: expected {}, content hashes to sha256:{}; "
                                 "remove the file and rebuild or re-pull the image",
                                 path.string(), expected.str(), actual_hex));
}

}  // namespace

// The digests (hex) a Store published from bytes it hashed while writing them.
struct Ingest::Verified {
  std::mutex mutex;
  std::unordered_set<std::string> hexes;
};

Ingest::Ingest(util::TempFile file, std::filesystem::path blobs_dir, std::shared_ptr<Verified> verified)
    : file_(std::move(file)),
      blobs_dir_(std::move(blobs_dir)),
      verified_(std::move(verified)),
      writer_(std::make_unique<util::DirectWriter>(file_.fd(), file_.path().string(),
                                                   util::DirectWriter::Hashing::kWritten)) {}

Ingest::Ingest(Ingest&&) noexcept = default;
Ingest::~Ingest() = default;

util::Status Ingest::Write(std::string_view data) {
  MANIFOLD_CHECK(writer_->Write(data));
  size_ += static_cast<int64_t>(data.size());
  return {};
}

util::Result<image::Digest> Ingest::Commit(std::optional<image::Digest> expected) {
  return Publish(expected, /*durable=*/true);
}

util::Result<image::Digest> Ingest::Publish(std::optional<image::Digest> expected, bool durable) {
  // Moving the temp file into a local makes it unlinked on every path out of here: after a
  // successful link(2) the blob has its own name, and on failure nothing must stay behind.
  util::TempFile temp = std::move(file_);
  MANIFOLD_CHECK(writer_->Finish());
  image::Digest digest = image::Digest::FromSha256Hex(writer_->HexDigest());
  if (expected && *expected != digest) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "blob content does not match: expected {}, got {} ({} bytes); nothing stored",
                      expected->str(), digest.str(), size_);
  }
  std::filesystem::path dest = blobs_dir_ / digest.hex();
  // Published blobs are read-only, so that nothing edits content in place by accident.
  if (::fchmod(temp.fd(), 0444) != 0) return util::FailErrno(errno, fmt::format("chmod {}", temp.path().string()));
  if (durable && ::fsync(temp.fd()) != 0) {
    return util::FailErrno(errno, fmt::format("fsync {}", temp.path().string()));
  }
  // link(2) never replaces: if another writer published the same digest first, its file already
  // holds these exact bytes, and readers holding it open keep a stable inode.
  if (::link(temp.path().c_str(), dest.c_str()) == 0) {
    // The name now holds the very bytes hashed above. On EEXIST it holds a file this Ingest
    // never read, so it is not recorded (VerifiedOnWrite()).
    if (verified_) {
      std::lock_guard lock(verified_->mutex);
      verified_->hexes.emplace(digest.hex());
    }
  } else if (errno != EEXIST) {
    return util::FailErrno(errno, fmt::format("publishing blob {} as {}", digest.str(), dest.string()));
  }
  if (durable) MANIFOLD_CHECK(util::SyncDirectory(blobs_dir_));
  return digest;
}

// Blobs Put() published and not yet synced. The last copy of a Store syncs what is left when it
// goes (best effort: a destructor has no one to tell), so that every command ends durable.
struct Store::PendingSync {
  explicit PendingSync(std::filesystem::path dir) : blobs_dir(std::move(dir)) {}
  ~PendingSync() { (void)Sync(); }
  util::Status Sync();

  const std::filesystem::path blobs_dir;
  std::mutex mutex;
  std::vector<std::filesystem::path> blobs;
};

util::Status Store::PendingSync::Sync() {
  std::vector<std::filesystem::path> taken;
  {
    std::lock_guard lock(mutex);
    taken.swap(blobs);
  }
  if (taken.empty()) return {};
  // All at once: a journaling filesystem commits concurrent fsyncs together, where one after
  // the other each waits for a commit of its own.
  std::vector<std::future<util::Status>> syncs;
  syncs.reserve(taken.size());
  for (const auto& blob : taken) {
    syncs.push_back(std::async(std::launch::async, [&blob]() -> util::Status {
      util::UniqueFd fd(::open(blob.c_str(), O_RDONLY | O_CLOEXEC));
      if (!fd) {
        if (errno == ENOENT) return {};  // pruned meanwhile: nothing left to make durable
        return util::FailErrno(errno, fmt::format("opening blob {} to sync it", blob.string()));
      }
      if (::fsync(fd.get()) != 0) return util::FailErrno(errno, fmt::format("fsync {}", blob.string()));
      return {};
    }));
  }
  util::Status first;
  for (auto& sync : syncs) {
    auto status = sync.get();
    if (!status && first) first = std::move(status);
  }
  if (!first) {
    // They stay pending, so that a later call retries them.
    std::lock_guard lock(mutex);
    blobs.insert(blobs.end(), taken.begin(), taken.end());
    return first;
  }
  return util::SyncDirectory(blobs_dir);
}

Store::Store(std::filesystem::path root)
    : root_(std::move(root)),
      pending_(std::make_shared<PendingSync>(root_ / "content" / "blobs" / "sha256")),
      verified_(std::make_shared<Ingest::Verified>()) {}

util::Result<Store> Store::Open(const std::filesystem::path& root) {
  if (root.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "content store root is empty");
  Store store(std::filesystem::absolute(root));
  MANIFOLD_CHECK(MakeDirs(store.root_ / "content" / "blobs" / "sha256"));
  MANIFOLD_CHECK(MakeDirs(store.IngestDir()));
  // Best effort: a store that cannot be cleaned (read-only root) is still readable.
  (void)store.GarbageCollectIngest(kIngestGcMinAge);
  return store;
}

std::filesystem::path Store::BlobPath(const image::Digest& digest) const {
  return root_ / "content" / "blobs" / std::string(digest.algorithm()) / std::string(digest.hex());
}

std::filesystem::path Store::IngestDir() const { return root_ / "content" / "ingest"; }

util::Result<Ingest> Store::Begin() const {
  // The lock marks the temp file as alive; the kernel releases it if this process dies, which
  // is how GarbageCollectIngest tells a dead writer's leftovers from a live writer's file. A
  // collector may take the lock in the instant between creating the file and locking it, and
  // unlink it: the blocking flock then returns once it has, the file has no name any more, and
  // a fresh one is made. Once this lock is held, no collector removes the file.
  for (int attempt = 0;; ++attempt) {
    auto file = MANIFOLD_TRY(util::TempFile::Create(IngestDir() / "blob"));
    int locked;
    do {
      locked = ::flock(file.fd(), LOCK_EX);
    } while (locked != 0 && errno == EINTR);
    if (locked != 0) return util::FailErrno(errno, fmt::format("locking {}", file.path().string()));
    struct stat st {};
    if (::fstat(file.fd(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", file.path().string()));
    if (st.st_nlink > 0) return Ingest(std::move(file), root_ / "content" / "blobs" / "sha256", verified_);
    if (attempt == 10) {
      return util::Fail(util::ErrorKind::kUnavailable, "{}: new ingest files keep being removed", IngestDir().string());
    }
  }
}

util::Result<image::Digest> Store::Put(std::string_view bytes) const {
  // A blob is only ever published under its own digest, so one that exists is these bytes:
  // a rebuild's unchanged configs and manifests cost a stat, not a write and two fsyncs.
  // Unless the machine went down before it was synced: then its name may hold fewer bytes.
  image::Digest digest = image::Digest::OfBytes(bytes);
  const std::filesystem::path path = BlobPath(digest);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    if (st.st_size == static_cast<off_t>(bytes.size())) return digest;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      return util::FailErrno(errno, fmt::format("removing truncated blob {}", path.string()));
    }
  }
  auto ingest = MANIFOLD_TRY(Begin());
  MANIFOLD_CHECK(ingest.Write(bytes));
  MANIFOLD_TRY(ingest.Publish(digest, /*durable=*/false));
  std::lock_guard lock(pending_->mutex);
  pending_->blobs.push_back(path);
  return digest;
}

util::Status Store::SyncPending() const { return pending_->Sync(); }

bool Store::Has(const image::Digest& digest) const {
  struct stat st {};
  return ::stat(BlobPath(digest).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

util::Result<int64_t> Store::Size(const image::Digest& digest) const {
  std::filesystem::path path = BlobPath(digest);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return util::FailErrno(errno, fmt::format("blob {} ({})", digest.str(), path.string()));
  }
  return static_cast<int64_t>(st.st_size);
}

util::Result<std::string> Store::Read(const image::Digest& digest) const {
  MANIFOLD_CHECK(RequireSha256(digest));
  std::filesystem::path path = BlobPath(digest);
  auto bytes = util::ReadFile(path);
  if (!bytes) return std::unexpected(std::move(bytes.error()).Context("reading blob {}", digest.str()));
  std::string actual = util::Sha256::Hex(*bytes);
  if (actual != digest.hex()) return std::unexpected(Corrupted(path, digest, actual));
  return std::move(*bytes);
}

util::Result<util::UniqueFd> Store::Open(const image::Digest& digest) const {
  std::filesystem::path path = BlobPath(digest);
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, fmt::format("opening blob {} ({})", digest.str(), path.string()));
  return fd;
}

bool Store::VerifiedOnWrite(const image::Digest& digest) const {
  if (digest.algorithm() != "sha256") return false;
  std::lock_guard lock(verified_->mutex);
  return verified_->hexes.contains(std::string(digest.hex()));
}

util::Status Store::Verify(const image::Digest& digest) const {
  MANIFOLD_CHECK(RequireSha256(digest));
  auto fd = MANIFOLD_TRY(Open(digest));
  std::filesystem::path path = BlobPath(digest);
  std::string actual = MANIFOLD_TRY(util::Sha256OfFd(fd.get(), path.string()));
  if (actual != digest.hex()) return std::unexpected(Corrupted(path, digest, actual));
  return {};
}

namespace {

// Calls `visit(dir_fd, name, fd, stat)` for every regular ingest temp file.
template <typename Visit>
util::Status ForEachIngestFile(const std::filesystem::path& dir, Visit visit) {
  util::UniqueFd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir_fd) return util::FailErrno(errno, fmt::format("opening {}", dir.string()));
  DIR* stream = ::fdopendir(::dup(dir_fd.get()));
  if (stream == nullptr) return util::FailErrno(errno, fmt::format("listing {}", dir.string()));
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(stream)) {
    std::string_view name = entry->d_name;
    if (name.starts_with(".tmp-")) names.emplace_back(name);
  }
  ::closedir(stream);
  for (const std::string& name : names) {
    util::UniqueFd fd(::openat(dir_fd.get(), name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd) continue;  // already gone (another collector, or its writer committed)
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    visit(dir_fd.get(), name, fd.get(), st);
  }
  return {};
}

}  // namespace

util::Result<int> Store::GarbageCollectIngest(std::chrono::seconds min_age) const {
  int removed = 0;
  time_t now = ::time(nullptr);
  MANIFOLD_CHECK(ForEachIngestFile(IngestDir(), [&](int dir_fd, const std::string& name, int fd, const struct stat& st) {
    if (now - st.st_mtime < min_age.count()) return;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return;  // a live writer holds it
    if (::unlinkat(dir_fd, name.c_str(), 0) == 0) ++removed;
  }));
  return removed;
}

util::Result<IngestUsage> Store::Ingesting() const {
  IngestUsage usage;
  MANIFOLD_CHECK(ForEachIngestFile(IngestDir(), [&](int, const std::string&, int fd, const struct stat& st) {
    auto bytes = static_cast<int64_t>(st.st_blocks) * 512;
    // A shared probe: fails while a writer holds its exclusive lock, never removes anything.
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
      usage.in_progress += bytes;
    } else {
      usage.abandoned += bytes;
    }
  }));
  return usage;
}

}  // namespace manifold::content
