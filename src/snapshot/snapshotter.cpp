// Snapshots on overlayfs, or on plain copies where overlayfs is unavailable.
#include "snapshot/snapshotter.hpp"

#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include <fmt/format.h>

#include "snapshot/internal/tree_copy.hpp"
#include "snapshot/overlay_xattr.hpp"
#include "util/temp_file.hpp"

namespace manifold::snapshot {

namespace {
// Without index/redirect_dir/metacopy, an upper dir is a plain tree of changed files that we
// can turn into a portable tar layer (a redirect or metacopy entry has no tar equivalent).
util::OverlaySpec Overlay(std::vector<std::filesystem::path> lower) {
  util::OverlaySpec spec;
  spec.lower = std::move(lower);
  spec.options = {"index=off", "redirect_dir=off", "metacopy=off"};
  // In a user namespace overlayfs may not use trusted.* xattrs: opaque markers are
  // user.overlay.* then, which the diff and the unpacker follow (overlay_xattr). The kernel
  // refuses "redirect_dir=off" beside "userxattr"; "nofollow" creates no redirects either.
  if (OverlayUsesUserXattr()) spec.options = {"index=off", "redirect_dir=nofollow", "metacopy=off", "userxattr"};
  return spec;
}

// A chain deeper than overlayfs stacks: say what to do about it.
util::Error TooDeep(util::Error error, size_t layers) {
  if (layers > util::kOverlayMaxLowerLayers) {
    error.Context("the step sits on {} layers: merge steps (fewer RUN/COPY instructions) or build with "
                  "MANIFOLD_SNAPSHOTTER=native, which has no depth limit",
                  layers);
  }
  return error;
}
}  // namespace

MutableSnapshot::~MutableSnapshot() {
  if (!committed_ && !dir_.empty()) {
    (void)mount_.Unmount();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    if (!diff_.empty()) std::filesystem::remove_all(diff_, ec);  // when outside dir_
  }
}

util::Result<SnapshotRef> MutableSnapshot::Commit() {
  MANIFOLD_ASSERT(!committed_, "snapshot committed twice");
  MANIFOLD_CHECK(mount_.Unmount());
  // Native: the layer is what the step changed in its copy.
  if (!base_.empty()) MANIFOLD_CHECK(internal::WriteTreeDiff(base_, merged_, diff_));
  committed_ = true;
  // What is left under dir_ (work, merged, the native copies) is scratch; the diff lives on.
  std::error_code ec;
  if (diff_.parent_path() != dir_) {
    std::filesystem::remove_all(dir_, ec);
  } else {
    for (const char* scratch : {"work", "merged", "base", "empty"}) std::filesystem::remove_all(dir_ / scratch, ec);
  }
  return std::make_shared<const Snapshot>(diff_, parent_);
}

util::Result<std::filesystem::path> CreateUniqueDir(const std::filesystem::path& parent) {
  // Short ids keep paths short (mount(2)'s option string, on kernels before 6.8, is one page);
  // random ones let several processes create dirs in one store without coordinating.
  thread_local std::mt19937_64 random{std::random_device{}() ^ (uint64_t(::getpid()) << 32)};
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto dir = parent / fmt::format("{:012x}", random() & 0xffffffffffffULL);
    if (::mkdir(dir.c_str(), 0755) == 0) return dir;
    if (errno != EEXIST) return util::FailErrno(errno, "creating layer dir " + dir.string());
  }
  return util::Fail(util::ErrorKind::kInternal, "no free name for a layer dir under {}", parent.string());
}

const char* SnapshotterKindName(SnapshotterKind kind) {
  return kind == SnapshotterKind::kOverlay ? "overlayfs" : "native";
}

util::Result<SnapshotterKind> ChooseSnapshotter(const std::filesystem::path& dir, std::string* reason) {
  std::string ignored;
  std::string& why = reason ? *reason : ignored;
  if (const char* forced = std::getenv("MANIFOLD_SNAPSHOTTER"); forced && *forced) {
    why = fmt::format("MANIFOLD_SNAPSHOTTER={}", forced);
    if (std::string_view(forced) == "overlayfs") return SnapshotterKind::kOverlay;
    if (std::string_view(forced) == "native") return SnapshotterKind::kNative;
    return util::Fail(util::ErrorKind::kInvalidArgument, "MANIFOLD_SNAPSHOTTER={:?}: use overlayfs or native", forced);
  }
  auto probe = Snapshotter::ProbeOverlay(dir);
  if (probe) {
    why = "overlay mounts work here";
    return SnapshotterKind::kOverlay;
  }
  why = "overlayfs is unavailable here: " + probe.error().What() + "; steps write into copies";
  return SnapshotterKind::kNative;
}

