// FetchGit: git as a subprocess in a sealed environment (no user config, no prompts, no argv secrets).
#include "worker/git_source.hpp"

#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include "session/secret_masker.hpp"
#include "util/root_path.hpp"
#include "util/subprocess.hpp"
#include "worker/git_auth.hpp"

extern char** environ;

namespace manifold::worker {
namespace fs = std::filesystem;
namespace {

// Our environment minus whatever would let the user's git setup (or a stray GIT_DIR) steer
// the fetch, plus git's sealed settings.
std::vector<std::string> GitEnvironment(const util::GitUrl& url, const fs::path& home, const GitFetchOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry = *e;
    std::string_view name = entry.substr(0, entry.find('='));
    if (name.starts_with("GIT_") || name == "HOME" || name == "XDG_CONFIG_HOME" || name == "SSH_AUTH_SOCK" ||
        name == "SSH_ASKPASS" || name == "LANG" || name == "LANGUAGE" || name.starts_with("LC_")) {
      continue;
    }
    env.emplace_back(entry);
  }
  env.push_back("HOME=" + home.string());
  env.push_back("XDG_CONFIG_HOME=" + (home / ".config").string());
  env.push_back("LC_ALL=C");  // git's messages in English: errors are matched below
  env.push_back("GIT_CONFIG_NOSYSTEM=1");
  env.push_back("GIT_CONFIG_GLOBAL=/dev/null");
  env.push_back("GIT_TERMINAL_PROMPT=0");
  // No prompts. A host not in the user's known_hosts is accepted and remembered in our scratch
  // HOME only (BuildKit, given no known hosts, checks none at all); a known host whose key
  // changed is still refused.
  env.push_back(fmt::format("GIT_SSH_COMMAND=ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new "
                            "-o 'UserKnownHostsFile={}/known_hosts ~/.ssh/known_hosts'",
                            home.string()));
  if (!options.ssh_auth_sock.empty()) env.push_back("SSH_AUTH_SOCK=" + options.ssh_auth_sock);
  std::vector<std::pair<std::string, std::string>> config = {
      // The transports a build context may use, submodules included: never file:// (a
      // hostile .gitmodules reading the builder's disk) nor ext:: (running commands).
      {"protocol.allow", "never"},
      {"protocol.https.allow", "always"},
      {"protocol.http.allow", "always"},
      {"protocol.git.allow", "always"},
      {"protocol.ssh.allow", "always"},
      {"core.hooksPath", "/dev/null"},
      {"init.defaultBranch", "main"},
      {"advice.detachedHead", "false"},
  };
  if (options.auth_header) {
    config.emplace_back("http." + GitAuthScope(url) + ".extraheader", "Authorization: " + *options.auth_header);
  }
  for (auto& entry : GitConfigEnvironment(config)) env.push_back(std::move(entry));
  return env;
}

class GitRunner {
 public:
  GitRunner(const util::GitUrl& url, fs::path tree, std::vector<std::string> env, const GitFetchOptions& options)
      : url_(url), tree_(std::move(tree)), env_(std::move(env)), options_(options) {
    std::vector<std::string_view> values;
    for (const auto& s : options.secrets) values.push_back(s);
    masker_ = session::SecretMasker(values);
  }

  // Runs `git -C tree ARGS…`; git's stderr goes to on_log, masked.
  util::Result<util::ProcessResult> Run(std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-C", tree_.string()};
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    auto run = util::RunProcessWithEnv(argv, env_);
    if (!run && run.error().kind() == util::ErrorKind::kNotFound) {
      return util::Fail(util::ErrorKind::kNotFound, "git is not installed (Debian: apt-get install git)");
    }
    if (!run) return std::unexpected(std::move(run.error()));
    run->err = Masked(run->err);
    run->out = Masked(run->out);
    Log(run->err);
    return run;
  }

  // Runs and requires success; a failure names the step and carries git's last words.
  util::Status Check(std::vector<std::string> args, std::string_view what) {
    auto run = MANIFOLD_TRY(Run(std::move(args)));
    if (run.exit_code == 0) return {};
    return util::Fail(util::ErrorKind::kUnavailable, "{}: {}", what, LastWords(run.err));
  }

  std::string Masked(std::string text) const {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      out += masker_.Mask(text.substr(start, end - start));
      if (end < text.size()) out += '\n';
      start = end + 1;
    }
    return out;
  }

