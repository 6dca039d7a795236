// libarchive-backed tar writing (deterministic headers) and reading.
#include "content/tar_stream.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include "util/direct_writer.hpp"
#include "util/fd_copy.hpp"
#include "util/temp_file.hpp"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <utility>

namespace manifold::content {

namespace {

util::Error ArchiveError(archive* a, std::string_view op, std::string_view what) {
  const char* message = archive_error_string(a);
  return util::Error(util::ErrorKind::kInternal,
                     fmt::format("{} {}: {}", op, what, message ? message : "unknown libarchive error"));
}

struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

util::Status WriteHeader(archive* a, std::string_view what, std::string_view name, mode_t type,
                                mode_t perm, int64_t size, int64_t mtime) {
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  std::string path(name);
  archive_entry_set_pathname(entry.get(), path.c_str());
  archive_entry_set_filetype(entry.get(), type);
  archive_entry_set_perm(entry.get(), perm);
  archive_entry_set_size(entry.get(), size);
  archive_entry_set_mtime(entry.get(), mtime, 0);
  archive_entry_set_uid(entry.get(), 0);
  archive_entry_set_gid(entry.get(), 0);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(a, fmt::format("writing tar entry {} to", name), what));
  }
  return {};
}

// Writes smaller than this gather in the sink (headers, padding, small files); larger ones go
// straight out.
constexpr size_t kSinkBuffer = 64 << 10;

}  // namespace

util::Status TarWriter::Sink::Out(std::string_view bytes) {
  if (direct) return direct->Write(bytes);
  return util::WriteAll(fd, bytes);
}

util::Status TarWriter::Sink::Flush() {
  if (buffer.empty()) return {};
  auto st = Out(buffer);
  buffer.clear();
  return st;
}

la_ssize_t TarWriter::SinkWrite(archive* a, void* client, const void* data, size_t size) {
  auto* sink = static_cast<Sink*>(client);
  if (sink->abandoned) {
    archive_set_error(a, ECANCELED, "archive abandoned");
    return -1;
  }
  std::string_view bytes(static_cast<const char*>(data), size);
  sink->total += static_cast<int64_t>(size);
  // Stand-ins for data that WriteDataFromFd() already put in the output.
  size_t dropped = static_cast<size_t>(std::min<int64_t>(sink->skip, static_cast<int64_t>(size)));
  sink->skip -= static_cast<int64_t>(dropped);
  bytes.remove_prefix(dropped);
  util::Status st;
  if (sink->buffer.size() + bytes.size() > kSinkBuffer) st = sink->Flush();
  if (st && bytes.size() >= kSinkBuffer) {
    st = sink->Out(bytes);
  } else if (st) {
    sink->buffer.append(bytes);
  }
  if (!st) {
    archive_set_error(a, EIO, "%s", st.error().message().c_str());
    return -1;
  }
  return static_cast<la_ssize_t>(size);
}

util::Result<TarWriter> TarWriter::Open(int fd, std::string what) {
  archive* a = archive_write_new();
  if (a == nullptr) return util::Fail(util::ErrorKind::kInternal, "out of memory starting a tar for {}", what);
  TarWriter writer(a, std::move(what));
  // pax_restricted emits plain ustar headers and adds pax records only where ustar cannot
  // hold a value (names > 100 bytes, sizes >= 8 GiB): readable by every tar, deterministic.
  writer.sink_ = std::make_unique<Sink>();
  writer.sink_->fd = fd;
  // An archive file of blobs is written once and fsynced: beside the page cache (DirectWriter).
  // A pipe or a socket keeps the kernel's sendfile for blob data.
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    writer.sink_->direct = std::make_unique<util::DirectWriter>(fd, writer.what_);
  }
  writer.sink_->buffer.reserve(kSinkBuffer);
  if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
      archive_write_add_filter_none(a) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(a, "starting a tar for", writer.what_));
  }
  // The blocking the format chose (tar: 10240-byte blocks, the last one padded whole) is
  // applied by Finish(); libarchive itself passes every write straight to the sink.
  writer.bytes_per_block_ = archive_write_get_bytes_per_block(a);
  writer.bytes_in_last_block_ = archive_write_get_bytes_in_last_block(a);
  if (archive_write_set_bytes_per_block(a, 0) != ARCHIVE_OK ||
      archive_write_open(a, writer.sink_.get(), nullptr, &SinkWrite, nullptr) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(a, "starting a tar for", writer.what_));
  }
  return writer;
}

TarWriter::TarWriter(TarWriter&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      bytes_per_block_(other.bytes_per_block_),
      bytes_in_last_block_(other.bytes_in_last_block_),
      what_(std::move(other.what_)),
      current_(std::move(other.current_)),
      remaining_(other.remaining_),
      finished_(other.finished_),
      sink_(std::move(other.sink_)) {}

TarWriter::~TarWriter() {
  if (archive_ == nullptr) return;
  // Abandoned (an error happened): freeing would otherwise write the end-of-archive marker and
  // make a truncated stream look complete to whoever reads it, so the sink refuses it.
  if (!finished_ && sink_) sink_->abandoned = true;
  archive_write_free(archive_);
}

util::Status TarWriter::CheckPreviousFile() {
  if (remaining_ != 0) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} is {} bytes short", what_, current_,
                      remaining_);
  }
  return {};
}

util::Status TarWriter::AddDirectory(std::string_view name, int64_t mtime) {
  MANIFOLD_CHECK(CheckPreviousFile());
  return WriteHeader(archive_, what_, name, AE_IFDIR, 0755, 0, mtime);
}

