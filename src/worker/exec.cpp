// RunExec: prepare the rootfs, resolve the user, run the container, tidy the mount points, commit.
#include "worker/exec.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "executor/container.hpp"
#include "session/secret_masker.hpp"
#include "util/confined.hpp"
#include "util/id_map.hpp"
#include "util/root_path.hpp"
#include "worker/exec_mounts.hpp"
#include "worker/process_spec.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;

// What the runtime creates in the rootfs to mount over (and what BuildKit removes after).
constexpr const char* kMountPoints[] = {"/etc/resolv.conf", "/etc/hosts", "/proc", "/sys", "/dev", "/etc"};

// The top-most component of `path` (inside `root`) that does not exist yet, as a path in the
// container: what the runtime will create to mount over, and so what must go again before the
// layer is taken.
std::optional<std::string> FirstMissing(const fs::path& root, const std::string& path) {
  std::string prefix;
  for (const auto& part : util::SplitPath(path)) {
    prefix += "/" + part;
    auto resolved = util::RootPath(root, prefix, false, util::EscapePolicy::kClamp);
    struct stat st {};
    if (!resolved) return std::nullopt;
    if (::lstat(resolved->c_str(), &st) != 0) return prefix;
    if (!S_ISDIR(st.st_mode)) return std::nullopt;
  }
  return std::nullopt;
}

// -1 is RLIM_INFINITY, which the OCI spec writes as the largest uint64.
executor::Rlimit RuntimeRlimit(const graph::Ulimit& u) {
  std::string type = "RLIMIT_";
  for (char c : u.name) type += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto value = [](int64_t v) { return v < 0 ? UINT64_MAX : static_cast<uint64_t>(v); };
  return executor::Rlimit{type, value(u.soft), value(u.hard)};
}

std::string CommandText(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

util::Result<snapshot::SnapshotRef> RunExec(const graph::ExecOp& op, const snapshot::SnapshotRef& base,
                                            const std::vector<OutputRef>& inputs, const MountServices& services,
                                            const fs::path& state_dir, const ExecuteContext& context) {
  auto target = MANIFOLD_TRY(services.snapshotter->Prepare(base));
  const fs::path& root = target.merged();
  std::optional<PreparedMounts> mounts = MANIFOLD_TRY(PrepareMounts(op, inputs, services, state_dir));

  std::vector<std::string> created;  // mount points the runtime will make, to remove afterwards
  std::vector<std::string> points(std::begin(kMountPoints), std::end(kMountPoints));
  for (const auto& m : mounts->mounts) points.push_back(m.destination);
  for (const auto& point : points) {
    auto missing = FirstMissing(root, point);
    if (missing && std::find(created.begin(), created.end(), *missing) == created.end()) created.push_back(*missing);
  }
  auto spec = MANIFOLD_TRY(ProcessSpec(root, op.args, op.env, op.cwd, op.user));
  spec.network = op.network == graph::ExecOp::Network::kNone   ? executor::Network::kNone
                 : op.network == graph::ExecOp::Network::kHost ? executor::Network::kHost
                                                               : executor::Network::kDefault;
  spec.privileged = op.security == graph::ExecOp::Security::kInsecure;
  for (const auto& h : op.extra_hosts) spec.extra_hosts.emplace_back(h.host, h.ip);
  for (const auto& u : op.ulimits) spec.rlimits.push_back(RuntimeRlimit(u));
  spec.cgroup_parent = op.cgroup_parent;
  spec.mounts = mounts->mounts;
  for (const auto& e : mounts->env) {
    std::string name = e.substr(0, e.find('=') + 1);
    std::erase_if(spec.env, [&](const std::string& v) { return v.starts_with(name); });
    spec.env.push_back(e);
  }

  // Every secret of the build, not only this step's: a value an earlier step left in a cache
  // mount must not be printed in clear by a step that does not mount it.
  const session::SecretMasker masker(services.secrets ? services.secrets->Values()
                                                      : std::vector<std::string_view>{});
  std::deque<std::string> tail;  // the last lines, for the error message
  std::mutex mu;
  auto code = executor::RunContainer(
      spec, state_dir,
      [&](std::string_view raw) {
        std::string line = masker.Mask(std::string(raw));
        context.Log(line);
        std::lock_guard lock(mu);
        tail.push_back(std::move(line));
        if (tail.size() > 10) tail.pop_front();
      },
      context.cancel_token());
  // Resolved again, inside the root: the step may have swapped a directory for a symlink to a
  // host directory, whose empty files a host path would reach. Best effort, as the runtime's
  // leftovers are only tidied away.
  if (auto root_fd = util::OpenDirectory(root)) {
    for (auto it = created.rbegin(); it != created.rend(); ++it) (void)util::RemoveStubsInRoot(root_fd->get(), *it);
  }
  mounts.reset();  // views, writable copies, cache locks and the secrets' tmpfs go now
  // Rootless with a single id, a step that changes owners or runs as another user fails in
  // ways (EINVAL from chown, setuid refused) that only this note explains.
  const std::string advice = util::SingleIdAdvice();
  if (!code) {
    auto error = std::move(code.error()).Context("process \"{}\" could not start", CommandText(op.args));
    if (!advice.empty()) error.Context("note: {}", advice);
    return std::unexpected(std::move(error));
  }
  if (*code != 0) {
    std::string last;
    for (const auto& l : tail) last += "\n  " + l;
    return util::Fail(util::ErrorKind::kInvalidArgument, "process \"{}\" did not complete successfully: exit code: {}{}{}",
                      CommandText(op.args), *code, tail.empty() ? "" : "; its last output:" + last,
                      advice.empty() ? "" : "\nnote: " + advice);
  }
  return target.Commit();
}

}  // namespace manifold::worker
