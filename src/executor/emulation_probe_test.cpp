// The probe binaries really are exit(0) programs of their architecture: each runs under its QEMU
// (run directly, no binfmt needed) and exits 0; the host's runs natively through ProbeEmulation.
#include "executor/emulation_probe.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "image/platform_parse.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace manifold::executor {
namespace {

std::string QemuFor(const std::string& arch) {
  if (arch == "arm64") return "qemu-aarch64-static";
  if (arch == "386") return "qemu-i386-static";
  if (arch == "amd64") return "qemu-x86_64-static";
  return "qemu-" + arch + "-static";
}

TEST(EmulationProbe, EachBinaryExitsZeroUnderItsQemu) {
  testing::TempDir dir;
  int ran = 0;
  for (const auto& arch : ProbeableArchitectures()) {
    SCOPED_TRACE(arch);
    const std::string elf = ExitZeroElf(arch);
    ASSERT_FALSE(elf.empty());
    ASSERT_EQ(elf.substr(0, 4), "\x7f" "ELF");
    const std::string qemu = "/usr/bin/" + QemuFor(arch);
    if (::access(qemu.c_str(), X_OK) != 0) continue;
    const auto file = dir / ("exit-" + arch);
    std::ofstream(file, std::ios::binary) << elf;
    ::chmod(file.c_str(), 0700);
    auto run = util::RunProcess({qemu, file.string()});
    ASSERT_TRUE(run);
    EXPECT_EQ(run->exit_code, 0) << run->err;
    ++ran;
  }
  if (ran == 0) GTEST_SKIP() << "qemu-user-static is not installed";
}

TEST(EmulationProbe, TheHostsOwnRunsAndNothingRunsForAnUnknownArchitecture) {
  testing::TempDir dir;
  const std::string host = image::HostPlatform().architecture;
  if (ExitZeroElf(host).empty()) GTEST_SKIP() << "no probe binary for " << host;
  EXPECT_TRUE(ProbeEmulation(host, dir.path()));
  EXPECT_TRUE(ExitZeroElf("vax").empty());
  EXPECT_FALSE(ProbeEmulation("vax", dir.path()));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "probe files are removed";
}

}  // namespace
}  // namespace manifold::executor
