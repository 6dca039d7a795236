// Writing OCI image layouts: a directory renamed into place whole, or a deterministic tar stream.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/oci_layout.hpp"
#include "content/tar_stream.hpp"
#include "image/descriptor_json.hpp"
#include "image/media_types.hpp"
#include "util/fd_copy.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {

namespace {

// Blobs are copied in pieces of this size, each reported as progress.
constexpr int64_t kPiece = 32 << 20;
constexpr std::string_view kLayoutFile = R"({"imageLayoutVersion":"1.0.0"})";

std::string IndexJson(std::span<const image::Descriptor> roots) {
  nlohmann::json manifests = nlohmann::json::array();
  for (const auto& d : roots) {
    // index.json names the blobs exactly as they are: a Docker manifest list stays one (buildx
    // does the same with oci-mediatypes=false), so the media type is not mapped into a family.
    nlohmann::json entry = image::DescriptorToJson(d, image::MediaTypes::kOci);
    entry["mediaType"] = d.media_type;
    manifests.push_back(std::move(entry));
  }
  nlohmann::json index = {{"schemaVersion", 2},
                          {"mediaType", std::string(image::media_type::kOciIndex)},
                          {"manifests", std::move(manifests)}};
  return index.dump();
}

// Copies one blob's bytes with `copy(fd, n, hash)` (returns what it copied, fewer than n only
// at the end of `fd`), in pieces so that progress moves, and makes sure an output never carries
// a blob whose bytes do not match its digest. A blob this Store published from bytes it hashed
// as it wrote them (Store::VerifiedOnWrite()) was checked then: it goes by kernel copy, with no
// pass through user space. Any other is hashed on its way through, as it may have been damaged
// since some earlier process wrote it.
template <typename Copy, typename Progress>
util::Status StreamBlob(const Store& store, const image::Descriptor& d, Copy&& copy, Progress&& progress) {
  auto fd = MANIFOLD_TRY(store.Open(d.digest));
  std::optional<util::Sha256> hash;
  if (!store.VerifiedOnWrite(d.digest)) hash.emplace();
  int64_t total = 0;
  while (total < d.size) {
    int64_t piece = std::min(kPiece, d.size - total);
    int64_t n = MANIFOLD_TRY(copy(fd.get(), piece, hash ? &*hash : nullptr));
    total += n;
    progress(n);
    if (n < piece) break;
  }
  std::string what = store.BlobPath(d.digest).string();
  if (total < d.size) {
    return util::Fail(util::ErrorKind::kInternal,
                      "blob {} is corrupted: expected {} ({} bytes), read {} bytes; "
                      "remove the file and rebuild or re-pull the image",
                      what, d.digest.str(), d.size, total);
  }
  if (!hash) return {};
  // The bytes hashed were all the descriptor announces; a longer file is not that blob either.
  char extra;
  ssize_t more;
  do {
    more = ::read(fd.get(), &extra, 1);
  } while (more < 0 && errno == EINTR);
  if (more < 0) return util::FailErrno(errno, fmt::format("read {}", what));
  std::string actual = hash->HexDigest();
  if (more > 0 || actual != d.digest.hex()) {
    return util::Fail(util::ErrorKind::kInternal,
                      "blob {} is corrupted: expected {} ({} bytes), read {} bytes hashing to sha256:{}; "
                      "remove the file and rebuild or re-pull the image",
                      what, d.digest.str(), d.size, more > 0 ? fmt::format("more than {}", total) : fmt::format("{}", total),
                      actual);
  }
  return {};
}

util::Status WriteSmallFile(const std::filesystem::path& path, std::string_view data) {
  util::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd) return util::FailErrno(errno, fmt::format("create {}", path.string()));
  MANIFOLD_CHECK(util::WriteAll(fd.get(), data));
  if (::fsync(fd.get()) != 0) return util::FailErrno(errno, fmt::format("fsync {}", path.string()));
  return {};
}

// `progress(n)`: n more bytes of the blob are in the copy.
template <typename Progress>
util::Status CopyBlob(const Store& store, const image::Descriptor& d, const std::filesystem::path& path,
                      Progress&& progress) {
  util::UniqueFd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) return util::FailErrno(errno, fmt::format("create {}", path.string()));
  auto copy = [&](int in, int64_t n, util::Sha256* hash) -> util::Result<int64_t> {
    auto copied = util::CopyFdData(in, out.get(), n, hash);
    if (!copied) return std::unexpected(std::move(copied.error()).Context("writing {}", path.string()));
    return copied;
  };
  MANIFOLD_CHECK(StreamBlob(store, d, copy, progress));
  if (::fsync(out.get()) != 0) return util::FailErrno(errno, fmt::format("fsync {}", path.string()));
  return {};
}

util::Status MakeDir(const std::filesystem::path& path) {
  if (::mkdir(path.c_str(), 0755) != 0) return util::FailErrno(errno, fmt::format("mkdir {}", path.string()));
  return {};
}

