// builder::ResolveBuildContext: the positional PATH — a directory, a git URL, an http(s) URL or
// "-" (stdin) — made a local directory the build reads as it reads any other.
#pragma once

#include <filesystem>
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
      : root_(std::move(other.root_)), scratch_(std::move(other.scratch_)) {
    other.scratch_.clear();
  }
  FetchedContext& operator=(FetchedContext&&) = delete;
  ~FetchedContext();
  /// A new scratch directory under `root`, kept (and removed) with this.
  util::Result<std::filesystem::path> NewScratch(const std::filesystem::path& root);

 private:
  std::filesystem::path root_;
  std::vector<cache::BuildScratch> scratch_;
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

}  // namespace manifold::builder
