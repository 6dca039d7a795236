// The scanners' one walk over the filesystem (Python, Node and Go files are found in one pass).
#include "attest/tree_walk.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>

namespace manifold::attest {

namespace {

struct DirCloser {
  void operator()(DIR* d) const { closedir(d); }
};

struct Frame {
  std::unique_ptr<DIR, DirCloser> dir;
  std::string path;  // "" for the root
  size_t depth = 0;
};

}  // namespace

void WalkTree(const RootFiles& root, const WalkOptions& options, const std::function<bool(const WalkEntry&)>& visit,
              ScanReport& report) {
  std::vector<Frame> stack;
  const int root_copy = fcntl(root.fd(), F_DUPFD_CLOEXEC, 0);
  DIR* top = root_copy < 0 ? nullptr : fdopendir(root_copy);
  if (top == nullptr) {
    if (root_copy >= 0) close(root_copy);
    report.skipped.push_back(fmt::format("/: cannot list the root: {}", std::strerror(errno)));
    return;
  }
  stack.push_back({std::unique_ptr<DIR, DirCloser>(top), "", 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    errno = 0;
    const dirent* e = readdir(frame.dir.get());
    if (e == nullptr) {
      if (errno != 0) report.skipped.push_back(fmt::format("{}/: listing stopped: {}", frame.path, std::strerror(errno)));
      stack.pop_back();
      continue;
    }
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    if (++report.entries_walked > options.max_entries) {
      report.skipped.push_back(fmt::format("walk stopped after {} entries", options.max_entries));
      return;
    }
    const int dir_fd = dirfd(frame.dir.get());
    struct stat st {};
    if (fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
    const std::string path = frame.path + "/" + std::string(name);
    const WalkEntry entry{dir_fd, name, path, frame.path, &st};
    const bool enter = visit(entry);
    if (!S_ISDIR(st.st_mode) || !enter) continue;
    if (frame.depth + 1 > options.max_depth) {
      report.skipped.push_back(fmt::format("{}: deeper than {} directories, not read", path, options.max_depth));
      continue;
    }
    const int child = openat(dir_fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR* child_dir = child < 0 ? nullptr : fdopendir(child);
    if (child_dir == nullptr) {
      report.skipped.push_back(fmt::format("{}: cannot list: {}", path, std::strerror(errno)));
      if (child >= 0) close(child);
      continue;
    }
    const size_t depth = frame.depth + 1;  // `frame` is invalid after the push
    stack.push_back({std::unique_ptr<DIR, DirCloser>(child_dir), path, depth});
  }
}

}  // namespace manifold::attest
