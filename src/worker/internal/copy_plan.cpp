// CopyPlan: the tree a copy would make, as nodes; written as tar in WriteTreeTar's order.
#include "worker/internal/copy_plan.hpp"

#include <fcntl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "image/elf_machine.hpp"
#include "util/root_path.hpp"
#include "util/unique_fd.hpp"

namespace manifold::worker::internal {

namespace fs = std::filesystem;

struct CopyPlan::Inode {
  mode_t type = S_IFREG;
  util::EntryMeta meta;
  std::map<std::string, std::string> xattrs;
  std::string source;  // regular files: where the data is read from
  dev_t source_dev = 0;
  ino_t source_ino = 0;
  int64_t size = 0;
  std::string link_target;  // symlinks
  dev_t rdev = 0;           // devices
};

struct CopyPlan::Node {
  std::shared_ptr<Inode> inode;  // nullptr for a directory
  util::EntryMeta meta;          // directories
  // std::string orders as unsigned bytes, as WriteTreeTar sorts names.
  std::map<std::string, std::unique_ptr<Node>> children;
  bool is_dir() const { return inode == nullptr; }
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
void Touch(CopyPlan::Node& dir) { dir.meta.mtime = Now(); }

}  // namespace

CopyPlan::CopyPlan() : root_(std::make_unique<Node>()), umask_(CurrentUmask()) {
  root_->meta.mode = 0755;
}

CopyPlan::~CopyPlan() = default;

bool CopyPlan::empty() const { return root_->children.empty(); }

util::Status CopyPlan::Decline(std::string why) {
  if (declined_.empty()) declined_ = std::move(why);
  return util::Fail(util::ErrorKind::kUnavailable, "direct copy declined: {}", declined_);
}

CopyPlan::Node* CopyPlan::Find(const fs::path& path) const {
  Node* node = root_.get();
  for (const auto& part : Components(path)) {
    if (!node->is_dir()) return nullptr;
    auto it = node->children.find(part);
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
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
    auto it = node->is_dir() ? node->children.find(part) : node->children.end();
    if (!node->is_dir()) return std::unexpected(Decline(fmt::format("{} goes through a file", path)).error());
    if (it == node->children.end()) {
      node = nullptr;
      continue;
    }
    node = it->second.get();
    bool last = i + 1 == parts.size();
    if (!node->is_dir() && node->inode->type == S_IFLNK && (!last || follow_last)) {
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
    auto it = node->children.find(part);
    if (it != node->children.end()) {
      if (!it->second->is_dir()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "cannot create directory {}: a file is in the way",
                          current.string());
      }
      node = it->second.get();
      continue;
    }
    auto made = std::make_unique<Node>();
    OwnerIds ids = owner.value_or(OwnerIds{});
    made->meta.uid = ids.uid;
    made->meta.gid = ids.gid;
    // mkdir(0755) under the umask; a setgid parent passes its bit on (chown keeps it on directories).
    made->meta.mode = (0755 & ~umask_) | (node->meta.mode & S_ISGID);
    made->meta.mtime = Now();
    Touch(*node);
    node = node->children.emplace(part, std::move(made)).first->second.get();
  }
  return resolved;
}

mode_t CopyPlan::TypeOf(const fs::path& path) {
  Node* node = Find(path);
  if (node == nullptr) return 0;
  return node->is_dir() ? S_IFDIR : node->inode->type;
}

util::Status CopyPlan::Remove(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return {};
  if (dir->children.erase(name) > 0) Touch(*dir);
  return {};
}

util::Status CopyPlan::MakeDirectory(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "mkdir " + path.string());
  if (dir->children.contains(name)) return {};
  auto made = std::make_unique<Node>();
  made->meta.mode = 0700 | (dir->meta.mode & S_ISGID);
  made->meta.gid = dir->meta.gid;
  made->meta.mtime = Now();
  dir->children.emplace(name, std::move(made));
  Touch(*dir);
  return {};
}

void CopyPlan::RemoveIfEmpty(const fs::path& path) {
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return;
  auto it = dir->children.find(name);
  if (it == dir->children.end() || !it->second->is_dir() || !it->second->children.empty()) return;
  dir->children.erase(it);
  Touch(*dir);
}

