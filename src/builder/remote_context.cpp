// Remote build contexts: git checkouts, downloaded tarballs or Dockerfiles, stdin — into scratch.
#include "builder/remote_context.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cache/meta_store.hpp"
#include "frontend/dockerfile/limits.hpp"
#include "progress/activity.hpp"
#include "progress/sink.hpp"
#include "registry/http.hpp"
#include "session/secrets.hpp"
#include "util/go_bool.hpp"
#include "util/root_path.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"
#include "worker/context_archive.hpp"
#include "worker/git_source.hpp"
#include "util/git_url.hpp"

namespace manifold::builder {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKeepGitDirArg = "BUILDKIT_CONTEXT_KEEP_GIT_DIR";

// -f inside a fetched context: relative to it, never out of it, symlinked directories resolved
// inside it. The default Dockerfile needs nothing
// but a check that it is there, so that a miss names the source rather than a scratch path.
util::Status PlaceDockerfile(BuildRequest& request, const fs::path& context, std::string_view source) {
  // As buildx with a remote context: `-f -` is still stdin and an absolute -f a local file;
  // only a relative -f names a file of the fetched context.
  if (request.dockerfile == "-" || fs::path(request.dockerfile).is_absolute()) return {};
  const bool given = !request.dockerfile.empty();
  const std::string name = given ? request.dockerfile : "Dockerfile";
  std::string clean = util::CleanPath(name);
  if (clean == ".." || clean.starts_with("../")) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "-f {}: with a context fetched from {}, -f names a file inside it and may not leave it", name,
                      source);
  }
  auto resolved = util::RootPath(context, clean, false, util::EscapePolicy::kRefuse);
  if (!resolved) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "-f {}: leaves the context fetched from {} through a symlink",
                      name, source);
  }
  struct stat st {};
  if (::lstat(resolved->c_str(), &st) != 0) {
    return util::Fail(util::ErrorKind::kNotFound, "failed to read the Dockerfile: {} does not exist in {}{}", clean,
                      source, given ? " (-f names a path inside the fetched context)" : " (use -f to name another file)");
  }
  if (given) {
    request.dockerfile = resolved->string();
    request.dockerfile_name = name;
  }
  return {};
}

util::Status MakeDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", dir.string(), ec.message());
  return {};
}

// A downloaded or piped tar `file` extracted (confined) into `scratch`/context, and then removed.
util::Result<fs::path> ExtractArchive(const fs::path& file, const fs::path& scratch, std::string_view what) {
  const fs::path context = scratch / "context";
  MANIFOLD_CHECK(MakeDirectory(context));
  MANIFOLD_CHECK(worker::ExtractContextArchive(file, context, what));
  std::error_code ec;
  fs::remove(file, ec);
  return context;
}

// A downloaded or piped file as the context: a tar becomes the context; anything else is the
// Dockerfile, with an empty context (BuildKit's rule for URL contexts, buildx's for stdin).
util::Status UseContextFile(BuildRequest& request, const fs::path& file, const fs::path& scratch, std::string_view what) {
  if (worker::LooksLikeTarArchive(file)) {
    request.context_dir = MANIFOLD_TRY(ExtractArchive(file, scratch, what));
    return PlaceDockerfile(request, request.context_dir, what);
  }
  const fs::path context = scratch / "context";
  MANIFOLD_CHECK(MakeDirectory(context));
  if (!request.dockerfile.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "-f {}: {} is a Dockerfile, not a context archive, so there is nothing for -f to name; drop -f",
                      request.dockerfile, what);
  }
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (!ec && size > frontend::dockerfile::kMaxDockerfileBytes) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{} is neither a tar archive nor a Dockerfile: {} bytes is over the {} MiB a Dockerfile may have",
                      what, size, frontend::dockerfile::kMaxDockerfileBytes / frontend::dockerfile::kMiB);
  }
  request.dockerfile_text = MANIFOLD_TRY(util::ReadFile(file));
  request.dockerfile = "-";
  request.dockerfile_name = std::string(what);
  request.context_dir = context;
  return {};
}

