// Dockerfile and .dockerignore lookup.
#include "builder/context.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include "frontend/dockerfile/limits.hpp"
#include "frontend/ignore_file.hpp"
#include "util/confined.hpp"
#include "util/path_pattern.hpp"
#include "util/path_pattern_prune.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxBytes = frontend::dockerfile::kMaxDockerfileBytes;

util::Error TooLarge(std::string_view what) {
  return util::Error(util::ErrorKind::kInvalidArgument,
                     fmt::format("{} is larger than {} bytes, the limit ({} MiB) for a Dockerfile or "
                                 ".dockerignore",
                                 what, kMaxBytes, kMaxBytes / frontend::dockerfile::kMiB));
}

// Reads `fd` to its end, refusing more than kMaxBytes as soon as they arrive (a hostile file
// may be endless).
util::Result<std::string> ReadBounded(int fd, std::string_view what) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, fmt::format("reading {}", what));
    if (n == 0) return out;
    if (out.size() + static_cast<size_t>(n) > kMaxBytes) return std::unexpected(TooLarge(what));
    out.append(buf, static_cast<size_t>(n));
  }
}

// `name` inside `dir`, opened as a process chrooted to `dir` would open it: a symlink (even an
// absolute one, or `..`) resolves inside `dir`, so it cannot read a file outside it. This is
// how BuildKit reads the Dockerfile and .dockerignore of its local sources. nullopt when it
// does not exist; an error for anything but a regular file (a FIFO would block, a device
// never end).
util::Result<std::optional<std::string>> ReadConfined(const fs::path& dir, const std::string& name,
                                                      std::string_view what) {
  util::UniqueFd root = MANIFOLD_TRY(util::OpenDirectory(dir));
  auto fd = util::OpenInRoot(root.get(), name, O_RDONLY | O_NONBLOCK);
  if (!fd && fd.error().kind() == util::ErrorKind::kNotFound) return std::nullopt;
  if (!fd) return std::unexpected(std::move(fd.error()).Context("opening {}", what));
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", what));
  if (!S_ISREG(st.st_mode)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not a regular file", what);
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxBytes) return std::unexpected(TooLarge(what));
  return MANIFOLD_TRY(ReadBounded(fd->get(), what));
}

// Why a confined read found nothing: a symlink that leads outside its directory reads as
// missing, which deserves a word.
std::string MissingHint(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_symlink(path, ec)) return "";
  return fmt::format(" ({} is a symlink: it is resolved inside {}, as BuildKit does, and cannot lead outside it)",
                     path.filename().string(), dir.string());
}

}  // namespace

util::Result<std::string> ReadDockerfileArgument(const fs::path& path) {
  const std::string what = path.string();
  if (path == "-") return ReadBounded(STDIN_FILENO, "standard input");
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, fmt::format("open {}", what));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", what));
  if (!S_ISREG(st.st_mode)) return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not a regular file", what);
  return ReadBounded(fd.get(), what);
}

util::Result<BuildInput> ReadBuildInput(const BuildRequest& request) {
  BuildInput input;
  std::error_code ec;
  if (!fs::is_directory(request.context_dir, ec)) {
    return util::Fail(util::ErrorKind::kNotFound, "build context {:?} is not a directory", request.context_dir.string());
  }
  input.context_dir = fs::canonical(request.context_dir, ec);
  // The Dockerfile is read inside its own directory (the context for the default one, the
  // directory of -f otherwise: an explicit -f outside the context is legitimate, as in buildx),
  // and the ignore file inside the directory it is looked for in.
  fs::path dockerfile_dir;
  std::string dockerfile_base;
  if (request.dockerfile == "-") {
    // Read once: the cli (ReadDockerfileForCall) may have read it already and kept it in the request.
    input.dockerfile = request.dockerfile_text ? *request.dockerfile_text
                                               : MANIFOLD_TRY(ReadBounded(STDIN_FILENO, "the Dockerfile from stdin"));
    input.dockerfile_name = request.dockerfile_name.empty() ? "-" : request.dockerfile_name;
  } else {
    const bool given = !request.dockerfile.empty();
    const fs::path path = given ? fs::path(request.dockerfile) : input.context_dir / "Dockerfile";
    dockerfile_dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    dockerfile_base = path.filename().string();
    const std::string flag = given ? " given by -f" : " (use -f to name another file)";
    auto text = dockerfile_base.empty() || dockerfile_base == "." || dockerfile_base == ".."
                    ? util::Result<std::optional<std::string>>(std::nullopt)
                    : ReadConfined(dockerfile_dir, dockerfile_base, path.string());
    if (!text) return std::unexpected(std::move(text.error()).Context("failed to read the Dockerfile{}", flag));
    if (!*text) {
      return util::Fail(util::ErrorKind::kNotFound, "failed to read the Dockerfile{}: {} does not exist{}", flag,
                        path.string(), MissingHint(path, dockerfile_dir));
    }
    input.dockerfile = std::move(**text);
    input.dockerfile_name = !request.dockerfile_name.empty() ? request.dockerfile_name
                            : given                          ? request.dockerfile
                                                             : "Dockerfile";
  }

  fs::path ignore_path = input.context_dir / ".dockerignore";
  std::optional<std::string> ignore_text;
  if (!dockerfile_base.empty()) {
    const std::string beside = dockerfile_base + ".dockerignore";
    ignore_text = MANIFOLD_TRY(ReadConfined(dockerfile_dir, beside, (dockerfile_dir / beside).string()));
    if (ignore_text) ignore_path = dockerfile_dir / beside;
  }
  if (!ignore_text) ignore_text = MANIFOLD_TRY(ReadConfined(input.context_dir, ".dockerignore", ignore_path.string()));
  if (ignore_text) {
    auto rules = MANIFOLD_TRY(CompileIgnoreFile(*ignore_text, ignore_path));
    input.ignore_patterns = std::move(rules.patterns);
    input.excluded = std::move(rules.excluded);
    input.walk_excluded = std::move(rules.walk_excluded);
  }
  return input;
}

util::Result<IgnoreRules> CompileIgnoreFile(const std::string& text, const fs::path& path) {
  IgnoreRules rules;
  auto patterns = frontend::ReadIgnoreFile(text);
  if (!patterns) return std::unexpected(std::move(patterns.error()).Context("{}", path.string()));
  rules.patterns = *patterns;
  if (rules.patterns.empty()) return rules;
  auto matcher = util::PathPatterns::Create(rules.patterns);
  if (!matcher) return std::unexpected(std::move(matcher.error()).Context("{}", path.string()));
  auto shared = std::make_shared<util::PathPatterns>(std::move(*matcher));
  auto skip = std::make_shared<util::DirSkipRule>(util::DirSkipRule::Create(rules.patterns));
  rules.walk_excluded = [skip](std::string_view rel) { return !skip->MaySkip(rel); };
  rules.excluded = [shared](std::string_view rel) {
    auto m = shared->Matches(rel);
    return m && *m;
  };
  return rules;
}

util::Result<IgnoreRules> ReadDirIgnoreFile(const fs::path& dir) {
  const fs::path path = dir / ".dockerignore";
  auto text = MANIFOLD_TRY(ReadConfined(dir, ".dockerignore", path.string()));
  if (!text) return IgnoreRules{};
  return CompileIgnoreFile(*text, path);
}

}  // namespace manifold::builder
