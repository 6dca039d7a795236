// ContextMirror: the lock, the index, and staging of received blobs.
#include "session/context_mirror.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "util/confined.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"

namespace manifold::session {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::Fail;

namespace {

int64_t Nanos(const timespec& ts) { return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec; }

}  // namespace

util::Result<ContextMirror> ContextMirror::Open(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail(ErrorKind::kInternal, "creating the context mirror {}: {}", dir.string(), ec.message());
  ContextMirror mirror;
  mirror.dir_ = dir;
  mirror.tree_ = dir / "tree";
  mirror.staging_ = dir / "staging";
  const fs::path lock_path = dir / "lock";
  mirror.lock_ = util::UniqueFd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!mirror.lock_) return util::FailErrno(errno, "opening " + lock_path.string());
  while (::flock(mirror.lock_.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return util::FailErrno(errno, "locking " + lock_path.string());
  }
  if (::mkdir(mirror.tree_.c_str(), 0755) != 0 && errno != EEXIST) {
    return util::FailErrno(errno, "creating " + mirror.tree_.string());
  }
  // Blobs staged by a transfer that failed are not trusted to belong to the next one.
  MANIFOLD_CHECK(mirror.ClearStaging());
  auto text = util::ReadFile(dir / "index.json");
  if (text) {
    auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    auto index = ManifestFromJson(json);
    if (index) {
      for (auto& entry : index->entries) {
        if (entry.type == ContextEntry::Type::kFile) mirror.index_.emplace(entry.path, std::move(entry));
      }
    }
  }
  return mirror;
}

util::Status ContextMirror::ClearStaging() {
  util::UniqueFd dir(::open(dir_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir) return util::FailErrno(errno, "opening " + dir_.string());
  MANIFOLD_CHECK(util::RemoveAllAt(dir.get(), "staging"));
  if (::mkdirat(dir.get(), "staging", 0700) != 0) return util::FailErrno(errno, "creating " + staging_.string());
  return {};
}

bool ContextMirror::Staged(std::string_view digest) const {
  struct stat st {};
  const fs::path path = staging_ / std::string(DigestHex(digest));
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool ContextMirror::InPlace(int tree_fd, const ContextEntry& entry) const {
  auto it = index_.find(entry.path);
  if (it == index_.end() || it->second.digest != entry.digest) return false;
  auto fd = util::OpenInRoot(tree_fd, entry.path, O_PATH | O_NOFOLLOW);
  struct stat st {};
  if (!fd || ::fstat(fd->get(), &st) != 0) return false;
  // The mirror set this mtime itself; a file changed since would carry a new one.
  return S_ISREG(st.st_mode) && st.st_size == it->second.size && Nanos(st.st_mtim) == it->second.mtime_ns;
}

std::string ContextMirror::HeldAt(int tree_fd, std::string_view digest) const {
  for (const auto& [path, entry] : index_) {
    if (entry.digest == digest && InPlace(tree_fd, entry)) return path;
  }
  return "";
}

std::vector<std::string> ContextMirror::Missing(const ContextManifest& manifest) const {
  util::UniqueFd tree(::open(tree_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  std::set<std::string_view> held;
  for (const auto& [path, entry] : index_) {
    if (tree && InPlace(tree.get(), entry)) held.insert(entry.digest);
  }
  std::vector<std::string> missing;
  std::set<std::string_view> seen;
  for (const auto& entry : manifest.entries) {
    if (entry.type != ContextEntry::Type::kFile || !seen.insert(entry.digest).second) continue;
    if (!held.contains(entry.digest) && !Staged(entry.digest)) missing.push_back(entry.digest);
  }
  return missing;
}

util::Status ContextMirror::Stage(std::string_view digest, int64_t size, const BlobReader& read) {
  if (!IsSha256Digest(digest)) {
    return Fail(ErrorKind::kInvalidArgument, "blob digest {:?} is not sha256:<64 lowercase hex>", digest);
  }
  const fs::path dest = staging_ / std::string(DigestHex(digest));
  auto file = MANIFOLD_TRY(util::TempFile::Create(dest));
  util::Sha256 hash;
  int64_t got = 0;
  auto status = read([&](std::string_view chunk) -> util::Status {
    got += static_cast<int64_t>(chunk.size());
    if (got > size) return Fail(ErrorKind::kInvalidArgument, "blob {} is longer than its {} bytes", digest, size);
    hash.Update(chunk);
    return file.Write(chunk);
  });
  if (!status) return status;
  if (got != size) {
    return Fail(ErrorKind::kInvalidArgument, "blob {} has {} bytes, not the {} announced", digest, got, size);
  }
  const std::string actual = "sha256:" + hash.HexDigest();
  if (actual != digest) {
    return Fail(ErrorKind::kInvalidArgument, "blob {} does not match its digest: its bytes hash to {}", digest, actual);
  }
  // The staging area is thrown away with a failed transfer: no fsync needed here, the index
  // (written last, atomically) is what says the tree is whole.
  if (::rename(file.path().c_str(), dest.c_str()) != 0) return util::FailErrno(errno, "staging " + dest.string());
  return {};
}

util::Status ContextMirror::Apply(const ContextManifest& manifest) {
  MANIFOLD_CHECK(ValidateManifest(manifest));
  const fs::path index_path = dir_ / "index.json";
  if (::unlink(index_path.c_str()) != 0 && errno != ENOENT) return util::FailErrno(errno, "removing " + index_path.string());
  auto applied = ApplyToTree(manifest);
  index_.clear();
  if (!applied) return std::unexpected(std::move(applied.error()).Context("updating the context mirror {}", tree_.string()));
  MANIFOLD_CHECK(util::WriteFileAtomic(index_path, ManifestToJson(manifest).dump()));
  for (const auto& entry : manifest.entries) {
    if (entry.type == ContextEntry::Type::kFile) index_.emplace(entry.path, entry);
  }
  return ClearStaging();
}

}  // namespace manifold::session
