// worker git auth: BuildKit's GIT_AUTH_TOKEN / GIT_AUTH_HEADER secrets as git configuration.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/git_url.hpp"

namespace manifold::worker {

/// The build secrets a git fetch consults, in BuildKit's order of preference.
inline constexpr std::string_view kGitAuthTokenSecret = "GIT_AUTH_TOKEN";
inline constexpr std::string_view kGitAuthHeaderSecret = "GIT_AUTH_HEADER";

/// Looks a secret up by id: its value, or nullptr when the build was not given it.
using SecretLookup = std::function<const std::string*(const std::string& id)>;

/// The value of the Authorization header git sends to `url`'s server, as BuildKit's git
/// source picks it: the first secret present of GIT_AUTH_HEADER.<host>, GIT_AUTH_TOKEN.<host>,
/// GIT_AUTH_HEADER, GIT_AUTH_TOKEN. A header secret is the whole value ("bearer XYZ",
/// "basic …"); a token becomes "basic " + base64("x-access-token:" + token), which GitHub,
/// GitLab and Gitea accept. Surrounding whitespace of a value (a trailing newline of a file
/// secret) is dropped. nullopt when none is given or the transport is not http(s).
std::optional<std::string> GitAuthHeaderValue(const util::GitUrl& url, const SecretLookup& secret);

/// The URL prefix the header is scoped to in git's `http.<url>.extraheader`: the remote itself,
/// or all of https://github.com/ for a remote there (submodules of the same owner), as
/// BuildKit's tokenScope.
std::string GitAuthScope(const util::GitUrl& url);

/// `config` as git's environment configuration (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_<n>,
/// GIT_CONFIG_VALUE_<n>): configuration that never appears on a command line (`ps` shows
/// argv to every user) and never lands in a repository's config file.
std::vector<std::string> GitConfigEnvironment(const std::vector<std::pair<std::string, std::string>>& config);

}  // namespace manifold::worker