util::Result<bool> KeepGitDir(const BuildRequest& request) {
  auto arg = request.build_args.find(std::string(kKeepGitDirArg));
  if (arg == request.build_args.end()) return false;
  auto keep = util::ParseGoBool(arg->second);
  if (!keep) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--build-arg {}={}: expected true or false", kKeepGitDirArg,
                      arg->second);
  }
  return *keep;
}

// Fetches `url` with the build's auth secrets / ssh agent into `work`, as one progress vertex.
util::Result<worker::GitCheckout> FetchGitSource(const BuildRequest& request, progress::Sink& progress,
                                                const util::GitUrl& url, bool keep_git_dir, const fs::path& work) {
  worker::GitFetchOptions options;
  options.keep_git_dir = keep_git_dir;
  // Read only for the transport that uses them: `--ssh default` without an agent is no
  // reason to fail an https fetch.
  std::optional<session::SecretStore> secrets;
  std::optional<session::SshAgents> agents;
  if (url.transport == util::GitUrl::Transport::kSsh) {
    agents = MANIFOLD_TRY(session::SshAgents::FromFlags(request.ssh));
  } else {
    secrets = MANIFOLD_TRY(session::SecretStore::FromFlags(request.secrets));
  }
  worker::AddGitCredentials(url, secrets ? &*secrets : nullptr, agents ? &*agents : nullptr, options);
  // The scratch directory names the fetch: a context and named contexts are numbered apart.
  progress::Activity step(progress, "fetch:" + work.string(), "[internal] load git source " + url.Display());
  options.on_log = [&step](std::string_view line) { step.Log(std::string(line)); };
  auto checkout = worker::FetchGit(url, work, options);
  if (!checkout) {
    step.Fail(checkout.error().What());
    return std::unexpected(std::move(checkout.error()));
  }
  step.Done();
  return checkout;
}

// A repository and ref already fetched into `fetched` is not fetched again: another subdir of
// it is resolved in the same checkout.
util::Result<worker::GitCheckout> FetchOrReuseGit(const BuildRequest& request, progress::Sink& progress,
                                                 FetchedContext& fetched, const util::GitUrl& url) {
  const bool keep_git_dir = MANIFOLD_TRY(KeepGitDir(request));
  std::string key = fmt::format("{}#{}?checksum={}&keep={}", url.remote, url.ref, url.checksum, keep_git_dir);
  if (const auto* tree = fetched.FindGitTree(key)) return worker::CheckoutSubdir(tree->tree, url, tree->commit);
  const fs::path dir = MANIFOLD_TRY(fetched.NewScratch(request.root));
  auto git = MANIFOLD_TRY(FetchGitSource(request, progress, url, keep_git_dir, dir / "git"));
  fetched.RememberGitTree(std::move(key), {git.tree, git.commit});
  return git;
}

util::Status FetchGitContext(BuildRequest& request, progress::Sink& progress, FetchedContext& fetched,
                             std::string_view path) {
  auto url = MANIFOLD_TRY(util::ParseGitUrl(path));
  auto git = MANIFOLD_TRY(FetchOrReuseGit(request, progress, fetched, url));
  request.context_dir = git.dir;
  request.context_git = GitSource{url.Redacted(), git.commit};
  return PlaceDockerfile(request, git.dir, url.Display());
}

// --build-context NAME=GIT_URL: fetched now, then read as a directory like any other.
util::Status FetchNamedGitContexts(BuildRequest& request, progress::Sink& progress, FetchedContext& fetched) {
  for (auto& [key, spec] : request.build_contexts) {
    if (spec.kind != NamedContextSpec::Kind::kGit) continue;
    auto url = util::ParseGitUrl(spec.value);
    if (!url) return std::unexpected(std::move(url.error()).Context("--build-context {}", key));
    auto git = FetchOrReuseGit(request, progress, fetched, *url);
    if (!git) return std::unexpected(std::move(git.error()).Context("--build-context {}", key));
    spec.kind = NamedContextSpec::Kind::kDirectory;
    spec.path = git->dir;
  }
  return {};
}

