// PlatformLowering: lowers the stages one target platform needs, stage by stage.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "frontend/dockerfile/lower.hpp"
#include "frontend/internal/stages.hpp"
#include "frontend/internal/vars.hpp"
#include "graph/vertex.hpp"

namespace manifold::frontend::internal {

/// The state of a stage after its last instruction.
struct StageResult {
  graph::VertexRef state;  ///< nullptr = empty filesystem
  image::ImageConfig config;  ///< history included: one entry per instruction, oldest first
  image::Platform platform;  ///< the stage's own platform (FROM --platform, else the target)
};

/// The state while one stage's instructions are dispatched.
struct StageContext {
  const Stage* stage = nullptr;
  StageResult result;
  VarScope scope;
  int step = 1;  ///< the instruction's number within the stage (FROM is 1)
  int steps = 1;
  bool cmd_set = false;  ///< CMD was given in this stage (an ENTRYPOINT then keeps it)
  bool replaced = false;  ///< a named context of the stage's name stands for the whole stage
};

/// Lowers stages for one target platform; memoizes each stage. Not thread-safe.
class PlatformLowering {
 public:
  PlatformLowering(const dockerfile::Dockerfile& file, const StageList& stages,
                   const dockerfile::LowerOptions& options, const image::Platform& target,
                   graph::VertexRef context, ExpansionBudget& budget);

  /// The result of stage `index`, lowering it (and what it depends on) first if needed. No
  /// recursion: however long a chain of stages, the stack depth stays the same. Errors also
  /// when the budget's stop token is stopped (kCancelled) and when the stage configs kept
  /// pass kMaxStageConfigBytes.
  util::Result<const StageResult*> LowerStage(int index);

