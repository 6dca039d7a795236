// Dockerfile and .dockerignore lookup.
#include "builder/context.hpp"

#include <unistd.h>

#include <memory>

#include "frontend/ignore_file.hpp"
#include "util/path_pattern.hpp"
#include "util/path_pattern_prune.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {

namespace fs = std::filesystem;

namespace {
util::Result<std::string> ReadStdin() {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, "reading the Dockerfile from stdin");
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
  }
}
}  // namespace

util::Result<BuildInput> ReadBuildInput(const BuildRequest& request) {
  BuildInput input;
  std::error_code ec;
  if (!fs::is_directory(request.context_dir, ec)) {
    return util::Fail(util::ErrorKind::kNotFound, "build context {:?} is not a directory", request.context_dir.string());
  }
  input.context_dir = fs::canonical(request.context_dir, ec);
  fs::path dockerfile_path;
  if (request.dockerfile == "-") {
    input.dockerfile = MANIFOLD_TRY(ReadStdin());
    input.dockerfile_name = "-";
  } else {
    dockerfile_path = request.dockerfile.empty() ? input.context_dir / "Dockerfile" : fs::path(request.dockerfile);
    auto text = util::ReadFile(dockerfile_path);
    if (!text) {
      return std::unexpected(std::move(text.error())
                                 .Context("failed to read the Dockerfile{}",
                                          request.dockerfile.empty() ? " (use -f to name another file)" : " given by -f"));
    }
    input.dockerfile = std::move(*text);
    input.dockerfile_name = request.dockerfile.empty() ? "Dockerfile" : request.dockerfile;
  }

  fs::path ignore_path = input.context_dir / ".dockerignore";
  if (!dockerfile_path.empty()) {
    fs::path beside = dockerfile_path.string() + ".dockerignore";
    if (fs::exists(beside, ec)) ignore_path = beside;
  }
  if (fs::exists(ignore_path, ec)) {
    auto text = MANIFOLD_TRY(util::ReadFile(ignore_path));
    auto patterns = frontend::ReadIgnoreFile(text);
    if (!patterns) return std::unexpected(std::move(patterns.error()).Context("{}", ignore_path.string()));
    input.ignore_patterns = *patterns;
  }
  if (!input.ignore_patterns.empty()) {
    auto matcher = util::PathPatterns::Create(input.ignore_patterns);
    if (!matcher) return std::unexpected(std::move(matcher.error()).Context("{}", ignore_path.string()));
    auto shared = std::make_shared<util::PathPatterns>(std::move(*matcher));
    auto skip = std::make_shared<util::DirSkipRule>(util::DirSkipRule::Create(input.ignore_patterns));
    input.walk_excluded = [skip](std::string_view rel) { return !skip->MaySkip(rel); };
    input.excluded = [shared](std::string_view rel) {
      auto m = shared->Matches(rel);
      return m && *m;
    };
  }
  return input;
}

}  // namespace manifold::builder
