// RunExec: prepare the rootfs, resolve the user, run the container, tidy the mount points, commit.
#include "worker/exec.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <deque>
#include <fstream>
#include <mutex>

#include "executor/container.hpp"
#include "util/confined.hpp"
#include "util/root_path.hpp"
#include "worker/copy.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
// What the runtime creates in the rootfs to mount over (and what BuildKit removes after).
constexpr const char* kMountPoints[] = {"/etc/resolv.conf", "/etc/hosts", "/proc", "/sys", "/dev", "/etc"};

struct User {
  uint32_t uid = 0, gid = 0;
  std::vector<uint32_t> groups;
};

bool IsNumber(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The lines of /etc/passwd or /etc/group inside `root` (missing file: none).
std::vector<std::vector<std::string>> ReadDb(const fs::path& root, const char* file) {
  std::vector<std::vector<std::string>> rows;
  auto path = util::RootPath(root, file, true, util::EscapePolicy::kClamp);
  if (!path) return rows;
  std::ifstream in(*path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t colon; (colon = line.find(':', start)) != std::string::npos; start = colon + 1) {
      fields.push_back(line.substr(start, colon - start));
    }
    fields.push_back(line.substr(start));
    if (fields.size() >= 4) rows.push_back(std::move(fields));
  }
  return rows;
}

// Docker's USER: name or uid, optionally ":group"; a user's primary group comes from passwd,
// supplementary groups from group.
util::Result<User> ResolveUser(const std::string& spec, const fs::path& root) {
  User u;
  if (spec.empty()) return u;
  std::string name = spec.substr(0, spec.find(':'));
  std::string group = spec.find(':') == std::string::npos ? "" : spec.substr(spec.find(':') + 1);
  auto passwd = ReadDb(root, "/etc/passwd");
  std::string user_name;
  bool found = false;
  for (const auto& row : passwd) {
    if (row[0] == name || (IsNumber(name) && row[2] == name)) {
      u.uid = static_cast<uint32_t>(std::stoul(row[2]));
      u.gid = static_cast<uint32_t>(std::stoul(row[3]));
      user_name = row[0];
      found = true;
      break;
    }
  }
  if (!found) {
    if (!IsNumber(name)) return util::Fail(util::ErrorKind::kNotFound, "USER {}: no such user in /etc/passwd", name);
    u.uid = u.gid = static_cast<uint32_t>(std::stoul(name));
  }
  auto groups = ReadDb(root, "/etc/group");
  if (!group.empty()) {
    bool group_found = false;
    for (const auto& row : groups) {
      if (row[0] == group || (IsNumber(group) && row[2] == group)) {
        u.gid = static_cast<uint32_t>(std::stoul(row[2]));
        group_found = true;
        break;
      }
    }
    if (!group_found) {
      if (!IsNumber(group)) return util::Fail(util::ErrorKind::kNotFound, "USER {}: no such group in /etc/group", spec);
      u.gid = static_cast<uint32_t>(std::stoul(group));
    }
  } else if (!user_name.empty()) {
    for (const auto& row : groups) {
      std::string members = "," + row[3] + ",";
      if (members.find("," + user_name + ",") != std::string::npos) u.groups.push_back(static_cast<uint32_t>(std::stoul(row[2])));
    }
  }
  return u;
}

std::string CommandText(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

util::Result<snapshot::SnapshotRef> RunExec(const graph::ExecOp& op, const snapshot::SnapshotRef& base,
                                            snapshot::Snapshotter& snapshotter, const fs::path& state_dir,
                                            const ExecuteContext& context) {
  auto target = MANIFOLD_TRY(snapshotter.Prepare(base));
  const fs::path& root = target.merged();

  std::vector<const char*> created;  // mount points the runtime will make, to remove afterwards
  for (const char* point : kMountPoints) {
    auto path = util::RootPath(root, point, false, util::EscapePolicy::kClamp);
    struct stat st {};
    if (path && ::lstat(path->c_str(), &st) != 0) created.push_back(point);
  }
  auto user = ResolveUser(op.user, root);
  if (!user) return std::unexpected(std::move(user.error()));
  MANIFOLD_TRY(MakeDirectories(root, op.cwd.empty() ? "/" : op.cwd, std::nullopt));

  executor::ContainerSpec spec;
  spec.rootfs = root;
  spec.args = op.args;
  spec.env = op.env;
  if (std::none_of(spec.env.begin(), spec.env.end(), [](const std::string& e) { return e.starts_with("PATH="); })) {
    spec.env.push_back(kDefaultPath);
  }
  spec.cwd = op.cwd.empty() ? "/" : op.cwd;
  spec.uid = user->uid;
  spec.gid = user->gid;
  spec.additional_gids = user->groups;
  spec.host_network = op.network != graph::ExecOp::Network::kNone;

  std::deque<std::string> tail;  // the last lines, for the error message
  std::mutex mu;
  auto code = executor::RunContainer(
      spec, state_dir,
      [&](std::string_view line) {
        context.Log(std::string(line));
        std::lock_guard lock(mu);
        tail.emplace_back(line);
        if (tail.size() > 10) tail.pop_front();
      },
      context.cancel_token());
  // Resolved again, inside the root: the step may have swapped /etc for a symlink to a host
  // directory, whose empty resolv.conf or hosts a host path would reach. Best effort, as the
  // runtime's leftovers are only tidied away.
  if (auto root_fd = util::OpenDirectory(root)) {
    for (auto it = created.rbegin(); it != created.rend(); ++it) (void)util::RemoveStubsInRoot(root_fd->get(), *it);
  }
  if (!code) {
    return std::unexpected(std::move(code.error()).Context("process \"{}\" could not start", CommandText(op.args)));
  }
  if (*code != 0) {
    std::string last;
    for (const auto& l : tail) last += "\n  " + l;
    return util::Fail(util::ErrorKind::kInvalidArgument, "process \"{}\" did not complete successfully: exit code: {}{}",
                      CommandText(op.args), *code, tail.empty() ? "" : "; its last output:" + last);
  }
  return target.Commit();
}

}  // namespace manifold::worker
