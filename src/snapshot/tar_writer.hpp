// snapshot::TarWriter: streams a deterministic pax tar of given entries into a ByteSink.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "content/compress.hpp"
#include "content/tar_header.hpp"
#include "util/error.hpp"

namespace manifold::snapshot {

/// Writes a tar stream entry by entry: the caller decides the order (the tree walker sorts;
/// COPY and overlay diffs bring their own lists). File contents are streamed from a file
/// descriptor through a fixed buffer (kBufferSize) that also gathers headers, so the sink sees
/// large writes and memory does not depend on file sizes. The archive ends with two zero
/// blocks and no further padding (as Go's archive/tar and BuildKit). Not thread-safe.
class TarWriter {
 public:
  static constexpr size_t kBufferSize = size_t{1} << 20;

  /// Writes into `sink` (not owned; must outlive the writer).
  explicit TarWriter(content::ByteSink& sink);

  /// Adds an entry without content (anything but a non-empty kFile).
  util::Status Add(const content::TarEntry& entry);
  /// Adds a kFile entry whose `entry.size` bytes are read from `fd` from its current offset.
  /// A file that ends early is an error (kConflict: it changed while being archived); bytes
  /// past `entry.size` are not read. `fd` is not closed. `progress`, when set, is called with
  /// the bytes of this file read so far each time the buffer fills (about every kBufferSize),
  /// so that one huge file shows its progress before its end.
  util::Status AddFile(const content::TarEntry& entry, int fd, const std::function<void(int64_t read)>& progress = {});
  /// Adds a kFile entry whose content is `data` (entry.size must equal data.size()).
  util::Status AddData(const content::TarEntry& entry, std::string_view data);
  /// Writes the end-of-archive blocks and flushes. The writer is spent.
  util::Status Finish();

  /// Bytes of tar produced so far (flushed or buffered).
  int64_t bytes_written() const { return flushed_ + static_cast<int64_t>(used_); }

 private:
  util::Status Header(const content::TarEntry& entry);
  util::Status Pad(int64_t size);
  util::Status Flush();
  // Appends `data` to the buffer, flushing as it fills.
  util::Status Append(std::string_view data);

  content::ByteSink& sink_;
  std::unique_ptr<char[]> buffer_;  // kBufferSize bytes, uninitialized; flushed when full
  size_t used_ = 0;
  std::string header_;  // scratch for the current entry's header blocks
  int64_t flushed_ = 0;
  bool failed_ = false;
};

}  // namespace manifold::snapshot
