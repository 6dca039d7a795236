// The overlayfs xattrs snapshots carry: trusted.overlay.* as root, user.overlay.* in a user namespace.
#pragma once

namespace manifold::snapshot {

/// Whether overlay mounts here take the "userxattr" option (a user namespace: rootless, where
/// trusted.* xattrs are the initial namespace's alone; util::CurrentUserNamespace()).
bool OverlayUsesUserXattr();

/// The xattr overlayfs reads as "this directory hides the layers below it" on this host's
/// mounts: "trusted.overlay.opaque", or "user.overlay.opaque" with OverlayUsesUserXattr(). An
/// unpacked layer and the diff of a step agree on it, so a layer's tar does not depend on it.
const char* OpaqueXattrName();

/// Whether the directory open at `dir_fd` (or at `path`, not followed) is marked opaque
/// (OpaqueXattrName() = "y").
bool IsOpaqueDir(int dir_fd);
bool IsOpaqueDir(const char* path);

}  // namespace manifold::snapshot
