// Docker's COPY/ADD path rules over real files.
#include "worker/copy.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <vector>

#include "util/unique_fd.hpp"
#include "util/entry_copy.hpp"

namespace manifold::worker {

namespace {

namespace fs = std::filesystem;
using util::Result;
using util::Status;

std::string Join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "/" + b; }

/// Expands a wildcard pattern one component at a time, as Go's filepath.Glob does; results
/// are relative to the source root and sorted.
Result<std::vector<std::string>> Expand(const CopySource& source, const std::string& pattern) {
  std::vector<std::string> prefixes = {""};
  for (const auto& component : util::SplitPath(pattern)) {
    std::vector<std::string> next;
    for (const auto& prefix : prefixes) {
      if (!HasWildcard(component)) {
        next.push_back(Join(prefix, component));
        continue;
      }
      auto dir = util::RootPath(source.root, prefix, true, source.escape);
      if (!dir) return std::unexpected(std::move(dir.error()));
      std::vector<std::string> names;
      if (DIR* d = ::opendir(dir->c_str())) {
        while (dirent* e = ::readdir(d)) {
          std::string name = e->d_name;
          if (name == "." || name == "..") continue;
          if (::fnmatch(component.c_str(), name.c_str(), 0) == 0) names.push_back(name);
        }
        ::closedir(d);
      }
      std::sort(names.begin(), names.end());
      for (const auto& n : names) next.push_back(Join(prefix, n));
    }
    prefixes = std::move(next);
  }
  std::vector<std::string> out;
  for (auto& p : prefixes) {
    if (!source.excluded || !source.excluded(p)) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Result<fs::path> MakeDirectories(const fs::path& root, const std::string& dir, const std::optional<OwnerIds>& owner) {
  fs::path resolved = MANIFOLD_TRY(util::RootPath(root, dir, true, util::EscapePolicy::kClamp));
  fs::path current = root;
  for (const auto& part : fs::relative(resolved, root)) {
    if (part == ".") continue;
    current /= part;
    struct stat st {};
    if (::lstat(current.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) continue;
      return util::Fail(util::ErrorKind::kInvalidArgument, "cannot create directory {}: a file is in the way",
                        ("/" / fs::relative(current, root)).string());
    }
    if (::mkdir(current.c_str(), 0755) != 0 && errno != EEXIST) return util::FailErrno(errno, "mkdir " + current.string());
    OwnerIds ids = owner.value_or(OwnerIds{});
    if (::lchown(current.c_str(), ids.uid, ids.gid) != 0) return util::FailErrno(errno, "chown " + current.string());
  }
  return resolved;
}

namespace {

class TreeCopier {
 public:
  TreeCopier(const CopySource& source, const CopyOptions& options, const graph::CopyAction& action,
             CopyDestination& dest)
      : source_(source), options_(options), action_(action), dest_(dest) {}

  /// Copies the entry at `src` (already resolved) to `dst`; `rel` is its path relative to the
  /// source root (for .dockerignore), `match_rel` relative to the matched source (--exclude).
  Status CopyEntry(const fs::path& src, const fs::path& dst, const std::string& rel, const std::string& match_rel) {
    struct stat st {};
    if (::lstat(src.c_str(), &st) != 0) return util::FailErrno(errno, "lstat " + src.string());
    if (S_ISDIR(st.st_mode)) return CopyDir(src, dst, st, rel, match_rel);
    MANIFOLD_CHECK(ClearForNonDir(dst));
    util::EntryMeta meta = Meta(st);
    if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
      auto key = std::make_pair(st.st_dev, st.st_ino);
      if (auto it = links_.find(key); it != links_.end()) {
        return dest_.Link(it->second, dst);
      }
      links_.emplace(key, dst.string());
    }
    MANIFOLD_CHECK(dest_.CopyNonDirectory(src, dst, st, meta));
    if (S_ISREG(st.st_mode) && options_.progress) {
      copied_ += st.st_size;
      // The walk before may have counted less than a copy through symlinks finds.
      reported_total_ = std::max(total_, copied_);
      options_.progress(copied_, reported_total_);
    }
    return {};
  }

  /// Adds the sizes of the regular files below `src` that CopyDir would copy (for the total).
  void Measure(const fs::path& src, const std::string& rel, const std::string& match_rel) {
    struct stat st {};
    if (::lstat(src.c_str(), &st) != 0) return;
    if (S_ISREG(st.st_mode)) {
      total_ += st.st_size;
      return;
    }
    if (!S_ISDIR(st.st_mode)) return;
    DIR* d = ::opendir(src.c_str());
    if (d == nullptr) return;
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(d);
    for (const auto& name : names) {
      std::string child_rel = Join(rel, name);
      std::string child_match_rel = Join(match_rel, name);
      // Excluded trees that `!` patterns walk are left out: the total is then a little short.
      if (source_.excluded && source_.excluded(child_rel)) continue;
      if (options_.exclude && options_.exclude(child_match_rel)) continue;
      Measure(src / name, child_rel, child_match_rel);
    }
  }

  /// The final report, copied == total, unless the last one was already that.
  void Finish() {
    if (options_.progress && copied_ > 0 && reported_total_ != copied_) options_.progress(copied_, copied_);
  }

  Status CopyDir(const fs::path& src, const fs::path& dst, const struct stat& st, const std::string& rel,
                 const std::string& match_rel) {
    mode_t dst_type = dest_.TypeOf(dst);
    if (dst_type != 0 && dst_type != S_IFDIR) MANIFOLD_CHECK(dest_.Remove(dst));
    MANIFOLD_CHECK(dest_.MakeDirectory(dst));
    std::vector<std::string> names;
    if (DIR* d = ::opendir(src.c_str())) {
      while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(std::move(name));
      }
      ::closedir(d);
    } else {
      return util::FailErrno(errno, "opendir " + src.string());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      std::string child_rel = Join(rel, name);
      std::string child_match_rel = Join(match_rel, name);
      if (source_.excluded && source_.excluded(child_rel)) {
        if (!source_.walk_excluded || !source_.walk_excluded(child_rel)) continue;
        struct stat child {};
        if (::lstat((src / name).c_str(), &child) != 0 || !S_ISDIR(child.st_mode)) continue;
        // Walked only for what `!` patterns bring back; without any, the directory goes away.
        MANIFOLD_CHECK(CopyDir(src / name, dst / name, child, child_rel, child_match_rel));
        dest_.RemoveIfEmpty(dst / name);
        continue;
      }
      if (options_.exclude && options_.exclude(child_match_rel)) continue;
      MANIFOLD_CHECK(CopyEntry(src / name, dst / name, child_rel, child_match_rel));
    }
    // Metadata last: creating children changed the directory's mtime.
    return dest_.SetDirectoryMeta(dst, Meta(st));
  }

  util::EntryMeta Meta(const struct stat& st) const {
    util::EntryMeta m;
    if (options_.owner) {
      m.uid = options_.owner->uid;
      m.gid = options_.owner->gid;
    } else if (!source_.reset_owner) {
      m.uid = st.st_uid;
      m.gid = st.st_gid;
    }
    m.mode = st.st_mode & 07777;
    if (options_.mode && !S_ISLNK(st.st_mode)) m.mode = options_.mode->Apply(st.st_mode, S_ISDIR(st.st_mode));
    m.mtime = st.st_mtim;
    if (action_.mtime) m.mtime = timespec{static_cast<time_t>(*action_.mtime), 0};
    return m;
  }

  Status ClearForNonDir(const fs::path& dst) {
    // A non-directory replaces whatever was there, a directory included (OCI changeset rules).
    if (dest_.TypeOf(dst) == 0) return {};
    return dest_.Remove(dst);
  }

 private:
  const CopySource& source_;
  const CopyOptions& options_;
  const graph::CopyAction& action_;
  CopyDestination& dest_;
  // The first copy of each multiply-linked source file. Strings, not fs::path: a path keeps a
  // parsed copy of every component too (20,000 linked files: 10 MiB instead of 3).
  std::map<std::pair<dev_t, ino_t>, std::string> links_;
  int64_t copied_ = 0;
  int64_t total_ = 0;
  int64_t reported_total_ = -1;
};

std::string BaseName(const std::string& rel) {
  auto parts = util::SplitPath(rel);
  return parts.empty() ? "" : parts.back();
}

}  // namespace

bool HasWildcard(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

Result<fs::path> DirectoryDestination::Resolve(const std::string& path, bool follow_last) {
  return util::RootPath(root_, path, follow_last, util::EscapePolicy::kClamp);
}

Result<fs::path> DirectoryDestination::MakeDirectories(const std::string& dir, const std::optional<OwnerIds>& owner) {
  return worker::MakeDirectories(root_, dir, owner);
}

mode_t DirectoryDestination::TypeOf(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & S_IFMT;
}

Status DirectoryDestination::Remove(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "replacing {}: {}", path.string(), ec.message());
  return {};
}

Status DirectoryDestination::MakeDirectory(const fs::path& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) return util::FailErrno(errno, "mkdir " + path.string());
  return {};
}

