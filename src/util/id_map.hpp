// The process's user namespace as /proc/self/uid_map describes it: initial, or rootless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::util {

/// One line of /proc/PID/uid_map or gid_map: ids [inside, inside+count) are [outside, …) in
/// the parent namespace.
struct IdMapLine {
  uint32_t inside = 0, outside = 0, count = 0;
};

/// The lines of a uid_map/gid_map text; malformed lines are skipped. Pure.
std::vector<IdMapLine> ParseIdMap(std::string_view text);

/// Whether `lines` is the initial namespace's identity map ("0 0 4294967295"). Pure.
bool IsInitialIdMap(const std::vector<IdMapLine>& lines);

/// How this process's user namespace maps ids (read once from /proc/self/uid_map; later calls
/// return the same answer, so call it first after entering a namespace). Thread-safe.
struct UserNamespaceInfo {
  /// Not the initial namespace: a rootless build (overlayfs needs "userxattr", opaque markers
  /// are user.overlay.opaque, the OCI runtime runs in rootless mode).
  bool rootless = false;
  /// How many uids this namespace maps: 1 when the user has no subordinate ids, so that any
  /// owner other than 0 cannot exist here.
  uint64_t uid_count = 0;
  uint32_t outside_uid = 0;  ///< who root here is outside (the user who ran manifold)
};
const UserNamespaceInfo& CurrentUserNamespace();

/// When this namespace maps a single uid (rootless without subordinate ids): what to do so that
/// files and processes of other owners can exist, naming /etc/subuid and the user, as Buildah
/// says it. Empty otherwise.
std::string SingleIdAdvice();

}  // namespace manifold::util
