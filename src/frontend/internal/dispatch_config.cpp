// Instructions that change only the image config: ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME,
// STOPSIGNAL, MAINTAINER, ONBUILD, CMD, ENTRYPOINT, SHELL, HEALTHCHECK.
#include <algorithm>
#include <charconv>

#include "frontend/dockerfile/flags.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "frontend/internal/durations.hpp"
#include "frontend/internal/lowering.hpp"
#include "util/root_path.hpp"

namespace manifold::frontend::internal {

namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

void SetEnvEntry(std::vector<std::string>& env, const std::string& key, const std::string& value) {
  std::string entry = key + "=" + value;
  for (auto& e : env) {
    if (e.compare(0, key.size() + 1, key + "=") == 0) {
      e = entry;
      return;
    }
  }
  env.push_back(entry);
}

/// The exec-form args of CMD/ENTRYPOINT/HEALTHCHECK: JSON as written, shell form wrapped in
/// the stage's SHELL.
std::vector<std::string> CommandArgs(const dockerfile::Instruction& inst, const image::ImageConfig& config,
                                     size_t skip) {
  if (inst.json_form) return {inst.args.begin() + static_cast<long>(skip), inst.args.end()};
  std::vector<std::string> shell = config.config.shell.empty() ? std::vector<std::string>{"/bin/sh", "-c"}
                                                               : config.config.shell;
  std::string text = inst.raw_args;
  if (skip > 0) {
    // HEALTHCHECK CMD <shell text>: the text after the CMD word.
    size_t pos = text.find_first_of(" \t");
    text = pos == std::string::npos ? "" : text.substr(text.find_first_not_of(" \t", pos));
  }
  shell.push_back(text);
  return shell;
}

bool ValidSignal(const std::string& s) {
  if (s.empty()) return false;
  if (std::all_of(s.begin(), s.end(), ::isdigit)) return true;
  std::string name = Upper(s);
  if (name.starts_with("SIG")) name = name.substr(3);
  static const char* kNames[] = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
                                 "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
                                 "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH",
                                 "IO", "PWR", "SYS"};
  if (name.starts_with("RTMIN") || name.starts_with("RTMAX")) return true;
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

}  // namespace

util::Status PlatformLowering::DispatchEnv(const dockerfile::Instruction& inst, StageContext& ctx) {
  // Every pair expands with the variables as they were before this instruction (Docker): all
  // pairs are expanded first and set afterwards (copying the scope instead would cost its whole
  // size for every ENV).
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string text = "ENV";
  for (size_t i = 0; i + 1 < inst.args.size(); i += 3) {
    Expander expand(file_.escape_token, ctx.scope, budget_);
    auto key = expand.Word(inst.args[i]);
    if (!key) return std::unexpected(At(inst, std::move(key.error())));
    auto value = expand.Word(inst.args[i + 1]);
    if (!value) return std::unexpected(At(inst, std::move(value.error())));
    text += " " + *key + "=" + *value;
    pairs.emplace_back(std::move(*key), std::move(*value));
  }
  for (auto& [key, value] : pairs) {
    SetEnvEntry(ctx.result.config.config.env, key, value);
    ctx.scope.SetEnv(key, std::move(value));
  }
  AddConfigStep(ctx, text);
  return {};
}

util::Status PlatformLowering::DispatchLabel(const dockerfile::Instruction& inst, StageContext& ctx) {
  std::string text = "LABEL";
  for (size_t i = 0; i + 1 < inst.args.size(); i += 3) {
    Expander expand(file_.escape_token, ctx.scope, budget_);
    auto key = expand.Word(inst.args[i]);
    if (!key) return std::unexpected(At(inst, std::move(key.error())));
    auto value = expand.Word(inst.args[i + 1]);
    if (!value) return std::unexpected(At(inst, std::move(value.error())));
    ctx.result.config.config.labels[*key] = *value;
    text += " " + *key + "=" + *value;
  }
  AddConfigStep(ctx, text);
  return {};
}

