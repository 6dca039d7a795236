// Git auth secrets → the Authorization header value; git configuration passed by environment.
#include "worker/git_auth.hpp"

#include <fmt/format.h>

#include "util/base64.hpp"

namespace manifold::worker {
namespace {

std::string Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return "";
  size_t last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last + 1 - first));
}

}  // namespace

std::optional<std::string> GitAuthHeaderValue(const util::GitUrl& url, const SecretLookup& secret) {
  if (url.transport != util::GitUrl::Transport::kHttps && url.transport != util::GitUrl::Transport::kHttp) return std::nullopt;
  if (!secret) return std::nullopt;
  const std::string header(kGitAuthHeaderSecret), token(kGitAuthTokenSecret);
  const std::pair<std::string, bool> candidates[] = {
      {header + "." + url.host, false}, {token + "." + url.host, true}, {header, false}, {token, true}};
  for (const auto& [id, is_token] : candidates) {
    const std::string* value = secret(id);
    if (value == nullptr) continue;
    std::string trimmed = Trimmed(*value);
    if (trimmed.empty()) continue;
    if (is_token) return "basic " + util::Base64Encode("x-access-token:" + trimmed);
    return trimmed;
  }
  return std::nullopt;
}

std::string GitAuthScope(const util::GitUrl& url) {
  for (std::string_view prefix : {"https://github.com/", "https://www.github.com/"}) {
    if (url.remote.starts_with(prefix)) return std::string(prefix);
  }
  return url.remote;
}

std::vector<std::string> GitConfigEnvironment(const std::vector<std::pair<std::string, std::string>>& config) {
  std::vector<std::string> env;
  env.push_back(fmt::format("GIT_CONFIG_COUNT={}", config.size()));
  for (size_t i = 0; i < config.size(); ++i) {
    env.push_back(fmt::format("GIT_CONFIG_KEY_{}={}", i, config[i].first));
    env.push_back(fmt::format("GIT_CONFIG_VALUE_{}={}", i, config[i].second));
  }
  return env;
}

}  // namespace manifold::worker
