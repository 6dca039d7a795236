// CopyPlan: the tree a copy would make, as nodes; written as tar in WriteTreeTar's order.
#include "worker/internal/copy_plan.hpp"

#include <fcntl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "content/tar_header.hpp"
#include "image/elf_machine.hpp"
#include "util/root_path.hpp"
#include "util/unique_fd.hpp"

namespace manifold::worker::internal {

namespace fs = std::filesystem;

// A plan holds a node per file of the copy (a COPY of a context: tens of thousands), so the
// per-file parts are kept small: no fs::path (a parsed copy of every component), no
// shared_ptr or map per file, a source as its directory's index plus its name.
struct CopyPlan::Inode {
  util::EntryMeta meta;
  mode_t type = S_IFREG;
  uint32_t source_dir = 0;  // regular files: the source's directory, in Inodes::source_dirs
  std::string text;         // regular files: the source's name in that directory; symlinks: the target
  dev_t source_dev = 0;
  ino_t source_ino = 0;
  int64_t size = 0;
  dev_t rdev = 0;                                            // devices
  std::vector<std::pair<std::string, std::string>> xattrs;  // sorted by name; mostly empty
};

struct CopyPlan::Inodes {
  std::deque<Inode> all;  // a deque: no doubling slack, and indices stay valid
  // Source directories, each ending in '/' ("" for a source without one); consecutive files
  // of one directory share an entry.
  std::vector<std::string> source_dirs;

  uint32_t Add(Inode inode) {
    all.push_back(std::move(inode));
    return static_cast<uint32_t>(all.size() - 1);
  }
  std::string SourcePath(const Inode& inode) const { return source_dirs[inode.source_dir] + inode.text; }
};

struct CopyPlan::Node {
  std::unique_ptr<Dir> dir;  // set for a directory
  uint32_t inode = 0;        // otherwise: its index in Inodes::all (names of one inode share it)
  bool is_dir() const { return dir != nullptr; }
};

struct CopyPlan::Dir {
  util::EntryMeta meta;
  // std::string orders as unsigned bytes, as WriteTreeTar sorts names. Nodes are stored in
  // place: a map node's address is stable, so Node* stays valid until that entry is erased.
  std::map<std::string, Node> children;
};

namespace {

timespec Now() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now;
}

// The process umask without changing it (umask(2) would, racing other threads).
mode_t CurrentUmask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("Umask:")) return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  }
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

std::vector<std::string> Components(const fs::path& path) {
  std::vector<std::string> out;
  for (auto& part : util::SplitPath(path.string())) out.push_back(std::move(part));
  return out;
}

// Creating or removing an entry moves its directory's mtime to now, as the kernel does.
void Touch(CopyPlan::Node& dir) { dir.dir->meta.mtime = Now(); }

CopyPlan::Node MakeDirNode(const util::EntryMeta& meta) {
  CopyPlan::Node node;
  node.dir = std::make_unique<CopyPlan::Dir>();
  node.dir->meta = meta;
  return node;
}

}  // namespace

CopyPlan::CopyPlan()
    : root_(std::make_unique<Node>(MakeDirNode({.mode = 0755}))),
      inodes_(std::make_unique<Inodes>()),
      umask_(CurrentUmask()) {}

CopyPlan::~CopyPlan() = default;

bool CopyPlan::empty() const { return root_->dir->children.empty(); }

util::Status CopyPlan::Decline(std::string why) {
  if (declined_.empty()) declined_ = std::move(why);
  return util::Fail(util::ErrorKind::kUnavailable, "direct copy declined: {}", declined_);
}

CopyPlan::Node* CopyPlan::Find(const fs::path& path) const {
  Node* node = root_.get();
  for (const auto& part : Components(path)) {
    if (!node->is_dir()) return nullptr;
    auto it = node->dir->children.find(part);
    if (it == node->dir->children.end()) return nullptr;
    node = &it->second;
  }
  return node;
}