// What is at dest decides how the finished temp dir takes its place.
enum class DestState { kAbsent, kReplaceable };

util::Result<DestState> CheckDest(const std::filesystem::path& dest) {
  struct stat st {};
  if (::lstat(dest.c_str(), &st) != 0) {
    if (errno == ENOENT) return DestState::kAbsent;
    return util::FailErrno(errno, fmt::format("stat {}", dest.string()));
  }
  if (!S_ISDIR(st.st_mode)) {
    return util::Fail(util::ErrorKind::kConflict, "{} exists and is not a directory: refusing to replace it "
                      "with an OCI layout", dest.string());
  }
  std::error_code ec;
  bool empty = std::filesystem::is_empty(dest, ec);
  if (ec) return util::FailErrno(ec.value(), fmt::format("reading {}", dest.string()));
  if (!empty && !std::filesystem::is_regular_file(dest / "oci-layout", ec)) {
    return util::Fail(util::ErrorKind::kConflict, "{} is not empty and not an OCI layout (no oci-layout file): "
                      "refusing to replace it; choose another dest or remove it", dest.string());
  }
  return DestState::kReplaceable;
}

// Removes the temp dir on every early return.
struct RemoveOnExit {
  std::filesystem::path path;
  ~RemoveOnExit() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

util::Status WriteLayoutDir(const Store& store, std::span<const image::Descriptor> roots,
                            const std::filesystem::path& dest_in, const LayoutWriteOptions& options) {
  std::filesystem::path dest = std::filesystem::absolute(dest_in).lexically_normal();
  if (!dest.has_filename()) dest = dest.parent_path();
  auto blobs = MANIFOLD_TRY(CollectLayoutBlobs(store, roots));
  DestState state = MANIFOLD_TRY(CheckDest(dest));

  std::filesystem::path parent = dest.parent_path();
  std::string pattern = (parent / (".tmp-" + dest.filename().string() + "-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr) {
    return util::FailErrno(errno, fmt::format("creating a temporary directory beside {}", dest.string()));
  }
  RemoveOnExit cleanup{std::filesystem::path(name.data())};
  const std::filesystem::path& tmp = cleanup.path;
  if (::chmod(tmp.c_str(), 0755) != 0) return util::FailErrno(errno, fmt::format("chmod {}", tmp.string()));

  MANIFOLD_CHECK(MakeDir(tmp / "blobs"));
  MANIFOLD_CHECK(MakeDir(tmp / "blobs" / "sha256"));
  int64_t total = 0, done = 0;
  for (const auto& d : blobs) total += d.size;
  for (const auto& d : blobs) {
    auto st = CopyBlob(store, d, tmp / "blobs" / "sha256" / std::string(d.digest.hex()), [&](int64_t n) {
      done += n;
      if (options.progress) options.progress(done, total);
    });
    if (!st) return std::unexpected(std::move(st.error()).Context("writing OCI layout {}", dest.string()));
  }
  MANIFOLD_CHECK(WriteSmallFile(tmp / "index.json", IndexJson(roots)));
  MANIFOLD_CHECK(WriteSmallFile(tmp / "oci-layout", kLayoutFile));
  MANIFOLD_CHECK(util::SyncDirectory(tmp / "blobs" / "sha256"));
  MANIFOLD_CHECK(util::SyncDirectory(tmp / "blobs"));
  MANIFOLD_CHECK(util::SyncDirectory(tmp));

  // RENAME_NOREPLACE / RENAME_EXCHANGE: a concurrent writer of the same dest makes one of us
  // fail or swap whole layouts; no reader ever sees a half-written one.
  unsigned flags = state == DestState::kAbsent ? RENAME_NOREPLACE : RENAME_EXCHANGE;
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, dest.c_str(), flags) != 0) {
    return util::FailErrno(errno, fmt::format("moving the OCI layout into place at {}", dest.string()));
  }
  // After an exchange, `tmp` holds the previous layout, which the cleanup removes.
  return util::SyncDirectory(parent);
}

