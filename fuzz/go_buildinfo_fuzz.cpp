// libFuzzer target: Go build info in ELF files (attest::ReadGoBuildInfo and what it calls).
//
// Input: a file's bytes, read as an ELF binary, as a .go.buildinfo section's bytes and as the
// module info text. A corrupt binary must give an error or nullopt, never a crash, an
// out-of-bounds read or an allocation beyond the input's bounds; what parses must be usable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "attest/go_buildinfo.hpp"
#include "attest/go_packages.hpp"

namespace attest = manifold::attest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto elf = attest::ReadGoBuildInfo(attest::MemoryByteSource(bytes));
  if (!elf) (void)elf.error().What();
  auto section = attest::DecodeGoBuildInfo(bytes);
  if (section) {
    attest::ScanReport report;
    attest::AddGoPackages(*section, "/fuzz", report);
    if (report.go_binaries != 1 || report.packages.empty()) std::abort();  // stdlib is always there
  }
  attest::GoBuildInfo info;
  (void)attest::ParseGoModInfo(bytes, info);
  return 0;
}
