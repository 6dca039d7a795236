// ReadHclFiles: docker-bake.hcl and docker-bake.json files → bake::Config, as buildx's
// hclparser evaluates them (variables, functions, matrices, references between blocks).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bake/definition_file.hpp"
#include "bake/target.hpp"
#include "bake/variable_info.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// What the evaluation sees of the outside world.
struct HclOptions {
  /// The environment variables override `variable` defaults by name; nullopt = unset. May be
  /// empty (no overrides). Called only while ReadHclFiles runs.
  std::function<std::optional<std::string>(std::string_view name)> getenv;
  std::string local_platform;  ///< BAKE_LOCAL_PLATFORM's value, e.g. "linux/amd64"
  std::string cmd_context;     ///< BAKE_CMD_CONTEXT's value ("cwd://" when none given)
};

/// The files' targets and groups, and their `variable` blocks (sorted by name) as
/// `bake --list variables` shows them (the type as cty's friendly name: "string", "list of
/// number"; a null value as "<null>").
struct HclConfig {
  Config config;
  std::vector<VariableInfo> variables;
};

/// Reads the HCL and JSON files together as one merged body, as buildx does: a variable,
/// function or top-level attribute defined in one file is visible in all (a later definition
/// of the same name replaces an earlier one), and a target defined twice is merged (bake::Merge,
/// later attributes win) while a group defined again replaces the earlier one. A file whose
/// name ends in ".json" is HCL's JSON syntax; ".hcl" is native syntax; any other name is tried
/// as native syntax, then as JSON.
///
/// Semantics (buildx's bake/hclparser): `variable` blocks (default, type, description,
/// validation; the environment overrides a default by exact name, `NAME_JSON` in JSON for
/// typed variables; an untyped variable without default is ""), the built-in variables
/// BAKE_LOCAL_PLATFORM and BAKE_CMD_CONTEXT, top-level attributes as untyped constants,
/// `function` blocks (params, variadic_params, result), the standard library
/// (hcl::AddStandardFunctions), `target.NAME.ATTR` and `group.NAME.ATTR` references resolved
/// lazily, `matrix` and `name` in targets (one target per combination of the matrix's lists,
/// keys in sorted order, the last key varying fastest; a group named after the block lists the
/// generated targets). Definitions are evaluated at most once each, in dependency order.
///
/// Errors are kInvalidArgument and, where the input has them, located (file:line:column with
/// the line): syntax errors, unknown attributes or blocks in a target or group, values of the
/// wrong type ("tags: list of string required"), unknown variables or functions, reference
/// cycles (naming the chain), failed validations (their error_message), bad overrides,
/// duplicate or invalid target names, and the bounds that keep any input cheap: a matrix of
/// more than 10,000 combinations, more than 100,000 user function calls, or definitions that
/// refer to each other too deeply. Not thread-safe with respect to `options.getenv`.
util::Result<HclConfig> ReadHclFiles(const std::vector<DefinitionFile>& files,
                                     const HclOptions& options);

}  // namespace manifold::bake
