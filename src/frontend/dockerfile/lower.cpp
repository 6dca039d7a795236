// Lower: per-platform lowering of the target stage.
#include "frontend/dockerfile/lower.hpp"

#include <ctime>

#include "frontend/internal/lowering.hpp"
#include "frontend/internal/stages.hpp"

namespace manifold::frontend::dockerfile {

util::Result<std::vector<PlatformBuild>> Lower(const Dockerfile& file, const LowerOptions& options) {
  auto stages = internal::SplitStages(file, options.file_name);
  if (!stages) return std::unexpected(std::move(stages.error()));
  if (stages->stages.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: no FROM instruction: a Dockerfile needs at least one stage",
                      options.file_name);
  }
  int target = static_cast<int>(stages->stages.size()) - 1;
  if (!options.target_stage.empty()) {
    auto found = internal::FindStage(*stages, options.target_stage, -1);
    if (!found) {
      std::string names;
      for (const auto& s : stages->stages) {
        if (!s.name.empty()) names += (names.empty() ? "" : ", ") + s.name;
      }
      return util::Fail(util::ErrorKind::kNotFound, "--target {:?}: no such stage in {} (stages: {})",
                        options.target_stage, options.file_name, names.empty() ? "none named" : names);
    }
    target = *found;
  }
  graph::SourceOp context_op;
  context_op.kind = graph::SourceOp::Kind::kLocal;
  context_op.identifier = options.context_name;
  context_op.exclude_patterns = options.context_excludes;
  graph::VertexRef context = graph::Vertex::Make(context_op, {}, "[internal] load build context");

  int64_t now = options.source_date_epoch.value_or(static_cast<int64_t>(std::time(nullptr)));
  std::vector<PlatformBuild> builds;
  internal::ExpansionBudget budget(options.cancel);
  for (const auto& platform : options.targets) {
    internal::PlatformLowering lowering(file, *stages, options, platform, context, budget);
    auto result = lowering.LowerStage(target);
    if (!result) return std::unexpected(std::move(result.error()));
    PlatformBuild build;
    build.platform = platform;
    build.root = (*result)->state;
    build.config = (*result)->config;
    // The image is what the index calls it, whatever platform its stages ran on.
    build.config.platform = platform;
    build.config.created = internal::Rfc3339(now);
    for (const auto& [k, v] : options.labels) build.config.config.labels[k] = v;
    builds.push_back(std::move(build));
  }
  return builds;
}

}  // namespace manifold::frontend::dockerfile
