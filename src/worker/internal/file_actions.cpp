// Copy, mkdir, mkfile and rm on a mounted snapshot.
#include "worker/internal/file_actions.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "snapshot/apply.hpp"
#include "util/confined.hpp"
#include "util/root_path.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"
#include "util/entry_copy.hpp"
#include "worker/context_archive.hpp"
#include "worker/internal/extract_limits.hpp"

namespace manifold::worker::internal {

namespace fs = std::filesystem;

util::Result<CopySource> SourceViews::Get(int index) {
  if (index < 0 || static_cast<size_t>(index) >= inputs_.size()) {
    return util::Fail(util::ErrorKind::kInternal, "copy reads input {} of {}", index, inputs_.size());
  }
  const OutputRef& input = inputs_[static_cast<size_t>(index)];
  if (const auto* context = dynamic_cast<const ContextOutput*>(input.get())) {
    CopySource source;
    source.root = context->dir();
    source.escape = util::EscapePolicy::kRefuse;
    source.excluded = [context](std::string_view rel) { return context->Excluded(rel); };
    source.walk_excluded = [context](std::string_view rel) { return context->MustWalk(rel); };
    source.reset_owner = true;
    source.description = "build context";
    return source;
  }
  auto it = views_.find(index);
  if (it == views_.end()) {
    snapshot::SnapshotRef snap;
    if (const auto* s = dynamic_cast<const SnapshotOutput*>(input.get())) snap = s->snapshot();
    auto view = MANIFOLD_TRY(snapshotter_.View(snap));
    it = views_.emplace(index, std::move(view)).first;
  }
  CopySource source;
  source.root = it->second.path();
  source.escape = util::EscapePolicy::kClamp;
  source.description = "source stage";
  return source;
}

namespace {

std::optional<OwnerIds> Owner(const std::optional<graph::Owner>& owner, const fs::path& owner_root,
                              util::Status* status) {
  if (!owner) return std::nullopt;
  auto ids = ResolveOwner(*owner, owner_root);
  if (!ids) {
    *status = std::unexpected(std::move(ids.error()));
    return std::nullopt;
  }
  return *ids;
}

/// --exclude patterns: a path is left out when a pattern matches it or one of its parents.
PathFilter ExcludeFilter(const std::vector<std::string>& patterns) {
  if (patterns.empty()) return nullptr;
  return [patterns](std::string_view rel) {
    std::string path(rel);
    for (;;) {
      for (const auto& p : patterns) {
        if (::fnmatch(p.c_str(), path.c_str(), FNM_PATHNAME) == 0) return true;
      }
      size_t slash = path.rfind('/');
      if (slash == std::string::npos) return false;
      path.resize(slash);
    }
  };
}

/// ADD's local archive extraction: into `dest_dir`, confined to it, entries kept literally.
util::Result<bool> Unpack(const fs::path& archive, const fs::path& dest_dir, const std::optional<OwnerIds>& owner) {
  if (!LooksLikeTarArchive(archive)) return false;
  util::UniqueFd fd(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, "open " + archive.filename().string());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, "stat " + archive.filename().string());
  auto limits = AddExtractLimits(static_cast<uint64_t>(st.st_size));
  if (!limits) return std::unexpected(std::move(limits.error()).Context("extracting {}", archive.filename().string()));
  snapshot::ApplyOptions options;
  options.whiteouts = snapshot::WhiteoutMode::kLiteral;
  options.max_bytes = limits->max_bytes;
  options.max_entries = limits->max_entries;
  options.limit_hint = std::move(limits->hint);
  if (owner) options.chown = snapshot::Owner{owner->uid, owner->gid};
  // ApplyAt, not Apply: the host path of the scratch dir means nothing to the user.
  auto dest = util::OpenDirectory(dest_dir);
  if (!dest) return std::unexpected(std::move(dest.error()).Context("extracting {}", archive.filename().string()));
  auto stats = snapshot::ApplyAt(fd.get(), dest->get(), options);
  if (!stats) return std::unexpected(std::move(stats.error()).Context("extracting {}", archive.filename().string()));
  return true;
}

timespec Mtime(const std::optional<int64_t>& mtime) {
  if (mtime) return timespec{static_cast<time_t>(*mtime), 0};
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now;
}

}  // namespace

