// Apply: libarchive (loaded on first use) reads the tar stream; the Extractor writes it inside the root.
#include "snapshot/apply.hpp"

#include <fcntl.h>

#include <memory>

#include "content/archive_input.hpp"
#include "content/archive_library.hpp"
#include "snapshot/internal/extractor.hpp"
#include "util/confined.hpp"

namespace manifold::snapshot {

namespace {

struct ArchiveFree {
  void operator()(archive* a) const { content::Archive().read_free(a); }
};

std::string ArchiveError(archive* a) {
  const char* message = content::Archive().error_string(a);
  return message ? message : "unknown error";
}

}  // namespace

util::Result<ApplyStats> ApplyAt(int tar_fd, int root_fd, const ApplyOptions& options) {
  // libarchive is loaded here, on the first layer applied (content/archive_library.hpp says why).
  MANIFOLD_CHECK(content::LoadArchive());
  content::ArchiveInput input(tar_fd);  // declared first: the reader reads it until freed
  std::unique_ptr<archive, ArchiveFree> reader(content::Archive().read_new());
  if (!reader) return util::Fail(util::ErrorKind::kInternal, "archive_read_new failed");
  archive* a = reader.get();
  // Only the filters layers use, each detected by its magic. filter_all would also enable
  // filters that run external programs (lrzip, lzop, grzip) on untrusted input.
  content::Archive().read_support_filter_gzip(a);
  content::Archive().read_support_filter_zstd(a);
  content::Archive().read_support_filter_xz(a);
  content::Archive().read_support_filter_lzma(a);
  content::Archive().read_support_filter_bzip2(a);
  content::Archive().read_support_format_tar(a);    // ustar, pax (incl. SCHILY/LIBARCHIVE xattrs), GNU
  content::Archive().read_support_format_empty(a);  // a zero-byte layer is a valid empty layer
  if (input.Open(a) != ARCHIVE_OK) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "reading the archive: {} (expected a tar stream, plain or gzip, zstd, xz or "
                      "bzip2 compressed)",
                      ArchiveError(a));
  }
  internal::Extractor extractor(root_fd, options);
  uint64_t entries = 0;
  for (;;) {
    archive_entry* entry = nullptr;
    int r = content::Archive().read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    // ARCHIVE_WARN is not fatal: e.g. a UTF-8 pax name not representable in the C locale,
    // whose bytes libarchive still hands out unchanged, as we want them on disk.
    if (r < ARCHIVE_WARN) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "reading the archive after {} entries: {} (the archive is corrupt, "
                        "truncated, or not a tar stream)",
                        entries, ArchiveError(a));
    }
    ++entries;
    MANIFOLD_CHECK(extractor.Entry(a, entry));
  }
  MANIFOLD_CHECK(extractor.Finish());
  return extractor.stats();
}

util::Result<ApplyStats> Apply(int tar_fd, const std::filesystem::path& root, const ApplyOptions& options) {
  auto root_fd = util::OpenDirectory(root);
  if (!root_fd) return std::unexpected(std::move(root_fd.error()).Context("applying a layer"));
  auto stats = ApplyAt(tar_fd, root_fd->get(), options);
  if (!stats) return std::unexpected(std::move(stats.error()).Context("applying a layer onto {}", root.string()));
  return stats;
}

}  // namespace manifold::snapshot
