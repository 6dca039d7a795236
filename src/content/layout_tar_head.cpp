// LayoutTarHead: the archive's first entries and its first blob, written while the blob is made.
#include "content/layout_tar_head.hpp"

#include <unistd.h>

#include <cerrno>
#include <string>

#include "content/tar_header.hpp"
#include "content/tar_stream.hpp"

namespace manifold::content {

namespace {

constexpr int64_t kRecord = static_cast<int64_t>(kTarBlockSize);

}  // namespace

std::string LayoutTarBlobName(const image::Digest& digest) { return "blobs/sha256/" + std::string(digest.hex()); }

util::Result<std::unique_ptr<LayoutTarHead>> LayoutTarHead::Create(const std::filesystem::path& dest,
                                                                    int64_t mtime) {
  // Unnamed until the export commits it: a build killed before then leaves nothing beside dest.
  util::TempFile file = MANIFOLD_TRY(util::TempFile::CreateUnnamed(dest));
  return std::unique_ptr<LayoutTarHead>(new LayoutTarHead(std::move(file), mtime));
}

LayoutTarHead::~LayoutTarHead() = default;

std::unique_ptr<ArchiveBlobTee> LayoutTarHead::Claim() {
  {
    std::lock_guard lock(mutex_);
    if (claimed_) return nullptr;
    claimed_ = true;
  }
  std::unique_ptr<ArchiveBlobTee> tee(new ArchiveBlobTee(*this));
  // The directory entries as WriteLayoutTar() writes them, then a record the blob's header
  // fills once its digest and size are known.
  std::string start;
  for (std::string_view dir : kLayoutTarDirectories) {
    auto header = TarWriter::EntryHeader(dir, /*directory=*/true, 0, mtime_);
    if (!header || header->size() != kRecord) return tee;  // cannot happen for these names; the tee stays failed
    start += *header;
  }
  start.append(kRecord, '\0');
  tee->writer_ = std::make_unique<util::DirectWriter>(file_.fd(), file_.destination().string());
  tee->failed_ = false;
  (void)tee->Write(start);
  return tee;
}

std::optional<LayoutTarHead::Held> LayoutTarHead::held() const {
  std::lock_guard lock(mutex_);
  return held_;
}

void LayoutTarHead::Finished(const image::Digest& digest, int64_t size) {
  auto header = TarWriter::EntryHeader(LayoutTarBlobName(digest), /*directory=*/false, size, mtime_);
  // A blob past ustar's 8 GiB size field needs a pax header: more than the one record kept for it.
  if (!header || header->size() != kRecord) return;
  if (::pwrite(file_.fd(), header->data(), header->size(), kDataOffset - kRecord) != kRecord) return;
  std::lock_guard lock(mutex_);
  held_ = Held{digest, size, kDataOffset + (size + kRecord - 1) / kRecord * kRecord, mtime_};
}

ArchiveBlobTee::ArchiveBlobTee(LayoutTarHead& head) : head_(head), failed_(true) {}

ArchiveBlobTee::~ArchiveBlobTee() = default;

util::Status ArchiveBlobTee::Write(std::string_view data) {
  if (failed_) return {};
  if (!writer_->Write(data)) failed_ = true;
  return {};
}

void ArchiveBlobTee::Finish(const image::Digest& digest) {
  if (failed_) return;
  int64_t size = writer_->size() - LayoutTarHead::kDataOffset;
  // The entry's padding to a whole record, as TarWriter pads it.
  static constexpr char kZeros[kRecord] = {};
  if (size % kRecord != 0 && !writer_->Write(std::string_view(kZeros, static_cast<size_t>(kRecord - size % kRecord)))) {
    return;
  }
  if (!writer_->Finish()) return;
  head_.Finished(digest, size);
}

}  // namespace manifold::content
