// FetchGitSourceOp: FetchGit into a scratch diff dir, then the chosen directory becomes the snapshot.
#include "worker/git_source_op.hpp"

#include <fmt/format.h>

#include "util/git_url.hpp"
#include "worker/git_source.hpp"

namespace manifold::worker {

namespace fs = std::filesystem;

util::Result<OutputRef> FetchGitSourceOp(const graph::SourceOp& op, snapshot::Snapshotter& snapshotter,
                                         const session::SecretStore* secrets, const session::SshAgents* ssh,
                                         const ExecuteContext& context) {
  auto url = MANIFOLD_TRY(util::ParseGitUrl(op.identifier));
  if (!op.checksum.empty()) {  // ADD --checksum=COMMIT
    if (op.checksum.size() < 7) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "ADD --checksum={}: give 7 to 64 hex digits of the commit",
                        op.checksum);
    }
    url.checksum = op.checksum;
  }
  GitFetchOptions options;
  options.keep_git_dir = op.keep_git_dir;
  AddGitCredentials(url, secrets, ssh, options);
  options.on_log = [&context](std::string_view line) { context.Log(std::string(line)); };
  // The fetch happens in one diff dir (git's HOME and repository beside the tree), the
  // snapshot is another holding only the chosen directory.
  auto work = MANIFOLD_TRY(snapshotter.NewDiffDir());
  struct RemoveWork {
    fs::path dir;
    ~RemoveWork() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove_work{work};
  auto checkout = MANIFOLD_TRY(FetchGit(url, work / "fetch", options));
  auto dir = MANIFOLD_TRY(snapshotter.NewDiffDir());
  std::error_code ec;
  fs::remove(dir, ec);
  fs::rename(checkout.dir, dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "moving the checkout of {}: {}", url.Display(), ec.message());
  std::string key = fmt::format("sha1:{} subdir={} keep_git_dir={}", checkout.commit, url.subdir, op.keep_git_dir);
  return std::make_shared<const SnapshotOutput>(std::make_shared<const snapshot::Snapshot>(dir, nullptr),
                                                std::move(key));
}

}  // namespace manifold::worker
