// RUN: exec vertices (shell, exec and heredoc forms) with their --mount, --network and --security flags.
#include <algorithm>

#include "frontend/dockerfile/flags.hpp"
#include "frontend/dockerfile/heredoc.hpp"
#include "frontend/internal/lowering.hpp"
#include "frontend/internal/run_mounts.hpp"

namespace manifold::frontend::internal {

graph::VertexRef PlatformLowering::ContextState() {
  // The context as a filesystem of its own (what .dockerignore lets through), copied once and
  // shared by every platform, so a bind mount sees exactly what COPY would.
  if (!context_state_) context_state_ = CopiedIntoFilesystem(context_, "[internal] context for RUN --mount");
  return context_state_;
}

graph::VertexRef PlatformLowering::CopiedIntoFilesystem(graph::VertexRef local, std::string name) {
  graph::CopyAction copy;
  copy.source_input = 1;
  copy.source_path = "/";
  copy.dest_path = "/";
  copy.allow_wildcard = false;
  graph::FileOp op;
  op.actions.push_back(std::move(copy));
  return graph::Vertex::Make(std::move(op), {nullptr, std::move(local)}, std::move(name));
}

util::Status PlatformLowering::DispatchRun(const dockerfile::Instruction& inst, StageContext& ctx) {
  graph::ExecOp exec;
  const auto& config = ctx.result.config.config;
  if (inst.json_form) {
    exec.args = inst.args;
  } else {
    exec.args = config.shell.empty() ? std::vector<std::string>{"/bin/sh", "-c"} : config.shell;
    std::string command = inst.raw_args;
    if (!inst.heredocs.empty()) {
      const auto& first = inst.heredocs.front();
      std::string body = first.chomp ? dockerfile::ChompHeredocContent(first.content) : first.content;
      std::string marker = command;
      while (!marker.empty() && (marker.back() == ' ' || marker.back() == '\t')) marker.pop_back();
      bool only_heredoc = inst.heredocs.size() == 1 && marker.starts_with("<<") && marker.find(' ') == std::string::npos;
      if (only_heredoc) {
        // `RUN <<EOF` alone: the body is the script (BuildKit); a #! line other than a shell's
        // would need the script as a file, which is not supported yet.
        if (body.starts_with("#!") && body.find("sh") > body.find('\n')) {
          return std::unexpected(At(inst, "RUN heredoc scripts with a #! interpreter other than a shell are not "
                                          "supported yet; call the interpreter: RUN python3 <<EOF"));
        }
        command = body;
      } else {
        // `RUN cmd <<EOF`: the shell reads the here-document itself.
        for (const auto& h : inst.heredocs) command += "\n" + h.content + h.name;
      }
    }
    exec.args.push_back(command);
  }
  if (exec.args.empty()) return std::unexpected(At(inst, "RUN needs a command"));
  exec.env = config.env;
  // A stage's ARGs reach its RUN steps as environment variables (ENV wins on a clash).
  for (const auto& [name, value] : ctx.scope.args()) {
    bool in_env = std::any_of(exec.env.begin(), exec.env.end(),
                              [&](const std::string& e) { return e.compare(0, name.size() + 1, name + "=") == 0; });
    if (!in_env) exec.env.push_back(name + "=" + value);
  }
  exec.cwd = config.working_dir.empty() ? "/" : config.working_dir;
  exec.user = config.user;
  exec.platform = ctx.result.platform;
  auto flags = dockerfile::ParseFlags(inst.flags);
  if (!flags) return std::unexpected(At(inst, std::move(flags.error())));
  Expander expand(file_.escape_token, ctx.scope, budget_);
  auto expand_word = [&](const std::string& w) -> util::Result<std::string> {
    auto r = expand.Word(w);
    if (!r) return std::unexpected(At(inst, std::move(r.error())));
    return r;
  };
  std::vector<graph::VertexRef> inputs = {ctx.result.state};
  std::string flag_text;
  // The command line's --network is the default of every RUN; RUN --network=none|host wins
  // (=default keeps the command line's), as BuildKit's force-network-mode.
  exec.network = options_.run_env.network;
  for (const auto& f : *flags) {
    flag_text += "--" + f.name + (f.value ? "=" + *f.value : "") + " ";
    if (f.name == "network" && f.value) {
      std::string network = MANIFOLD_TRY(expand_word(*f.value));
      if (network == "none") exec.network = graph::ExecOp::Network::kNone;
      else if (network == "host") exec.network = graph::ExecOp::Network::kHost;
      else if (network == "default") exec.network = options_.run_env.network;
      else return std::unexpected(At(inst, fmt::format("--network must be default, none or host, not {:?}", network)));
    } else if (f.name == "security" && f.value) {
      std::string security = MANIFOLD_TRY(expand_word(*f.value));
      if (security == "insecure") exec.security = graph::ExecOp::Security::kInsecure;
      else if (security == "sandbox") exec.security = graph::ExecOp::Security::kSandbox;
      else return std::unexpected(At(inst, fmt::format("--security must be sandbox or insecure, not {:?}", security)));
    } else if (f.name == "mount" && f.value) {
      auto parsed = ParseRunMount(*f.value, exec.cwd, expand_word);
      if (!parsed) return std::unexpected(At(inst, std::move(parsed.error())));
      if (parsed->mount.type == graph::ExecMount::Type::kBind) {
        graph::VertexRef source = parsed->from.empty() ? ContextState() : MANIFOLD_TRY(StateFrom(inst, parsed->from, ctx, /*filesystem=*/true));
        parsed->mount.input = static_cast<int>(inputs.size());
        inputs.push_back(std::move(source));
      }
      bool clash = std::any_of(exec.mounts.begin(), exec.mounts.end(), [&](const graph::ExecMount& m) {
        return !m.target.empty() && m.target == parsed->mount.target;
      });
      if (clash) return std::unexpected(At(inst, fmt::format("--mount: two mounts target {}", parsed->mount.target)));
      exec.mounts.push_back(std::move(parsed->mount));
    } else {
      return std::unexpected(
          At(inst, fmt::format("unknown flag --{} for RUN (known: --mount, --network, --security)", f.name)));
    }
  }
  MANIFOLD_CHECK(ApplyRunEnvironment(inst, exec));
  std::string text = "RUN " + inst.raw_args;
  ctx.result.state = graph::Vertex::Make(std::move(exec), std::move(inputs), StepName(ctx, "RUN " + flag_text + inst.raw_args),
                                         FormatPlatform(target_));
  AddHistory(ctx, text, /*empty_layer=*/false);
  return {};
}

}  // namespace manifold::frontend::internal
