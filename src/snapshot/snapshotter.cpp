// Snapshots on overlayfs, or on plain copies where overlayfs is unavailable.
#include "snapshot/snapshotter.hpp"

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "snapshot/internal/tree_copy.hpp"

namespace manifold::snapshot {

namespace {
// Without index/redirect_dir/metacopy, an upper dir is a plain tree of changed files that we
// can turn into a portable tar layer (a redirect or metacopy entry has no tar equivalent).
constexpr const char* kOverlayOptions = "index=off,redirect_dir=off,metacopy=off";

std::string LowerDirs(std::vector<std::filesystem::path> chain) {
  std::string out;
  // overlayfs lists lower dirs top first.
  std::reverse(chain.begin(), chain.end());
  for (const auto& p : chain) {
    if (!out.empty()) out += ':';
    out += p.string();
  }
  return out;
}
}  // namespace

std::vector<std::filesystem::path> Snapshot::Chain() const {
  std::vector<std::filesystem::path> chain;
  for (const Snapshot* s = this; s != nullptr; s = s->parent_.get()) chain.push_back(s->diff_dir_);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

MutableSnapshot::~MutableSnapshot() {
  if (!committed_ && !dir_.empty()) {
    (void)mount_.Unmount();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

util::Result<SnapshotRef> MutableSnapshot::Commit() {
  MANIFOLD_ASSERT(!committed_, "snapshot committed twice");
  MANIFOLD_CHECK(mount_.Unmount());
  if (!base_.empty()) {
    // Native: the layer is what the step changed in its copy.
    MANIFOLD_CHECK(internal::WriteTreeDiff(base_, merged_, dir_ / "diff"));
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
    std::filesystem::remove_all(merged_, ec);
    committed_ = true;
    return std::make_shared<const Snapshot>(dir_ / "diff", parent_);
  }
  committed_ = true;
  std::error_code ec;
  std::filesystem::remove_all(dir_ / "work", ec);
  if (merged_ != dir_ / "diff") std::filesystem::remove(merged_, ec);
  return std::make_shared<const Snapshot>(dir_ / "diff", parent_);
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

util::Result<std::unique_ptr<Snapshotter>> Snapshotter::Open(const std::filesystem::path& dir, bool remove_on_close,
                                                             std::optional<SnapshotterKind> kind) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", dir.string(), ec.message());
  if (!kind) kind = MANIFOLD_TRY(ChooseSnapshotter(dir));
  return std::unique_ptr<Snapshotter>(new Snapshotter(dir, remove_on_close, *kind));
}

Snapshotter::~Snapshotter() {
  if (remove_on_close_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

util::Result<std::filesystem::path> Snapshotter::NewDir() {
  // Short names keep overlay's lowerdir option (one page at most) able to hold many layers.
  std::filesystem::path dir = dir_ / fmt::format("{:x}", next_id_++);
  std::error_code ec;
  std::filesystem::create_directories(dir / "diff", ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating snapshot {}: {}", dir.string(), ec.message());
  return dir;
}

util::Result<std::filesystem::path> Snapshotter::NewDiffDir() {
  auto dir = MANIFOLD_TRY(NewDir());
  return dir / "diff";
}

util::Result<MutableSnapshot> Snapshotter::Prepare(const SnapshotRef& parent) {
  auto dir = MANIFOLD_TRY(NewDir());
  if (!parent) return MutableSnapshot(dir, dir / "diff");
  std::error_code ec;
  if (kind_ == SnapshotterKind::kNative) {
    std::filesystem::create_directories(dir / "merged", ec);
    std::filesystem::create_directories(dir / "base", ec);
    if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir.string(), ec.message());
    MutableSnapshot snapshot(dir, parent, dir / "base");  // removes dir if what follows fails
    MANIFOLD_CHECK(internal::MaterializeChain(parent->Chain(), dir / "base", internal::FileMode::kLink));
    MANIFOLD_CHECK(internal::MaterializeChain(parent->Chain(), dir / "merged", internal::FileMode::kCopy));
    return snapshot;
  }
  std::filesystem::create_directories(dir / "work", ec);
  std::filesystem::create_directories(dir / "merged", ec);
  std::filesystem::create_directories(dir / "empty", ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir.string(), ec.message());
  std::vector<std::filesystem::path> chain = parent ? parent->Chain() : std::vector<std::filesystem::path>{};
  std::string lower = chain.empty() ? (dir / "empty").string() : LowerDirs(chain);
  std::string options = fmt::format("lowerdir={},upperdir={},workdir={},{}", lower, (dir / "diff").string(),
                                    (dir / "work").string(), kOverlayOptions);
  auto mount = util::ScopedMount::Mount("overlay", dir / "merged", "overlay", 0, options);
  if (!mount) return std::unexpected(std::move(mount.error()).Context("preparing a snapshot"));
  return MutableSnapshot(dir, parent, std::move(*mount));
}

util::Status Snapshotter::ProbeOverlay(const std::filesystem::path& dir) {
  auto probe = dir / fmt::format("overlay-probe-{}", ::getpid());
  std::error_code ec;
  for (const char* sub : {"lower", "upper", "work", "merged"}) std::filesystem::create_directories(probe / sub, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", probe.string(), ec.message());
  auto mount = util::ScopedMount::Mount(
      "overlay", probe / "merged", "overlay", 0,
      fmt::format("lowerdir={},upperdir={},workdir={},{}", (probe / "lower").string(), (probe / "upper").string(),
                  (probe / "work").string(), kOverlayOptions));
  util::Status result = mount ? mount->Unmount() : util::Status(std::unexpected(std::move(mount.error())));
  std::filesystem::remove_all(probe, ec);
  return result;
}

util::Result<ReadView> Snapshotter::View(const SnapshotRef& snapshot) {
  if (!snapshot) {
    auto dir = MANIFOLD_TRY(NewDir());
    return ReadView(dir / "diff", util::ScopedMount());
  }
  std::vector<std::filesystem::path> chain = snapshot->Chain();
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
  auto mount = util::ScopedMount::Mount("overlay", dir / "view", "overlay", MS_RDONLY,
                                        fmt::format("lowerdir={},{}", LowerDirs(chain), kOverlayOptions));
  if (!mount) return std::unexpected(std::move(mount.error()).Context("viewing a snapshot"));
  return ReadView(dir / "view", std::move(*mount));
}

}  // namespace manifold::snapshot
