// binfmt_misc registration from Debian's qemu-user-static descriptions.
#include "executor/binfmt.hpp"

#include "executor/emulation_probe.hpp"

#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "image/platform_parse.hpp"
#include "util/id_map.hpp"
#include "util/temp_file.hpp"

namespace manifold::executor {
namespace {

namespace fs = std::filesystem;
constexpr const char* kDescriptions = "/usr/share/binfmts";
constexpr long kBinfmtMagic = 0x42494e4d;  // "BINM", binfmt_misc's f_type

// QEMU's names → the platforms they run (the first is what the handler is listed as).
const std::map<std::string, std::vector<std::string>>& Targets() {
  static const std::map<std::string, std::vector<std::string>> targets = {
      {"aarch64", {"linux/arm64"}},   {"arm", {"linux/arm/v7", "linux/arm/v6"}},
      {"riscv64", {"linux/riscv64"}}, {"ppc64le", {"linux/ppc64le"}},
      {"s390x", {"linux/s390x"}},     {"i386", {"linux/386"}},
      {"mips64el", {"linux/mips64le"}}, {"loongarch64", {"linux/loong64"}},
      {"x86_64", {"linux/amd64"}},
  };
  return targets;
}

// "arm64" (what users type, docker's names) → QEMU's "aarch64".
std::optional<std::string> QemuName(std::string arch) {
  if (arch == "arm64") return "aarch64";
  if (arch == "amd64") return "x86_64";
  if (arch == "386") return "i386";
  if (arch == "mips64le") return "mips64el";
  if (arch == "loong64") return "loongarch64";
  if (Targets().contains(arch)) return arch;
  return std::nullopt;
}

bool Registered(const std::string& name) {
  std::ifstream in(fs::path(kBinfmtDir) / name);
  std::string first;
  return in && std::getline(in, first) && first == "enabled";
}

std::optional<BinfmtHandler> ReadDescription(const std::string& qemu) {
  std::ifstream in(fs::path(kDescriptions) / ("qemu-" + qemu));
  if (!in) return std::nullopt;
  BinfmtHandler h;
  h.name = "qemu-" + qemu;
  for (std::string line; std::getline(in, line);) {
    auto space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string key = line.substr(0, space), value = line.substr(space + 1);
    if (key == "interpreter") h.interpreter = value;
    else if (key == "magic") h.magic = value;
    else if (key == "mask") h.mask = value;
    else if (key == "offset") h.offset = value;
    else if (key == "credentials") h.credentials = value == "yes";
    else if (key == "preserve") h.preserve = value == "yes";
  }
  if (h.interpreter.empty() || h.magic.empty()) return std::nullopt;
  h.platform = *image::ParsePlatformFlag(Targets().at(qemu).front(), image::HostPlatform());
  h.registered = Registered(h.name);
  return h;
}

util::Status NeedRoot(std::string_view what) {
  if (::geteuid() != 0) return util::Fail(util::ErrorKind::kPermissionDenied, "{} needs root (binfmt_misc is the kernel's)", what);
  return {};
}

util::Result<std::vector<std::string>> Resolve(const std::vector<std::string>& which) {
  std::vector<std::string> out;
  for (const auto& w : which) {
    if (w == "all") {
      for (const auto& [qemu, _] : Targets()) out.push_back(qemu);
      continue;
    }
    auto q = QemuName(w);
    if (!q) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "unknown architecture {:?} (arm64, arm, riscv64, ppc64le, s390x, 386, mips64le, loong64, amd64, all)", w);
    }
    out.push_back(*q);
  }
  return out;
}

// binfmt_misc is mounted where we look, or can be (as root).
bool BinfmtReadable() { return EnsureBinfmtMounted().has_value(); }

}  // namespace