util::Status PlatformLowering::DispatchWorkdir(const dockerfile::Instruction& inst, StageContext& ctx) {
  if (inst.args.empty()) return std::unexpected(At(inst, "WORKDIR needs a path"));
  Expander expand(file_.escape_token, ctx.scope, budget_);
  auto dir = expand.Word(inst.args[0]);
  if (!dir) return std::unexpected(At(inst, std::move(dir.error())));
  std::string path = *dir;
  if (!path.starts_with("/")) {
    std::string base = ctx.result.config.config.working_dir.empty() ? "/" : ctx.result.config.config.working_dir;
    path = base + "/" + path;
  }
  path = util::CleanPath(path);
  ctx.result.config.config.working_dir = path;
  graph::FileOp op;
  graph::MkdirAction mkdir;
  mkdir.path = path;
  mkdir.mode = 0755;
  mkdir.make_parents = true;
  mkdir.mtime = Epoch();
  // BuildKit creates the directory as the stage's USER.
  if (const std::string& user = ctx.result.config.config.user; !user.empty()) {
    size_t colon = user.find(':');
    mkdir.owner = graph::Owner{user.substr(0, colon), colon == std::string::npos ? "" : user.substr(colon + 1)};
  }
  op.actions.push_back(std::move(mkdir));
  AddFileStep(ctx, std::move(op), {}, "WORKDIR " + path);
  return {};
}

util::Status PlatformLowering::DispatchSimpleConfig(const dockerfile::Instruction& inst, StageContext& ctx) {
  auto& config = ctx.result.config;
  const std::string& k = inst.keyword;
  Expander expand(file_.escape_token, ctx.scope, budget_);
  auto expanded = [&](const std::string& word) -> util::Result<std::string> {
    auto r = expand.Word(word);
    if (!r) return std::unexpected(At(inst, std::move(r.error())));
    return r;
  };
  if (k == "user") {
    if (inst.args.empty() || inst.args[0].empty()) return std::unexpected(At(inst, "USER needs a user[:group]"));
    config.config.user = MANIFOLD_TRY(expanded(inst.args[0]));
    AddConfigStep(ctx, "USER " + config.config.user);
  } else if (k == "expose") {
    if (inst.args.empty()) return std::unexpected(At(inst, "EXPOSE needs at least one port"));
    std::string text = "EXPOSE";
    for (const auto& word : inst.args) {
      std::string spec = MANIFOLD_TRY(expanded(word));
      std::string proto = "tcp";
      if (size_t slash = spec.find('/'); slash != std::string::npos) {
        proto = spec.substr(slash + 1);
        std::transform(proto.begin(), proto.end(), proto.begin(), ::tolower);
        spec = spec.substr(0, slash);
      }
      if (proto != "tcp" && proto != "udp" && proto != "sctp") {
        return std::unexpected(At(inst, fmt::format("invalid protocol {:?} in EXPOSE {} (tcp, udp or sctp)", proto, word)));
      }
      int first = 0, last = 0;
      size_t dash = spec.find('-');
      std::string a = spec.substr(0, dash), b = dash == std::string::npos ? a : spec.substr(dash + 1);
      auto r1 = std::from_chars(a.data(), a.data() + a.size(), first);
      auto r2 = std::from_chars(b.data(), b.data() + b.size(), last);
      if (a.empty() || b.empty() || r1.ec != std::errc() || r2.ec != std::errc() || r1.ptr != a.data() + a.size() ||
          r2.ptr != b.data() + b.size() || first < 0 || last > 65535 || first > last) {
        return std::unexpected(At(inst, fmt::format("invalid port {:?} in EXPOSE (use 8080, 8080/udp or 7000-7010)", word)));
      }
      for (int p = first; p <= last; ++p) config.config.exposed_ports.insert(fmt::format("{}/{}", p, proto));
      text += " " + spec + "/" + proto;
    }
    AddConfigStep(ctx, text);
  } else if (k == "volume") {
    if (inst.args.empty()) return std::unexpected(At(inst, "VOLUME needs at least one path"));
    std::string text = "VOLUME";
    for (const auto& word : inst.args) {
      std::string v = MANIFOLD_TRY(expanded(word));
      if (v.empty()) return std::unexpected(At(inst, "VOLUME paths must not be empty"));
      config.config.volumes.insert(v);
      text += " " + v;
    }
    AddConfigStep(ctx, text);
  } else if (k == "stopsignal") {
    std::string sig = inst.args.empty() ? "" : MANIFOLD_TRY(expanded(inst.args[0]));
    if (!ValidSignal(sig)) {
      return std::unexpected(At(inst, fmt::format("invalid STOPSIGNAL {:?}: use a signal name (SIGTERM) or number", sig)));
    }
    config.config.stop_signal = sig;
    AddConfigStep(ctx, "STOPSIGNAL " + sig);
  } else if (k == "maintainer") {
    config.author = inst.args.empty() ? "" : inst.args[0];
    AddConfigStep(ctx, "MAINTAINER " + config.author);
  } else {  // onbuild
    if (!inst.trigger) return std::unexpected(At(inst, "ONBUILD needs an instruction to run later"));
    std::string trigger = inst.raw_args;
    config.config.on_build.push_back(trigger);
    AddConfigStep(ctx, "ONBUILD " + trigger);
  }
  return {};
}

