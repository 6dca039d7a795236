// WriteTreeTar: depth-first walk with sorted names, entries from lstat, contents via fds.
#include "snapshot/tar_tree.hpp"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "snapshot/overlay_xattr.hpp"
#include "util/unique_fd.hpp"

namespace manifold::snapshot {
namespace {

struct Walker {
  const TreeTarOptions& options;
  TarWriter& tar;
  std::string root;  // with a trailing '/'
  std::map<std::pair<dev_t, ino_t>, std::string> first_links;
  std::string names;  // scratch for llistxattr
  std::string value;  // scratch for lgetxattr

  util::Status ReadXattrs(const std::string& full, content::TarEntry& entry) {
    for (;;) {
      ssize_t n = ::llistxattr(full.c_str(), nullptr, 0);
      if (n < 0) {
        if (errno == ENOTSUP || errno == ENODATA) return {};
        return util::FailErrno(errno, fmt::format("listing xattrs of {}", full));
      }
      if (n == 0) return {};
      names.resize(static_cast<size_t>(n));
      n = ::llistxattr(full.c_str(), names.data(), names.size());
      if (n < 0 && errno == ERANGE) continue;  // grew in between
      if (n < 0) return util::FailErrno(errno, fmt::format("listing xattrs of {}", full));
      names.resize(static_cast<size_t>(n));
      break;
    }
    for (size_t pos = 0; pos < names.size();) {
      size_t end = names.find('\0', pos);
      if (end == std::string::npos) end = names.size();
      std::string name = names.substr(pos, end - pos);
      pos = end + 1;
      if (name.empty() || (options.keep_xattr && !options.keep_xattr(name))) continue;
      ssize_t n = ::lgetxattr(full.c_str(), name.c_str(), nullptr, 0);
      if (n < 0 && errno == ENODATA) continue;  // removed in between
      if (n < 0) return util::FailErrno(errno, fmt::format("reading xattr {} of {}", name, full));
      value.resize(static_cast<size_t>(n));
      n = ::lgetxattr(full.c_str(), name.c_str(), value.data(), value.size());
      if (n < 0) return util::FailErrno(errno, fmt::format("reading xattr {} of {}", name, full));
      entry.xattrs[name] = value.substr(0, static_cast<size_t>(n));
    }
    return {};
  }

  /// An empty regular file standing for a deletion (or an opaque directory's marker).
  content::TarEntry Whiteout(std::string path, const struct stat& st) const {
    content::TarEntry entry;
    entry.path = std::move(path);
    entry.type = content::TarEntryType::kFile;
    entry.mode = 0;
    entry.mtime = st.st_mtim.tv_sec;
    if (options.clamp_mtime && entry.mtime > *options.clamp_mtime) entry.mtime = *options.clamp_mtime;
    return entry;
  }

  util::Status Walk(int dir_fd, const std::string& prefix) {
    std::vector<std::string> children;
    {
      int dup_fd = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
      if (dup_fd < 0) return util::FailErrno(errno, fmt::format("dup {}{}", root, prefix));
      DIR* dir = ::fdopendir(dup_fd);
      if (dir == nullptr) {
        ::close(dup_fd);
        return util::FailErrno(errno, fmt::format("opendir {}{}", root, prefix));
      }
      errno = 0;
      while (dirent* d = ::readdir(dir)) {
        std::string_view name = d->d_name;
        if (name != "." && name != "..") children.emplace_back(name);
        errno = 0;
      }
      int err = errno;
      ::closedir(dir);
      if (err != 0) return util::FailErrno(err, fmt::format("readdir {}{}", root, prefix));
    }
    // std::string compares as unsigned bytes: the order is the same in every locale.
    std::sort(children.begin(), children.end());
    for (const std::string& name : children) MANIFOLD_CHECK(Visit(dir_fd, prefix, name));
    return {};
  }

