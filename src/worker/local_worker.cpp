// Source and file vertices on this machine.
#include "worker/local_worker.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "util/root_path.hpp"
#include "util/temp_file.hpp"
#include "worker/exec.hpp"
#include "worker/git_source_op.hpp"
#include "worker/http_source.hpp"
#include "worker/internal/file_actions.hpp"

namespace manifold::worker {

namespace {
constexpr int64_t kCopyBytesShown = 8 << 20;  // a copy this large shows its progress from the start
}  // namespace

util::Result<OutputRef> LocalWorker::Execute(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs,
                                             const ExecuteContext& context) {
  if (context.cancelled()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
  if (const auto* source = std::get_if<graph::SourceOp>(&vertex.op())) return RunSource(*source, context);
  if (const auto* file = std::get_if<graph::FileOp>(&vertex.op())) return RunFile(*file, inputs, context);
  if (const auto* exec = std::get_if<graph::ExecOp>(&vertex.op())) return RunExecOp(*exec, inputs, context);
  return util::Fail(util::ErrorKind::kInternal, "unknown operation");
}

namespace {

// What a vertex reads from context inputs: (input index, selector) pairs, in the op's order.
std::vector<std::pair<size_t, std::string_view>> ContextSelections(const graph::Vertex& vertex,
                                                                    const std::vector<OutputRef>& inputs) {
  std::vector<std::pair<size_t, std::string_view>> out;
  auto add = [&](int64_t input, std::string_view selector) {
    if (input < 0 || static_cast<size_t>(input) >= inputs.size()) return;
    if (dynamic_cast<const ContextOutput*>(inputs[static_cast<size_t>(input)].get()) == nullptr) return;
    out.emplace_back(static_cast<size_t>(input), selector);
  };
  if (const auto* file = std::get_if<graph::FileOp>(&vertex.op())) {
    for (const auto& action : file->actions) {
      if (const auto* copy = std::get_if<graph::CopyAction>(&action)) add(copy->source_input, copy->source_path);
    }
  } else if (const auto* exec = std::get_if<graph::ExecOp>(&vertex.op())) {
    for (const auto& mount : exec->mounts) {
      if (mount.type == graph::ExecMount::Type::kBind) add(mount.input, mount.selector);
    }
  }
  return out;
}

}  // namespace

util::Result<std::string> LocalWorker::ContentKey(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs) {
  ContextChecksums uncached(nullptr);
  ContextChecksums& checksums = options_.checksums ? *options_.checksums : uncached;
  std::string key;
  for (const auto& [input, selector] : ContextSelections(vertex, inputs)) {
    const auto& context = dynamic_cast<const ContextOutput&>(*inputs[input]);
    key += fmt::format("{} {} {}\n", input, selector, MANIFOLD_TRY(checksums.Checksum(context, selector)));
  }
  return key;
}

bool LocalWorker::ContentKeyReadsFiles(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs) {
  return !ContextSelections(vertex, inputs).empty();
}

util::Result<OutputRef> LocalWorker::RunExecOp(const graph::ExecOp& op, const std::vector<OutputRef>& inputs,
                                               const ExecuteContext& context) {
  if (options_.exec_state.empty()) return util::Fail(util::ErrorKind::kUnavailable, "this worker cannot run commands");
  snapshot::SnapshotRef base;
  if (!inputs.empty() && inputs[0]) {
    const auto* snap = dynamic_cast<const SnapshotOutput*>(inputs[0].get());
    if (snap == nullptr) return util::Fail(util::ErrorKind::kInternal, "a RUN step's base must be a snapshot");
    base = snap->snapshot();
  }
  MountServices services;
  services.snapshotter = options_.snapshotter;
  services.cache_dir = options_.cache_mounts;
  services.secrets = options_.secrets;
  services.ssh = options_.ssh;
  auto result = MANIFOLD_TRY(RunExec(op, base, inputs, services, options_.exec_state, context));
  return std::make_shared<SnapshotOutput>(std::move(result));
}

util::Result<OutputRef> LocalWorker::RunSource(const graph::SourceOp& op, const ExecuteContext& context) {
  switch (op.kind) {
    case graph::SourceOp::Kind::kLocal: {
      auto it = options_.locals.find(op.identifier);
      if (it == options_.locals.end()) {
        return util::Fail(util::ErrorKind::kNotFound, "no local source named {:?} was given to the build", op.identifier);
      }
      return std::make_shared<ContextOutput>(it->second.dir, it->second.excluded, it->second.walk_excluded);
    }
    case graph::SourceOp::Kind::kImage: {
      if (options_.images == nullptr) {
        return util::Fail(util::ErrorKind::kUnavailable, "this worker cannot pull images ({})", op.identifier);
      }
      auto snapshot = MANIFOLD_TRY(options_.images->Unpack(op, context));
      return std::make_shared<SnapshotOutput>(std::move(snapshot));
    }
    case graph::SourceOp::Kind::kHttp: {
      if (options_.http == nullptr) {
        return util::Fail(util::ErrorKind::kUnavailable, "this worker cannot download ({})", op.identifier);
      }
      return FetchHttpSource(op, *options_.snapshotter, *options_.http, context);
    }
    case graph::SourceOp::Kind::kGit:
      return FetchGitSourceOp(op, *options_.snapshotter, options_.secrets, options_.ssh, context);
  }
  return util::Fail(util::ErrorKind::kInternal, "unknown source kind");
}

util::Result<OutputRef> LocalWorker::RunFile(const graph::FileOp& op, const std::vector<OutputRef>& inputs,
                                             const ExecuteContext& context) {
  snapshot::Snapshotter& snapshotter = *options_.snapshotter;
  snapshot::SnapshotRef base;
  if (!inputs.empty() && inputs[0]) {
    const auto* snap = dynamic_cast<const SnapshotOutput*>(inputs[0].get());
    if (snap == nullptr) return util::Fail(util::ErrorKind::kInternal, "a file operation's base must be a snapshot");
    base = snap->snapshot();
  }
  // A long or large COPY shows its bytes, as docker's progress does: a few reports a second,
  // the last one complete. Small quick copies (most of them) stay one line.
  using SteadyClock = std::chrono::steady_clock;
  const SteadyClock::time_point began = SteadyClock::now();
  SteadyClock::time_point last_report{};
  bool reporting = false;
  auto copy_progress = [&](int64_t copied, int64_t total) {
    auto now = SteadyClock::now();
    reporting = reporting || total >= kCopyBytesShown || now - began >= std::chrono::milliseconds(200);
    if (!reporting || (copied < total && now - last_report < std::chrono::milliseconds(100))) return;
    last_report = now;
    context.Bytes("copying files", copied, total);
  };
  if (options_.store != nullptr && options_.layer_settings) {
    DirectCopyRequest direct{options_.store, &snapshotter, *options_.layer_settings, copy_progress,
                             options_.archive_head};
    if (auto layer = MANIFOLD_TRY(WriteDirectCopyLayer(op, inputs, base, direct))) {
      return std::make_shared<SnapshotOutput>(std::move(layer));
    }
  }
  // COPY --link writes into an empty layer that is then stacked on the base, so the layer does
  // not depend on (and can be reused over) whatever the base holds.
  auto target = MANIFOLD_TRY(snapshotter.Prepare(op.link ? nullptr : base));
  std::optional<snapshot::ReadView> base_view;
  if (op.link) base_view = MANIFOLD_TRY(snapshotter.View(base));
  const std::filesystem::path& owner_root = op.link ? base_view->path() : target.merged();

  internal::SourceViews views(snapshotter, inputs);
  for (const auto& action : op.actions) {
    if (context.cancelled()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
    MANIFOLD_CHECK(internal::ApplyAction(action, views, target.merged(), owner_root, copy_progress));
  }
  auto committed = MANIFOLD_TRY(target.Commit());
  if (op.link) committed = std::make_shared<const snapshot::Snapshot>(committed->diff_dir(), base);
  return std::make_shared<SnapshotOutput>(committed);
}

}  // namespace manifold::worker
