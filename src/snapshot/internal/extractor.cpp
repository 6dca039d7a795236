// Extractor: each entry type created on its final component only, inside the root.
#include "content/archive_library.hpp"
#include "snapshot/internal/extractor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "util/confined.hpp"

namespace manifold::snapshot::internal {

namespace {

util::Status WriteAt(int fd, const char* data, size_t size, off_t offset) {
  while (size > 0) {
    ssize_t n = ::pwrite(fd, data, size, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return util::FailErrno(errno, "write");
    }
    data += n;
    size -= static_cast<size_t>(n);
    offset += n;
  }
  return {};
}

util::Status CorruptData(archive* a) {
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "reading its data: {} (the archive is corrupt or truncated)",
                    content::Archive().error_string(a) ? content::Archive().error_string(a) : "unknown error");
}

std::string Bytes(uint64_t n) {
  if (n >= (1ULL << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(n) / (1ULL << 30));
  if (n >= (1ULL << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1ULL << 20));
  return fmt::format("{} bytes", n);
}

}  // namespace

util::Status Extractor::LimitExceeded(const std::string& what) const {
  std::string message = "the archive exceeds its extraction limit: " + what;
  if (!options_.limit_hint.empty()) message += "; " + options_.limit_hint;
  return util::Fail(util::ErrorKind::kInvalidArgument, "{}", message);
}

util::Status Extractor::ChargeBytes(uint64_t bytes) {
  stats_.declared_bytes += bytes;
  if (options_.max_bytes != 0 && stats_.declared_bytes > options_.max_bytes) {
    std::string limit = Bytes(options_.max_bytes);
    if (options_.max_bytes >= (1ULL << 20)) limit += fmt::format(" ({} bytes)", options_.max_bytes);
    return LimitExceeded("its files would hold more than " + limit);
  }
  return {};
}

Extractor::Extractor(int root_fd, const ApplyOptions& options)
    : root_fd_(root_fd), options_(options), privileged_(::geteuid() == 0) {}

util::Status Extractor::Entry(archive* a, archive_entry* entry) {
  const char* raw = content::Archive().entry_pathname(entry);
  if (raw == nullptr || *raw == '\0') {
    return util::Fail(util::ErrorKind::kInvalidArgument, "an archive entry has no name");
  }
  if (++stats_.entries > options_.max_entries && options_.max_entries != 0) {
    return std::unexpected(LimitExceeded(fmt::format("more than {} entries", options_.max_entries))
                               .error()
                               .Context("archive entry {:?}", raw));
  }
  std::string path = MANIFOLD_TRY(CleanEntryPath(raw));
  util::Status status;
  if (options_.whiteouts != WhiteoutMode::kLiteral) {
    auto whiteout = ClassifyWhiteout(path);
    if (!whiteout) return std::unexpected(std::move(whiteout.error()).Context("archive entry {:?}", raw));
    if (whiteout->kind != WhiteoutKind::kNone) {
      status = options_.whiteouts == WhiteoutMode::kApply ? ApplyWhiteout(*whiteout)
                                                          : OverlayWhiteout(*whiteout);
      if (!status) status.error().Context("archive entry {:?}", raw);
      return status;
    }
  }
  const unsigned type = content::Archive().entry_filetype(entry);
  if (path == ".") {
    // The root's own entry ("./"): it is the directory we were given; keep its metadata.
    if (type == AE_IFDIR) return {};
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "archive entry {:?} would replace the root with a non-directory", raw);
  }
  if (content::Archive().entry_hardlink(entry) != nullptr) {
    status = Hardlink(path, entry);
  } else if (type == AE_IFDIR) {
    status = Directory(path, entry);
  } else if (type == AE_IFREG) {
    status = Regular(a, path, entry);
  } else if (type == AE_IFLNK) {
    status = Symlink(path, entry);
  } else if (type == AE_IFCHR || type == AE_IFBLK || type == AE_IFIFO) {
    status = Special(path, entry);
  } else {
    ++stats_.skipped;  // sockets: a tar cannot carry one usefully
  }
  if (!status) status.error().Context("archive entry {:?}", raw);
  return status;
}