util::Status PlatformLowering::DispatchCommand(const dockerfile::Instruction& inst, StageContext& ctx) {
  auto& config = ctx.result.config.config;
  if (inst.keyword == "shell") {
    if (!inst.json_form || inst.args.empty()) {
      return std::unexpected(At(inst, "SHELL requires the JSON form: SHELL [\"executable\", \"parameters\"]"));
    }
    config.shell = inst.args;
    AddConfigStep(ctx, "SHELL " + inst.raw_args);
    return {};
  }
  std::vector<std::string> args = CommandArgs(inst, ctx.result.config, 0);
  if (inst.keyword == "cmd") {
    config.cmd = std::move(args);
    ctx.cmd_set = true;
    AddConfigStep(ctx, "CMD " + inst.raw_args);
  } else {
    config.entrypoint = std::move(args);
    // Docker: an ENTRYPOINT resets a CMD inherited from the base image.
    if (!ctx.cmd_set) config.cmd.clear();
    AddConfigStep(ctx, "ENTRYPOINT " + inst.raw_args);
  }
  return {};
}

util::Status PlatformLowering::DispatchHealthcheck(const dockerfile::Instruction& inst, StageContext& ctx) {
  if (inst.args.empty()) return std::unexpected(At(inst, "HEALTHCHECK needs NONE or CMD <command>"));
  std::string kind = Upper(inst.args[0]);
  image::HealthConfig health;
  if (kind == "NONE") {
    if (inst.args.size() > 1 || !inst.flags.empty()) {
      return std::unexpected(At(inst, "HEALTHCHECK NONE takes no arguments or flags"));
    }
    health.test = {"NONE"};
  } else if (kind == "CMD") {
    auto flags = dockerfile::ParseFlags(inst.flags);
    if (!flags) return std::unexpected(At(inst, std::move(flags.error())));
    for (const auto& f : *flags) {
      std::string value = f.value.value_or("");
      if (f.name == "retries") {
        int n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size() || n < 0) {
          return std::unexpected(At(inst, fmt::format("--retries must be a non-negative number, not {:?}", value)));
        }
        health.retries = n;
        continue;
      }
      auto d = ParseGoDuration(value);
      if (!d) return std::unexpected(At(inst, std::move(d.error()).Context("--{}", f.name)));
      if (f.name == "interval") health.interval = *d;
      else if (f.name == "timeout") health.timeout = *d;
      else if (f.name == "start-period") health.start_period = *d;
      else if (f.name == "start-interval") health.start_interval = *d;
      else return std::unexpected(At(inst, fmt::format("unknown flag --{} for HEALTHCHECK", f.name)));
    }
    std::vector<std::string> command = CommandArgs(inst, ctx.result.config, 1);
    if (inst.json_form) {
      health.test = {"CMD"};
      health.test.insert(health.test.end(), command.begin(), command.end());
    } else {
      health.test = {"CMD-SHELL", command.back()};
    }
    if (health.test.size() < 2 || health.test.back().empty()) {
      return std::unexpected(At(inst, "HEALTHCHECK CMD needs a command"));
    }
  } else {
    return std::unexpected(At(inst, fmt::format("HEALTHCHECK takes NONE or CMD, not {:?}", inst.args[0])));
  }
  ctx.result.config.config.healthcheck = std::move(health);
  AddConfigStep(ctx, "HEALTHCHECK " + inst.raw_args);
  return {};
}

util::Status PlatformLowering::DispatchOnbuildTriggers(StageContext& ctx) {
  // Triggers inherited from the base run now, in this stage, then are spent (Docker's rule).
  std::vector<std::string> triggers = std::move(ctx.result.config.config.on_build);
  ctx.result.config.config.on_build.clear();
  for (const auto& trigger : triggers) {
    auto parsed = dockerfile::Parse(trigger + "\n", options_.file_name + " (ONBUILD trigger)");
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    for (const auto& inst : parsed->instructions) MANIFOLD_CHECK(Dispatch(inst, ctx));
  }
  return {};
}

}  // namespace manifold::frontend::internal