namespace {

// WriteLayoutTar's blob order: the largest first, then the rest by digest (CollectLayoutBlobs'
// order). Of equal sizes the lowest digest goes first: max_element returns the first of equals.
void LargestFirst(std::vector<image::Descriptor>& blobs) {
  if (blobs.empty()) return;
  auto largest = std::max_element(blobs.begin(), blobs.end(),
                                  [](const auto& a, const auto& b) { return a.size < b.size; });
  std::rotate(blobs.begin(), largest, largest + 1);
}

// The blobs of a layout tar over `roots`, in the order it writes them.
util::Result<std::vector<image::Descriptor>> ArchiveBlobs(const Store& store, std::span<const image::Descriptor> roots) {
  auto blobs = MANIFOLD_TRY(CollectLayoutBlobs(store, roots));
  LargestFirst(blobs);
  return blobs;
}

// WriteLayoutTar() of `blobs` (ArchiveBlobs()) into `fd`, whose first `held->end` bytes already
// are the archive's start up to and including its first blob when `held` is set.
util::Status WriteLayoutTarAfter(const Store& store, std::span<const image::Descriptor> roots,
                                 std::span<const image::Descriptor> blobs, int fd, const LayoutWriteOptions& options,
                                 const LayoutTarHead::Held* held) {
  int64_t mtime = options.source_date_epoch.value_or(0);
  int64_t total = 0, done = 0;
  for (const auto& d : blobs) total += d.size;
  std::span<const image::Descriptor> to_copy = blobs;
  std::optional<TarWriter> tar;
  if (held != nullptr) {
    tar.emplace(MANIFOLD_TRY(TarWriter::Continue(fd, "the OCI layout tar", held->end)));
    to_copy = to_copy.subspan(1);
    done = held->size;
    if (options.progress) options.progress(done, total);
  } else {
    tar.emplace(MANIFOLD_TRY(TarWriter::Open(fd, "the OCI layout tar")));
    for (std::string_view dir : kLayoutTarDirectories) MANIFOLD_CHECK(tar->AddDirectory(dir, mtime));
  }
  for (const auto& d : to_copy) {
    MANIFOLD_CHECK(tar->BeginFile(LayoutTarBlobName(d.digest), d.size, mtime));
    auto copy = [&](int in, int64_t n, util::Sha256* hash) { return tar->WriteDataFromFd(in, n, hash); };
    MANIFOLD_CHECK(StreamBlob(store, d, copy, [&](int64_t n) {
      done += n;
      if (options.progress) options.progress(done, total);
    }));
  }
  MANIFOLD_CHECK(tar->AddFile("index.json", IndexJson(roots), mtime));
  MANIFOLD_CHECK(tar->AddFile("oci-layout", kLayoutFile, mtime));
  for (const auto& [name, bytes] : options.extra_files) MANIFOLD_CHECK(tar->AddFile(name, bytes, mtime));
  return tar->Finish();
}

// Whether a head holds the blob first in `blobs` (ArchiveBlobs()), under the headers the
// archive would have.
bool HoldsFirst(const std::optional<LayoutTarHead::Held>& held, std::span<const image::Descriptor> blobs,
                const LayoutWriteOptions& options) {
  return held && held->mtime == options.source_date_epoch.value_or(0) && !blobs.empty() &&
         blobs.front().digest == held->digest && blobs.front().size == held->size;
}

// Empties the head's file for a whole archive: what a tee left (a blob the archive does not put
// first, or part of one) goes. (A tee's writer restores the descriptor's flags when it goes.)
util::Status StartOver(int fd, const std::filesystem::path& path) {
  if (::ftruncate(fd, 0) != 0 || ::lseek(fd, 0, SEEK_SET) != 0) {
    return util::FailErrno(errno, fmt::format("emptying the temporary file of {}", path.string()));
  }
  return {};
}

}  // namespace

util::Status WriteLayoutTar(const Store& store, std::span<const image::Descriptor> roots, int fd,
                            const LayoutWriteOptions& options) {
  auto blobs = MANIFOLD_TRY(ArchiveBlobs(store, roots));
  return WriteLayoutTarAfter(store, roots, blobs, fd, options, nullptr);
}

util::Status WriteLayoutTarFile(const Store& store, std::span<const image::Descriptor> roots,
                                const std::filesystem::path& dest, const LayoutWriteOptions& options) {
  LayoutTarHead* head = options.head;
  if (head != nullptr && head->destination() != dest) head = nullptr;
  std::optional<util::TempFile> own;
  if (head == nullptr) {
    auto file = util::TempFile::Create(dest);
    if (!file) return std::unexpected(std::move(file.error()).Context("writing OCI archive {}", dest.string()));
    own.emplace(std::move(*file));
  }
  util::TempFile& file = head != nullptr ? head->file() : *own;
  bool continued = false;
  auto write = [&]() -> util::Status {
    auto blobs = MANIFOLD_TRY(ArchiveBlobs(store, roots));
    std::optional<LayoutTarHead::Held> held;
    if (head != nullptr) {
      held = head->held();
      if (!HoldsFirst(held, blobs, options)) {
        held.reset();
        MANIFOLD_CHECK(StartOver(file.fd(), file.destination()));
      } else if (::lseek(file.fd(), held->end, SEEK_SET) != held->end) {
        return util::FailErrno(errno, fmt::format("seeking in the temporary file of {}", dest.string()));
      } else {
        continued = true;
      }
    }
    return WriteLayoutTarAfter(store, roots, blobs, file.fd(), options, held ? &*held : nullptr);
  };
  auto st = write();
  if (!st) return std::unexpected(std::move(st.error()).Context("writing OCI archive {}", dest.string()));
  MANIFOLD_CHECK(file.Commit());
  if (continued) head->SetContinued();
  return {};
}

}  // namespace manifold::content
