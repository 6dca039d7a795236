// Resolving `--chown=user:group` against the destination's own /etc/passwd and /etc/group.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "graph/op.hpp"
#include "util/error.hpp"

namespace manifold::worker {

struct OwnerIds {
  uid_t uid = 0;
  gid_t gid = 0;
};

/// Numeric ids pass through; names are looked up in `<root>/etc/passwd` and `<root>/etc/group`
/// (resolved inside `root`). As Docker documents, a user without a group (or a uid without a
/// gid) uses the same number for the gid. Errors (kNotFound) name the missing user or group and
/// the file searched.
util::Result<OwnerIds> ResolveOwner(const graph::Owner& owner, const std::filesystem::path& root);

}  // namespace manifold::worker
