// Writing OCI image layouts: a directory renamed into place whole, or a deterministic tar stream.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/oci_layout.hpp"
#include "content/tar_stream.hpp"
#include "image/descriptor_json.hpp"
#include "image/media_types.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {

namespace {

constexpr size_t kChunk = 1 << 20;
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

// Copies (or tar-streams) one blob in bounded chunks, hashing as it goes: the store may have
// been damaged since the blob was written, and a layout must never carry a wrong blob.
template <typename Sink>
util::Status StreamBlob(const Store& store, const image::Descriptor& d, Sink&& sink) {
  auto fd = MANIFOLD_TRY(store.Open(d.digest));
  util::Sha256 hash;
  std::vector<char> buf(kChunk);
  int64_t total = 0;
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, fmt::format("read {}", store.BlobPath(d.digest).string()));
    if (n == 0) break;
    total += n;
    if (total > d.size) break;
    std::string_view chunk(buf.data(), static_cast<size_t>(n));
    hash.Update(chunk);
    MANIFOLD_CHECK(sink(chunk));
  }
  std::string actual = hash.HexDigest();
  if (total != d.size || actual != d.digest.hex()) {
    return util::Fail(util::ErrorKind::kInternal,
                      "blob {} is corrupted: expected {} ({} bytes), read {} bytes hashing to sha256:{}; "
                      "remove the file and rebuild or re-pull the image",
                      store.BlobPath(d.digest).string(), d.digest.str(), d.size, total, actual);
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

util::Status CopyBlob(const Store& store, const image::Descriptor& d, const std::filesystem::path& path) {
  util::UniqueFd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) return util::FailErrno(errno, fmt::format("create {}", path.string()));
  MANIFOLD_CHECK(StreamBlob(store, d, [&](std::string_view chunk) -> util::Status {
    auto st = util::WriteAll(out.get(), chunk);
    if (!st) return std::unexpected(std::move(st.error()).Context("writing {}", path.string()));
    return {};
  }));
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
                            const std::filesystem::path& dest_in, const LayoutWriteOptions&) {
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
  for (const auto& d : blobs) {
    auto st = CopyBlob(store, d, tmp / "blobs" / "sha256" / std::string(d.digest.hex()));
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

util::Status WriteLayoutTar(const Store& store, std::span<const image::Descriptor> roots, int fd,
                            const LayoutWriteOptions& options) {
  auto blobs = MANIFOLD_TRY(CollectLayoutBlobs(store, roots));
  int64_t mtime = options.source_date_epoch.value_or(0);
  auto tar = MANIFOLD_TRY(TarWriter::Open(fd, "the OCI layout tar"));
  MANIFOLD_CHECK(tar.AddDirectory("blobs/", mtime));
  MANIFOLD_CHECK(tar.AddDirectory("blobs/sha256/", mtime));
  int64_t total = 0, done = 0;
  for (const auto& d : blobs) total += d.size;
  // `blobs` is sorted by digest, hence by entry name: the order is part of determinism.
  for (const auto& d : blobs) {
    MANIFOLD_CHECK(tar.BeginFile("blobs/sha256/" + std::string(d.digest.hex()), d.size, mtime));
    MANIFOLD_CHECK(StreamBlob(store, d, [&](std::string_view chunk) -> util::Status {
      MANIFOLD_CHECK(tar.WriteData(chunk));
      done += static_cast<int64_t>(chunk.size());
      if (options.progress) options.progress(done, total);
      return {};
    }));
  }
  MANIFOLD_CHECK(tar.AddFile("index.json", IndexJson(roots), mtime));
  MANIFOLD_CHECK(tar.AddFile("oci-layout", kLayoutFile, mtime));
  for (const auto& [name, bytes] : options.extra_files) MANIFOLD_CHECK(tar.AddFile(name, bytes, mtime));
  return tar.Finish();
}

util::Status WriteLayoutTarFile(const Store& store, std::span<const image::Descriptor> roots,
                                const std::filesystem::path& dest, const LayoutWriteOptions& options) {
  auto file = util::TempFile::Create(dest);
  if (!file) return std::unexpected(std::move(file.error()).Context("writing OCI archive {}", dest.string()));
  auto st = WriteLayoutTar(store, roots, file->fd(), options);
  if (!st) return std::unexpected(std::move(st.error()).Context("writing OCI archive {}", dest.string()));
  MANIFOLD_CHECK(file->Commit());
  return {};
}

}  // namespace manifold::content