std::pair<CopyPlan::Node*, std::string> CopyPlan::Parent(const fs::path& path) const {
  auto parts = Components(path);
  if (parts.empty()) return {nullptr, ""};
  std::string name = parts.back();
  Node* dir = Find(fs::path("/") / fs::path(path).parent_path().relative_path());
  if (dir == nullptr || !dir->is_dir()) return {nullptr, name};
  return {dir, name};
}

util::Result<fs::path> CopyPlan::Resolve(const std::string& path, bool follow_last) {
  auto parts = util::SplitPath(util::CleanPath("/" + path));
  fs::path out = "/";
  Node* node = root_.get();
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part == "." || part == "..") continue;  // CleanPath left none but a clamped ".." at "/"
    out /= part;
    if (node == nullptr) continue;
    if (!node->is_dir()) return std::unexpected(Decline(fmt::format("{} goes through a file", path)).error());
    auto it = node->dir->children.find(part);
    if (it == node->dir->children.end()) {
      node = nullptr;
      continue;
    }
    node = &it->second;
    bool last = i + 1 == parts.size();
    if (!node->is_dir() && inodes_->all[node->inode].type == S_IFLNK && (!last || follow_last)) {
      return std::unexpected(Decline(fmt::format("{} goes through a symlink the copy made", path)).error());
    }
  }
  return out;
}

util::Result<fs::path> CopyPlan::MakeDirectories(const std::string& dir, const std::optional<OwnerIds>& owner) {
  fs::path resolved = MANIFOLD_TRY(Resolve(dir, true));
  Node* node = root_.get();
  fs::path current = "/";
  for (const auto& part : Components(resolved)) {
    current /= part;
    auto it = node->dir->children.find(part);
    if (it != node->dir->children.end()) {
      if (!it->second.is_dir()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "cannot create directory {}: a file is in the way",
                          current.string());
      }
      node = &it->second;
      continue;
    }
    OwnerIds ids = owner.value_or(OwnerIds{});
    util::EntryMeta meta;
    meta.uid = ids.uid;
    meta.gid = ids.gid;
    // mkdir(0755) under the umask; a setgid parent passes its bit on (chown keeps it on directories).
    meta.mode = (0755 & ~umask_) | (node->dir->meta.mode & S_ISGID);
    meta.mtime = Now();
    Touch(*node);
    node = &node->dir->children.emplace(part, MakeDirNode(meta)).first->second;
  }
  return resolved;
}

mode_t CopyPlan::TypeOf(const fs::path& path) {
  Node* node = Find(path);
  if (node == nullptr) return 0;
  return node->is_dir() ? S_IFDIR : inodes_->all[node->inode].type;
}

util::Status CopyPlan::Remove(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return {};
  if (dir->dir->children.erase(name) > 0) Touch(*dir);
  return {};
}

util::Status CopyPlan::MakeDirectory(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "mkdir " + path.string());
  if (dir->dir->children.contains(name)) return {};
  util::EntryMeta meta;
  meta.mode = 0700 | (dir->dir->meta.mode & S_ISGID);
  meta.gid = dir->dir->meta.gid;
  meta.mtime = Now();
  dir->dir->children.emplace(name, MakeDirNode(meta));
  Touch(*dir);
  return {};
}

void CopyPlan::RemoveIfEmpty(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return;
  auto it = dir->dir->children.find(name);
  if (it == dir->dir->children.end() || !it->second.is_dir() || !it->second.dir->children.empty()) return;
  dir->dir->children.erase(it);
  Touch(*dir);
}

util::Status CopyPlan::Link(const fs::path& existing, const fs::path& path) {
  Node* target = Find(existing);
  if (target == nullptr) return util::FailErrno(ENOENT, "link " + path.string());
  if (target->is_dir()) return util::FailErrno(EPERM, "link " + path.string());
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "link " + path.string());
  if (dir->dir->children.contains(name)) return util::FailErrno(EEXIST, "link " + path.string());
  Node node;
  node.inode = target->inode;
  dir->dir->children.emplace(name, std::move(node));
  Touch(*dir);
  return {};
}

