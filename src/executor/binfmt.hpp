// executor::binfmt: QEMU user-mode handlers in binfmt_misc, so foreign binaries run in containers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::executor {

/// One QEMU handler as Debian's qemu-user-static describes it (/usr/share/binfmts/qemu-NAME).
struct BinfmtHandler {
  std::string name;           ///< "qemu-aarch64"
  std::string interpreter;    ///< the static qemu binary
  std::string magic, mask;    ///< as in the file (\xNN escapes, which binfmt_misc understands)
  std::string offset = "0";
  bool credentials = false;   ///< binfmt's C flag
  bool preserve = false;      ///< binfmt's P flag (keep argv[0])
  image::Platform platform;   ///< what it runs: linux/arm64, linux/arm/v7, ...
  bool registered = false;    ///< currently in /proc/sys/fs/binfmt_misc and enabled
};

/// Where binfmt_misc lives; mounted by EnsureBinfmtMounted() when it is not.
inline constexpr const char* kBinfmtDir = "/proc/sys/fs/binfmt_misc";

/// Mounts binfmt_misc at kBinfmtDir if needed (no systemd does it here). Needs root.
util::Status EnsureBinfmtMounted();

/// The handlers qemu-user-static provides for platforms manifold knows (arm64, arm/v7 and v6,
/// riscv64, ppc64le, s390x, 386, mips64le, loong64, amd64 on other hosts), with whether each is
/// registered. The host's own platform is never listed.
util::Result<std::vector<BinfmtHandler>> ListHandlers();

/// Registers the handlers for `which` ("all", or architectures: "arm64", "arm", "riscv64", …)
/// with the F flag (the interpreter is opened now, so containers need no QEMU inside).
/// Already registered ones are left alone. Errors name the unknown architecture or the kernel's
/// refusal; not being root is a clear kPermissionDenied.
util::Status InstallHandlers(const std::vector<std::string>& which);

/// Removes the handlers for `which` (same names); absent ones are fine.
util::Status UninstallHandlers(const std::vector<std::string>& which);

/// Platforms this machine can run: the host's (natively, with its compatible variants) and
/// those of registered handlers.
util::Result<std::vector<image::Platform>> RunnablePlatforms();

}  // namespace manifold::executor
