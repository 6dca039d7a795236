// ContextMirror::Apply's tree work: remove what is not listed, create what is, confined to the tree.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <vector>

#include "session/context_mirror.hpp"
#include "util/confined.hpp"
#include "util/temp_file.hpp"

namespace manifold::session {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::Fail;
using Type = ContextEntry::Type;

namespace {

using Wanted = std::map<std::string_view, const ContextEntry*>;

timespec ToTimespec(int64_t ns) {
  timespec ts{ns / 1'000'000'000, ns % 1'000'000'000};
  if (ts.tv_nsec < 0) {  // before the epoch
    ts.tv_sec -= 1;
    ts.tv_nsec += 1'000'000'000;
  }
  return ts;
}

bool SameType(const struct stat& st, Type type) {
  switch (type) {
    case Type::kDir: return S_ISDIR(st.st_mode);
    case Type::kFile: return S_ISREG(st.st_mode);
    case Type::kSymlink: return S_ISLNK(st.st_mode);
  }
  return false;
}

util::Result<std::vector<std::string>> Names(int dir_fd, const std::string& what) {
  int dup = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return util::FailErrno(errno, "reading " + what);
  DIR* dir = ::fdopendir(dup);
  if (dir == nullptr) {
    int err = errno;
    ::close(dup);
    return util::FailErrno(err, "reading " + what);
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  int err = errno;
  ::closedir(dir);
  if (err != 0) return util::FailErrno(err, "reading " + what);
  return names;
}

// Removes every entry below `dir_fd` that the manifest does not list with the same type, never
// following a symlink. Kept directories get owner rwx until their mode is set at the end, so
// that a non-root node can still write into a directory the context marks read-only.
util::Status RemoveUnlisted(int dir_fd, const std::string& rel, const Wanted& wanted) {
  auto names = MANIFOLD_TRY(Names(dir_fd, rel.empty() ? "the tree" : rel));
  for (const auto& name : names) {
    const std::string child = rel.empty() ? name : rel + "/" + name;
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return util::FailErrno(errno, "stat " + child);
    auto it = wanted.find(child);
    if (it == wanted.end() || !SameType(st, it->second->type)) {
      auto removed = util::RemoveAllAt(dir_fd, name);
      if (!removed) return std::unexpected(std::move(removed.error()).Context("removing {}", child));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) continue;
    if ((st.st_mode & 0700) != 0700 && ::fchmodat(dir_fd, name.c_str(), (st.st_mode & 07777) | 0700, 0) != 0) {
      return util::FailErrno(errno, "chmod " + child);
    }
    util::UniqueFd sub(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!sub) return util::FailErrno(errno, "opening " + child);
    MANIFOLD_CHECK(RemoveUnlisted(sub.get(), child, wanted));
  }
  return {};
}

util::Status CopyBytes(int from, int to, const std::string& what) {
  std::vector<char> buffer(1 << 20);
  for (;;) {
    ssize_t n = ::read(from, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, "reading " + what);
    if (n == 0) return {};
    MANIFOLD_CHECK(util::WriteAll(to, std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
}

util::Status SetFileMeta(int fd, const ContextEntry& entry) {
  if (::fchmod(fd, entry.mode) != 0) return util::FailErrno(errno, "chmod " + entry.path);
  const timespec mtime = ToTimespec(entry.mtime_ns);
  const timespec times[2] = {mtime, mtime};
  if (::futimens(fd, times) != 0) return util::FailErrno(errno, "setting the mtime of " + entry.path);
  return {};
}

// Sets mode and mtime of the directory or symlink `name` in `parent` (symlinks: mtime only).
util::Status SetMetaAt(int parent, const std::string& name, const ContextEntry& entry) {
  // fchmodat follows a final symlink; `name` was checked (or made) a directory just before,
  // and nothing else writes the tree while the mirror is locked.
  if (entry.type == Type::kDir && ::fchmodat(parent, name.c_str(), entry.mode, 0) != 0) {
    return util::FailErrno(errno, "chmod " + entry.path);
  }
  const timespec mtime = ToTimespec(entry.mtime_ns);
  const timespec times[2] = {mtime, mtime};
  if (::utimensat(parent, name.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return util::FailErrno(errno, "setting the mtime of " + entry.path);
  }
  return {};
}

}  // namespace

util::Status ContextMirror::ApplyToTree(const ContextManifest& manifest) {
  util::UniqueFd tree(::open(tree_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!tree) return util::FailErrno(errno, "opening " + tree_.string());
  util::UniqueFd staging(::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!staging) return util::FailErrno(errno, "opening " + staging_.string());

  Wanted wanted;
  for (const auto& entry : manifest.entries) wanted.emplace(entry.path, &entry);

  // Files already right stay; every other file's content is staged before anything is
  // removed, since the tree file it may come from (a rename) is about to go.
  std::vector<bool> in_place(manifest.entries.size(), false);
  std::map<std::string_view, int> uses;  // staged digest -> entries still to be written from it
  for (size_t i = 0; i < manifest.entries.size(); ++i) {
    const auto& entry = manifest.entries[i];
    if (entry.type != Type::kFile) continue;
    in_place[i] = InPlace(tree.get(), entry);
    if (in_place[i]) continue;
    if (uses[entry.digest]++ > 0 || Staged(entry.digest)) continue;
    const std::string source = HeldAt(tree.get(), entry.digest);
    if (source.empty()) {
      return Fail(ErrorKind::kInvalidArgument, "{} ({}) was neither sent nor held by the mirror", entry.path,
                  entry.digest);
    }
    auto staged = Stage(entry.digest, entry.size, [&](const BlobSink& sink) -> util::Status {
      auto fd = MANIFOLD_TRY(util::OpenInRoot(tree.get(), source, O_RDONLY | O_NOFOLLOW));
      std::vector<char> buffer(1 << 20);
      for (;;) {
        ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return util::FailErrno(errno, "reading " + source);
        if (n == 0) return {};
        MANIFOLD_CHECK(sink(std::string_view(buffer.data(), static_cast<size_t>(n))));
      }
    });
    if (!staged) return std::unexpected(std::move(staged.error()).Context("reusing {} for {}", source, entry.path));
  }

  MANIFOLD_CHECK(RemoveUnlisted(tree.get(), "", wanted));

  int temp_counter = 0;
  for (size_t i = 0; i < manifest.entries.size(); ++i) {
    const auto& entry = manifest.entries[i];
    auto parent = MANIFOLD_TRY(util::OpenParentInRoot(tree.get(), entry.path, /*create_parents=*/false));
    const int dir = parent.dir.get();
    const char* name = parent.name.c_str();
    struct stat st {};
    const bool exists = ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
    switch (entry.type) {
      case Type::kDir:
        if (!(exists && S_ISDIR(st.st_mode)) && ::mkdirat(dir, name, 0700) != 0) {
          return util::FailErrno(errno, "mkdir " + entry.path);
        }
        break;  // mode and mtime once its children are in
      case Type::kSymlink: {
        std::string current(entry.target.size() + 1, '\0');
        const bool same = exists && S_ISLNK(st.st_mode) &&
                          ::readlinkat(dir, name, current.data(), current.size()) ==
                              static_cast<ssize_t>(entry.target.size()) &&
                          current.compare(0, entry.target.size(), entry.target) == 0;
        if (!same) {
          MANIFOLD_CHECK(util::RemoveAllAt(dir, parent.name));
          if (::symlinkat(entry.target.c_str(), dir, name) != 0) return util::FailErrno(errno, "symlink " + entry.path);
        }
        MANIFOLD_CHECK(SetMetaAt(dir, parent.name, entry));
        break;
      }
      case Type::kFile: {
        if (in_place[i]) {
          util::UniqueFd fd = MANIFOLD_TRY(util::OpenInRoot(tree.get(), entry.path, O_RDONLY | O_NOFOLLOW));
          MANIFOLD_CHECK(SetFileMeta(fd.get(), entry));
          break;
        }
        const std::string hex(DigestHex(entry.digest));
        std::string from = hex;
        if (--uses[entry.digest] > 0) {
          // Another entry still needs the staged blob: give this one a copy of its own.
          from = fmt::format("copy-{}", temp_counter++);
          util::UniqueFd in(::openat(staging.get(), hex.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
          if (!in) return util::FailErrno(errno, "opening the staged " + entry.digest);
          util::UniqueFd out(
              ::openat(staging.get(), from.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
          if (!out) return util::FailErrno(errno, "copying the staged " + entry.digest);
          MANIFOLD_CHECK(CopyBytes(in.get(), out.get(), entry.digest));
        }
        util::UniqueFd fd(::openat(staging.get(), from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd) return util::FailErrno(errno, "opening the staged " + entry.digest);
        MANIFOLD_CHECK(SetFileMeta(fd.get(), entry));
        // rename never follows a symlink at `name`; a directory there was removed above.
        if (::renameat(staging.get(), from.c_str(), dir, name) != 0) {
          return util::FailErrno(errno, "placing " + entry.path);
        }
        break;
      }
    }
  }

  // Directories last, deepest first: creating their children changed their mtimes.
  for (auto it = manifest.entries.rbegin(); it != manifest.entries.rend(); ++it) {
    if (it->type != Type::kDir) continue;
    auto parent = MANIFOLD_TRY(util::OpenParentInRoot(tree.get(), it->path, /*create_parents=*/false));
    MANIFOLD_CHECK(SetMetaAt(parent.dir.get(), parent.name, *it));
  }
  return {};
}

}  // namespace manifold::session
