// ProcessSpec: user, working directory and environment, as RUN and `manifold run` both need them.
#include "worker/process_spec.hpp"

#include <algorithm>

#include "worker/copy.hpp"
#include "worker/users.hpp"

namespace manifold::worker {

util::Result<executor::ContainerSpec> ProcessSpec(const std::filesystem::path& root, std::vector<std::string> args,
                                                  std::vector<std::string> env, const std::string& cwd,
                                                  const std::string& user) {
  auto resolved = MANIFOLD_TRY(ResolveUser(user, root));
  std::string dir = cwd.empty() ? "/" : cwd;
  MANIFOLD_TRY(MakeDirectories(root, dir, std::nullopt));
  executor::ContainerSpec spec;
  spec.rootfs = root;
  spec.args = std::move(args);
  spec.env = std::move(env);
  if (std::none_of(spec.env.begin(), spec.env.end(), [](const std::string& e) { return e.starts_with("PATH="); })) {
    spec.env.push_back(kDefaultPathEnv);
  }
  spec.cwd = dir;
  spec.uid = resolved.uid;
  spec.gid = resolved.gid;
  spec.additional_gids = resolved.groups;
  return spec;
}

}  // namespace manifold::worker
