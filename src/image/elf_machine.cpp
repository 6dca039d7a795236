// ELF header → architecture (System V gABI, "ELF Header"; e_machine values from elf.h).
#include "image/elf_machine.hpp"

#include <fmt/format.h>

namespace manifold::image {

namespace {

constexpr uint8_t kClass32 = 1, kClass64 = 2;
constexpr uint8_t kDataLsb = 1, kDataMsb = 2;
constexpr uint16_t kTypeExec = 2, kTypeDyn = 3;
constexpr uint16_t kEm386 = 3, kEmMips = 8, kEmPpc64 = 21, kEmS390 = 22, kEmArm = 40, kEmX86_64 = 62,
                   kEmAarch64 = 183, kEmRiscv = 243, kEmLoongarch = 258;
// ARM ELF ABI (aaelf32) 5.2: the top byte of e_flags is the EABI version, bits 9/10 the float ABI.
constexpr uint32_t kArmEabiMask = 0xff000000u, kArmFloatHard = 0x400u, kArmFloatSoft = 0x200u;

uint32_t Read(std::span<const uint8_t> b, size_t offset, size_t width, bool little) {
  uint32_t v = 0;
  for (size_t i = 0; i < width; ++i) {
    uint32_t byte = b[offset + (little ? width - 1 - i : i)];
    v = (v << 8) | byte;
  }
  return v;
}

std::string Architecture(uint16_t machine, bool is_64bit, bool little) {
  switch (machine) {
    case kEm386: return "386";
    case kEmX86_64: return "amd64";  // x32 (ELFCLASS32) is an amd64-kernel ABI too
    case kEmAarch64: return "arm64";
    case kEmArm: return is_64bit ? "" : "arm";
    case kEmRiscv: return is_64bit ? "riscv64" : "";
    case kEmPpc64: return little ? "ppc64le" : "ppc64";
    case kEmS390: return is_64bit ? "s390x" : "";
    case kEmMips:
      if (is_64bit) return little ? "mips64le" : "mips64";
      return little ? "mipsle" : "mips";
    case kEmLoongarch: return is_64bit ? "loong64" : "";
    default: return "";
  }
}

}  // namespace

std::optional<ElfMachine> ReadElfHeader(std::span<const uint8_t> head) {
  // e_ident (16 bytes), e_type, e_machine: the least that can say anything.
  if (head.size() < 20) return std::nullopt;
  if (head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') return std::nullopt;
  const uint8_t cls = head[4], data = head[5];
  if ((cls != kClass32 && cls != kClass64) || (data != kDataLsb && data != kDataMsb)) return std::nullopt;
  ElfMachine elf;
  elf.is_64bit = cls == kClass64;
  elf.little_endian = data == kDataLsb;
  const auto type = static_cast<uint16_t>(Read(head, 16, 2, elf.little_endian));
  if (type != kTypeExec && type != kTypeDyn) return std::nullopt;
  elf.machine = static_cast<uint16_t>(Read(head, 18, 2, elf.little_endian));
  // e_flags follows e_version, e_entry, e_phoff and e_shoff, which are word-sized.
  const size_t flags_at = elf.is_64bit ? 48 : 36;
  if (head.size() >= flags_at + 4) elf.flags = Read(head, flags_at, 4, elf.little_endian);
  elf.architecture = Architecture(elf.machine, elf.is_64bit, elf.little_endian);
  return elf;
}

bool ElfRunsOn(const ElfMachine& elf, const Platform& platform) {
  if (elf.architecture.empty() || platform.os != "linux") return true;
  if (elf.architecture == platform.architecture) return true;
  return elf.architecture == "386" && platform.architecture == "amd64";
}

std::string DescribeElfMachine(const ElfMachine& elf) {
  std::string name = "linux/" + (elf.architecture.empty() ? fmt::format("e_machine {}", elf.machine) : elf.architecture);
  if (elf.machine != kEmArm) return name;
  const uint32_t eabi = (elf.flags & kArmEabiMask) >> 24;
  std::string abi = eabi == 0 ? "OABI" : fmt::format("EABI{}", eabi);
  if (elf.flags & kArmFloatHard) abi += ", hard-float";
  else if (elf.flags & kArmFloatSoft) abi += ", soft-float";
  return fmt::format("{} ({})", name, abi);
}

}  // namespace manifold::image
