// worker::FetchGit: a git ref checked out into a directory by Debian's git, as BuildKit does.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "session/secrets.hpp"
#include "util/error.hpp"
#include "util/git_url.hpp"

namespace manifold::worker {

struct GitFetchOptions {
  /// Keep `.git` in the checkout (BUILDKIT_CONTEXT_KEEP_GIT_DIR=1, ADD --keep-git-dir): its
  /// origin is then the redacted URL. Otherwise the checkout has no `.git` at all.
  bool keep_git_dir = false;
  /// The Authorization header value for http(s) remotes (GitAuthHeaderValue); given to git
  /// through its environment only.
  std::optional<std::string> auth_header;
  /// An ssh-agent socket for ssh remotes (`--ssh default`); "" = none.
  std::string ssh_auth_sock;
  /// Secret values masked out of git's messages and of errors (the header, the token).
  std::vector<std::string> secrets;
  /// Receives git's progress and messages, a line at a time, secrets masked. May be empty.
  std::function<void(std::string_view line)> on_log;
};

/// Fills `options` with what the build gives for `url`: for http(s), the Authorization header
/// from the GIT_AUTH_* secrets of `secrets` (GitAuthHeaderValue) and every secret value to
/// mask; for ssh, the `default` agent of `ssh`. Either may be null (none given).
void AddGitCredentials(const util::GitUrl& url, const session::SecretStore* secrets, const session::SshAgents* ssh,
                       GitFetchOptions& options);

/// What FetchGit checked out.
struct GitCheckout {
  std::filesystem::path tree;  ///< the whole checkout (`work`/tree)
  std::filesystem::path dir;   ///< url.subdir of the checkout (`tree` itself without one)
  std::string commit;          ///< the commit checked out (full id)
};

/// The checkout of `url` at `commit` in `tree`, its `dir` being url.subdir resolved inside
/// `tree` (symlinks too, never out of it): how FetchGit ends, and how a second URL naming
/// another subdir of the same fetch reuses it. Errors: kNotFound when url.subdir is no
/// directory of the checkout.
util::Result<GitCheckout> CheckoutSubdir(const std::filesystem::path& tree, const util::GitUrl& url, std::string commit);

/// Fetches `url.ref` of `url.remote` (the default branch when empty) and checks it out into
/// `work`/tree; `work` is an empty directory the caller owns and removes (it also holds git's
/// HOME and, unless kept, the repository). As BuildKit: `git init`, a shallow `git fetch
/// --depth=1 origin REF` (a commit id that cannot be fetched shallowly falls back to a full
/// fetch), checkout of FETCH_HEAD, then `git submodule update --init --recursive --depth=1`;
/// url.subdir is then resolved inside the checkout (symlinks too, never out of it), and a
/// checkout at another commit than url.checksum (when set) fails with "checksum mismatch".
/// git runs with no system or user configuration, no terminal prompts, only the https, http,
/// git and ssh protocols (submodules too), and the caller's auth header scoped to the remote
/// through GIT_CONFIG_* variables (never argv). Errors (kNotFound for a missing ref,
/// kUnavailable for an unreachable or refusing remote, kNotFound when git is not installed)
/// name the redacted URL and the ref, followed by git's own message with secrets masked; a
/// subdir that is no directory of the checkout is kNotFound.
util::Result<GitCheckout> FetchGit(const util::GitUrl& url, const std::filesystem::path& work, const GitFetchOptions& options);

}  // namespace manifold::worker
