// bake --list: the targets table and the variables table, as text or JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bake/target.hpp"
#include "bake/variable_info.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// What `--list` asks for.
struct ListRequest {
  enum class Type { kTargets, kVariables };
  enum class Format { kTable, kJson };
  Type type = Type::kTargets;
  Format format = Format::kTable;
};

/// Parses a --list value as buildx's parseList: "targets", "variables", or CSV
/// `type=T[,format=table|json]`. Errors (kInvalidArgument): "invalid value F", "unexpected key
/// 'K' in 'F'", "invalid list type \"T\"", "invalid list format \"F\"".
util::Result<ListRequest> ParseListFlag(std::string_view value);

/// `--list targets` for the parsed (unresolved) `config`: targets and groups by name, those
/// starting with '_' (private by convention) left out. A group's description is its own
/// followed by its targets sorted in parentheses, or only those targets. Table: a "TARGET
/// DESCRIPTION" header aligned with tabs (Go's tabwriter, minwidth 1, tabwidth 8, padding 1);
/// JSON: an indented array of {name, description?, group?} ("null" when empty). Ends in '\n'.
std::string ListTargets(const Config& config, ListRequest::Format format);

/// `--list variables`: variables by name under "VARIABLE TYPE VALUE DESCRIPTION", or JSON
/// {name, description?, type?, value?}. A VariableInfo whose value is "<null>" (how the table
/// shows a null variable) has no value in JSON. Ends in '\n'.
std::string ListVariables(std::vector<VariableInfo> variables, ListRequest::Format format);

}  // namespace manifold::bake
