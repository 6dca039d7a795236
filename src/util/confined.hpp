// Confined opens: resolve and create paths inside a root directory fd as if it were "/".
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

/// Opens `path` below the directory `root_fd` as a process chrooted there would: every symlink
/// (absolute or relative) and every `..` is resolved against the root and can never leave it;
/// magic links (/proc/self/fd/N) are refused. `flags`/`mode` are open(2)'s, applied to the
/// final component (O_NOFOLLOW keeps a final symlink from being followed; O_CREAT through a
/// dangling final symlink creates its confined target, as open(2) would in a chroot).
/// Uses openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS); on kernels without it (ENOSYS),
/// OpenInRootFallback. O_CLOEXEC is always added. Errors: FailErrno kinds (kNotFound for a
/// missing component, kInvalidArgument for ELOOP, ...), naming `path`. Thread-safe.
Result<UniqueFd> OpenInRoot(int root_fd, std::string_view path, int flags, mode_t mode = 0);

/// OpenInRoot's userspace resolver (crun's safe_openat strategy): walks the path one
/// component at a time with openat(O_PATH | O_NOFOLLOW), reads every symlink and splices its
/// target in (restarting at the root for an absolute one), pops a stack of directory fds for
/// `..` (clamped at the root, never openat ".."), and fails with ELOOP (kInvalidArgument) after
/// 40 symlinks. Same contract as OpenInRoot; exposed so that it can be tested on any kernel.
Result<UniqueFd> OpenInRootFallback(int root_fd, std::string_view path, int flags,
                                    mode_t mode = 0);

/// `mkdir -p path` inside `root_fd`, confined like OpenInRoot: missing directories are created
/// with `mode` (before umask), symlinks are followed within the root, so a dangling symlink's
/// confined target is created too. Returns an O_PATH fd of the final directory (usable as the
/// dirfd of *at calls). Errors: kNotFound (ENOTDIR) when a component exists and is not a
/// directory, kInvalidArgument on symlink loops, FailErrno kinds otherwise.
Result<UniqueFd> MkdirAllInRoot(int root_fd, std::string_view path, mode_t mode);

/// The directory that will hold a path's final component, and that component's name.
struct ParentInRoot {
  UniqueFd dir;      ///< O_PATH fd of the parent directory, resolved inside the root.
  std::string name;  ///< The final component, never resolved: create it with mkdirat,
                     ///< symlinkat, mknodat, linkat, renameat, unlinkat, openat(O_NOFOLLOW).
};

/// Splits `path` (cleaned lexically; a leading "/" means the root) into its parent, opened
/// confined to the root (created first with mode 0755 when `create_parents`), and its final
/// component, which is not looked at: creating it never follows a symlink that is already
/// there. Errors: kInvalidArgument when `path` names the root itself or leaves it lexically
/// ("../x"), otherwise as OpenInRoot / MkdirAllInRoot.
Result<ParentInRoot> OpenParentInRoot(int root_fd, std::string_view path, bool create_parents);

/// Removes `name` in `dir_fd` and, for a directory, everything below it, never following a
/// symlink (so it cannot leave the directory it starts in). A missing `name` is success.
/// Errors: FailErrno kinds naming `name`.
Status RemoveAllAt(int dir_fd, const std::string& name);

/// Removes `path` inside the root when it is an empty regular file, or a directory holding
/// nothing but such stubs at any depth (what an OCI runtime leaves behind for mount points);
/// whatever else is there stays, with the directories leading to it. The parent is resolved as
/// OpenParentInRoot does *now*, so a component swapped for a symlink since the path was last
/// looked at (by a container that ran meanwhile) cannot lead the removal outside the root; no
/// symlink below is followed. A missing path is success. Errors: FailErrno kinds naming the
/// path (a symlink loop, permissions, ...).
Status RemoveStubsInRoot(int root_fd, std::string_view path);

/// Opens an existing directory on the host (O_RDONLY | O_DIRECTORY | O_CLOEXEC), following
/// symlinks in `path` (the caller trusts it). Errors: kNotFound, kPermissionDenied, ...
Result<UniqueFd> OpenDirectory(const std::filesystem::path& path);

}  // namespace manifold::util
