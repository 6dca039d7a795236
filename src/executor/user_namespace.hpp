// Rootless: the user namespace a non-root command enters once, with the user's subordinate ids.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::executor {

/// Set (to the user's own uid) in the environment of the process that continues inside the
/// namespace, so that state paths stay the user's (cli::RootDir) although geteuid() is 0 there.
inline constexpr const char* kRootlessEnv = "MANIFOLD_ROOTLESS_UID";

/// A range of subordinate ids granted in /etc/subuid or /etc/subgid.
struct SubIdRange {
  uint32_t start = 0, count = 0;
  bool operator==(const SubIdRange&) const = default;
};

/// The ranges of `text` (the format of /etc/subuid and /etc/subgid: "OWNER:START:COUNT" lines,
/// OWNER a user name or a numeric id, as shadow-utils reads them) owned by `name` or by `id`,
/// in file order. Blank, comment and malformed lines and zero counts are skipped. Pure.
std::vector<SubIdRange> ParseSubIds(std::string_view text, std::string_view name, uint32_t id);

/// The arguments of newuidmap/newgidmap after the program's name: PID, then "0 ID 1" (the user
/// is root inside), then each range mapped from inside id 1 up, one after the other. Pure.
std::vector<std::string> IdMapArguments(pid_t pid, uint32_t id, const std::vector<SubIdRange>& ranges);

/// For commands that mount or run containers. As root: does nothing and returns nullopt. As
/// another user: forks; the child unshares a user namespace in which the parent maps root to
/// the user and, when the user has ranges in /etc/subuid and /etc/subgid and newuidmap and
/// newgidmap are installed, ids 1… to those ranges (otherwise only root: setgroups denied, and
/// files of other owners cannot exist). The child gets nullopt and continues as root of that
/// namespace (kRootlessEnv set, full capabilities there, same stdio, terminal and process
/// group; in a mount namespace of its own where /etc/passwd shows uid 0 as the user, so that ssh
/// finds the user's name and ~/.ssh); the parent waits for it, forwarding SIGINT, SIGTERM and SIGHUP sent to it alone
/// (a terminal's reach the child directly), and gets the child's exit status (128 + signal when
/// killed) to exit with. The child dies with the parent. Call it before any thread starts.
/// Errors (in the parent, nothing left running): no user namespace allowed, newuidmap failed.
util::Result<std::optional<int>> EnterUserNamespace();

}  // namespace manifold::executor