util::Status CopyPlan::CopyNonDirectory(const fs::path& src, const fs::path& path, const struct stat& st,
                                        const util::EntryMeta& meta) {
  Inode inode;
  inode.type = st.st_mode & S_IFMT;
  inode.meta = meta;
  if (S_ISREG(st.st_mode)) {
    const std::string& source = src.native();
    const size_t slash = source.rfind('/');
    const size_t name_at = slash == std::string::npos ? 0 : slash + 1;
    std::string_view dir(source.data(), name_at);
    auto& dirs = inodes_->source_dirs;
    if (dirs.empty() || dirs.back() != dir) dirs.emplace_back(dir);
    inode.source_dir = static_cast<uint32_t>(dirs.size() - 1);
    inode.text = source.substr(name_at);
    inode.source_dev = st.st_dev;
    inode.source_ino = st.st_ino;
    inode.size = st.st_size;
  } else if (S_ISLNK(st.st_mode)) {
    std::vector<char> target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1);
    ssize_t n = ::readlink(src.c_str(), target.data(), target.size());
    if (n < 0) return util::FailErrno(errno, "readlink " + src.string());
    inode.text.assign(target.data(), static_cast<size_t>(n));
    inode.meta.mode = 0777;  // what lstat says of every symlink on Linux; chmod never applies
  } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    inode.rdev = st.st_rdev;
  } else {
    return util::Fail(util::ErrorKind::kInvalidArgument, "cannot copy {}: unsupported file type", src.string());
  }
  for (auto& [key, value] : util::ReadXattrs(src)) {
    // The kernel refuses user.* attributes on symlinks and devices (the real copy ignores EPERM).
    if (!S_ISREG(st.st_mode) && key.starts_with("user.")) continue;
    inode.xattrs.emplace_back(key, std::move(value));
  }
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "create " + path.string());
  if (dir->dir->children.contains(name)) return util::FailErrno(EEXIST, "create " + path.string());
  Node node;
  node.inode = inodes_->Add(std::move(inode));
  dir->dir->children.emplace(name, std::move(node));
  Touch(*dir);
  return {};
}

util::Status CopyPlan::SetDirectoryMeta(const fs::path& path, const util::EntryMeta& meta) {
  Node* node = Find(path);
  if (node == nullptr || !node->is_dir()) return util::FailErrno(ENOENT, "chown " + path.string());
  node->dir->meta = meta;
  return {};
}

namespace {

struct PlanWriter {
  const CopyPlan::WriteOptions& options;
  const CopyPlan::Inodes& inodes;
  snapshot::TarWriter& tar;
  std::vector<uint32_t> names;  // how many names each inode has, by index
  std::map<uint32_t, std::string> first_names;
  std::map<uint32_t, std::string> elf_heads;
  int64_t total = 0;
  int64_t copied = 0;

  void Count(const CopyPlan::Dir& dir) {
    for (const auto& [name, child] : dir.children) {
      if (child.is_dir()) {
        Count(*child.dir);
      } else if (++names[child.inode] == 1 && inodes.all[child.inode].type == S_IFREG) {
        total += inodes.all[child.inode].size;
      }
    }
  }

  int64_t Mtime(const util::EntryMeta& meta) const {
    int64_t mtime = meta.mtime.tv_sec;
    if (options.clamp_mtime && mtime > *options.clamp_mtime) mtime = *options.clamp_mtime;
    return mtime;
  }

  util::Status Walk(const CopyPlan::Dir& dir, const std::string& prefix) {
    for (const auto& [name, child] : dir.children) {
      std::string rel = prefix + name;
      content::TarEntry entry;
      entry.path = rel;
      if (child.is_dir()) {
        const util::EntryMeta& meta = child.dir->meta;
        entry.type = content::TarEntryType::kDirectory;
        entry.mode = meta.mode & 07777;
        entry.uid = meta.uid;
        entry.gid = meta.gid;
        entry.mtime = Mtime(meta);
        MANIFOLD_CHECK(tar.Add(entry));
        MANIFOLD_CHECK(Walk(*child.dir, rel + "/"));
        continue;
      }
      MANIFOLD_CHECK(Visit(child.inode, std::move(entry)));
    }
    return {};
  }