util::Result<Extractor::Slot> Extractor::Prepare(const std::string& path, bool keep_dir) {
  auto parent = MANIFOLD_TRY(util::OpenParentInRoot(root_fd_, path, true));
  Slot slot{std::move(parent.dir), std::move(parent.name), false};
  struct stat st {};
  if (::fstatat(slot.parent.get(), slot.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (keep_dir && S_ISDIR(st.st_mode)) {
      slot.kept_dir = true;
    } else {
      // OCI changesets: a non-directory replaces a directory, and anything replaces a
      // non-directory; the old one goes first so that creation never meets it.
      MANIFOLD_CHECK(util::RemoveAllAt(slot.parent.get(), slot.name));
    }
  } else if (errno != ENOENT) {
    return util::FailErrno(errno, "stat");
  }
  return slot;
}

util::Status Extractor::Remember(int parent_fd, const std::string& name) {
  // Only whiteouts ask what this archive created; a literal archive (ADD) has none, and
  // remembering 100k names would cost a stat and a set node each.
  if (options_.whiteouts == WhiteoutMode::kLiteral) return {};
  struct stat st {};
  if (::fstat(parent_fd, &st) != 0) return util::FailErrno(errno, "stat parent directory");
  created_.emplace(st.st_dev, st.st_ino, name);
  return {};
}

bool Extractor::Created(int parent_fd, const std::string& name) const {
  struct stat st {};
  if (::fstat(parent_fd, &st) != 0) return false;
  return created_.contains({st.st_dev, st.st_ino, name});
}

util::Status Extractor::Directory(const std::string& path, archive_entry* entry) {
  Slot slot = MANIFOLD_TRY(Prepare(path, true));
  // 0700 until Finish: the owner may create children whatever the final mode says.
  if (!slot.kept_dir && ::mkdirat(slot.parent.get(), slot.name.c_str(), 0700) != 0) {
    return util::FailErrno(errno, "mkdir");
  }
  int fd = ::openat(slot.parent.get(), slot.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return util::FailErrno(errno, "open directory");
  util::UniqueFd dir(fd);
  Target target{slot.parent.get(), slot.name, dir.get(), false};
  MANIFOLD_CHECK(SetOwner(target, entry, options_));
  MANIFOLD_CHECK(SetXattrs(target, entry, options_.whiteouts, stats_));
  MANIFOLD_CHECK(Remember(slot.parent.get(), slot.name));
  dirs_.push_back({path, static_cast<mode_t>(content::Archive().entry_perm(entry) & 07777), EntryTimes(entry)});
  ++stats_.dirs;
  return {};
}

util::Status Extractor::Regular(archive* a, const std::string& path, archive_entry* entry) {
  // Charged before anything is created: a sparse file declaring a terabyte is refused whole.
  uint64_t charged = content::Archive().entry_size_is_set(entry) ? static_cast<uint64_t>(std::max<la_int64_t>(0, content::Archive().entry_size(entry))) : 0;
  MANIFOLD_CHECK(ChargeBytes(charged));
  Slot slot = MANIFOLD_TRY(Prepare(path, false));
  // O_EXCL | O_NOFOLLOW: the name was just emptied; whatever appears there meanwhile is
  // refused, never written through.
  int fd = ::openat(slot.parent.get(), slot.name.c_str(),
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return util::FailErrno(errno, "create file");
  util::UniqueFd file(fd);
  MANIFOLD_CHECK(Remember(slot.parent.get(), slot.name));
  for (;;) {
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int r = content::Archive().read_data_block(a, &buf, &size, &offset);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return CorruptData(a);
    // Data past the declared size (libarchive's tar reader never hands it out) still counts.
    if (uint64_t end = static_cast<uint64_t>(offset) + size; end > charged) {
      MANIFOLD_CHECK(ChargeBytes(end - charged));
      charged = end;
    }
    // Sparse archives hand out blocks at offsets past the holes; pwrite leaves holes.
    MANIFOLD_CHECK(WriteAt(file.get(), static_cast<const char*>(buf), size, static_cast<off_t>(offset)));
    stats_.bytes += size;
  }
  if (content::Archive().entry_size_is_set(entry) && ::ftruncate(file.get(), content::Archive().entry_size(entry)) != 0) {
    return util::FailErrno(errno, "truncate");  // a trailing hole of a sparse file
  }
  Target target{slot.parent.get(), slot.name, file.get(), false};
  MANIFOLD_CHECK(SetOwner(target, entry, options_));
  MANIFOLD_CHECK(SetMode(target, content::Archive().entry_perm(entry) & 07777));
  MANIFOLD_CHECK(SetXattrs(target, entry, options_.whiteouts, stats_));
  if (auto times = EntryTimes(entry)) MANIFOLD_CHECK(SetTimes(target, *times));
  ++stats_.files;
  return {};
}

util::Status Extractor::Symlink(const std::string& path, archive_entry* entry) {
  const char* link = content::Archive().entry_symlink(entry);
  if (link == nullptr || *link == '\0') {
    return util::Fail(util::ErrorKind::kInvalidArgument, "symlink without a target");
  }
  Slot slot = MANIFOLD_TRY(Prepare(path, false));
  // The target is stored verbatim and never resolved here: later entries that go through
  // this link are resolved inside the root (RESOLVE_IN_ROOT), whatever it says.
  if (::symlinkat(link, slot.parent.get(), slot.name.c_str()) != 0) return util::FailErrno(errno, "symlink");
  MANIFOLD_CHECK(Remember(slot.parent.get(), slot.name));
  Target target{slot.parent.get(), slot.name, -1, true};
  MANIFOLD_CHECK(SetOwner(target, entry, options_));
  MANIFOLD_CHECK(SetXattrs(target, entry, options_.whiteouts, stats_));
  if (auto times = EntryTimes(entry)) MANIFOLD_CHECK(SetTimes(target, *times));
  ++stats_.symlinks;
  return {};
}

util::Status Extractor::Hardlink(const std::string& path, archive_entry* entry) {
  std::string link = MANIFOLD_TRY(CleanEntryPath(content::Archive().entry_hardlink(entry)));
  if (link == ".") return util::Fail(util::ErrorKind::kInvalidArgument, "hard link to the root");
  if (link == path) {  // a link to itself: the file is already there
    ++stats_.hardlinks;
    return {};
  }
  auto source = util::OpenParentInRoot(root_fd_, link, false);
  if (!source) {
    return std::unexpected(std::move(source.error())
                               .Context("hard link target {:?} must be an earlier entry inside the root", link));
  }
  struct stat st {};
  if (::fstatat(source->dir.get(), source->name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return std::unexpected(util::FailErrno(errno, fmt::format("hard link target {:?}", link))
                               .error()
                               .Context("hard link targets must be earlier entries inside the root"));
  }
  if (S_ISDIR(st.st_mode)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "hard link target {:?} is a directory", link);
  }
  Slot slot = MANIFOLD_TRY(Prepare(path, false));
  // No AT_SYMLINK_FOLLOW: a link to a symlink links the symlink itself, as tar does; the
  // source was resolved inside the root, so the new name can only share a root inode.
  if (::linkat(source->dir.get(), source->name.c_str(), slot.parent.get(), slot.name.c_str(), 0) != 0) {
    return util::FailErrno(errno, fmt::format("hard link to {:?}", link));
  }
  MANIFOLD_CHECK(Remember(slot.parent.get(), slot.name));
  ++stats_.hardlinks;
  return {};
}

util::Status Extractor::Special(const std::string& path, archive_entry* entry) {
  const unsigned type = content::Archive().entry_filetype(entry);
  const bool device = type != AE_IFIFO;
  if (options_.no_devices || (device && !privileged_)) {
    ++stats_.skipped;
    return {};
  }
  Slot slot = MANIFOLD_TRY(Prepare(path, false));
  dev_t dev = device ? makedev(content::Archive().entry_rdevmajor(entry), content::Archive().entry_rdevminor(entry)) : 0;
  if (::mknodat(slot.parent.get(), slot.name.c_str(), static_cast<mode_t>(type) | 0600, dev) != 0) {
    // A user namespace's root lacks CAP_MKNOD: the layer still unpacks, as with rootless Docker.
    if (errno == EPERM && device) {
      ++stats_.skipped;
      return {};
    }
    return util::FailErrno(errno, "mknod");
  }
  MANIFOLD_CHECK(Remember(slot.parent.get(), slot.name));
  Target target{slot.parent.get(), slot.name, -1, false};
  MANIFOLD_CHECK(SetOwner(target, entry, options_));
  MANIFOLD_CHECK(SetMode(target, content::Archive().entry_perm(entry) & 07777));
  MANIFOLD_CHECK(SetXattrs(target, entry, options_.whiteouts, stats_));
  if (auto times = EntryTimes(entry)) MANIFOLD_CHECK(SetTimes(target, *times));
  ++stats_.devices;
  return {};
}

util::Status Extractor::Finish() {
  for (const auto& dir : dirs_) {
    auto parent = util::OpenParentInRoot(root_fd_, dir.path, false);
    if (!parent) continue;  // removed or replaced by a later entry: nothing to finish
    struct stat st {};
    if (::fstatat(parent->dir.get(), parent->name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISDIR(st.st_mode)) {
      continue;
    }
    Target target{parent->dir.get(), parent->name, -1, false};
    auto status = SetMode(target, dir.mode);
    if (status && dir.times) status = SetTimes(target, *dir.times);
    if (!status) return std::unexpected(std::move(status.error()).Context("directory {:?}", dir.path));
  }
  return {};
}

}  // namespace manifold::snapshot::internal
