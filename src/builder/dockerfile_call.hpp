// `--call=check|outline|targets`: the Dockerfile read and parsed, without building anything.
#pragma once

#include <string>

#include "builder/build_request.hpp"
#include "frontend/dockerfile/ast.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "frontend/dockerfile/lint.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// A Dockerfile as a call that does not build sees it.
struct DockerfileForCall {
  std::string text;  ///< its bytes
  std::string name;  ///< as errors and findings name it ("Dockerfile", "-")
  frontend::dockerfile::Dockerfile parsed;
  frontend::dockerfile::CheckOptions checks;  ///< `# check=`, BUILDKIT_DOCKERFILE_CHECK, --check merged
};

/// Reads (ReadBuildInput: -f, stdin kept in request.dockerfile_text for the build that may
/// follow) and parses the request's Dockerfile, and works out its effective check options.
/// Errors: reading or parsing (with the parser's location), a bad check build arg.
util::Result<DockerfileForCall> ReadDockerfileForCall(BuildRequest& request);

/// The lint findings of `dockerfile` under its check options.
std::vector<frontend::dockerfile::LintFinding> LintDockerfile(const DockerfileForCall& dockerfile);

}  // namespace manifold::builder
