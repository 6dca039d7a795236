// HostPlatform: the running machine's platform from uname(2).
#include <sys/utsname.h>

#include "image/internal/platform_names.hpp"
#include "image/platform_parse.hpp"

namespace manifold::image {

Platform HostPlatform() {
  struct utsname u {};
  Platform p;
  // uname(2) cannot fail with a valid buffer; keep a sane value all the same.
  if (uname(&u) != 0) {
    p.os = "linux";
    p.architecture = "amd64";
    return p;
  }
  p.os = internal::NormalizeOsName(u.sysname);
  std::string machine = internal::Lower(u.machine);
  // The kernel's machine names differ from Go's GOARCH; the 32-bit arm ones carry the variant.
  if (machine == "armv7l" || machine == "armv7") {
    p.architecture = "arm";
    p.variant = "v7";
  } else if (machine == "armv6l" || machine == "armv6") {
    p.architecture = "arm";
    p.variant = "v6";
  } else if (machine.starts_with("armv5")) {
    p.architecture = "arm";
    p.variant = "v5";
  } else if (machine == "i686" || machine == "i586" || machine == "i486") {
    p.architecture = "386";
  } else {
    std::tie(p.architecture, p.variant) = internal::NormalizeArch(machine, "");
  }
  return p;
}

}  // namespace manifold::image
