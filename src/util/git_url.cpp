// Git URLs: BuildKit's gitutil.ParseGitRef rules, with the fragment's ref and subdir.
#include "util/git_url.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "util/root_path.hpp"

namespace manifold::util {
namespace {

constexpr std::string_view kGithubPrefix = "github.com/";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The scheme of `text` when it starts with `[A-Za-z0-9]+://` (gitutil's protoRegexp), lower-cased.
std::optional<std::string> SchemeOf(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  for (char c : text.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return Lower(text.substr(0, sep));
}

// sshutil's scp-like form, `^([A-Za-z0-9_-]+)@([A-Za-z0-9.-]+):(.+)$` (the user is required,
// so "C:/x" is never one): the host, or nullopt. By hand: GCC 12's <regex> trips -Werror.
std::optional<std::string> ScpLikeHost(std::string_view text) {
  auto all_of = [](std::string_view part, std::string_view extra) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [&](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos;
    });
  };
  size_t at = text.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  size_t colon = text.find(':', at + 1);
  if (colon == std::string_view::npos || colon + 1 >= text.size()) return std::nullopt;
  std::string_view user = text.substr(0, at), host = text.substr(at + 1, colon - at - 1);
  if (!all_of(user, "_-") || !all_of(host, ".-")) return std::nullopt;
  return std::string(host);
}

// An http(s) URL names a repository only when its path ends in ".git" (BuildKit's rule: a
// tarball URL must stay a tarball URL).
bool PathEndsInDotGit(std::string_view url_without_fragment) {
  size_t query = url_without_fragment.find('?');
  std::string_view path = url_without_fragment.substr(0, query);
  return path.ends_with(".git");
}

util::Error Bad(std::string_view text, std::string why) {
  return util::Error(util::ErrorKind::kInvalidArgument,
                     fmt::format("git URL {}: {}", WithoutCredentials(text), why));
}

// BuildKit's URL query: which ref (refs/heads/B, refs/tags/T or R), which subdir, which commit.
Status ParseQuery(std::string_view text, std::string_view query, GitUrl& out, std::string& subdir) {
  std::map<std::string, std::string> seen;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (key == "commit") key = "checksum";
    if (key != "branch" && key != "tag" && key != "ref" && key != "subdir" && key != "checksum") {
      return std::unexpected(Bad(text, fmt::format("unknown query key {:?} (branch, tag, ref, subdir, checksum, commit)",
                                                   key)));
    }
    if (!seen.emplace(key, value).second) return std::unexpected(Bad(text, fmt::format("{} given twice", key)));
  }
  int refs = static_cast<int>(seen.count("branch") + seen.count("tag") + seen.count("ref"));
  if (refs > 1) return std::unexpected(Bad(text, "give one of branch=, tag= and ref="));
  if (seen.contains("branch")) out.ref = "refs/heads/" + seen["branch"];
  if (seen.contains("tag")) out.ref = "refs/tags/" + seen["tag"];
  if (seen.contains("ref")) out.ref = seen["ref"];
  if (seen.contains("subdir")) subdir = seen["subdir"];
  if (seen.contains("checksum")) {
    out.checksum = seen["checksum"];
    if (out.checksum.size() < 7 || !std::all_of(out.checksum.begin(), out.checksum.end(), [](char c) {
          return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        })) {
      return std::unexpected(Bad(text, fmt::format("checksum {:?} is no commit id (7 to 64 hex digits)", out.checksum)));
    }
    if (out.ref.empty()) out.ref = out.checksum;  // alone, the commit is the ref
  }
  return {};
}

}  // namespace

std::string WithoutCredentials(std::string_view url) {
  auto scheme = SchemeOf(url);
  if (!scheme) return std::string(url);
  size_t start = url.find("://") + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? url.size() - start : end - start);
  size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  std::string_view userinfo = authority.substr(0, at);
  std::string out(url.substr(0, start));
  if (*scheme != "http" && *scheme != "https") {
    // ssh://git@host keeps its user (an account name, not a secret); a password goes.
    out += std::string(userinfo.substr(0, userinfo.find(':'))) + "@";
  }
  out += url.substr(start + at + 1);
  return out;
}

