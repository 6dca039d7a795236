// Context archives: magic-number detection and a confined, bounded unpack.
#include "worker/context_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "snapshot/apply.hpp"
#include "util/confined.hpp"
#include "util/unique_fd.hpp"
#include "worker/internal/extract_limits.hpp"

namespace manifold::worker {

bool LooksLikeTarArchive(const std::filesystem::path& path) {
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  unsigned char head[512] = {};
  ssize_t n = ::pread(fd.get(), head, sizeof head, 0);
  if (n < 6) return false;
  static const unsigned char kGzip[] = {0x1f, 0x8b}, kBzip2[] = {'B', 'Z', 'h'},
                             kXz[] = {0xfd, '7', 'z', 'X', 'Z', 0x00}, kZstd[] = {0x28, 0xb5, 0x2f, 0xfd};
  if (!std::memcmp(head, kGzip, 2) || !std::memcmp(head, kBzip2, 3) || !std::memcmp(head, kXz, 6) ||
      !std::memcmp(head, kZstd, 4)) {
    return true;
  }
  return n == 512 && std::memcmp(head + 257, "ustar", 5) == 0;
}

util::Status ExtractContextArchive(const std::filesystem::path& archive, const std::filesystem::path& dest,
                                   std::string_view what) {
  util::UniqueFd fd(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return util::FailErrno(errno, "open " + archive.string());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, "stat " + archive.string());
  auto limits = internal::AddExtractLimits(static_cast<uint64_t>(st.st_size));
  if (!limits) return std::unexpected(std::move(limits.error()).Context("extracting the context from {}", what));
  snapshot::ApplyOptions options;
  options.whiteouts = snapshot::WhiteoutMode::kLiteral;
  options.preserve_owners = false;
  options.no_devices = true;
  options.max_bytes = limits->max_bytes;
  options.max_entries = limits->max_entries;
  options.limit_hint = std::move(limits->hint);
  // ApplyAt: errors name entries inside the archive, not our scratch path.
  auto root = util::OpenDirectory(dest);
  if (!root) return std::unexpected(std::move(root.error()).Context("extracting the context from {}", what));
  auto stats = snapshot::ApplyAt(fd.get(), root->get(), options);
  if (!stats) return std::unexpected(std::move(stats.error()).Context("extracting the context from {}", what));
  return {};
}

}  // namespace manifold::worker
