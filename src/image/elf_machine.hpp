// ElfMachine: which platform an executable was built for, from its ELF header alone (no I/O).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "image/platform.hpp"

namespace manifold::image {

/// How many leading bytes of a file ReadElfHeader looks at; reading more gains nothing.
inline constexpr size_t kElfHeaderBytes = 64;

/// What an ELF header says about the machine its code is for.
struct ElfMachine {
  /// The OCI/GOARCH name: amd64, 386, arm64, arm, riscv64, ppc64le, ppc64, s390x, mips64le,
  /// mips64, mipsle, mips, loong64. Empty when e_machine (with class and byte order) is none of
  /// these (firmware, eBPF objects, …): such files are not judged.
  std::string architecture;
  uint16_t machine = 0;  ///< e_machine as read in the file's byte order
  bool is_64bit = false;  ///< EI_CLASS is ELFCLASS64
  bool little_endian = true;  ///< EI_DATA is ELFDATA2LSB
  uint32_t flags = 0;  ///< e_flags; 0 when `head` was too short to hold them
};

/// Reads the first bytes of a file (up to kElfHeaderBytes; fewer is fine). nullopt when they
/// are not the header of an ELF executable or shared object: shorter than 20 bytes, no ELF
/// magic, an invalid class or byte order, or an e_type other than ET_EXEC/ET_DYN (relocatable
/// objects and core dumps are data for toolchains and debuggers; the kernel never runs them).
std::optional<ElfMachine> ReadElfHeader(std::span<const uint8_t> head);

/// True when a container of `platform` can execute `elf`: same architecture, any variant (every
/// arm/vN accepts a 32-bit ARM binary; the v5/v6/v7 instruction level is not in the header).
/// One deliberate allowance: 386 binaries run in amd64 images, as amd64 kernels run them. ARM
/// in arm64 is NOT allowed: many arm64 CPUs (Apple M1, Neoverse V1/N2) have no AArch32 mode.
/// Files whose architecture is unknown, and platforms other than linux, are never judged (true).
bool ElfRunsOn(const ElfMachine& elf, const Platform& platform);

/// "linux/amd64", or "linux/arm (EABI5, hard-float)" for ARM, whose e_flags tell the ABI.
std::string DescribeElfMachine(const ElfMachine& elf);

}  // namespace manifold::image
