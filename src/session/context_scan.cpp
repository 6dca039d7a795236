// ScanContext: the walk mirrors worker/copy.cpp's TreeCopier::CopyDir rules for .dockerignore.
#include "session/context_scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "util/sha256.hpp"
#include "util/unique_fd.hpp"

namespace manifold::session {

namespace {

namespace fs = std::filesystem;

int64_t Nanos(const timespec& ts) { return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec; }

util::Result<std::string> HashFile(const fs::path& path, const struct stat&) {
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, "reading " + path.string());
  return "sha256:" + MANIFOLD_TRY(util::Sha256OfFd(fd.get(), path.string()));
}

class Scanner {
 public:
  Scanner(fs::path dir, const PathFilter& excluded, const PathFilter& walk_excluded, const FileDigester& digest)
      : dir_(std::move(dir)), excluded_(excluded), walk_excluded_(walk_excluded), digest_(digest) {}

  // Appends the entries below `rel` ("" = the root), which is an open directory `fd`.
  util::Status Walk(int fd, const std::string& rel) {
    std::vector<std::string> names;
    {
      int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
      if (dup < 0) return util::FailErrno(errno, "reading " + (dir_ / rel).string());
      DIR* d = ::fdopendir(dup);
      if (d == nullptr) {
        int err = errno;
        ::close(dup);
        return util::FailErrno(err, "reading " + (dir_ / rel).string());
      }
      errno = 0;
      while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name != "." && name != "..") names.emplace_back(name);
      }
      int err = errno;
      ::closedir(d);
      if (err != 0) return util::FailErrno(err, "reading " + (dir_ / rel).string());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      std::string child = rel.empty() ? name : rel + "/" + name;
      struct stat st {};
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) continue;  // gone since readdir: as if it never was
        return util::FailErrno(errno, "stat " + (dir_ / child).string());
      }
      const bool excluded = excluded_ && excluded_(child);
      if (excluded && !(S_ISDIR(st.st_mode) && walk_excluded_ && walk_excluded_(child))) continue;
      if (S_ISDIR(st.st_mode)) {
        util::UniqueFd sub(::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!sub) return util::FailErrno(errno, "opening " + (dir_ / child).string());
        const size_t at = entries_.size();
        entries_.push_back(ContextEntry{.path = child,
                                        .type = ContextEntry::Type::kDir,
                                        .mode = st.st_mode & 07777,
                                        .mtime_ns = Nanos(st.st_mtim)});
        MANIFOLD_CHECK(Walk(sub.get(), child));
        // Walked only for what `!` patterns bring back; with nothing, it goes (as COPY drops it).
        if (excluded && entries_.size() == at + 1) entries_.pop_back();
      } else if (S_ISREG(st.st_mode)) {
        fs::path path = dir_ / child;
        std::string digest = MANIFOLD_TRY(digest_ ? digest_(path, st) : HashFile(path, st));
        entries_.push_back(ContextEntry{.path = child,
                                        .type = ContextEntry::Type::kFile,
                                        .mode = st.st_mode & 07777,
                                        .size = st.st_size,
                                        .mtime_ns = Nanos(st.st_mtim),
                                        .digest = std::move(digest)});
      } else if (S_ISLNK(st.st_mode)) {
        std::string target(static_cast<size_t>(st.st_size) + 1, '\0');
        ssize_t n = ::readlinkat(fd, name.c_str(), target.data(), target.size());
        if (n < 0) return util::FailErrno(errno, "readlink " + (dir_ / child).string());
        target.resize(std::min(static_cast<size_t>(n), target.size()));
        entries_.push_back(ContextEntry{.path = child,
                                        .type = ContextEntry::Type::kSymlink,
                                        .mode = st.st_mode & 07777,
                                        .mtime_ns = Nanos(st.st_mtim),
                                        .target = std::move(target)});
      }
      // Sockets, fifos and devices have no place in a context sent elsewhere.
    }
    return {};
  }

  std::vector<ContextEntry> Take() { return std::move(entries_); }

 private:
  fs::path dir_;
  const PathFilter& excluded_;
  const PathFilter& walk_excluded_;
  const FileDigester& digest_;
  std::vector<ContextEntry> entries_;
};

}  // namespace

util::Result<ContextManifest> ScanContext(const fs::path& dir, const PathFilter& excluded,
                                          const PathFilter& walk_excluded, const FileDigester& digest) {
  util::UniqueFd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) return util::FailErrno(errno, "opening the context " + dir.string());
  Scanner scanner(dir, excluded, walk_excluded, digest);
  MANIFOLD_CHECK(scanner.Walk(root.get(), ""));
  ContextManifest manifest{.entries = scanner.Take()};
  // The walk's order puts "a/b" before "a-b"; the manifest's is plain byte order.
  std::sort(manifest.entries.begin(), manifest.entries.end(),
            [](const ContextEntry& a, const ContextEntry& b) { return a.path < b.path; });
  return manifest;
}

}  // namespace manifold::session
