// Dockerfile lint: BuildKit's build-check rules that read the Dockerfile alone (`--call=check`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/ast.hpp"
#include "frontend/dockerfile/check_options.hpp"

namespace manifold::frontend::dockerfile {

/// One finding of a lint rule, as BuildKit words and locates it. Plain data.
struct LintFinding {
  std::string rule;         ///< "FromAsCasing"
  std::string description;  ///< the rule's one-line summary
  std::string message;      ///< this finding: "'as' and 'FROM' keywords' casing do not match"
  std::string url;          ///< https://docs.docker.com/go/dockerfile/rule/from-as-casing/
  int start_line = 0;       ///< 1-based lines of the instruction it is about
  int end_line = 0;
};

/// Runs the rules `options` does not skip over `file`, in line order. Rules (BuildKit's names,
/// messages and documentation links): StageNameCasing, FromAsCasing, NoEmptyContinuation,
/// ConsistentInstructionCasing, DuplicateStageName, ReservedStageName, JSONArgsRecommended,
/// MaintainerDeprecated, UndefinedArgInFrom, WorkdirRelativePath, MultipleInstructionsDisallowed,
/// LegacyKeyValueFormat, SecretsUsedInArgOrEnv, RedundantTargetPlatform,
/// FromPlatformFlagConstDisallowed, ExposeProtoCasing. No disk access; never fails.
std::vector<LintFinding> Lint(const Dockerfile& file, const CheckOptions& options);

/// BuildKit's documentation link of a rule: "FromAsCasing" → ".../rule/from-as-casing/".
std::string LintRuleUrl(std::string_view rule);

}  // namespace manifold::frontend::dockerfile