namespace {
std::string KernelRelease() {
  struct utsname u {};
  return ::uname(&u) == 0 ? u.release : "";
}

// ChooseSnapshotter, skipping the probe when it succeeded before on this kernel (and nothing
// forces a kind): only success is remembered, so a host that loses overlayfs probes again.
util::Result<SnapshotterKind> ChooseRemembered(const SnapshotterOptions& options) {
  const char* forced = std::getenv("MANIFOLD_SNAPSHOTTER");
  const bool can_remember = !options.probe_memo.empty() && (forced == nullptr || *forced == '\0');
  if (can_remember) {
    auto memo = util::ReadFile(options.probe_memo);
    if (memo && *memo == "overlayfs " + KernelRelease()) return SnapshotterKind::kOverlay;
  }
  auto kind = MANIFOLD_TRY(ChooseSnapshotter(options.scratch));
  if (can_remember && kind == SnapshotterKind::kOverlay) {
    (void)util::WriteFileAtomic(options.probe_memo, "overlayfs " + KernelRelease());
  }
  return kind;
}
}  // namespace

util::Result<std::unique_ptr<Snapshotter>> Snapshotter::Open(const std::filesystem::path& dir, bool remove_on_close,
                                                             std::optional<SnapshotterKind> kind) {
  SnapshotterOptions options;
  options.scratch = dir;
  options.remove_on_close = remove_on_close;
  options.kind = kind;
  return Open(std::move(options));
}

util::Result<std::unique_ptr<Snapshotter>> Snapshotter::Open(SnapshotterOptions options) {
  std::error_code ec;
  for (const auto& dir : {options.scratch, options.diffs}) {
    if (dir.empty()) continue;
    std::filesystem::create_directories(dir, ec);
    if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", dir.string(), ec.message());
  }
  SnapshotterKind kind = options.kind ? *options.kind : MANIFOLD_TRY(ChooseRemembered(options));
  return std::unique_ptr<Snapshotter>(new Snapshotter(std::move(options), kind));
}