util::Status TarWriter::AddFile(std::string_view name, std::string_view data, int64_t mtime) {
  MANIFOLD_CHECK(BeginFile(name, static_cast<int64_t>(data.size()), mtime));
  return WriteData(data);
}

util::Status TarWriter::BeginFile(std::string_view name, int64_t size, int64_t mtime) {
  MANIFOLD_CHECK(CheckPreviousFile());
  MANIFOLD_CHECK(WriteHeader(archive_, what_, name, AE_IFREG, 0644, size, mtime));
  current_ = std::string(name);
  remaining_ = size;
  return {};
}

util::Status TarWriter::WriteData(std::string_view chunk) {
  if (static_cast<int64_t>(chunk.size()) > remaining_) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} got more bytes than declared", what_,
                      current_);
  }
  return Feed(chunk.data(), chunk.size());
}

util::Status TarWriter::Feed(const char* data, size_t size) {
  while (size > 0) {
    la_ssize_t n = archive_write_data(archive_, data, size);
    if (n <= 0) return std::unexpected(ArchiveError(archive_, fmt::format("writing {} to", current_), what_));
    data += n;
    size -= static_cast<size_t>(n);
    remaining_ -= n;
  }
  return {};
}

util::Result<int64_t> TarWriter::WriteDataFromFd(int fd, int64_t size, util::Sha256* hash) {
  if (size > remaining_) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} got more bytes than declared", what_,
                      current_);
  }
  // The entry's header (and all before it) must be in the output before its data.
  if (auto st = sink_->Flush(); !st) {
    return std::unexpected(std::move(st.error()).Context("writing {} to {}", current_, what_));
  }
  auto copied = sink_->direct ? sink_->direct->WriteFromFd(fd, size, hash) : util::CopyFdData(fd, sink_->fd, size, hash);
  if (!copied) return std::unexpected(std::move(copied.error()).Context("writing {} to {}", current_, what_));
  // libarchive pads the entry, and later the archive, by the data it has seen: it sees as many
  // stand-in bytes, never read (its blocking is off), which the sink drops.
  static const char kStandIn[1 << 20] = {};
  sink_->skip = *copied;
  for (int64_t left = *copied; left > 0;) {
    size_t n = static_cast<size_t>(std::min<int64_t>(left, sizeof kStandIn));
    MANIFOLD_CHECK(Feed(kStandIn, n));
    left -= static_cast<int64_t>(n);
  }
  MANIFOLD_ASSERT(sink_->skip == 0, "libarchive passes tar data through unblocked");
  return *copied;
}

util::Status TarWriter::Finish() {
  MANIFOLD_CHECK(CheckPreviousFile());
  if (archive_write_close(archive_) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(archive_, "finishing the tar", what_));
  }
  // libarchive's last-block rule (archive_write.c, archive_write_client_close): a partial last
  // block is zero-padded to a multiple of bytes_in_last_block, or whole when that is <= 0.
  const int64_t block = bytes_per_block_;
  const int64_t partial = block > 0 ? sink_->total % block : 0;
  if (partial != 0) {
    int64_t target = block;
    if (bytes_in_last_block_ > 0) {
      target = std::min<int64_t>(block, (partial + bytes_in_last_block_ - 1) / bytes_in_last_block_ * bytes_in_last_block_);
    }
    sink_->buffer.append(static_cast<size_t>(target - partial), '\0');
    sink_->total += target - partial;
  }
  util::Status flushed = sink_->Flush();
  if (flushed && sink_->direct) flushed = sink_->direct->Finish();
  if (!flushed) return std::unexpected(std::move(flushed.error()).Context("finishing the tar {}", what_));
  finished_ = true;
  return {};
}

util::Result<TarReader> TarReader::Open(int fd, std::string what) {
  archive* a = archive_read_new();
  if (a == nullptr) return util::Fail(util::ErrorKind::kInternal, "out of memory reading {}", what);
  TarReader reader(a, std::move(what));
  archive_read_support_format_tar(a);
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_zstd(a);
  if (archive_read_open_fd(a, fd, 1 << 16) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(a, "reading", reader.what_));
  }
  return reader;
}

TarReader::TarReader(TarReader&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      what_(std::move(other.what_)),
      buffer_(std::move(other.buffer_)) {}

TarReader::~TarReader() {
  if (archive_ != nullptr) archive_read_free(archive_);
}

util::Result<std::optional<TarReader::Entry>> TarReader::Next() {
  archive_entry* entry = nullptr;
  int r = archive_read_next_header(archive_, &entry);
  if (r == ARCHIVE_EOF) return std::optional<Entry>();
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
    return std::unexpected(ArchiveError(archive_, "reading a tar header of", what_));
  }
  Entry out;
  const char* name = archive_entry_pathname(entry);
  out.name = name ? name : "";
  mode_t type = archive_entry_filetype(entry);
  out.type = type == AE_IFREG ? Type::kFile : type == AE_IFDIR ? Type::kDirectory : Type::kOther;
  // A hardlink entry carries no data of its own; treat it as "other" so callers refuse it.
  if (archive_entry_hardlink(entry) != nullptr) out.type = Type::kOther;
  out.size = archive_entry_size(entry);
  return std::optional<Entry>(std::move(out));
}

util::Result<std::string_view> TarReader::ReadData(size_t max) {
  buffer_.resize(max);
  la_ssize_t n = archive_read_data(archive_, buffer_.data(), buffer_.size());
  if (n < 0) return std::unexpected(ArchiveError(archive_, "reading data of", what_));
  return std::string_view(buffer_.data(), static_cast<size_t>(n));
}

}  // namespace manifold::content
