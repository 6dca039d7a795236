// libFuzzer target: snapshot::Apply of a (compressed) tar layer onto a fresh root per input.
//
// Input: one options byte, then the archive. Options byte: bits 0–1 the whiteout mode (0 and 3
// kApply, 1 kOverlay, 2 kLiteral), bit 2 --chown 1000:1000, bit 3 preserve_owners, bit 4
// no_devices. Runs inside tar_jail.hpp's jail: everything but the tmpfs it applies into is
// read-only, so an escape is reported (EROFS, or a file beside the root), never carried out.
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include "content/archive_library.hpp"
#include "snapshot/apply.hpp"
#include "tar_jail.hpp"

namespace fs = std::filesystem;
namespace snapshot = manifold::snapshot;

namespace {

constexpr int kTmpfsMb = 64;  // bounds what a decompression bomb can write
std::string g_work;
uint64_t g_iteration = 0;

[[noreturn]] void Escaped(const std::string& what) {
  std::fprintf(stderr, "tar_apply_fuzz: CONFINEMENT BROKEN: %s\n", what.c_str());
  std::abort();
}

void RemoveOrDie(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) {
    std::fprintf(stderr, "tar_apply_fuzz: cleaning %s: %s\n", path.c_str(), ec.message().c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  // libarchive is loaded on first use: before the jail, not inside the first input's Apply.
  if (auto lib = manifold::content::LoadArchive(); !lib) {
    std::fprintf(stderr, "tar_apply_fuzz: %s\n", lib.error().What().c_str());
    std::abort();
  }
  g_work = manifold_fuzz::EnterJail(manifold_fuzz::LibFuzzerOutputDirs(*argc, *argv), kTmpfsMb);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  snapshot::ApplyOptions options;
  switch (data[0] & 3) {
    case 1: options.whiteouts = snapshot::WhiteoutMode::kOverlay; break;
    case 2: options.whiteouts = snapshot::WhiteoutMode::kLiteral; break;
    default: options.whiteouts = snapshot::WhiteoutMode::kApply; break;
  }
  if (data[0] & 4) options.chown = snapshot::Owner{1000, 1000};
  options.preserve_owners = (data[0] & 8) != 0;
  options.no_devices = (data[0] & 16) != 0;

  const int tar_fd = ::memfd_create("layer", MFD_CLOEXEC);
  if (tar_fd < 0 || ::write(tar_fd, data + 1, size - 1) != static_cast<ssize_t>(size - 1) ||
      ::lseek(tar_fd, 0, SEEK_SET) != 0) {
    std::perror("tar_apply_fuzz: memfd");
    std::abort();
  }
  // A fresh root per input, inside a fresh directory: anything that lands beside `root`
  // got out of it.
  const fs::path iteration = fs::path(g_work) / std::to_string(++g_iteration);
  const fs::path root = iteration / "root";
  fs::create_directories(root);
  auto stats = snapshot::Apply(tar_fd, root, options);
  ::close(tar_fd);
  if (!stats) {
    const std::string why = stats.error().Describe();
    if (why.find(std::strerror(EROFS)) != std::string::npos) Escaped("a write outside the root: " + why);
  }
  for (const auto& entry : fs::directory_iterator(iteration)) {
    if (entry.path() != root) Escaped("Apply created " + entry.path().string());
  }
  RemoveOrDie(iteration);
  for (const auto& entry : fs::directory_iterator(g_work)) Escaped("Apply created " + entry.path().string());
  return 0;
}