util::Status CopyPlan::Link(const fs::path& existing, const fs::path& path) {
  Node* target = Find(existing);
  if (target == nullptr) return util::FailErrno(ENOENT, "link " + path.string());
  if (target->is_dir()) return util::FailErrno(EPERM, "link " + path.string());
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "link " + path.string());
  if (dir->children.contains(name)) return util::FailErrno(EEXIST, "link " + path.string());
  auto node = std::make_unique<Node>();
  node->inode = target->inode;
  dir->children.emplace(name, std::move(node));
  Touch(*dir);
  return {};
}

util::Status CopyPlan::CopyNonDirectory(const fs::path& src, const fs::path& path, const struct stat& st,
                                        const util::EntryMeta& meta) {
  auto inode = std::make_shared<Inode>();
  inode->type = st.st_mode & S_IFMT;
  inode->meta = meta;
  if (S_ISREG(st.st_mode)) {
    inode->source = src.string();
    inode->source_dev = st.st_dev;
    inode->source_ino = st.st_ino;
    inode->size = st.st_size;
  } else if (S_ISLNK(st.st_mode)) {
    std::vector<char> target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1);
    ssize_t n = ::readlink(src.c_str(), target.data(), target.size());
    if (n < 0) return util::FailErrno(errno, "readlink " + src.string());
    inode->link_target.assign(target.data(), static_cast<size_t>(n));
    inode->meta.mode = 0777;  // what lstat says of every symlink on Linux; chmod never applies
  } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    inode->rdev = st.st_rdev;
  } else {
    return util::Fail(util::ErrorKind::kInvalidArgument, "cannot copy {}: unsupported file type", src.string());
  }
  inode->xattrs = util::ReadXattrs(src);
  // The kernel refuses user.* attributes on symlinks and devices (the real copy ignores EPERM).
  if (!S_ISREG(st.st_mode)) std::erase_if(inode->xattrs, [](const auto& x) { return x.first.starts_with("user."); });
  auto [dir, name] = Parent(path);
  if (dir == nullptr) return util::FailErrno(ENOENT, "create " + path.string());
  if (dir->children.contains(name)) return util::FailErrno(EEXIST, "create " + path.string());
  auto node = std::make_unique<Node>();
  node->inode = std::move(inode);
  dir->children.emplace(name, std::move(node));
  Touch(*dir);
  return {};
}

util::Status CopyPlan::SetDirectoryMeta(const fs::path& path, const util::EntryMeta& meta) {
  Node* node = Find(path);
  if (node == nullptr || !node->is_dir()) return util::FailErrno(ENOENT, "chown " + path.string());
  node->meta = meta;
  return {};
}

namespace {

struct PlanWriter {
  const CopyPlan::WriteOptions& options;
  snapshot::TarWriter& tar;
  std::map<const CopyPlan::Inode*, int> names;  // how many names each inode has
  std::map<const CopyPlan::Inode*, std::string> first_names;
  std::map<const CopyPlan::Inode*, std::string> elf_heads;
  int64_t total = 0;
  int64_t copied = 0;

  void Count(const CopyPlan::Node& dir) {
    for (const auto& [name, child] : dir.children) {
      if (child->is_dir()) {
        Count(*child);
      } else if (++names[child->inode.get()] == 1 && child->inode->type == S_IFREG) {
        total += child->inode->size;
      }
    }
  }

  int64_t Mtime(const util::EntryMeta& meta) const {
    int64_t mtime = meta.mtime.tv_sec;
    if (options.clamp_mtime && mtime > *options.clamp_mtime) mtime = *options.clamp_mtime;
    return mtime;
  }

