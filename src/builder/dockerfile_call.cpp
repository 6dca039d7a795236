// Reading the Dockerfile for a call: the same input and check options a build would use.
#include "builder/dockerfile_call.hpp"

#include "builder/checks.hpp"
#include "builder/context.hpp"
#include "frontend/dockerfile/parser.hpp"

namespace manifold::builder {

util::Result<DockerfileForCall> ReadDockerfileForCall(BuildRequest& request) {
  auto input = MANIFOLD_TRY(ReadBuildInput(request));
  if (request.dockerfile == "-") request.dockerfile_text = input.dockerfile;
  DockerfileForCall out;
  out.parsed = MANIFOLD_TRY(frontend::dockerfile::Parse(input.dockerfile, input.dockerfile_name, request.cancel));
  out.checks = MANIFOLD_TRY(EffectiveCheckOptions(out.parsed.checks, request.build_args, request.checks));
  out.text = std::move(input.dockerfile);
  out.name = std::move(input.dockerfile_name);
  return out;
}

std::vector<frontend::dockerfile::LintFinding> LintDockerfile(const DockerfileForCall& dockerfile) {
  return frontend::dockerfile::Lint(dockerfile.parsed, dockerfile.checks);
}

}  // namespace manifold::builder