util::Result<CopyOptions> CopyOptionsFor(const graph::CopyAction& copy, const fs::path& owner_root) {
  util::Status status;
  CopyOptions options;
  options.owner = Owner(copy.owner, owner_root, &status);
  MANIFOLD_CHECK(status);
  if (!copy.chmod.empty()) options.mode = MANIFOLD_TRY(ModeChange::Parse(copy.chmod));
  options.exclude = ExcludeFilter(copy.exclude_patterns);
  if (copy.attempt_unpack) options.unpack = Unpack;
  return options;
}

util::Status ApplyAction(const graph::FileAction& action, SourceViews& sources, const fs::path& root,
                         const fs::path& owner_root, const std::function<void(int64_t, int64_t)>& copy_progress) {
  util::Status status;
  if (const auto* copy = std::get_if<graph::CopyAction>(&action)) {
    CopySource source = MANIFOLD_TRY(sources.Get(copy->source_input));
    CopyOptions options = MANIFOLD_TRY(CopyOptionsFor(*copy, owner_root));
    options.progress = copy_progress;
    return Copy(*copy, source, root, options);
  }
  if (const auto* mkdir = std::get_if<graph::MkdirAction>(&action)) {
    auto owner = Owner(mkdir->owner, owner_root, &status);
    MANIFOLD_CHECK(status);
    fs::path resolved = MANIFOLD_TRY(util::RootPath(root, mkdir->path, true, util::EscapePolicy::kClamp));
    bool existed = fs::exists(resolved);
    if (!mkdir->make_parents && !fs::is_directory(resolved.parent_path())) {
      return util::Fail(util::ErrorKind::kNotFound, "mkdir {}: parent directory does not exist", mkdir->path);
    }
    MANIFOLD_TRY(MakeDirectories(root, mkdir->path, owner));
    if (!existed) {
      util::EntryMeta meta;
      meta.uid = owner ? owner->uid : 0;
      meta.gid = owner ? owner->gid : 0;
      meta.mode = mkdir->mode;
      meta.mtime = Mtime(mkdir->mtime);
      MANIFOLD_CHECK(util::ApplyMeta(resolved, meta, false));
    }
    return {};
  }
  if (const auto* mkfile = std::get_if<graph::MkfileAction>(&action)) {
    auto owner = Owner(mkfile->owner, owner_root, &status);
    MANIFOLD_CHECK(status);
    fs::path parent = fs::path(mkfile->path).parent_path();
    MANIFOLD_TRY(MakeDirectories(root, parent.string(), owner));
    fs::path resolved = MANIFOLD_TRY(util::RootPath(root, mkfile->path, false, util::EscapePolicy::kClamp));
    std::error_code ec;
    fs::remove_all(resolved, ec);
    util::UniqueFd fd(::open(resolved.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd) return util::FailErrno(errno, "create " + mkfile->path);
    MANIFOLD_CHECK(util::WriteAll(fd.get(), mkfile->data));
    fd.reset();
    util::EntryMeta meta;
    meta.uid = owner ? owner->uid : 0;
    meta.gid = owner ? owner->gid : 0;
    meta.mode = mkfile->mode;
    meta.mtime = Mtime(mkfile->mtime);
    return util::ApplyMeta(resolved, meta, false);
  }
  const auto& rm = std::get<graph::RmAction>(action);
  fs::path resolved = MANIFOLD_TRY(util::RootPath(root, rm.path, false, util::EscapePolicy::kClamp));
  struct stat st {};
  if (::lstat(resolved.c_str(), &st) != 0) {
    if (rm.allow_not_found) return {};
    return util::Fail(util::ErrorKind::kNotFound, "rm {}: no such file or directory", rm.path);
  }
  std::error_code ec;
  fs::remove_all(resolved, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "rm {}: {}", rm.path, ec.message());
  return {};
}

}  // namespace manifold::worker::internal
