// Stages: a Dockerfile's instructions grouped under their FROM lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::frontend::internal {

/// One build stage: its FROM and the instructions after it.
struct Stage {
  int index = 0;
  std::string name;  ///< the `AS` name, lower-cased; empty when unnamed
  const dockerfile::Instruction* from = nullptr;
  std::vector<const dockerfile::Instruction*> commands;
  /// "stage-N" or the name, as progress shows it.
  std::string DisplayName() const { return name.empty() ? "stage-" + std::to_string(index) : name; }
};

struct StageList {
  std::vector<const dockerfile::Instruction*> global_args;  ///< ARGs before the first FROM
  std::vector<Stage> stages;
};

/// Groups instructions into stages. Errors: an instruction other than ARG before the first
/// FROM, a malformed FROM (`FROM a AS`), a duplicate stage name, an invalid stage name.
util::Result<StageList> SplitStages(const dockerfile::Dockerfile& file, const std::string& file_name);

/// The stage named `name` (case-insensitive) or with that decimal index, if any stage before
/// `before` (exclusive; -1 for any) has it.
std::optional<int> FindStage(const StageList& list, const std::string& name, int before);

/// A location for errors about `instruction`.
util::SourceLocation Where(const dockerfile::Instruction& instruction, const std::string& file_name);

}  // namespace manifold::frontend::internal
