// Entry copies: copy_file_range for data, then ownership before mode (chown clears setuid).
#include "util/entry_copy.hpp"

#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "util/fd_copy.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

std::map<std::string, std::string> ReadXattrs(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  ssize_t size = ::llistxattr(path.c_str(), nullptr, 0);
  if (size <= 0) return out;
  std::vector<char> names(static_cast<size_t>(size));
  size = ::llistxattr(path.c_str(), names.data(), names.size());
  if (size <= 0) return out;
  for (size_t i = 0; i < static_cast<size_t>(size);) {
    std::string name(names.data() + i);
    i += name.size() + 1;
    if (name.starts_with("trusted.overlay.")) continue;
    ssize_t vsize = ::lgetxattr(path.c_str(), name.c_str(), nullptr, 0);
    if (vsize < 0) continue;
    std::string value(static_cast<size_t>(vsize) + 1, '\0');
    vsize = ::lgetxattr(path.c_str(), name.c_str(), value.data(), value.size());
    if (vsize < 0) continue;
    value.resize(static_cast<size_t>(vsize));
    out.emplace(std::move(name), std::move(value));
  }
  return out;
}

Status CopyXattrs(const std::filesystem::path& src, const std::filesystem::path& dst) {
  for (const auto& [name, value] : ReadXattrs(src)) {
    if (::lsetxattr(dst.c_str(), name.c_str(), value.data(), value.size(), 0) != 0 && errno != ENOTSUP &&
        errno != EPERM) {
      return FailErrno(errno, "setting xattr " + name + " on " + dst.string());
    }
  }
  return {};
}

Status ApplyMeta(const std::filesystem::path& path, const EntryMeta& meta, bool is_symlink) {
  if (::lchown(path.c_str(), meta.uid, meta.gid) != 0) return FailErrno(errno, "chown " + path.string());
  if (!is_symlink && ::chmod(path.c_str(), meta.mode) != 0) return FailErrno(errno, "chmod " + path.string());
  timespec times[2] = {meta.mtime, meta.mtime};
  if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return FailErrno(errno, "setting times of " + path.string());
  }
  return {};
}

Status CopyNonDirectory(const std::filesystem::path& src, const std::filesystem::path& dst,
                              const struct stat& st, const EntryMeta& meta) {
  if (S_ISREG(st.st_mode)) {
    UniqueFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!in) return FailErrno(errno, "open " + src.string());
    UniqueFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!out) return FailErrno(errno, "create " + dst.string());
    // A file that shrank while we copied gives what is there.
    auto copied = CopyFdData(in.get(), out.get(), st.st_size);
    if (!copied) return std::unexpected(std::move(copied.error()).Context("copying {} to {}", src.string(), dst.string()));
  } else if (S_ISLNK(st.st_mode)) {
    std::vector<char> target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1);
    ssize_t n = ::readlink(src.c_str(), target.data(), target.size());
    if (n < 0) return FailErrno(errno, "readlink " + src.string());
    std::string link(target.data(), static_cast<size_t>(n));
    if (::symlink(link.c_str(), dst.c_str()) != 0) return FailErrno(errno, "symlink " + dst.string());
  } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    if (::mknod(dst.c_str(), st.st_mode, st.st_rdev) != 0) return FailErrno(errno, "mknod " + dst.string());
  } else {
    return Fail(ErrorKind::kInvalidArgument, "cannot copy {}: unsupported file type", src.string());
  }
  // Owner before mode (chown clears setuid), xattrs last (chown also clears security.capability).
  MANIFOLD_CHECK(ApplyMeta(dst, meta, S_ISLNK(st.st_mode)));
  return CopyXattrs(src, dst);
}

}  // namespace manifold::util
