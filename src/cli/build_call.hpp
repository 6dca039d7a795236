// `manifold build --call=build|check|outline|targets` and bare `--check`, as buildx.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "builder/build_request.hpp"
#include "builder/dockerfile_call.hpp"
#include "util/error.hpp"

namespace manifold::cli {

enum class CallKind { kBuild, kCheck, kOutline, kTargets };

/// A parsed --call value: `NAME[,format=text|json]`.
struct CallSpec {
  CallKind kind = CallKind::kBuild;
  bool json = false;
};

/// Parses --call's value. Errors (kInvalidArgument): another name, or key, naming the choices.
util::Result<CallSpec> ParseCall(std::string_view value);

/// Runs a call that does not build (check, outline, targets) over `dockerfile` (the request's,
/// as ReadDockerfileForCall read it): prints its result on stdout and returns the exit code
/// (check: 1 when it found anything, as buildx; 1 with the error when it could not be read).
int RunCall(const CallSpec& call, const builder::BuildRequest& request,
            const util::Result<builder::DockerfileForCall>& dockerfile);

/// buildx's text for lint findings: per finding "WARNING: Rule - URL", the message, the file
/// and line, and the lines around it with `>>>` on the instruction's.
std::string FormatLintFindings(const std::vector<frontend::dockerfile::LintFinding>& findings,
                               const builder::DockerfileForCall& dockerfile);

/// Rewrites `manifold build`'s command line so CLI11 can read both spellings of --check: a
/// bare `--check` (or `--check=true`) is buildx's `--call=check`; `--check=OPTIONS` and
/// `--check error|skip=…` (a value that starts with error or skip=) are manifold's build-check
/// options, passed on as `--check-options`. A bare `--provenance` or `--sbom` becomes `=true`
/// (as cobra's optional-value flags, the next word is never their value); `manifold bake`
/// gets that rewrite only (its --check is a plain flag). Arguments of other commands are
/// returned as they are.
std::vector<std::string> RewriteCheckFlag(std::vector<std::string> args);

}  // namespace manifold::cli
