// Platform alias and known-name tables, after containerd's database.go (GOOS/GOARCH lists).
#include "image/internal/platform_names.hpp"

#include <algorithm>
#include <array>

namespace manifold::image::internal {

namespace {
constexpr std::array<std::string_view, 18> kKnownOs = {
    "aix",   "android", "darwin",  "dragonfly", "freebsd", "hurd",    "illumos", "ios",  "js",
    "linux", "nacl",    "netbsd",  "openbsd",   "plan9",   "solaris", "wasip1",  "windows", "zos"};
constexpr std::array<std::string_view, 25> kKnownArch = {
    "386",      "amd64",    "amd64p32",   "arm",         "armbe",   "arm64",  "arm64be",
    "ppc64",    "ppc64le",  "loong64",    "mips",        "mipsle",  "mips64", "mips64le",
    "mips64p32", "mips64p32le", "ppc",    "riscv",       "riscv64", "s390",   "s390x",
    "sparc",    "sparc64",  "wasm",       "wasm32"};
}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string NormalizeOsName(std::string_view os) {
  std::string out = Lower(os);
  if (out == "macos") out = "darwin";
  return out;
}

std::pair<std::string, std::string> NormalizeArch(std::string_view arch_in,
                                                  std::string_view variant_in) {
  std::string arch = Lower(arch_in);
  std::string variant = Lower(variant_in);
  if (arch == "i386") {
    return {"386", ""};
  }
  if (arch == "x86_64" || arch == "x86-64" || arch == "amd64") {
    // v1 is the amd64 baseline, represented without a variant.
    return {"amd64", variant == "v1" ? "" : variant};
  }
  if (arch == "aarch64" || arch == "arm64") {
    // v8 is the arm64 baseline; a bare v9 is spelled "v9".
    if (variant == "8" || variant == "v8" || variant == "v8.0") variant.clear();
    if (variant == "9" || variant == "9.0" || variant == "v9.0") variant = "v9";
    return {"arm64", variant};
  }
  // armhf/armel name an ABI that fixes the variant, whatever was written beside them.
  if (arch == "armhf") return {"arm", "v7"};
  if (arch == "armel") return {"arm", "v6"};
  if (arch == "arm") {
    if (variant.empty() || variant == "7") variant = "v7";
    if (variant == "5" || variant == "6" || variant == "8") variant = "v" + variant;
    return {"arm", variant};
  }
  return {arch, variant};
}

bool IsKnownOs(std::string_view os) {
  return std::find(kKnownOs.begin(), kKnownOs.end(), os) != kKnownOs.end();
}

bool IsKnownArch(std::string_view arch) {
  return std::find(kKnownArch.begin(), kKnownArch.end(), arch) != kKnownArch.end();
}

}  // namespace manifold::image::internal
