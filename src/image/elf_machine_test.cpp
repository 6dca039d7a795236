// ELF header classification: hand-made headers for every architecture of the table.
#include "image/elf_machine.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace manifold::image {
namespace {

struct HeaderSpec {
  bool is_64bit = true;
  bool little = true;
  uint16_t type = 2;  // ET_EXEC
  uint16_t machine = 0;
  uint32_t flags = 0;
};

void Put(std::vector<uint8_t>& b, size_t at, uint32_t v, size_t width, bool little) {
  for (size_t i = 0; i < width; ++i) {
    auto byte = static_cast<uint8_t>(v >> (8 * i));
    b[at + (little ? i : width - 1 - i)] = byte;
  }
}

std::vector<uint8_t> Header(const HeaderSpec& s) {
  std::vector<uint8_t> b(kElfHeaderBytes, 0);
  b[0] = 0x7f, b[1] = 'E', b[2] = 'L', b[3] = 'F';
  b[4] = s.is_64bit ? 2 : 1;
  b[5] = s.little ? 1 : 2;
  b[6] = 1;
  Put(b, 16, s.type, 2, s.little);
  Put(b, 18, s.machine, 2, s.little);
  Put(b, 20, 1, 4, s.little);
  Put(b, s.is_64bit ? 48 : 36, s.flags, 4, s.little);
  return b;
}

Platform Linux(std::string arch, std::string variant = "") {
  Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

struct Row {
  const char* name;
  HeaderSpec header;
  const char* architecture;
};

TEST(ElfMachine, EveryArchitectureOfTheTable) {
  const Row rows[] = {
      {"x86-64", {.machine = 62}, "amd64"},
      {"x32", {.is_64bit = false, .machine = 62}, "amd64"},
      {"i386", {.is_64bit = false, .machine = 3}, "386"},
      {"aarch64", {.machine = 183}, "arm64"},
      {"arm eabi5 hf", {.is_64bit = false, .machine = 40, .flags = 0x05000400}, "arm"},
      {"riscv64", {.machine = 243}, "riscv64"},
      {"riscv32 is not a platform", {.is_64bit = false, .machine = 243}, ""},
      {"ppc64le", {.machine = 21}, "ppc64le"},
      {"ppc64 big endian", {.little = false, .machine = 21}, "ppc64"},
      {"s390x", {.little = false, .machine = 22}, "s390x"},
      {"mips64le", {.machine = 8}, "mips64le"},
      {"mips64", {.little = false, .machine = 8}, "mips64"},
      {"mipsle", {.is_64bit = false, .machine = 8}, "mipsle"},
      {"loong64", {.machine = 258}, "loong64"},
      {"a shared object", {.type = 3, .machine = 183}, "arm64"},
      {"eBPF object machine", {.machine = 247}, ""},
  };
  for (const Row& row : rows) {
    auto bytes = Header(row.header);
    auto elf = ReadElfHeader(bytes);
    ASSERT_TRUE(elf) << row.name;
    EXPECT_EQ(elf->architecture, row.architecture) << row.name;
    EXPECT_EQ(elf->machine, row.header.machine) << row.name;
    EXPECT_EQ(elf->is_64bit, row.header.is_64bit) << row.name;
    EXPECT_EQ(elf->little_endian, row.header.little) << row.name;
    EXPECT_EQ(elf->flags, row.header.flags) << row.name;
  }
}

TEST(ElfMachine, NotExecutablesAreNotElfMachines) {
  auto elf = Header({.machine = 62});
  EXPECT_FALSE(ReadElfHeader(std::span(elf).first(19))) << "shorter than e_machine's end";
  EXPECT_TRUE(ReadElfHeader(std::span(elf).first(20))) << "20 bytes are enough";
  auto bad_magic = elf;
  bad_magic[1] = 'X';
  EXPECT_FALSE(ReadElfHeader(bad_magic));
  auto bad_class = elf;
  bad_class[4] = 3;
  EXPECT_FALSE(ReadElfHeader(bad_class));
  auto bad_data = elf;
  bad_data[5] = 0;
  EXPECT_FALSE(ReadElfHeader(bad_data));
  EXPECT_FALSE(ReadElfHeader(Header({.type = 1, .machine = 62}))) << "relocatable object";
  EXPECT_FALSE(ReadElfHeader(Header({.type = 4, .machine = 62}))) << "core dump";
  const std::string script = "#!/bin/sh\necho this is not an ELF file at all\n";
  EXPECT_FALSE(ReadElfHeader(std::span(reinterpret_cast<const uint8_t*>(script.data()), script.size())));
}

TEST(ElfMachine, ShortHeaderHasNoFlags) {
  auto arm = Header({.is_64bit = false, .machine = 40, .flags = 0x05000400});
  auto elf = ReadElfHeader(std::span(arm).first(39));
  ASSERT_TRUE(elf);
  EXPECT_EQ(elf->architecture, "arm");
  EXPECT_EQ(elf->flags, 0u);
}

TEST(ElfMachine, RunsOnItsPlatformOnly) {
  auto amd64 = *ReadElfHeader(Header({.machine = 62}));
  auto i386 = *ReadElfHeader(Header({.is_64bit = false, .machine = 3}));
  auto arm64 = *ReadElfHeader(Header({.machine = 183}));
  auto arm = *ReadElfHeader(Header({.is_64bit = false, .machine = 40, .flags = 0x05000400}));
  auto bpf = *ReadElfHeader(Header({.machine = 247}));
  EXPECT_TRUE(ElfRunsOn(amd64, Linux("amd64")));
  EXPECT_TRUE(ElfRunsOn(amd64, Linux("amd64", "v3")));
  EXPECT_FALSE(ElfRunsOn(amd64, Linux("arm64")));
  EXPECT_FALSE(ElfRunsOn(arm64, Linux("amd64")));
  EXPECT_TRUE(ElfRunsOn(i386, Linux("amd64"))) << "amd64 kernels run 386 binaries";
  EXPECT_FALSE(ElfRunsOn(amd64, Linux("386")));
  for (const char* v : {"v5", "v6", "v7", "v8"}) EXPECT_TRUE(ElfRunsOn(arm, Linux("arm", v))) << v;
  EXPECT_FALSE(ElfRunsOn(arm, Linux("arm64"))) << "no AArch32 on many arm64 CPUs";
  EXPECT_FALSE(ElfRunsOn(arm64, Linux("arm", "v7")));
  EXPECT_TRUE(ElfRunsOn(bpf, Linux("arm64"))) << "unknown machines are not judged";
  Platform windows = Linux("arm64");
  windows.os = "windows";
  EXPECT_TRUE(ElfRunsOn(amd64, windows));
}

TEST(ElfMachine, Describes) {
  EXPECT_EQ(DescribeElfMachine(*ReadElfHeader(Header({.machine = 62}))), "linux/amd64");
  EXPECT_EQ(DescribeElfMachine(*ReadElfHeader(Header({.is_64bit = false, .machine = 40, .flags = 0x05000400}))),
            "linux/arm (EABI5, hard-float)");
  EXPECT_EQ(DescribeElfMachine(*ReadElfHeader(Header({.is_64bit = false, .machine = 40, .flags = 0x05000200}))),
            "linux/arm (EABI5, soft-float)");
  EXPECT_EQ(DescribeElfMachine(*ReadElfHeader(Header({.machine = 247}))), "linux/e_machine 247");
}

}  // namespace
}  // namespace manifold::image
