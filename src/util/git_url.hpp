// util::GitUrl: a git repository as buildx and BuildKit write one (URL#REF:SUBDIR), parsed.
#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// A git source: which repository, which ref, which directory of the checkout. Plain data.
struct GitUrl {
  enum class Transport { kHttps, kHttp, kGit, kSsh };
  Transport transport = Transport::kHttps;
  /// What git fetches: the URL without its fragment, credentials as the user wrote them
  /// (`github.com/o/r` becomes `https://github.com/o/r`). Never log it: see Redacted().
  std::string remote;
  std::string host;    ///< host[:port] as in the URL (GIT_AUTH_TOKEN.<host>); "" for none
  std::string ref;     ///< branch, tag, commit or refs/...; "" = the remote's default branch
  std::string subdir;  ///< the context inside the checkout, cleaned and relative; "" = its root
  /// The commit (or a prefix of it) the ref must resolve to: `?checksum=`/`?commit=`, or ADD
  /// --checksum; "" = any.
  std::string checksum;

  /// `remote` with any password or http(s) user (a token is often written as one) removed:
  /// what messages, progress and provenance show.
  std::string Redacted() const;
  /// Redacted() followed by "#ref[:subdir]" when either is set: how the user named it.
  std::string Display() const;
};

/// Whether `text` names a git repository rather than a directory or a plain URL, by buildx's
/// and BuildKit's rules (gitutil.ParseGitRef): `git://` and `ssh://` URLs, scp-like
/// `user@host:path`, `github.com/…`, and http(s) URLs whose path ends in `.git` (the fragment
/// aside). An http(s) URL without `.git` is a tarball or Dockerfile URL, not a repository.
bool IsGitUrl(std::string_view text);

/// Parses a git URL (IsGitUrl's forms) with its optional `#REF[:SUBDIR]` fragment, or instead
/// BuildKit 0.24's query (`?branch=B|tag=T|ref=R&subdir=D&checksum=COMMIT`, `commit` an alias
/// of `checksum`; a lone checksum is the ref). Errors (kInvalidArgument, naming the URL
/// without credentials): no host or path, a fragment and a query together, an unknown or
/// repeated query key, two of branch/tag/ref, a ref that starts with '-' or holds whitespace
/// or control characters (git would read it as an option or refuse it), a subdir that leaves
/// the checkout ("../x").
util::Result<GitUrl> ParseGitUrl(std::string_view text);

/// `url` with the password (and, for http(s), the user) of its userinfo removed; text that is
/// no `scheme://` URL is returned as it is.
std::string WithoutCredentials(std::string_view url);

/// Whether `ref` is a full commit id (40 hex digits for SHA-1, 64 for SHA-256).
bool IsCommitId(std::string_view ref);

}  // namespace manifold::util