bool IsCommitId(std::string_view ref) {
  if (ref.size() != 40 && ref.size() != 64) return false;
  return std::all_of(ref.begin(), ref.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsGitUrl(std::string_view text) {
  if (text.starts_with(kGithubPrefix)) return true;
  std::string_view base = text.substr(0, text.find('#'));
  if (auto scheme = SchemeOf(text)) {
    if (*scheme == "git" || *scheme == "ssh") return true;
    if (*scheme == "http" || *scheme == "https") return PathEndsInDotGit(base);
    return false;
  }
  return ScpLikeHost(base).has_value();
}

util::Result<GitUrl> ParseGitUrl(std::string_view text) {
  GitUrl out;
  size_t hash = text.find('#');
  std::string_view base = text.substr(0, hash);
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : text.substr(hash + 1);
  if (base.starts_with(kGithubPrefix)) {
    if (base.size() == kGithubPrefix.size()) return std::unexpected(Bad(text, "no repository after github.com/"));
    out.transport = GitUrl::Transport::kHttps;
    out.remote = "https://" + std::string(base);
    out.host = "github.com";
  } else if (auto scheme = SchemeOf(base)) {
    if (*scheme == "https") out.transport = GitUrl::Transport::kHttps;
    else if (*scheme == "http") out.transport = GitUrl::Transport::kHttp;
    else if (*scheme == "git") out.transport = GitUrl::Transport::kGit;
    else if (*scheme == "ssh") out.transport = GitUrl::Transport::kSsh;
    else return std::unexpected(Bad(text, fmt::format("unsupported scheme {:?} (use https, http, git or ssh)", *scheme)));
    size_t start = base.find("://") + 3;
    size_t slash = base.find('/', start);
    std::string_view authority = base.substr(start, slash == std::string_view::npos ? base.size() - start : slash - start);
    size_t at = authority.rfind('@');
    out.host = std::string(at == std::string_view::npos ? authority : authority.substr(at + 1));
    std::string_view path = slash == std::string_view::npos ? std::string_view() : base.substr(slash);
    if (out.host.empty()) return std::unexpected(Bad(text, "no host"));
    if (path.empty() || path == "/") return std::unexpected(Bad(text, "no repository path"));
    if ((*scheme == "http" || *scheme == "https") && !PathEndsInDotGit(base)) {
      return std::unexpected(Bad(text, "an http(s) URL names a git repository only when its path ends in .git"));
    }
    out.remote = std::string(base);
  } else {
    auto host = ScpLikeHost(base);
    if (!host) return std::unexpected(Bad(text, "expected https://, http://, git://, ssh://, user@host:path or github.com/"));
    out.transport = GitUrl::Transport::kSsh;
    out.host = std::move(*host);
    out.remote = std::string(base);
  }
  if (out.host.starts_with('-')) return std::unexpected(Bad(text, "a host may not start with '-'"));

  std::string subdir;
  if (size_t question = out.remote.find('?'); question != std::string::npos) {
    std::string query = out.remote.substr(question + 1);
    out.remote.resize(question);
    if (hash != std::string_view::npos) {
      return std::unexpected(Bad(text, "give the ref and subdir either as #REF:SUBDIR or as ?branch=|tag=|ref=&subdir=, "
                                       "not both"));
    }
    MANIFOLD_CHECK(ParseQuery(text, query, out, subdir));
  } else {
    size_t colon = fragment.find(':');
    out.ref = std::string(fragment.substr(0, colon));
    subdir = colon == std::string_view::npos ? std::string() : std::string(fragment.substr(colon + 1));
  }
  if (out.ref.starts_with('-')) return std::unexpected(Bad(text, fmt::format("the ref {:?} may not start with '-'", out.ref)));
  if (std::any_of(out.ref.begin(), out.ref.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
    return std::unexpected(Bad(text, fmt::format("the ref {:?} holds whitespace or control characters", out.ref)));
  }
  if (!subdir.empty()) {
    std::string clean = CleanPath(subdir);
    while (clean.starts_with('/')) clean.erase(0, 1);
    if (clean == ".." || clean.starts_with("../")) {
      return std::unexpected(Bad(text, fmt::format("the subdirectory {:?} leaves the repository", subdir)));
    }
    if (clean != "." && !clean.empty()) out.subdir = std::move(clean);
  }
  return out;
}

std::string GitUrl::Redacted() const { return WithoutCredentials(remote); }

std::string GitUrl::Display() const {
  std::string out = Redacted();
  if (!ref.empty() || !subdir.empty()) out += "#" + ref;
  if (!subdir.empty()) out += ":" + subdir;
  return out;
}

}  // namespace manifold::util
