// Tar writing on content::AppendTarHeader (deterministic headers) and reading with libarchive
// (content::ArchiveLibrary, loaded on first use).
#include "content/tar_stream.hpp"

#include <sys/stat.h>

#include "content/archive_input.hpp"
#include "content/archive_library.hpp"
#include "content/tar_header.hpp"
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
  const char* message = Archive().error_string(a);
  return util::Error(util::ErrorKind::kInternal,
                     fmt::format("{} {}: {}", op, what, message ? message : "unknown libarchive error"));
}

// Into a pipe or socket, writes smaller than this gather in the buffer (headers, padding, small
// files); larger ones go straight out.
constexpr size_t kBuffer = 64 << 10;
// tar's (and libarchive's) default blocking: the archive is a whole number of 20-record blocks,
// the last one padded with zeros after the end-of-archive marker.
constexpr int64_t kBlock = 10240;

}  // namespace

util::Result<TarWriter> TarWriter::Open(int fd, std::string what) {
  TarWriter writer(fd, std::move(what));
  // An archive file of blobs is written once and fsynced: beside the page cache (DirectWriter).
  // A pipe or a socket keeps the kernel's sendfile for blob data.
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    writer.direct_ = std::make_unique<util::DirectWriter>(fd, writer.what_);
  } else {
    writer.buffer_.reserve(kBuffer);
  }
  return writer;
}

util::Result<TarWriter> TarWriter::Continue(int fd, std::string what, int64_t written) {
  TarWriter writer = MANIFOLD_TRY(Open(fd, std::move(what)));
  // The end-of-archive padding counts from the archive's start.
  writer.total_ = written;
  return writer;
}

TarWriter::TarWriter(TarWriter&& other) noexcept = default;

// Abandoned (an error happened, or Finish() was never called): nothing more is written, least
// of all the end-of-archive marker, which would make a truncated stream look complete to
// whoever reads it.
TarWriter::~TarWriter() = default;

util::Status TarWriter::Flush() {
  if (buffer_.empty()) return {};
  auto st = util::WriteAll(fd_, buffer_);
  buffer_.clear();
  return st;
}

util::Status TarWriter::Put(std::string_view bytes) {
  total_ += static_cast<int64_t>(bytes.size());
  // DirectWriter buffers on its own: a second buffer here would only copy everything twice.
  if (direct_) return direct_->Write(bytes);
  if (buffer_.size() + bytes.size() > kBuffer) MANIFOLD_CHECK(Flush());
  if (bytes.size() >= kBuffer) return util::WriteAll(fd_, bytes);
  buffer_.append(bytes);
  return {};
}

util::Status TarWriter::CheckPreviousFile() {
  if (remaining_ != 0) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} is {} bytes short", what_, current_,
                      remaining_);
  }
  return {};
}

util::Status TarWriter::EndEntryIfComplete() {
  if (remaining_ != 0 || size_ % kTarBlockSize == 0) return {};
  static constexpr char kZeros[kTarBlockSize] = {};
  const size_t pad = kTarBlockSize - static_cast<size_t>(size_ % kTarBlockSize);
  size_ = 0;  // padded once
  return Put(std::string_view(kZeros, pad));
}

util::Result<std::string> TarWriter::EntryHeader(std::string_view name, bool directory, int64_t size,
                                                 int64_t mtime) {
  TarEntry entry;
  // TarEntry names a directory without its '/'; AppendTarHeader adds it back.
  if (directory && name.ends_with('/')) name.remove_suffix(1);
  entry.path = std::string(name);
  entry.type = directory ? TarEntryType::kDirectory : TarEntryType::kFile;
  entry.mode = directory ? 0755 : 0644;
  entry.mtime = mtime;
  entry.size = size;
  // Names are written as given, as libarchive wrote them: the OCI layout writer gives only its
  // own, and tests write hostile ones on purpose for readers to refuse. Only what no tar header
  // can carry is refused.
  if (entry.path.empty() || entry.path.find('\0') != std::string::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "tar entry name {:?} is empty or holds NUL", entry.path);
  }
  std::string header;
  AppendTarHeader(entry, header);
  return header;
}

util::Status TarWriter::Header(std::string_view name, bool directory, int64_t size, int64_t mtime) {
  MANIFOLD_CHECK(CheckPreviousFile());
  auto header = EntryHeader(name, directory, size, mtime);
  if (!header) return std::unexpected(std::move(header.error()).Context("writing {}", what_));
  if (auto st = Put(*header); !st) {
    return std::unexpected(std::move(st.error()).Context("writing tar entry {} to {}", name, what_));
  }
  current_ = std::string(name);
  size_ = size;
  remaining_ = size;
  return {};
}

util::Status TarWriter::AddDirectory(std::string_view name, int64_t mtime) {
  return Header(name, true, 0, mtime);
}

