// worker::ResolveUser: who a process runs as, from USER and the rootfs's passwd and group files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace manifold::worker {

/// The PATH a process gets when its image sets none (Docker's default).
inline constexpr const char* kDefaultPathEnv = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// A resolved user: ids and supplementary groups.
struct User {
  uint32_t uid = 0, gid = 0;
  std::vector<uint32_t> groups;
};

/// Resolves `spec` (USER / `run -u`: "name", "uid", "name:group", "uid:gid"; empty = root)
/// against /etc/passwd and /etc/group inside `root` (read confined to it). A user's primary
/// group comes from passwd, its supplementary groups from group. Errors: a name that is in
/// neither file (kNotFound, naming it); numeric ids need no entry.
util::Result<User> ResolveUser(const std::string& spec, const std::filesystem::path& root);

}  // namespace manifold::worker