  util::Status Walk(const CopyPlan::Node& dir, const std::string& prefix) {
    for (const auto& [name, child] : dir.children) {
      std::string rel = prefix + name;
      snapshot::TarEntry entry;
      entry.path = rel;
      if (child->is_dir()) {
        entry.type = snapshot::TarEntryType::kDirectory;
        entry.mode = child->meta.mode & 07777;
        entry.uid = child->meta.uid;
        entry.gid = child->meta.gid;
        entry.mtime = Mtime(child->meta);
        MANIFOLD_CHECK(tar.Add(entry));
        MANIFOLD_CHECK(Walk(*child, rel + "/"));
        continue;
      }
      MANIFOLD_CHECK(Visit(*child->inode, std::move(entry)));
    }
    return {};
  }

  util::Status Visit(const CopyPlan::Inode& inode, snapshot::TarEntry entry) {
    entry.mode = inode.meta.mode & 07777;
    entry.uid = inode.meta.uid;
    entry.gid = inode.meta.gid;
    entry.mtime = Mtime(inode.meta);
    for (const auto& [name, value] : inode.xattrs) {
      if (!options.keep_xattr || options.keep_xattr(name)) entry.xattrs[name] = value;
    }
    if (names[&inode] > 1) {
      auto [it, inserted] = first_names.try_emplace(&inode, entry.path);
      if (!inserted) {
        entry.type = snapshot::TarEntryType::kHardlink;
        entry.link_target = it->second;
        if (auto head = elf_heads.find(&inode); head != elf_heads.end() && options.elf_heads != nullptr) {
          options.elf_heads->emplace_back(entry.path, head->second);
        }
        return tar.Add(entry);
      }
    }
    switch (inode.type) {
      case S_IFREG: return File(inode, std::move(entry));
      case S_IFLNK:
        entry.type = snapshot::TarEntryType::kSymlink;
        entry.link_target = inode.link_target;
        return tar.Add(entry);
      case S_IFCHR:
      case S_IFBLK:
        entry.type = S_ISCHR(inode.type) ? snapshot::TarEntryType::kCharDevice : snapshot::TarEntryType::kBlockDevice;
        entry.dev_major = major(inode.rdev);
        entry.dev_minor = minor(inode.rdev);
        return tar.Add(entry);
      default:
        entry.type = snapshot::TarEntryType::kFifo;
        return tar.Add(entry);
    }
  }

  util::Status File(const CopyPlan::Inode& inode, snapshot::TarEntry entry) {
    entry.type = snapshot::TarEntryType::kFile;
    // O_NOATIME spares the atime write-back; only the owner (or CAP_FOWNER) may ask.
    int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
    util::UniqueFd fd(::open(inode.source.c_str(), flags | O_NOATIME));
    if (!fd && errno == EPERM) fd.reset(::open(inode.source.c_str(), flags));
    if (!fd) return util::FailErrno(errno, fmt::format("open {}", inode.source));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", inode.source));
    // The layer must hold the file the copy planned: one replaced or resized since fails the
    // step clearly rather than giving a layer no real copy would have given.
    if (st.st_ino != inode.source_ino || st.st_dev != inode.source_dev || !S_ISREG(st.st_mode) ||
        st.st_size != inode.size) {
      return util::Fail(util::ErrorKind::kConflict, "{} changed while being copied (replaced or resized)",
                        inode.source);
    }
    entry.size = inode.size;
    if (options.elf_heads != nullptr && entry.size >= 20) {
      char head[image::kElfHeaderBytes];
      ssize_t n = ::pread(fd.get(), head, sizeof head, 0);
      if (n >= 4 && std::memcmp(head, "\x7f" "ELF", 4) == 0) {
        std::string bytes(head, static_cast<size_t>(n));
        elf_heads.emplace(&inode, bytes);
        options.elf_heads->emplace_back(entry.path, std::move(bytes));
      }
    }
    if (entry.size >= (int64_t{1} << 20)) ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    MANIFOLD_CHECK(tar.AddFile(entry, fd.get()));
    copied += entry.size;
    if (options.progress) options.progress(copied, total);
    return {};
  }
};

}  // namespace

util::Status CopyPlan::WriteTar(snapshot::TarWriter& tar, const WriteOptions& options) const {
  PlanWriter writer{options, tar, {}, {}, {}, 0, 0};
  writer.Count(*root_);
  return writer.Walk(*root_, "");
}

}  // namespace manifold::worker::internal
