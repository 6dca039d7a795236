// TarWriter: headers and file contents gathered in one buffer, flushed to the sink when full.
#include "snapshot/tar_writer.hpp"

#include <errno.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace manifold::snapshot {

TarWriter::TarWriter(content::ByteSink& sink)
    : sink_(sink), buffer_(std::make_unique_for_overwrite<char[]>(kBufferSize)) {}

util::Status TarWriter::Flush() {
  if (used_ == 0) return {};
  util::Status status = sink_.Write(std::string_view(buffer_.get(), used_));
  if (!status) {
    failed_ = true;
    return status;
  }
  flushed_ += static_cast<int64_t>(used_);
  used_ = 0;
  return {};
}

util::Status TarWriter::Append(std::string_view data) {
  while (!data.empty()) {
    if (used_ == kBufferSize) MANIFOLD_CHECK(Flush());
    size_t n = std::min(data.size(), kBufferSize - used_);
    std::memcpy(buffer_.get() + used_, data.data(), n);
    used_ += n;
    data.remove_prefix(n);
  }
  return {};
}

util::Status TarWriter::Header(const content::TarEntry& entry) {
  if (failed_) return util::Fail(util::ErrorKind::kInternal, "tar: write after failure");
  MANIFOLD_CHECK(content::ValidateTarEntry(entry));
  header_.clear();
  content::AppendTarHeader(entry, header_);
  return Append(header_);
}

util::Status TarWriter::Pad(int64_t size) {
  static constexpr char kZeros[content::kTarBlockSize] = {};
  size_t pad = (content::kTarBlockSize - static_cast<size_t>(size % content::kTarBlockSize)) % content::kTarBlockSize;
  return Append(std::string_view(kZeros, pad));
}

util::Status TarWriter::Add(const content::TarEntry& entry) {
  if (entry.type == content::TarEntryType::kFile && entry.size != 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "tar entry {:?}: file content missing",
                      entry.path);
  }
  return Header(entry);
}

util::Status TarWriter::AddData(const content::TarEntry& entry, std::string_view data) {
  if (entry.type != content::TarEntryType::kFile || entry.size != static_cast<int64_t>(data.size())) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "tar entry {:?}: data of {} bytes for a declared size of {}", entry.path,
                      data.size(), entry.size);
  }
  MANIFOLD_CHECK(Header(entry));
  MANIFOLD_CHECK(Append(data));
  return Pad(entry.size);
}

util::Status TarWriter::AddFile(const content::TarEntry& entry, int fd, const std::function<void(int64_t read)>& progress) {
  if (entry.type != content::TarEntryType::kFile) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "tar entry {:?}: content on a non-file",
                      entry.path);
  }
  MANIFOLD_CHECK(Header(entry));
  int64_t left = entry.size;
  while (left > 0) {
    if (used_ == kBufferSize) {
      MANIFOLD_CHECK(Flush());
      if (progress) progress(entry.size - left);
    }
    // Read straight into the buffer's spare room: no staging copy, large reads.
    size_t room = static_cast<size_t>(std::min<int64_t>(kBufferSize - used_, left));
    ssize_t n = ::read(fd, buffer_.get() + used_, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      return util::FailErrno(errno, fmt::format("reading {}", entry.path));
    }
    if (n == 0) {
      failed_ = true;
      return util::Fail(util::ErrorKind::kConflict,
                        "{} shrank while being archived ({} of {} bytes read)", entry.path,
                        entry.size - left, entry.size);
    }
    used_ += static_cast<size_t>(n);
    left -= n;
  }
  return Pad(entry.size);
}

util::Status TarWriter::Finish() {
  if (failed_) return util::Fail(util::ErrorKind::kInternal, "tar: finish after failure");
  static constexpr char kZeros[content::kTarEndSize] = {};
  MANIFOLD_CHECK(Append(std::string_view(kZeros, content::kTarEndSize)));
  util::Status status = Flush();
  failed_ = true;  // spent
  return status;
}

}  // namespace manifold::snapshot