// Downloads `url` into `file` (a new file); errors name the URL without credentials.
util::Status Download(std::string_view url, const fs::path& file) {
  const std::string shown = util::WithoutCredentials(url);
  util::UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return util::FailErrno(errno, "creating " + file.string());
  registry::HttpClient http;
  registry::HttpRequest get;
  get.url = std::string(url);
  get.on_body = [&](std::span<const char> piece) -> util::Status {
    return util::WriteAll(fd.get(), std::string_view(piece.data(), piece.size()));
  };
  auto response = http.Do(get);
  if (!response) return std::unexpected(std::move(response.error()).Context("downloading {}", shown));
  if (response->status != 200) return util::Fail(util::ErrorKind::kNotFound, "downloading {}: HTTP {}", shown, response->status);
  return {};
}

util::Status FetchHttpContext(BuildRequest& request, progress::Sink& progress, FetchedContext& fetched,
                              std::string_view url) {
  const std::string shown = util::WithoutCredentials(url);
  if (const fs::path* context = fetched.FindArchive(std::string(url))) {
    request.context_dir = *context;
    return PlaceDockerfile(request, *context, shown);
  }
  const fs::path dir = MANIFOLD_TRY(fetched.NewScratch(request.root));
  const fs::path file = dir / "download";
  progress::Activity step(progress, "fetch:" + dir.string(), "[internal] load remote build context " + shown);
  if (auto got = Download(url, file); !got) {
    step.Fail(got.error().What());
    return std::unexpected(std::move(got.error()));
  }
  const bool archive = worker::LooksLikeTarArchive(file);
  auto used = UseContextFile(request, file, dir, shown);
  if (!used) {
    step.Fail(used.error().What());
    return std::unexpected(std::move(used.error()));
  }
  if (archive) fetched.RememberArchive(std::string(url), request.context_dir);
  step.Done();
  return {};
}

util::Status ReadStdinContext(BuildRequest& request, FetchedContext& fetched) {
  if (request.dockerfile == "-") {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "the context \"-\" and -f - both read standard input: give the context as a directory or the "
                      "Dockerfile as a file");
  }
  const fs::path dir = MANIFOLD_TRY(fetched.NewScratch(request.root));
  const fs::path file = dir / "stdin";
  {
    util::UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd) return util::FailErrno(errno, "creating " + file.string());
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return util::FailErrno(errno, "reading the build context from standard input");
      if (n == 0) break;
      MANIFOLD_CHECK(util::WriteAll(fd.get(), std::string_view(buf, static_cast<size_t>(n))));
    }
  }
  return UseContextFile(request, file, dir, "standard input");
}

}  // namespace

ContextKind ClassifyContext(std::string_view path) {
  if (path == "-") return ContextKind::kStdin;
  std::error_code ec;
  if (fs::is_directory(fs::path(path), ec)) return ContextKind::kLocal;
  if (util::IsGitUrl(path)) return ContextKind::kGit;
  if (path.starts_with("http://") || path.starts_with("https://")) return ContextKind::kHttp;
  return ContextKind::kLocal;
}

FetchedContext::~FetchedContext() {
  if (scratch_.empty()) return;
  auto meta = cache::MetaStore::Open(root_);
  for (const auto& scratch : scratch_) {
    // The build remembered its files' digests by path; no later build has this path.
    if (meta) (void)(*meta)->ForgetFileDigests(scratch.dir());
    std::error_code ec;
    fs::remove_all(scratch.dir(), ec);  // a leftover is RemoveDeadScratch's once our lock is gone
  }
}

util::Result<fs::path> FetchedContext::NewScratch(const fs::path& root) {
  root_ = root;
  scratch_.push_back(MANIFOLD_TRY(cache::BuildScratch::Create(root, "build")));
  return scratch_.back().dir();
}

