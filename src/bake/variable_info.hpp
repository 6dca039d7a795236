// bake::VariableInfo: one `variable` block as `bake --list variables` shows it.
#pragma once

#include <optional>
#include <string>

namespace manifold::bake {

/// A variable of the HCL/JSON files: its name, description, default and the value it has in
/// this run (the default or the environment's override), rendered as buildx's
/// `--list variables` does, and its type ("string", "bool", "list(string)", … ; "" = untyped).
struct VariableInfo {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> default_value;
  std::string value;
  std::string type;
};

}  // namespace manifold::bake