  util::Status Visit(uint32_t id, content::TarEntry entry) {
    const CopyPlan::Inode& inode = inodes.all[id];
    entry.mode = inode.meta.mode & 07777;
    entry.uid = inode.meta.uid;
    entry.gid = inode.meta.gid;
    entry.mtime = Mtime(inode.meta);
    for (const auto& [name, value] : inode.xattrs) {
      if (!options.keep_xattr || options.keep_xattr(name)) entry.xattrs[name] = value;
    }
    if (names[id] > 1) {
      auto [it, inserted] = first_names.try_emplace(id, entry.path);
      if (!inserted) {
        entry.type = content::TarEntryType::kHardlink;
        entry.link_target = it->second;
        if (auto head = elf_heads.find(id); head != elf_heads.end() && options.elf_heads != nullptr) {
          options.elf_heads->emplace_back(entry.path, head->second);
        }
        return tar.Add(entry);
      }
    }
    switch (inode.type) {
      case S_IFREG: return File(id, inode, std::move(entry));
      case S_IFLNK:
        entry.type = content::TarEntryType::kSymlink;
        entry.link_target = inode.text;
        return tar.Add(entry);
      case S_IFCHR:
      case S_IFBLK:
        entry.type = S_ISCHR(inode.type) ? content::TarEntryType::kCharDevice : content::TarEntryType::kBlockDevice;
        entry.dev_major = major(inode.rdev);
        entry.dev_minor = minor(inode.rdev);
        return tar.Add(entry);
      default:
        entry.type = content::TarEntryType::kFifo;
        return tar.Add(entry);
    }
  }

  util::Status File(uint32_t id, const CopyPlan::Inode& inode, content::TarEntry entry) {
    entry.type = content::TarEntryType::kFile;
    const std::string source = inodes.SourcePath(inode);
    // O_NOATIME spares the atime write-back; only the owner (or CAP_FOWNER) may ask.
    int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
    util::UniqueFd fd(::open(source.c_str(), flags | O_NOATIME));
    if (!fd && errno == EPERM) fd.reset(::open(source.c_str(), flags));
    if (!fd) return util::FailErrno(errno, fmt::format("open {}", source));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", source));
    // The layer must hold the file the copy planned: one replaced or resized since fails the
    // step clearly rather than giving a layer no real copy would have given.
    if (st.st_ino != inode.source_ino || st.st_dev != inode.source_dev || !S_ISREG(st.st_mode) ||
        st.st_size != inode.size) {
      return util::Fail(util::ErrorKind::kConflict, "{} changed while being copied (replaced or resized)",
                        source);
    }
    entry.size = inode.size;
    if (options.elf_heads != nullptr && entry.size >= 20) {
      char head[image::kElfHeaderBytes];
      ssize_t n = ::pread(fd.get(), head, sizeof head, 0);
      if (n >= 4 && std::memcmp(head, "\x7f" "ELF", 4) == 0) {
        std::string bytes(head, static_cast<size_t>(n));
        elf_heads.emplace(id, bytes);
        options.elf_heads->emplace_back(entry.path, std::move(bytes));
      }
    }
    std::function<void(int64_t)> within;
    if (entry.size >= (int64_t{1} << 20)) {
      ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
      // One huge file shows its bytes as they go, not only once it is done.
      if (options.progress) within = [this](int64_t read) { options.progress(copied + read, total); };
    }
    MANIFOLD_CHECK(tar.AddFile(entry, fd.get(), within));
    copied += entry.size;
    if (options.progress) options.progress(copied, total);
    return {};
  }
};

}  // namespace

util::Status CopyPlan::WriteTar(snapshot::TarWriter& tar, const WriteOptions& options) const {
  PlanWriter writer{options, *inodes_, tar, std::vector<uint32_t>(inodes_->all.size()), {}, {}, 0, 0};
  writer.Count(*root_->dir);
  return writer.Walk(*root_->dir, "");
}

}  // namespace manifold::worker::internal