util::Status TarWriter::AddFile(std::string_view name, std::string_view data, int64_t mtime) {
  MANIFOLD_CHECK(BeginFile(name, static_cast<int64_t>(data.size()), mtime));
  return WriteData(data);
}

util::Status TarWriter::BeginFile(std::string_view name, int64_t size, int64_t mtime) {
  return Header(name, false, size, mtime);
}

util::Status TarWriter::WriteData(std::string_view chunk) {
  if (static_cast<int64_t>(chunk.size()) > remaining_) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} got more bytes than declared", what_,
                      current_);
  }
  remaining_ -= static_cast<int64_t>(chunk.size());
  util::Status st = Put(chunk);
  if (st) st = EndEntryIfComplete();
  if (!st) return std::unexpected(std::move(st.error()).Context("writing {} to {}", current_, what_));
  return {};
}

util::Result<int64_t> TarWriter::WriteDataFromFd(int fd, int64_t size, util::Sha256* hash) {
  if (size > remaining_) {
    return util::Fail(util::ErrorKind::kInternal, "writing {}: entry {} got more bytes than declared", what_,
                      current_);
  }
  // The entry's header (and all before it) must be in the output before its data.
  if (auto st = Flush(); !st) {
    return std::unexpected(std::move(st.error()).Context("writing {} to {}", current_, what_));
  }
  auto copied = direct_ ? direct_->WriteFromFd(fd, size, hash) : util::CopyFdData(fd, fd_, size, hash);
  if (!copied) return std::unexpected(std::move(copied.error()).Context("writing {} to {}", current_, what_));
  total_ += *copied;
  remaining_ -= *copied;
  if (auto st = EndEntryIfComplete(); !st) {
    return std::unexpected(std::move(st.error()).Context("writing {} to {}", current_, what_));
  }
  return *copied;
}

util::Status TarWriter::Finish() {
  MANIFOLD_CHECK(CheckPreviousFile());
  static constexpr char kZeros[kTarEndSize] = {};
  util::Status st = Put(std::string_view(kZeros, kTarEndSize));
  if (st && total_ % kBlock != 0) st = Put(std::string(static_cast<size_t>(kBlock - total_ % kBlock), '\0'));
  if (st) st = Flush();
  if (st && direct_) st = direct_->Finish();
  if (!st) return std::unexpected(std::move(st.error()).Context("finishing the tar {}", what_));
  return {};
}

util::Result<TarReader> TarReader::Open(int fd, std::string what) {
  if (auto lib = LoadArchive(); !lib) return std::unexpected(std::move(lib.error()).Context("reading {}", what));
  archive* a = Archive().read_new();
  if (a == nullptr) return util::Fail(util::ErrorKind::kInternal, "out of memory reading {}", what);
  TarReader reader(a, std::make_unique<ArchiveInput>(fd), std::move(what));
  Archive().read_support_format_tar(a);
  Archive().read_support_filter_gzip(a);
  Archive().read_support_filter_zstd(a);
  if (reader.input_->Open(a) != ARCHIVE_OK) {
    return std::unexpected(ArchiveError(a, "reading", reader.what_));
  }
  return reader;
}

TarReader::TarReader(archive* a, std::unique_ptr<ArchiveInput> input, std::string what)
    : input_(std::move(input)), archive_(a), what_(std::move(what)) {}

TarReader::TarReader(TarReader&& other) noexcept
    : input_(std::move(other.input_)),
      archive_(std::exchange(other.archive_, nullptr)),
      what_(std::move(other.what_)),
      buffer_(std::move(other.buffer_)) {}

TarReader::~TarReader() {
  if (archive_ != nullptr) Archive().read_free(archive_);
}

util::Result<std::optional<TarReader::Entry>> TarReader::Next() {
  archive_entry* entry = nullptr;
  int r = Archive().read_next_header(archive_, &entry);
  if (r == ARCHIVE_EOF) return std::optional<Entry>();
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
    return std::unexpected(ArchiveError(archive_, "reading a tar header of", what_));
  }
  Entry out;
  const char* name = Archive().entry_pathname(entry);
  out.name = name ? name : "";
  mode_t type = Archive().entry_filetype(entry);
  out.type = type == AE_IFREG ? Type::kFile : type == AE_IFDIR ? Type::kDirectory : Type::kOther;
  // A hardlink entry carries no data of its own; treat it as "other" so callers refuse it.
  if (Archive().entry_hardlink(entry) != nullptr) out.type = Type::kOther;
  out.size = Archive().entry_size(entry);
  return std::optional<Entry>(std::move(out));
}

util::Result<std::string_view> TarReader::ReadData(size_t max) {
  buffer_.resize(max);
  la_ssize_t n = Archive().read_data(archive_, buffer_.data(), buffer_.size());
  if (n < 0) return std::unexpected(ArchiveError(archive_, "reading data of", what_));
  return std::string_view(buffer_.data(), static_cast<size_t>(n));
}

}  // namespace manifold::content