  // git's message without its progress chatter: the lines that say what went wrong.
  static std::string LastWords(std::string_view err) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < err.size()) {
      size_t end = err.find_first_of("\r\n", start);
      if (end == std::string_view::npos) end = err.size();
      std::string_view line = err.substr(start, end - start);
      if (line.starts_with("fatal:") || line.starts_with("error:") || line.starts_with("remote:")) {
        lines.emplace_back(line);
      }
      start = end + 1;
    }
    if (lines.empty()) {
      std::string_view trimmed = err.substr(0, err.find_last_not_of("\r\n") + 1);
      size_t last = trimmed.find_last_of("\r\n");
      return std::string(last == std::string_view::npos ? trimmed : trimmed.substr(last + 1));
    }
    return fmt::format("{}", fmt::join(lines, "; "));
  }

 private:
  void Log(std::string_view text) const {
    if (!options_.on_log) return;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      // Progress meters redraw with \r: only their final state is worth a line.
      while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (size_t cr = line.rfind('\r'); cr != std::string_view::npos) line = line.substr(cr + 1);
      if (!line.empty()) options_.on_log(line);
      start = end + 1;
    }
  }

  const util::GitUrl& url_;
  fs::path tree_;
  std::vector<std::string> env_;
  const GitFetchOptions& options_;
  session::SecretMasker masker_;
};

bool Mentions(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (auto needle : needles) {
    if (text.find(needle) != std::string_view::npos) return true;
  }
  return false;
}

// The error of a failed fetch, by what git said: a missing ref, refused credentials, or else.
util::Error FetchError(const util::GitUrl& url, std::string_view ref, std::string_view err) {
  std::string words = GitRunner::LastWords(err);
  if (Mentions(err, {"couldn't find remote ref", "not our ref", "unadvertised object"})) {
    return util::Error(util::ErrorKind::kNotFound,
                       fmt::format("the ref {:?} does not exist in {} ({})", ref, url.Redacted(), words));
  }
  if (Mentions(err, {"Authentication failed", "could not read Username", "could not read Password",
                     "terminal prompts disabled", "The requested URL returned error: 401",
                     "The requested URL returned error: 403", "Permission denied"})) {
    return util::Error(util::ErrorKind::kPermissionDenied,
                       fmt::format("{} refused access ({}); for a private repository over http(s) pass "
                                   "--secret id=GIT_AUTH_TOKEN,env=VAR (or GIT_AUTH_HEADER), over ssh --ssh default",
                                   url.Redacted(), words));
  }
  return util::Error(util::ErrorKind::kUnavailable, fmt::format("fetching {} from {}: {}", ref, url.Redacted(), words));
}

}  // namespace

