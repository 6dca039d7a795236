// Which overlay xattr namespace this process's mounts use.
#include "snapshot/overlay_xattr.hpp"

#include <sys/xattr.h>

#include "util/id_map.hpp"

namespace manifold::snapshot {

bool OverlayUsesUserXattr() { return util::CurrentUserNamespace().rootless; }

const char* OpaqueXattrName() {
  return OverlayUsesUserXattr() ? "user.overlay.opaque" : "trusted.overlay.opaque";
}

bool IsOpaqueDir(int dir_fd) {
  char value[2] = {};
  return ::fgetxattr(dir_fd, OpaqueXattrName(), value, sizeof value) == 1 && value[0] == 'y';
}

bool IsOpaqueDir(const char* path) {
  char value[2] = {};
  return ::lgetxattr(path, OpaqueXattrName(), value, sizeof value) == 1 && value[0] == 'y';
}

}  // namespace manifold::snapshot