const FetchedContext::GitTree* FetchedContext::FindGitTree(const std::string& key) const {
  auto it = git_trees_.find(key);
  return it == git_trees_.end() ? nullptr : &it->second;
}

void FetchedContext::RememberGitTree(std::string key, GitTree tree) { git_trees_.emplace(std::move(key), std::move(tree)); }

const fs::path* FetchedContext::FindArchive(const std::string& url) const {
  auto it = archives_.find(url);
  return it == archives_.end() ? nullptr : &it->second;
}

void FetchedContext::RememberArchive(std::string url, fs::path dir) { archives_.emplace(std::move(url), std::move(dir)); }

util::Status ResolveBuildContext(BuildRequest& request, progress::Sink& progress, FetchedContext& fetched) {
  const std::string path = request.context_dir.string();
  switch (ClassifyContext(path)) {
    case ContextKind::kLocal: break;
    case ContextKind::kStdin: MANIFOLD_CHECK(ReadStdinContext(request, fetched)); break;
    case ContextKind::kGit: MANIFOLD_CHECK(FetchGitContext(request, progress, fetched, path)); break;
    case ContextKind::kHttp: MANIFOLD_CHECK(FetchHttpContext(request, progress, fetched, path)); break;
  }
  return FetchNamedGitContexts(request, progress, fetched);
}

util::Result<FetchedContext> ResolveBuildContext(BuildRequest& request, progress::Sink& progress) {
  FetchedContext fetched;
  MANIFOLD_CHECK(ResolveBuildContext(request, progress, fetched));
  return fetched;
}

util::Result<FetchedDefinition> FetchDefinitionSource(std::string_view url, const fs::path& root,
                                                      const std::vector<std::string>& secrets,
                                                      const std::vector<std::string>& ssh, progress::Sink& progress,
                                                      FetchedContext& fetched) {
  BuildRequest request;
  request.root = root;
  request.secrets = secrets;
  request.ssh = ssh;
  if (util::IsGitUrl(url)) {
    auto parsed = MANIFOLD_TRY(util::ParseGitUrl(url));
    auto git = MANIFOLD_TRY(FetchOrReuseGit(request, progress, fetched, parsed));
    return FetchedDefinition{git.dir, std::nullopt};
  }
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{}: a remote bake definition is a git URL or an http(s) URL", util::WithoutCredentials(url));
  }
  const std::string shown = util::WithoutCredentials(url);
  if (const fs::path* dir = fetched.FindArchive(std::string(url))) return FetchedDefinition{*dir, std::nullopt};
  const fs::path dir = MANIFOLD_TRY(fetched.NewScratch(root));
  const fs::path file = dir / "download";
  progress::Activity step(progress, "fetch:" + dir.string(), "[internal] load remote bake definitions " + shown);
  auto read = [&]() -> util::Result<FetchedDefinition> {
    MANIFOLD_CHECK(Download(url, file));
    if (worker::LooksLikeTarArchive(file)) {
      const fs::path context = MANIFOLD_TRY(ExtractArchive(file, dir, shown));
      fetched.RememberArchive(std::string(url), context);
      return FetchedDefinition{context, std::nullopt};
    }
    constexpr uintmax_t kMaxDefinitionBytes = 2 << 20;  // buildx's limit for a single-file definition
    std::error_code ec;
    if (auto size = fs::file_size(file, ec); !ec && size > kMaxDefinitionBytes) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "{} is neither an archive nor a repository, and {} bytes is over the 2 MiB a bake "
                        "definition file may have",
                        shown, size);
    }
    return FetchedDefinition{fs::path(), MANIFOLD_TRY(util::ReadFile(file))};
  };
  auto got = read();
  if (!got) {
    step.Fail(got.error().What());
    return got;
  }
  step.Done();
  return got;
}

}  // namespace manifold::builder