void DirectoryDestination::RemoveIfEmpty(const fs::path& path) {
  ::rmdir(path.c_str());  // fails (and keeps it) unless empty
}

Status DirectoryDestination::Link(const fs::path& existing, const fs::path& path) {
  if (::link(existing.c_str(), path.c_str()) != 0) return util::FailErrno(errno, "link " + path.string());
  return {};
}

Status DirectoryDestination::CopyNonDirectory(const fs::path& src, const fs::path& path, const struct stat& st,
                                              const util::EntryMeta& meta) {
  return util::CopyNonDirectory(src, path, st, meta);
}

Status DirectoryDestination::SetDirectoryMeta(const fs::path& path, const util::EntryMeta& meta) {
  return util::ApplyMeta(path, meta, /*is_symlink=*/false);
}

Status Copy(const graph::CopyAction& action, const CopySource& source, const fs::path& dest_root,
            const CopyOptions& options) {
  DirectoryDestination dest(dest_root);
  return Copy(action, source, dest, options);
}

Status Copy(const graph::CopyAction& action, const CopySource& source, CopyDestination& to,
            const CopyOptions& options) {
  std::string pattern = util::CleanPath(action.source_path);
  if (source.escape == util::EscapePolicy::kRefuse && (pattern == ".." || pattern.starts_with("../"))) {
    return util::Fail(util::ErrorKind::kPermissionDenied, "forbidden path outside the {}: {}", source.description,
                      action.source_path);
  }
  while (pattern.starts_with("/")) pattern.erase(0, 1);
  if (pattern.empty()) pattern = ".";

  std::vector<std::string> matches;
  if (action.allow_wildcard && HasWildcard(pattern)) {
    matches = MANIFOLD_TRY(Expand(source, pattern));
    if (matches.empty() && !action.allow_empty_wildcard) {
      return util::Fail(util::ErrorKind::kNotFound, "no files in the {} match {}", source.description,
                        action.source_path);
    }
  } else {
    std::string rel = pattern == "." ? "" : pattern;
    if (!rel.empty() && source.excluded && source.excluded(rel)) {
      return util::Fail(util::ErrorKind::kNotFound, "file not found in {}: {} (excluded by .dockerignore)",
                        source.description, action.source_path);
    }
    matches.push_back(rel);
  }

  const std::string& dest = action.dest_path;
  bool dest_dir_syntax = dest.ends_with("/") || dest.ends_with("/.") || dest == ".";
  fs::path dest_resolved = MANIFOLD_TRY(to.Resolve(dest, true));
  bool dest_is_dir = dest_dir_syntax || matches.size() > 1 || to.TypeOf(dest_resolved) == S_IFDIR;

  TreeCopier copier(source, options, action, to);
  if (options.progress) {
    for (const auto& rel : matches) {
      if (auto src = util::RootPath(source.root, rel, action.follow_symlinks, source.escape)) {
        copier.Measure(*src, rel, "");
      }
    }
  }
  for (const auto& rel : matches) {
    auto src = util::RootPath(source.root, rel, action.follow_symlinks, source.escape);
    if (!src) return std::unexpected(std::move(src.error()).Context("copying {}", action.source_path));
    struct stat st {};
    if (::lstat(src->c_str(), &st) != 0) {
      return util::Fail(util::ErrorKind::kNotFound, "file not found in {}: {}", source.description,
                        rel.empty() ? action.source_path : rel);
    }
    std::string target_dir = dest;
    if (action.keep_parents) {
      std::string parent = fs::path(rel).parent_path().string();
      target_dir = Join(dest.ends_with("/") ? dest.substr(0, dest.size() - 1) : dest, parent) + "/";
    }
    if (S_ISDIR(st.st_mode)) {
      std::string into = action.keep_parents ? Join(target_dir, BaseName(rel)) : dest;
      if (!action.dir_copy_contents && !action.keep_parents) into = Join(dest, BaseName(rel));
      fs::path dst = MANIFOLD_TRY(to.MakeDirectories(into, options.owner));
      MANIFOLD_CHECK(copier.CopyDir(*src, dst, st, rel, ""));
      continue;
    }
    if (options.unpack) {
      fs::path dir = MANIFOLD_TRY(to.MakeDirectories(dest, options.owner));
      bool unpacked = MANIFOLD_TRY(options.unpack(*src, dir, options.owner));
      if (unpacked) continue;
    }
    std::string target = (dest_is_dir || action.keep_parents) ? Join(target_dir, BaseName(rel)) : dest;
    fs::path target_path = fs::path(target);
    fs::path parent = MANIFOLD_TRY(to.MakeDirectories(target_path.parent_path().string(), options.owner));
    fs::path dst = MANIFOLD_TRY(to.Resolve(target, false));
    (void)parent;
    MANIFOLD_CHECK(copier.CopyEntry(*src, dst, rel, BaseName(rel)));
  }
  copier.Finish();
  return {};
}

}  // namespace manifold::worker
