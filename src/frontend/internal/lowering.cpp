// Stage-level lowering: FROM, ARG scoping, instruction dispatch, step names and history.
#include "frontend/internal/lowering.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "frontend/dockerfile/flags.hpp"
#include "image/platform_parse.hpp"

namespace manifold::frontend::internal {

namespace {
constexpr const char* kDefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// What a stage's config holds, roughly, in bytes: what keeping it (and copying it into every
// stage built FROM it) costs.
std::size_t ApproxBytes(const image::ImageConfig& config) {
  constexpr std::size_t kOverhead = 64;
  std::size_t total = 0;
  const auto& c = config.config;
  for (const auto* list : {&c.env, &c.entrypoint, &c.cmd, &c.on_build, &c.shell}) {
    for (const auto& s : *list) total += s.size() + kOverhead;
  }
  for (const auto& [k, v] : c.labels) total += k.size() + v.size() + kOverhead;
  for (const auto* set : {&c.exposed_ports, &c.volumes}) {
    for (const auto& s : *set) total += s.size() + kOverhead;
  }
  for (const auto& h : config.history) {
    total += h.created.size() + h.created_by.size() + h.author.size() + h.comment.size() + kOverhead;
  }
  return total;
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}
}  // namespace

std::string Rfc3339(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FormatPlatform(const image::Platform& p) {
  std::string out = p.os + "/" + p.architecture;
  if (!p.variant.empty()) out += "/" + p.variant;
  return out;
}

std::map<std::string, std::string> AutomaticArgs(const image::Platform& build, const image::Platform& target) {
  return {
      {"BUILDPLATFORM", FormatPlatform(build)}, {"BUILDOS", build.os},
      {"BUILDARCH", build.architecture},        {"BUILDVARIANT", build.variant},
      {"TARGETPLATFORM", FormatPlatform(target)}, {"TARGETOS", target.os},
      {"TARGETARCH", target.architecture},      {"TARGETVARIANT", target.variant},
  };
}

PlatformLowering::PlatformLowering(const dockerfile::Dockerfile& file, const StageList& stages,
                                   const dockerfile::LowerOptions& options, const image::Platform& target,
                                   graph::VertexRef context, ExpansionBudget& budget)
    : file_(file),
      stages_(stages),
      options_(options),
      target_(target),
      context_(std::move(context)),
      created_(Rfc3339(options.source_date_epoch.value_or(static_cast<int64_t>(std::time(nullptr))))),
      budget_(budget) {
  for (const auto& [name, value] : AutomaticArgs(options.build_platform, target)) global_.SetArg(name, value);
}

util::Error PlatformLowering::At(const dockerfile::Instruction& inst, util::Error error) const {
  if (!error.location()) error.At(Where(inst, options_.file_name));
  return error;
}

util::Error PlatformLowering::At(const dockerfile::Instruction& inst, std::string message) const {
  return At(inst, util::Error(util::ErrorKind::kInvalidArgument, std::move(message)));
}

std::string PlatformLowering::StepName(const StageContext& ctx, const std::string& text) const {
  return fmt::format("[{} {}/{}] {}", ctx.stage->DisplayName(), ctx.step, ctx.steps, text);
}

void PlatformLowering::AddFileStep(StageContext& ctx, graph::FileOp op, std::vector<graph::VertexRef> extra_inputs,
                                   const std::string& text) {
  std::vector<graph::VertexRef> inputs = {ctx.result.state};
  for (auto& in : extra_inputs) inputs.push_back(std::move(in));
  ctx.result.state = graph::Vertex::Make(std::move(op), std::move(inputs), StepName(ctx, text),
                                         FormatPlatform(target_));
  AddHistory(ctx, text, /*empty_layer=*/false);
}

void PlatformLowering::AddConfigStep(StageContext& ctx, const std::string& text) {
  AddHistory(ctx, text, /*empty_layer=*/true);
}

void PlatformLowering::AddHistory(StageContext& ctx, const std::string& text, bool empty_layer) {
  image::HistoryEntry entry;
  entry.created = created_;
  entry.created_by = text;
  entry.comment = empty_layer ? "" : "buildkit.dockerfile.v0";
  entry.empty_layer = empty_layer;
  ctx.result.config.history.push_back(std::move(entry));
}

// Lowering stage i may need an earlier stage j that is not lowered yet. Instead of recursing
// (a chain of thousands of `FROM previous` stages would overflow the stack), NeedStage records j
// and fails; the loop below lowers j first and then starts i again from its FROM. Dependencies
// only ever point at earlier stages, so every restart makes progress. So that a stage naming
// hundreds of stages is not restarted hundreds of times, its first failure is followed by one
// discovery pass, in which NeedStage answers with an empty placeholder and collects every stage
// asked for: they are all lowered before the stage is tried again.
util::Result<const StageResult*> PlatformLowering::LowerStage(int index) {
  std::vector<int> pending = {index};
  while (!pending.empty()) {
    const int current = pending.back();
    if (done_.contains(current)) {
      pending.pop_back();
      continue;
    }
    MANIFOLD_CHECK(budget_.CheckStop());
    const Stage& stage = stages_.stages[static_cast<size_t>(current)];
    needed_ = -1;
    auto result = DoLowerStage(stage);
    if (!result && needed_ >= 0) {
      std::vector<int> wanted = {needed_};
      if (discovered_.insert(current).second) {
        const auto mark = budget_.used();
        discovering_ = true;
        (void)DoLowerStage(stage);  // only what it asks for counts; errors show on the real pass
        discovering_ = false;
        budget_.Rewind(mark);
        wanted.insert(wanted.end(), wanted_.begin(), wanted_.end());
        wanted_.clear();
      }
      for (int stage_index : wanted) {
        if (done_.contains(stage_index)) continue;
        if (stage_index >= current) {
          return std::unexpected(At(*stage.from, fmt::format("stage {} depends on itself", stage.DisplayName())));
        }
        pending.push_back(stage_index);
      }
      continue;
    }
    if (!result) return std::unexpected(std::move(result.error()));
    retained_bytes_ += ApproxBytes(result->config);
    if (retained_bytes_ > dockerfile::kMaxStageConfigBytes) {
      return std::unexpected(At(
          *stage.from,
          fmt::format("the image configs of the stages lowered so far hold more than {} bytes (each "
                      "stage keeps a copy of its base stage's environment and history); the limit is {} "
                      "MiB: shorten the chain of stages built FROM one another or their ENV values",
                      dockerfile::kMaxStageConfigBytes, dockerfile::kMaxStageConfigBytes / dockerfile::kMiB)));
    }
    done_.emplace(current, std::move(*result));
    pending.pop_back();
  }
  return &done_.at(index);
}

util::Result<const StageResult*> PlatformLowering::NeedStage(int index) {
  if (auto it = done_.find(index); it != done_.end()) return &it->second;
  if (discovering_) {
    wanted_.push_back(index);
    placeholder_ = StageResult{};
    placeholder_.platform = target_;
    return &placeholder_;
  }
  needed_ = index;
  return util::Fail(util::ErrorKind::kInternal, "stage {} must be lowered first", index);
}

util::Result<StageResult> PlatformLowering::DoLowerStage(const Stage& stage) {
  // Global ARGs are evaluated once per platform, in order, before any stage.
  if (global_names_.empty() && !stages_.global_args.empty()) {
    for (const auto* inst : stages_.global_args) {
      StageContext global_ctx;
      global_ctx.scope = global_;
      for (const auto& word : inst->args) {
        size_t eq = word.find('=');
        std::string name = word.substr(0, eq);
        std::optional<std::string> value;
        if (auto it = options_.build_args.find(name); it != options_.build_args.end()) {
          value = it->second;
        } else if (eq != std::string::npos) {
          Expander expand(file_.escape_token, global_, budget_);
          auto v = expand.Word(word.substr(eq + 1));
          if (!v) return std::unexpected(At(*inst, std::move(v.error())));
          value = *v;
        } else {
          value = global_.Get(name);
        }
        if (value) global_.SetArg(name, *value);
        global_names_.insert(name);
      }
    }
  }
  StageContext ctx;
  ctx.stage = &stage;
  // BuildKit counts FROM as a step only when it pulls something: a scratch stage's steps are
  // its instructions alone ("[assets 1/1] COPY ...").
  bool from_scratch = stage.from->args[0] == "scratch";
  ctx.step = from_scratch ? 0 : 1;
  ctx.steps = static_cast<int>(stage.commands.size()) + (from_scratch ? 0 : 1);
  MANIFOLD_CHECK(DispatchFrom(stage, ctx));
  if (ctx.replaced) return std::move(ctx.result);
  for (const auto* inst : stage.commands) {
    ++ctx.step;
    if (auto stop = budget_.CheckStop(); !stop) return std::unexpected(At(*inst, std::move(stop.error())));
    MANIFOLD_CHECK(Dispatch(*inst, ctx));
  }
  return std::move(ctx.result);
}

util::Status PlatformLowering::DispatchFrom(const Stage& stage, StageContext& ctx) {
  const auto& from = *stage.from;
  auto flags = dockerfile::ParseFlags(from.flags);
  if (!flags) return std::unexpected(At(from, std::move(flags.error())));
  ctx.result.platform = target_;
  for (const auto& flag : *flags) {
    if (flag.name != "platform" || !flag.value) {
      return std::unexpected(At(from, fmt::format("unknown flag --{} for FROM (only --platform=...)", flag.name)));
    }
    Expander expand(file_.escape_token, global_, budget_);
    auto spec = expand.Word(*flag.value);
    if (!spec) return std::unexpected(At(from, std::move(spec.error())));
    auto platform = image::ParsePlatformFlag(*spec, options_.build_platform);
    if (!platform) return std::unexpected(At(from, std::move(platform.error())));
    ctx.result.platform = *platform;
  }
  std::string context_key;
  if (const auto* named = stage.name.empty() ? nullptr : FindNamedContext(stage.name, &context_key)) {
    // BuildKit: a named context of the stage's name stands for the whole stage, whatever its
    // FROM and instructions say (only its --platform counts).
    ctx.replaced = true;
    return FromNamedContext(from, context_key, *named, ctx);
  }
  Expander expand(file_.escape_token, global_, budget_);
  auto base = expand.Word(from.args[0]);
  if (!base) return std::unexpected(At(from, std::move(base.error())));
  if (base->empty()) {
    return std::unexpected(At(from, fmt::format("FROM {:?} expands to an empty image name", from.args[0])));
  }
  std::string display = stage.name.empty() ? "" : " AS " + stage.name;

  if (auto parent = FindStage(stages_, *base, stage.index)) {
    auto result = NeedStage(*parent);
    if (!result) return std::unexpected(std::move(result.error()));
    image::Platform platform = ctx.result.platform;
    ctx.result = **result;
    // The stage's own --platform, if any, names the platform its RUN steps use.
    if (!from.flags.empty()) ctx.result.platform = platform;
    MANIFOLD_CHECK(DispatchOnbuildTriggers(ctx));
  } else if (*base == "scratch") {
    ctx.result.config = image::ImageConfig{};
    ctx.result.config.platform = ctx.result.platform;
    ctx.result.config.config.env = {kDefaultPath};
  } else if (const auto* named = FindNamedContext(*base, &context_key)) {
    MANIFOLD_CHECK(FromNamedContext(from, context_key, *named, ctx));
    MANIFOLD_CHECK(DispatchOnbuildTriggers(ctx));
  } else {
    if (from.flags.empty() && options_.prefetch_image) options_.prefetch_image(*base);
    image::ImageConfig config;
    ctx.result.state = MANIFOLD_TRY(ImageSource(from, *base, ctx.result.platform, &config, &ctx));
    // The image's files, config and history are the stage's start; diff_ids are recomputed by
    // the exporter from the layers (the base's own blobs, reused).
    config.diff_ids.clear();
    config.platform = ctx.result.platform;
    ctx.result.config = std::move(config);
    if (ctx.result.config.config.env.empty()) ctx.result.config.config.env = {kDefaultPath};
    MANIFOLD_CHECK(DispatchOnbuildTriggers(ctx));
  }
  // What a stage inherits is its base's environment, never its ARGs.
  for (const auto& entry : ctx.result.config.config.env) {
    size_t eq = entry.find('=');
    ctx.scope.SetEnv(entry.substr(0, eq), eq == std::string::npos ? "" : entry.substr(eq + 1));
  }
  return {};
}

util::Result<graph::VertexRef> PlatformLowering::ImageSource(const dockerfile::Instruction& inst,
                                                             const std::string& name, const image::Platform& platform,
                                                             image::ImageConfig* config, const StageContext* step) {
  if (!options_.resolve_image) {
    return std::unexpected(At(inst, util::Error(util::ErrorKind::kUnavailable,
                                                fmt::format("{} is not a stage of this Dockerfile, and this "
                                                            "build cannot pull images",
                                                            name))));
  }
  auto resolved = options_.resolve_image(name, platform);
  if (!resolved) return std::unexpected(At(inst, std::move(resolved.error())));
  graph::SourceOp op;
  op.kind = graph::SourceOp::Kind::kImage;
  op.identifier = resolved->reference;
  op.platform = platform;
  if (config) *config = std::move(resolved->config);
  std::string text = "FROM " + resolved->reference;
  return graph::Vertex::Make(std::move(op), {}, step ? StepName(*step, text) : "[internal] " + text,
                             FormatPlatform(platform));
}

util::Status PlatformLowering::DispatchArg(const dockerfile::Instruction& inst, StageContext& ctx) {
  for (const auto& word : inst.args) {
    size_t eq = word.find('=');
    std::string name = word.substr(0, eq);
    if (name.empty()) return std::unexpected(At(inst, "ARG needs a name: ARG NAME[=default]"));
    std::optional<std::string> value;
    if (auto it = options_.build_args.find(name); it != options_.build_args.end()) {
      value = it->second;
    } else if (eq != std::string::npos) {
      Expander expand(file_.escape_token, ctx.scope, budget_);
      auto v = expand.Word(word.substr(eq + 1));
      if (!v) return std::unexpected(At(inst, std::move(v.error())));
      value = *v;
    } else if (global_names_.count(name) || global_.args().count(name)) {
      // A global ARG (or an automatic platform arg) brought into the stage by name.
      value = global_.Get(name);
    }
    if (value) ctx.scope.SetArg(name, *value);
  }
  AddConfigStep(ctx, "ARG " + inst.raw_args);
  return {};
}

util::Status PlatformLowering::Dispatch(const dockerfile::Instruction& inst, StageContext& ctx) {
  const std::string& k = inst.keyword;
  if (k == "arg") return DispatchArg(inst, ctx);
  if (k == "env") return DispatchEnv(inst, ctx);
  if (k == "label") return DispatchLabel(inst, ctx);
  if (k == "workdir") return DispatchWorkdir(inst, ctx);
  if (k == "copy" || k == "add") return DispatchCopy(inst, ctx);
  if (k == "run") return DispatchRun(inst, ctx);
  if (k == "cmd" || k == "entrypoint" || k == "shell") return DispatchCommand(inst, ctx);
  if (k == "healthcheck") return DispatchHealthcheck(inst, ctx);
  if (k == "user" || k == "expose" || k == "volume" || k == "stopsignal" || k == "maintainer" || k == "onbuild") {
    return DispatchSimpleConfig(inst, ctx);
  }
  if (k == "from") return std::unexpected(At(inst, "FROM inside a stage"));
  if (k.size() > 32 || !std::all_of(k.begin(), k.end(), [](unsigned char c) { return std::isalpha(c); })) {
    // Not even shaped like a keyword: perhaps not a Dockerfile line at all; its text is not echoed.
    util::SourceLocation where = Where(inst, options_.file_name);
    where.line_text.clear();
    return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                       "unknown instruction (the line is not shown: it does not start with a keyword)")
                               .At(std::move(where)));
  }
  return std::unexpected(At(inst, fmt::format("unknown instruction: {}", Upper(k))));
}

}  // namespace manifold::frontend::internal