  util::Status Visit(int dir_fd, const std::string& prefix, const std::string& name) {
    std::string rel = prefix + name;
    std::string full = root + rel;
    struct stat st;
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return util::FailErrno(errno, fmt::format("stat {}", full));
    }
    if (S_ISSOCK(st.st_mode)) return {};
    if (options.overlay_whiteouts && S_ISCHR(st.st_mode) && st.st_rdev == 0) {
      return tar.Add(Whiteout(options.path_prefix + prefix + ".wh." + name, st));
    }
    content::TarEntry entry;
    entry.path = options.path_prefix + rel;
    entry.mode = st.st_mode & 07777;
    entry.uid = st.st_uid;
    entry.gid = st.st_gid;
    entry.mtime = st.st_mtim.tv_sec;
    if (options.clamp_mtime && entry.mtime > *options.clamp_mtime) entry.mtime = *options.clamp_mtime;
    MANIFOLD_CHECK(ReadXattrs(full, entry));

    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
      auto [it, inserted] = first_links.try_emplace({st.st_dev, st.st_ino}, rel);
      if (!inserted) {
        entry.type = content::TarEntryType::kHardlink;
        entry.link_target = options.path_prefix + it->second;
        return tar.Add(entry);
      }
    }
    switch (st.st_mode & S_IFMT) {
      case S_IFDIR: {
        entry.type = content::TarEntryType::kDirectory;
        MANIFOLD_CHECK(tar.Add(entry));
        if (options.overlay_whiteouts && IsOpaqueDir(full.c_str())) {
          MANIFOLD_CHECK(tar.Add(Whiteout(entry.path + "/.wh..wh..opq", st)));
        }
        util::UniqueFd sub(::openat(dir_fd, name.c_str(),
                                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!sub) return util::FailErrno(errno, fmt::format("open {}", full));
        return Walk(sub.get(), rel + "/");
      }
      case S_IFREG: {
        entry.type = content::TarEntryType::kFile;
        // O_NOATIME spares the atime write-back; only the owner (or CAP_FOWNER) may ask.
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
        util::UniqueFd fd(::openat(dir_fd, name.c_str(), flags | O_NOATIME));
        if (!fd && errno == EPERM) fd.reset(::openat(dir_fd, name.c_str(), flags));
        if (!fd) return util::FailErrno(errno, fmt::format("open {}", full));
        struct stat fst;
        if (::fstat(fd.get(), &fst) != 0) return util::FailErrno(errno, fmt::format("stat {}", full));
        if (fst.st_ino != st.st_ino || !S_ISREG(fst.st_mode)) {
          return util::Fail(util::ErrorKind::kConflict, "{} was replaced while being archived",
                            full);
        }
        entry.size = fst.st_size;
        if (entry.size >= (int64_t{1} << 20)) {
          ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
        }
        return tar.AddFile(entry, fd.get());
      }
      case S_IFLNK: {
        entry.type = content::TarEntryType::kSymlink;
        std::string target(static_cast<size_t>(std::max<off_t>(st.st_size, 0)) + 1, '\0');
        for (;;) {
          ssize_t n = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size());
          if (n < 0) return util::FailErrno(errno, fmt::format("readlink {}", full));
          if (static_cast<size_t>(n) < target.size()) {
            target.resize(static_cast<size_t>(n));
            break;
          }
          target.resize(target.size() * 2);
        }
        entry.link_target = std::move(target);
        return tar.Add(entry);
      }
      case S_IFCHR:
      case S_IFBLK:
        entry.type = S_ISCHR(st.st_mode) ? content::TarEntryType::kCharDevice : content::TarEntryType::kBlockDevice;
        entry.dev_major = major(st.st_rdev);
        entry.dev_minor = minor(st.st_rdev);
        return tar.Add(entry);
      case S_IFIFO:
        entry.type = content::TarEntryType::kFifo;
        return tar.Add(entry);
      default:
        return util::Fail(util::ErrorKind::kInvalidArgument, "{}: unsupported file type {:o}",
                          full, st.st_mode & S_IFMT);
    }
  }
};

}  // namespace

bool KeepXattrByDefault(std::string_view name) {
  return !name.starts_with("system.") && name != "security.selinux" &&
         !name.starts_with("trusted.overlay.") && !name.starts_with("user.overlay.");
}

util::Result<std::optional<int64_t>> SourceDateEpochFromEnv() {
  const char* text = std::getenv("SOURCE_DATE_EPOCH");
  if (text == nullptr || *text == '\0') return std::optional<int64_t>();
  std::string_view s = text;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "SOURCE_DATE_EPOCH={:?} is not a non-negative integer of seconds", s);
  }
  return std::optional<int64_t>(value);
}

util::Status WriteTreeTar(const std::filesystem::path& root, TarWriter& tar,
                          const TreeTarOptions& options) {
  util::UniqueFd fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, fmt::format("open {}", root.string()));
  std::string base = root.string();
  if (base.empty() || base.back() != '/') base += '/';
  Walker walker{options, tar, base, {}, {}, {}};
  return walker.Walk(fd.get(), "");
}

}  // namespace manifold::snapshot
