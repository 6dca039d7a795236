// ProbeEmulation: hand-made exit(0) ELF executables, run in a child.
#include "executor/emulation_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <random>

#include <fmt/format.h>

#include "image/platform_parse.hpp"
#include "util/subprocess.hpp"
#include "util/unique_fd.hpp"

namespace manifold::executor {

namespace {

constexpr uint64_t kBase = 0x400000;  // where the single segment is loaded

struct ElfSpec {
  std::string_view arch;
  bool is64;
  bool big_endian;
  uint16_t machine;
  uint32_t flags;
  std::string_view code;  // exit(0), in the target's byte order
};

// exit(0) for each architecture: the syscall number in its register, status 0, the trap.
constexpr std::array kSpecs = {
    // mov x0, #0; mov x8, #93 (exit); svc #0
    ElfSpec{"arm64", true, false, 183, 0, std::string_view("\x00\x00\x80\xd2\xa8\x0b\x80\xd2\x01\x00\x00\xd4", 12)},
    // mov r0, #0; mov r7, #1 (exit); svc #0 — EABI version 5
    ElfSpec{"arm", false, false, 40, 0x05000000,
            std::string_view("\x00\x00\xa0\xe3\x01\x70\xa0\xe3\x00\x00\x00\xef", 12)},
    // li a0, 0; li a7, 93 (exit); ecall
    ElfSpec{"riscv64", true, false, 243, 0, std::string_view("\x13\x05\x00\x00\x93\x08\xd0\x05\x73\x00\x00\x00", 12)},
    // li r0, 1 (exit); li r3, 0; sc — ELFv2 (no function descriptor for the entry)
    ElfSpec{"ppc64le", true, false, 21, 2, std::string_view("\x01\x00\x00\x38\x00\x00\x60\x38\x02\x00\x00\x44", 12)},
    // lghi %r2, 0; svc 1 (exit)
    ElfSpec{"s390x", true, true, 22, 0, std::string_view("\xa7\x29\x00\x00\x0a\x01", 6)},
    // mov eax, 1 (exit); xor ebx, ebx; int 0x80
    ElfSpec{"386", false, false, 3, 0, std::string_view("\xb8\x01\x00\x00\x00\x31\xdb\xcd\x80", 9)},
    // mov eax, 60 (exit); xor edi, edi; syscall
    ElfSpec{"amd64", true, false, 62, 0, std::string_view("\xb8\x3c\x00\x00\x00\x31\xff\x0f\x05", 9)},
};

class Writer {
 public:
  explicit Writer(bool big_endian) : big_endian_(big_endian) {}
  void Bytes(std::string_view b) { out_ += b; }
  void U(uint64_t value, int size) {
    for (int i = 0; i < size; ++i) {
      const int shift = big_endian_ ? 8 * (size - 1 - i) : 8 * i;
      out_ += static_cast<char>((value >> shift) & 0xff);
    }
  }
  std::string& out() { return out_; }

 private:
  bool big_endian_;
  std::string out_;
};

std::string BuildElf(const ElfSpec& s) {
  const int word = s.is64 ? 8 : 4;
  const uint64_t header = s.is64 ? 64 : 52;
  const uint64_t phdr = s.is64 ? 56 : 32;
  const uint64_t size = header + phdr + s.code.size();
  Writer w(s.big_endian);
  w.Bytes("\x7f" "ELF");
  w.U(s.is64 ? 2 : 1, 1);  // class
  w.Bytes(s.big_endian ? std::string_view("\x02", 1) : std::string_view("\x01", 1));
  w.Bytes(std::string_view("\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 10));  // version, System V ABI, padding
  w.U(2, 2);                        // ET_EXEC
  w.U(s.machine, 2);
  w.U(1, 4);                        // EV_CURRENT
  w.U(kBase + header + phdr, word);  // entry: the code after the program header
  w.U(header, word);                // program headers right after this one
  w.U(0, word);                     // no section headers
  w.U(s.flags, 4);
  w.U(header, 2);
  w.U(phdr, 2);
  w.U(1, 2);                        // one program header
  w.U(0, 2);
  w.U(0, 2);
  w.U(0, 2);
  if (s.is64) {
    w.U(1, 4);                      // PT_LOAD
    w.U(5, 4);                      // R + X
    w.U(0, 8);                      // the whole file
    w.U(kBase, 8);
    w.U(kBase, 8);
    w.U(size, 8);
    w.U(size, 8);
    w.U(0x1000, 8);
  } else {
    w.U(1, 4);
    w.U(0, 4);
    w.U(kBase, 4);
    w.U(kBase, 4);
    w.U(size, 4);
    w.U(size, 4);
    w.U(5, 4);
    w.U(0x1000, 4);
  }
  w.Bytes(s.code);
  return std::move(w.out());
}

}  // namespace

std::vector<std::string> ProbeableArchitectures() {
  std::vector<std::string> out;
  const std::string host = image::HostPlatform().architecture;
  for (const auto& s : kSpecs) {
    if (s.arch != host) out.emplace_back(s.arch);
  }
  return out;
}

std::string ExitZeroElf(std::string_view arch) {
  for (const auto& s : kSpecs) {
    if (s.arch == arch) return BuildElf(s);
  }
  return {};
}

bool ProbeEmulation(std::string_view arch, const std::filesystem::path& dir) {
  const std::string elf = ExitZeroElf(arch);
  if (elf.empty()) return false;
  std::random_device random;
  const std::filesystem::path file = dir / fmt::format(".probe-{}-{}-{:08x}", arch, ::getpid(), random());
  {
    util::UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700));
    if (!fd) return false;
    if (::write(fd.get(), elf.data(), elf.size()) != static_cast<ssize_t>(elf.size())) {
      ::unlink(file.c_str());
      return false;
    }
  }
  auto run = util::RunProcessWithEnv({file.string()}, {});
  const bool ran = run && run->exit_code == 0;
  ::unlink(file.c_str());
  return ran;
}

}  // namespace manifold::executor