 private:
  /// Stage `index`'s result if it is lowered; otherwise remembers that it is needed and fails,
  /// so that LowerStage lowers it and then retries the stage that asked.
  util::Result<const StageResult*> NeedStage(int index);
  util::Result<StageResult> DoLowerStage(const Stage& stage);
  util::Status DispatchFrom(const Stage& stage, StageContext& ctx);
  /// A source vertex for image `name` on `platform`, resolved through the options' resolver;
  /// fills `config` with the image's config when given. `step` names it in progress ("" = an
  /// "[internal]" source).
  util::Result<graph::VertexRef> ImageSource(const dockerfile::Instruction& inst, const std::string& name,
                                             const image::Platform& platform, image::ImageConfig* config,
                                             const StageContext* step = nullptr);
  util::Status Dispatch(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchArg(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchEnv(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchLabel(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchWorkdir(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchSimpleConfig(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchCommand(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchHealthcheck(const dockerfile::Instruction& inst, StageContext& ctx);
  util::Status DispatchCopy(const dockerfile::Instruction& inst, StageContext& ctx);
  /// The state `--from=NAME` names: an earlier stage (by name or index), else an image.
  /// Errors: the stage itself, a later stage, an index out of range.
  /// A named context of that name comes before an image (and before a stage it replaces);
  /// `filesystem` as NamedContextState's.
  util::Result<graph::VertexRef> StateFrom(const dockerfile::Instruction& inst, const std::string& from,
                                           const StageContext& ctx, bool filesystem = false);
  /// The build context as a filesystem state (for RUN --mount=type=bind without from=).
  graph::VertexRef ContextState();
  /// A local source (the build context, a named directory) copied whole into a filesystem of
  /// its own, what its excludes let through: what a bind mount of it sees. A new vertex named
  /// `name`; callers keep it so it is made once and shared by every platform.
  static graph::VertexRef CopiedIntoFilesystem(graph::VertexRef local, std::string name);
  /// The named context (--build-context) that `name` (a stage name, or an image name as
  /// written in FROM/--from) stands for, with its key; nullptr when none. `scratch` and
  /// `context` never match (BuildKit).
  const dockerfile::NamedContext* FindNamedContext(const std::string& name, std::string* key) const;
  /// Starts a stage from a named context (FROM NAME, or a stage NAME replaced whole):
  /// ctx.result's state and config; its platform is already set.
  util::Status FromNamedContext(const dockerfile::Instruction& inst, const std::string& key,
                                const dockerfile::NamedContext& named, StageContext& ctx);
  /// The state a named context gives `COPY --from` (`filesystem` false: a directory is read as
  /// a local source, file by file, like the build context) or a bind mount / FROM (`filesystem`
  /// true: a directory copied whole into a filesystem; nullptr for docker-image://scratch).
  /// `config`, when given, receives an image's config (a directory's is left untouched).
  util::Result<graph::VertexRef> NamedContextState(const dockerfile::Instruction& inst, const std::string& key,
                                                   const dockerfile::NamedContext& named,
                                                   const image::Platform& platform, bool filesystem,
                                                   image::ImageConfig* config);
  util::Status DispatchRun(const dockerfile::Instruction& inst, StageContext& ctx);
  /// The command line's RUN settings (options_.run_env) added to `exec`, whose network and
  /// security are the RUN's own; fails, located at `inst`, when they need an entitlement
  /// (--allow) the build was not given.
  util::Status ApplyRunEnvironment(const dockerfile::Instruction& inst, graph::ExecOp& exec) const;
  util::Status DispatchOnbuildTriggers(StageContext& ctx);

  /// An error located at `inst`.
  util::Error At(const dockerfile::Instruction& inst, util::Error error) const;
  util::Error At(const dockerfile::Instruction& inst, std::string message) const;
  /// "[stage-1 2/4] COPY a /b": the vertex name (the solver adds the platform).
  std::string StepName(const StageContext& ctx, const std::string& text) const;
  /// Adds a file vertex on top of the stage, with a history entry that has a layer.
  void AddFileStep(StageContext& ctx, graph::FileOp op, std::vector<graph::VertexRef> extra_inputs,
                   const std::string& text);
  /// Adds a history entry without a layer (ENV, LABEL, ...).
  void AddConfigStep(StageContext& ctx, const std::string& text);
  void AddHistory(StageContext& ctx, const std::string& text, bool empty_layer);
  std::optional<int64_t> Epoch() const { return options_.source_date_epoch; }

  const dockerfile::Dockerfile& file_;
  const StageList& stages_;
  const dockerfile::LowerOptions& options_;
  image::Platform target_;
  graph::VertexRef context_;
  graph::VertexRef context_state_;   ///< made on first use by ContextState()
  std::map<std::string, graph::VertexRef> named_sources_;  ///< directory contexts' local sources, by key
  std::map<std::string, graph::VertexRef> named_states_;   ///< ... copied whole into a filesystem
  std::string created_;              ///< RFC 3339 time of history entries
  VarScope global_;                  ///< automatic platform args + global ARGs
  std::set<std::string> global_names_;
  ExpansionBudget& budget_;          ///< shared by every platform of one Lower call
  std::map<int, StageResult> done_;
  int needed_ = -1;                  ///< set by NeedStage: the stage to lower first
  bool discovering_ = false;         ///< a discovery pass: NeedStage collects into wanted_
  std::vector<int> wanted_;
  std::set<int> discovered_;         ///< stages that had their discovery pass
  StageResult placeholder_;          ///< what NeedStage answers while discovering
  std::size_t retained_bytes_ = 0;   ///< ApproxBytes of the configs in done_
};

/// The automatic platform args (BUILDPLATFORM, TARGETARCH, ...) for a build/target pair.
std::map<std::string, std::string> AutomaticArgs(const image::Platform& build, const image::Platform& target);

/// RFC 3339 in UTC ("2023-11-14T22:13:20Z").
std::string Rfc3339(int64_t seconds);

/// "os/arch[/variant]".
std::string FormatPlatform(const image::Platform& p);

}  // namespace manifold::frontend::internal
