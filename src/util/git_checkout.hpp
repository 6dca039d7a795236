// util::ReadGitCheckout: a directory's git commit and origin URL read from the repository's
// files, as `git rev-parse HEAD` and `git remote get-url origin` would answer, without starting
// git (two processes, ~15 ms, on every build whose context is a checkout); layouts it does not
// read for sure are left to git.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace manifold::util {

/// The checkout's answers.
struct GitCheckoutInfo {
  std::string commit;                 ///< HEAD's commit id (hex)
  std::optional<std::string> origin;  ///< remote.origin.url as configured; nullopt without one
};

/// What ReadGitCheckout found.
struct GitCheckoutLookup {
  enum class Kind {
    kCheckout,    ///< `info` holds the answers
    kNotAWorkTree,  ///< no work tree here (no .git up to the filesystem's root or mount point, inside a .git or bare
                    ///< repository, a HEAD without a commit): git would fail too
    kAskGit,      ///< a layout or setting read here only by git itself: run git
  };
  Kind kind = Kind::kAskGit;
  GitCheckoutInfo info;
};

/// Looks for the repository of `dir` as git's discovery does (`.git` directories and `gitdir:`
/// files from `dir` up, stopping at a mount point) and reads HEAD (a branch, loose or packed,
/// or a detached commit) and remote.origin.url from the repository's config. kAskGit for
/// anything else: GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES or
/// GIT_DISCOVERY_ACROSS_FILESYSTEM set; a repository not owned by us (git's safe.directory
/// check); core.worktree, core.bare, reftable refs, config includes or url.*.insteadOf (in the
/// repository's, the user's or the system's config); a symbolic ref chain; anything unreadable.
GitCheckoutLookup ReadGitCheckout(const std::filesystem::path& dir);

}  // namespace manifold::util
