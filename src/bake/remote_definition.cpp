// Remote bake definitions: arguments, file names, targets' contexts and git auth, as buildx.
#include "bake/remote_definition.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "bake/internal/normalize.hpp"
#include "util/git_url.hpp"

namespace manifold::bake {

namespace {

// The host a URL's git auth is scoped to: a git URL's, else an http(s) URL's authority
// without its user; "" when there is none.
std::string UrlHost(std::string_view url) {
  if (util::IsGitUrl(url)) {
    auto parsed = util::ParseGitUrl(url);
    return parsed ? parsed->host : std::string();
  }
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!url.starts_with(scheme)) continue;
    std::string_view rest = url.substr(scheme.size());
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    return std::string(rest);
  }
  return {};
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Go's url.QueryEscape.
std::string QueryEscape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// `url`'s `subdir=` query parameter set to `subdir`, the query re-encoded as Go's
// url.Values.Encode (keys sorted); nullopt when the URL has no such parameter.
std::optional<std::string> WithSubdirQuery(std::string_view url, std::string_view subdir) {
  const size_t question = url.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> params;
  bool has_subdir = false;
  std::string_view query = url.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string key(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    if (key == "subdir") {
      has_subdir = true;
      continue;
    }
    params.emplace_back(std::move(key), std::move(value));  // kept as written (already escaped)
  }
  if (!has_subdir) return std::nullopt;
  params.emplace_back("subdir", QueryEscape(subdir));
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out(url.substr(0, question + 1));
  for (size_t i = 0; i < params.size(); ++i) {
    out += fmt::format("{}{}={}", i == 0 ? "" : "&", params[i].first, params[i].second);
  }
  return out;
}

bool IsCommandLocal(std::string_view value) {
  return value.starts_with("cwd://") || value.starts_with("target:") || value.starts_with("docker-image:") ||
         value.starts_with("oci-layout://") || internal::IsRemoteContext(value);
}

// A path of the remote source, as a URL; `what` names it in errors.
util::Result<std::string> RemotePath(std::string_view url, std::string_view path, std::string_view what) {
  const std::string clean = internal::CleanPath(path);
  if (clean == ".") return std::string(url);
  if (!util::IsGitUrl(url)) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{} {:?}: the definition was read from {}, an archive, which is a context only as a whole "
                      "(use \".\", or cwd://PATH for a local directory)",
                      what, std::string(path), util::WithoutCredentials(url));
  }
  return RemoteUrlWithSubdir(url, clean);
}

}  // namespace

BakeArgs SplitBakeArgs(std::vector<std::string> args) {
  BakeArgs out;
  size_t first = 0;
  if (!args.empty() && internal::IsRemoteContext(args[0])) {
    out.url = args[0];
    first = 1;
    if (args.size() > 1 && internal::IsRemoteContext(args[1])) {
      out.cmd_context = args[1];
      first = 2;
    }
  }
  out.targets.assign(std::make_move_iterator(args.begin() + static_cast<std::ptrdiff_t>(first)),
                     std::make_move_iterator(args.end()));
  return out;
}

DefinitionNames SplitDefinitionNames(const std::vector<std::string>& names) {
  DefinitionNames out;
  for (const auto& name : names) {
    if (name.starts_with("cwd://")) {
      out.local.push_back(name.substr(6));
    } else {
      out.remote.push_back(name);
    }
  }
  return out;
}

std::string RemoteUrlWithSubdir(std::string_view url, std::string_view subdir) {
  std::string clean = internal::CleanPath(subdir);
  if (clean == "." || url.empty()) return std::string(url);
  if (!util::IsGitUrl(url)) return std::string(url);
  auto parsed = util::ParseGitUrl(url);
  if (!parsed) return std::string(url);
  if (!parsed->subdir.empty()) clean = internal::CleanPath(parsed->subdir + "/" + clean);
  if (url.find('#') == std::string_view::npos) {
    if (auto with_query = WithSubdirQuery(url, clean)) return *with_query;
  }
  const size_t hash = url.find('#');
  std::string_view base = url.substr(0, hash);
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : url.substr(hash + 1);
  std::string_view ref = fragment.substr(0, fragment.find(':'));
  return fmt::format("{}#{}:{}", base, ref, clean);
}

util::Status UseRemoteDefinition(Target& target, std::string_view url) {
  const std::string context = target.context.value_or(".");
  if (!IsCommandLocal(context)) target.context = MANIFOLD_TRY(RemotePath(url, context, "context"));
  if (target.contexts) {
    for (auto& [name, value] : *target.contexts) {
      if (!IsCommandLocal(value)) value = MANIFOLD_TRY(RemotePath(url, value, "contexts." + name));
    }
  }
  return {};
}

std::vector<std::string> GitAuthSecretFlags(std::string_view url, const EnvLookup& env) {
  const std::string host = UrlHost(url);
  if (host.empty()) return {};
  std::vector<std::string> flags;
  for (auto [id, variable] : {std::pair{"GIT_AUTH_TOKEN", "BUILDX_BAKE_GIT_AUTH_TOKEN"},
                              std::pair{"GIT_AUTH_HEADER", "BUILDX_BAKE_GIT_AUTH_HEADER"}}) {
    if (env(variable)) flags.push_back(fmt::format("id={}.{},env={}", id, host, variable));
  }
  return flags;
}

std::string GitSshFlag(const EnvLookup& env) {
  auto paths = env("BUILDX_BAKE_GIT_SSH");
  return paths && !paths->empty() ? "default=" + *paths : "default";
}

bool SharesGitHost(std::string_view definition_url, std::string_view context) {
  if (!internal::IsRemoteContext(definition_url) || !internal::IsRemoteContext(context)) return false;
  const std::string a = UrlHost(definition_url);
  return !a.empty() && Lower(a) == Lower(UrlHost(context));
}

}  // namespace manifold::bake