util::Result<GitCheckout> FetchGit(const util::GitUrl& url, const fs::path& work, const GitFetchOptions& options) {
  const std::string ref = url.ref.empty() ? "HEAD" : url.ref;
  auto fail_context = [&](util::Error error) {
    return std::unexpected(std::move(error).Context("loading git source {}", url.Display()));
  };
  const fs::path home = work / "home", tree = work / "tree";
  std::error_code ec;
  fs::create_directories(home, ec);
  if (!ec) fs::create_directories(tree, ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", work.string(), ec.message());

  GitRunner git(url, tree, GitEnvironment(url, home, options), options);
  if (auto s = git.Check({"init", "-q"}, "git init"); !s) return fail_context(std::move(s.error()));
  if (auto s = git.Check({"remote", "add", "origin", url.remote}, "git remote add"); !s) {
    return fail_context(std::move(s.error()));
  }
  std::string checkout = "FETCH_HEAD";
  auto fetched = git.Run({"fetch", "--depth=1", "--no-tags", "origin", ref});
  if (!fetched) return fail_context(std::move(fetched.error()));
  if (fetched->exit_code != 0) {
    if (!util::IsCommitId(ref) || Mentions(fetched->err, {"Authentication failed", "could not read Username",
                                                     "returned error: 401", "returned error: 403"})) {
      return fail_context(FetchError(url, ref, fetched->err));
    }
    // A server that does not serve unadvertised commits (uploadpack.allowReachableSHA1InWant
    // off): fetch the branches and tags whole, then look for the commit among them.
    auto full = git.Run({"fetch", "--tags", "origin"});
    if (!full) return fail_context(std::move(full.error()));
    if (full->exit_code != 0) return fail_context(FetchError(url, ref, full->err));
    checkout = ref;
  }
  auto checked = git.Run({"checkout", "-q", "--detach", checkout});
  if (!checked) return fail_context(std::move(checked.error()));
  if (checked->exit_code != 0) {
    if (checkout == ref) {
      return fail_context(util::Error(util::ErrorKind::kNotFound,
                                      fmt::format("the commit {} is not in any branch or tag of {}", ref,
                                                  url.Redacted())));
    }
    return fail_context(util::Error(util::ErrorKind::kUnavailable,
                                    fmt::format("checking out {}: {}", ref, GitRunner::LastWords(checked->err))));
  }
  auto head = git.Run({"rev-parse", "HEAD"});
  if (!head) return fail_context(std::move(head.error()));
  std::string commit = head->out.substr(0, head->out.find_first_of("\r\n"));
  if (head->exit_code != 0 || !util::IsCommitId(commit)) {
    return fail_context(util::Error(util::ErrorKind::kInternal, fmt::format("git rev-parse HEAD said {:?}", commit)));
  }
  if (!url.checksum.empty() && !commit.starts_with(url.checksum)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "checksum mismatch: {} is at commit {}, expected {}",
                      url.Display(), commit, url.checksum);
  }
  const bool submodules = fs::exists(tree / ".gitmodules", ec);
  if (submodules) {
    if (auto s = git.Check({"submodule", "update", "--init", "--recursive", "--depth=1"}, "git submodule update"); !s) {
      return fail_context(std::move(s.error()));
    }
  }
  if (options.keep_git_dir) {
    // As BuildKit: the kept origin never carries credentials; no reflog of the fetch.
    if (auto s = git.Check({"remote", "set-url", "origin", url.Redacted()}, "git remote set-url"); !s) {
      return fail_context(std::move(s.error()));
    }
    (void)git.Run({"reflog", "expire", "--all", "--expire=now"});
  } else {
    if (submodules) {
      // Each submodule's `.git` is a file pointing into the top repository's modules: it
      // would dangle in the context. Paths are relative to the top, one per line.
      auto paths = git.Run({"submodule", "foreach", "--recursive", "--quiet", "echo \"$displaypath\""});
      if (paths && paths->exit_code == 0) {
        size_t start = 0;
        while (start < paths->out.size()) {
          size_t end = paths->out.find('\n', start);
          if (end == std::string::npos) end = paths->out.size();
          std::string rel = paths->out.substr(start, end - start);
          start = end + 1;
          if (rel.empty() || rel.find("..") != std::string::npos) continue;
          fs::path dot_git = tree / rel / ".git";
          if (fs::is_regular_file(fs::symlink_status(dot_git, ec))) fs::remove(dot_git, ec);
        }
      }
    }
    fs::remove_all(tree / ".git", ec);
    if (ec) return util::Fail(util::ErrorKind::kInternal, "removing {}: {}", (tree / ".git").string(), ec.message());
  }
  return CheckoutSubdir(tree, url, std::move(commit));
}

util::Result<GitCheckout> CheckoutSubdir(const fs::path& tree, const util::GitUrl& url, std::string commit) {
  if (url.subdir.empty()) return GitCheckout{tree, tree, std::move(commit)};
  std::error_code ec;
  auto resolved = util::RootPath(tree, url.subdir, true, util::EscapePolicy::kRefuse);
  if (!resolved || !fs::is_directory(*resolved, ec)) {
    return util::Fail(util::ErrorKind::kNotFound, "loading git source {}: {:?} is not a directory of {} at {}",
                      url.Display(), url.subdir, url.Redacted(), commit);
  }
  return GitCheckout{tree, *resolved, std::move(commit)};
}

void AddGitCredentials(const util::GitUrl& url, const session::SecretStore* secrets, const session::SshAgents* ssh,
                       GitFetchOptions& options) {
  const bool http = url.transport == util::GitUrl::Transport::kHttps || url.transport == util::GitUrl::Transport::kHttp;
  if (http && secrets != nullptr) {
    options.auth_header = GitAuthHeaderValue(url, [secrets](const std::string& id) { return secrets->Get(id); });
    for (auto value : secrets->Values()) options.secrets.emplace_back(value);
    if (options.auth_header) options.secrets.push_back(*options.auth_header);
  }
  if (url.transport == util::GitUrl::Transport::kSsh && ssh != nullptr) {
    if (const std::string* socket = ssh->Get("default")) options.ssh_auth_sock = *socket;
  }
}

}  // namespace manifold::worker