util::Status EnsureBinfmtMounted() {
  struct statfs st {};
  if (::statfs(kBinfmtDir, &st) == 0 && static_cast<long>(st.f_type) == kBinfmtMagic) return {};
  MANIFOLD_CHECK(NeedRoot("mounting binfmt_misc"));
  // Root of a user namespace may mount binfmt_misc (Linux 6.7+), but gets an empty instance of
  // its own, which would then hide the host's handlers from everything run in that namespace.
  if (util::CurrentUserNamespace().rootless) {
    return util::Fail(util::ErrorKind::kPermissionDenied,
                      "binfmt_misc is not mounted at {}, and a rootless process does not mount its own (it would "
                      "hide the host's handlers)",
                      kBinfmtDir);
  }
  if (::mount("binfmt_misc", kBinfmtDir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
    return util::FailErrno(errno, std::string("mounting binfmt_misc at ") + kBinfmtDir);
  }
  return {};
}

util::Result<std::vector<BinfmtHandler>> ListHandlers() {
  (void)EnsureBinfmtMounted();  // listing without root shows what it can
  std::string host_arch = image::HostPlatform().architecture;
  std::vector<BinfmtHandler> out;
  for (const auto& [qemu, _] : Targets()) {
    auto h = ReadDescription(qemu);
    if (!h || h->platform.architecture == host_arch) continue;
    out.push_back(std::move(*h));
  }
  return out;
}

util::Status InstallHandlers(const std::vector<std::string>& which) {
  MANIFOLD_CHECK(NeedRoot("binfmt install"));
  MANIFOLD_CHECK(EnsureBinfmtMounted());
  for (const auto& qemu : MANIFOLD_TRY(Resolve(which))) {
    auto h = ReadDescription(qemu);
    if (!h) {
      if (which.size() == 1 && which[0] == "all") continue;
      return util::Fail(util::ErrorKind::kNotFound, "no QEMU handler for {} ({}/qemu-{} is missing; scripts/setup installs qemu-user-static)",
                        qemu, kDescriptions, qemu);
    }
    if (h->platform.architecture == image::HostPlatform().architecture || h->registered) continue;
    std::string flags = std::string("F") + (h->credentials ? "C" : "") + (h->preserve ? "P" : "");
    std::string line = ":" + h->name + ":M:" + h->offset + ":" + h->magic + ":" + h->mask + ":" + h->interpreter + ":" + flags;
    std::ofstream reg(fs::path(kBinfmtDir) / "register");
    reg << line;
    reg.flush();
    if (!reg) return util::Fail(util::ErrorKind::kInternal, "the kernel refused the binfmt_misc handler {}", h->name);
  }
  return {};
}

util::Status UninstallHandlers(const std::vector<std::string>& which) {
  MANIFOLD_CHECK(NeedRoot("binfmt uninstall"));
  MANIFOLD_CHECK(EnsureBinfmtMounted());
  for (const auto& qemu : MANIFOLD_TRY(Resolve(which))) {
    fs::path entry = fs::path(kBinfmtDir) / ("qemu-" + qemu);
    std::error_code ec;
    if (!fs::exists(entry, ec)) continue;
    std::ofstream out(entry);
    out << "-1";
    out.flush();
    if (!out) return util::Fail(util::ErrorKind::kInternal, "removing the binfmt_misc handler qemu-{}", qemu);
  }
  return {};
}

util::Result<std::vector<image::Platform>> RunnablePlatforms() {
  std::vector<image::Platform> out = {image::HostPlatform()};
  auto add = [&out](const std::string& qemu) {
    for (const auto& p : Targets().at(qemu)) out.push_back(*image::ParsePlatformFlag(p, image::HostPlatform()));
  };
  if (!BinfmtReadable()) {
    // A container's /proc has no binfmt_misc (and we may not mount one), yet the host's
    // handlers, registered with the F flag, serve it: ask the kernel by running a binary of
    // each architecture, once per process.
    static const std::vector<std::string> probed = [] {
      std::vector<std::string> found;
      std::error_code ec;
      const fs::path dir = fs::temp_directory_path(ec);
      for (const auto& arch : ProbeableArchitectures()) {
        if (!ec && ProbeEmulation(arch, dir)) found.push_back(*QemuName(arch));
      }
      return found;
    }();
    for (const auto& qemu : probed) add(qemu);
    return out;
  }
  for (const auto& h : MANIFOLD_TRY(ListHandlers())) {
    if (h.registered) add(h.name.substr(5));
  }
  return out;
}

}  // namespace manifold::executor