Snapshotter::~Snapshotter() {
  if (options_.remove_on_close) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

util::Result<std::filesystem::path> Snapshotter::NewDir() {
  // Short names keep paths short (mount(2)'s option string is one page before kernel 6.8).
  std::filesystem::path dir = dir_ / fmt::format("{:x}", next_id_++);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating snapshot {}: {}", dir.string(), ec.message());
  return dir;
}

util::Result<std::filesystem::path> Snapshotter::NewDiffDir() {
  std::filesystem::path diff;
  if (options_.diffs.empty()) {
    diff = MANIFOLD_TRY(NewDir()) / "diff";
    std::error_code ec;
    std::filesystem::create_directory(diff, ec);
    if (ec) return util::Fail(util::ErrorKind::kInternal, "creating layer dir {}: {}", diff.string(), ec.message());
  } else {
    diff = MANIFOLD_TRY(CreateUniqueDir(options_.diffs));
  }
  std::lock_guard lock(created_mu_);
  created_.push_back(diff);
  return diff;
}

util::Result<std::filesystem::path> Snapshotter::DiffDirFor(const std::filesystem::path& scratch) {
  if (!options_.diffs.empty()) return NewDiffDir();
  // Without a diff store the diff lives inside the snapshot's own scratch dir.
  std::error_code ec;
  std::filesystem::create_directory(scratch / "diff", ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", (scratch / "diff").string(), ec.message());
  return scratch / "diff";
}

std::vector<std::filesystem::path> Snapshotter::CreatedDiffDirs() const {
  std::lock_guard lock(created_mu_);
  return created_;
}

util::Result<std::vector<std::filesystem::path>> Snapshotter::DiffDirs(const SnapshotRef& snapshot) {
  std::vector<std::filesystem::path> chain;
  for (const Snapshot* s = snapshot.get(); s != nullptr; s = s->parent().get()) {
    if (!s->diff_dir().empty()) {
      chain.push_back(s->diff_dir());
    } else if (s->blob()) {
      if (options_.layers == nullptr) {
        return util::Fail(util::ErrorKind::kInternal, "layer {} has no files here and nothing can unpack it",
                          s->blob()->descriptor.digest.str());
      }
      chain.push_back(MANIFOLD_TRY(options_.layers->DiffDirOf(*s->blob())));
    }
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

util::Result<MutableSnapshot> Snapshotter::Prepare(const SnapshotRef& parent) {
  auto dir = MANIFOLD_TRY(NewDir());
  auto diff = DiffDirFor(dir);
  if (!diff) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return std::unexpected(std::move(diff.error()));
  }
  if (!parent) return MutableSnapshot(dir, *diff);
  MutableSnapshot cleanup(dir, *diff);  // removes both if what follows fails
  std::vector<std::filesystem::path> chain = MANIFOLD_TRY(DiffDirs(parent));
  std::error_code ec;
  if (kind_ == SnapshotterKind::kNative) {
    std::filesystem::create_directories(dir / "merged", ec);
    std::filesystem::create_directories(dir / "base", ec);
    if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir.string(), ec.message());
    MANIFOLD_CHECK(internal::MaterializeChain(chain, dir / "base", internal::FileMode::kLink));
    MANIFOLD_CHECK(internal::MaterializeChain(chain, dir / "merged", internal::FileMode::kCopy));
    cleanup.dir_.clear();
    return MutableSnapshot(dir, *diff, parent, dir / "base");
  }
  std::filesystem::create_directories(dir / "work", ec);
  std::filesystem::create_directories(dir / "merged", ec);
  std::filesystem::create_directories(dir / "empty", ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir.string(), ec.message());
  const size_t depth = chain.size();
  util::OverlaySpec spec = Overlay(chain.empty() ? std::vector{dir / "empty"} : std::move(chain));
  spec.upper = *diff;
  spec.work = dir / "work";
  auto mount = util::MountOverlay(spec, dir / "merged");
  if (!mount) return std::unexpected(TooDeep(std::move(mount.error()), depth).Context("preparing a snapshot"));
  cleanup.dir_.clear();
  return MutableSnapshot(dir, *diff, parent, std::move(*mount));
}

util::Status Snapshotter::ProbeOverlay(const std::filesystem::path& dir) {
  auto probe = dir / fmt::format("overlay-probe-{}", ::getpid());
  std::error_code ec;
  for (const char* sub : {"lower", "upper", "work", "merged"}) std::filesystem::create_directories(probe / sub, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", probe.string(), ec.message());
  util::OverlaySpec spec = Overlay({probe / "lower"});
  spec.upper = probe / "upper";
  spec.work = probe / "work";
  auto mount = util::MountOverlay(spec, probe / "merged");
  util::Status result = mount ? mount->Unmount() : util::Status(std::unexpected(std::move(mount.error())));
  std::filesystem::remove_all(probe, ec);
  return result;
}

util::Result<ReadView> Snapshotter::View(const SnapshotRef& snapshot) {
  if (!snapshot) return ReadView(MANIFOLD_TRY(NewDir()), util::ScopedMount());
  std::vector<std::filesystem::path> chain = MANIFOLD_TRY(DiffDirs(snapshot));
  if (chain.empty()) return ReadView(MANIFOLD_TRY(NewDir()), util::ScopedMount());
  // A single layer is its own view; overlayfs needs two lower dirs for a read-only mount.
  if (chain.size() == 1) return ReadView(chain[0], util::ScopedMount());
  auto dir = MANIFOLD_TRY(NewDir());
  std::error_code ec;
  std::filesystem::create_directories(dir / "view", ec);
  if (kind_ == SnapshotterKind::kNative) {
    // Hard links to the layers' files: nothing copied, and readers never write to a view.
    MANIFOLD_CHECK(internal::MaterializeChain(chain, dir / "view", internal::FileMode::kLink));
    return ReadView(dir / "view", util::ScopedMount());
  }
  const size_t depth = chain.size();
  util::OverlaySpec spec = Overlay(std::move(chain));
  spec.read_only = true;
  auto mount = util::MountOverlay(spec, dir / "view");
  if (!mount) return std::unexpected(TooDeep(std::move(mount.error()), depth).Context("viewing a snapshot"));
  return ReadView(dir / "view", std::move(*mount));
}

}  // namespace manifold::snapshot
