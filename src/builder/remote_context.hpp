// builder::ResolveBuildContext: the positional PATH — a directory, a git URL, an http(s) URL or
// "-" (stdin) — made a local directory the build reads as it reads any other.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "builder/build_request.hpp"
#include "cache/build_scratch.hpp"
#include "util/error.hpp"
#include "progress/sink.hpp"

namespace manifold::builder {

/// What the positional PATH names, decided as buildx does: "-" is stdin; an existing
/// directory is local (even when it looks like a URL); then a git URL (util::IsGitUrl);
/// then any other http(s) URL; anything else is a local path (whose absence the build reports).
enum class ContextKind { kLocal, kStdin, kGit, kHttp };
ContextKind ClassifyContext(std::string_view path);

/// The scratch directories of fetched contexts (MANIFOLD_ROOT/snapshots/build-…, each locked
/// while this lives): removed when this goes, and by the next build's cleanup if the process
/// is killed first (cache::RemoveDeadScratch), with the file digests the build recorded under
/// them. Empty when every context was local. Move-only.
class FetchedContext {
 public:
  FetchedContext() = default;
  FetchedContext(FetchedContext&& other) noexcept
      : root_(std::move(other.root_)),
        scratch_(std::move(other.scratch_)),
        git_trees_(std::move(other.git_trees_)),
        archives_(std::move(other.archives_)) {
    other.scratch_.clear();
  }
  FetchedContext& operator=(FetchedContext&&) = delete;
  ~FetchedContext();
  /// A new scratch directory under `root`, kept (and removed) with this.
  util::Result<std::filesystem::path> NewScratch(const std::filesystem::path& root);

  /// A git checkout fetched into this: its whole tree and commit.
  struct GitTree {
    std::filesystem::path tree;
    std::string commit;
  };
  /// What was fetched before under `key` (what git fetched: remote, ref, checksum, whether
  /// .git was kept), so that several contexts naming one repository and ref (bake's targets,
  /// another subdir) clone it once. nullptr when nothing was.
  const GitTree* FindGitTree(const std::string& key) const;
  void RememberGitTree(std::string key, GitTree tree);
  /// A downloaded archive's extracted directory, by URL; nullptr when none was.
  const std::filesystem::path* FindArchive(const std::string& url) const;
  void RememberArchive(std::string url, std::filesystem::path dir);

 private:
  std::filesystem::path root_;
  std::vector<cache::BuildScratch> scratch_;
  std::map<std::string, GitTree> git_trees_;
  std::map<std::string, std::filesystem::path> archives_;
};

/// Makes `request.context_dir` and every --build-context a local directory. A local PATH is left
/// as it is; a git named context is fetched as below and becomes a kDirectory. Otherwise the
/// context is fetched into a scratch directory under `request.root` and the request rewritten:
///  - a git URL (`URL#REF:SUBDIR`): shallow-fetched at REF by git (worker::FetchGit), with
///    the GIT_AUTH_TOKEN / GIT_AUTH_HEADER secrets of `request.secrets` and `--ssh default`;
///    the context is SUBDIR of the checkout, without `.git` unless the build arg
///    BUILDKIT_CONTEXT_KEEP_GIT_DIR is true; `context_git` gets the URL (credentials removed)
///    and the commit;
///  - an http(s) URL: downloaded; a tar (any compression) is the context, extracted confined
///    to the scratch directory; anything else is the Dockerfile, with an empty context;
///  - "-": stdin, read the same way (a tar context or a Dockerfile); refused with `-f -`.
/// With a fetched context, a relative `-f` names a file inside it (relative to SUBDIR, as
/// buildx) and may not leave it; `dockerfile_name` keeps -f's spelling for messages and
/// provenance. An absolute -f is a local file and `-f -` stdin, as buildx reads them beside a
/// remote context.
/// Progress ("[internal] load git source URL#REF", "[internal] load remote build context")
/// goes to `progress`, the build's own sink, so that its vertices are numbered with the build's. Errors name the URL (never its
/// credentials or a secret) and the ref: a missing ref or subdir, a refused download, a
/// missing Dockerfile, an unreadable stdin.
util::Result<FetchedContext> ResolveBuildContext(BuildRequest& request, progress::Sink& progress);

/// The same, fetching into `fetched`, which keeps what it fetched for the caller: a git
/// repository and ref, or an archive URL, already fetched into it is reused, not fetched again
/// (bake's targets sharing one remote context or one remote definition).
util::Status ResolveBuildContext(BuildRequest& request, progress::Sink& progress, FetchedContext& fetched);

/// A remote bake definition's source (`bake URL`), fetched.
struct FetchedDefinition {
  /// The directory its definition files are read from: the git checkout (its subdir) or the
  /// extracted archive. Empty when the URL is a single file.
  std::filesystem::path dir;
  /// The file itself, when an http(s) URL is neither a repository nor an archive.
  std::optional<std::string> file;
};

/// Fetches a bake definition URL — a git URL (`#REF[:SUBDIR]`) or an http(s) URL of an archive
/// or of one definition file — into `fetched` under `root`, as ResolveBuildContext fetches a
/// context: git auth from `secrets` (GIT_AUTH_TOKEN[.HOST] / GIT_AUTH_HEADER[.HOST] ids, as
/// --secret values) and `ssh` (--ssh values). Targets whose context then names the same
/// repository and ref, or the same archive, reuse this fetch. Progress goes to `progress`.
/// Errors name the URL (never credentials): an unreachable source, a missing ref, a single
/// file over 2 MiB.
util::Result<FetchedDefinition> FetchDefinitionSource(std::string_view url, const std::filesystem::path& root,
                                                      const std::vector<std::string>& secrets,
                                                      const std::vector<std::string>& ssh, progress::Sink& progress,
                                                      FetchedContext& fetched);

}  // namespace manifold::builder
