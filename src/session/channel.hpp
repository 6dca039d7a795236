// session::Channel: length-prefixed frames of JSON messages and blob bytes over a pair of fds.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::session {

/// The largest payload of one frame a peer accepts; a larger length is a malformed frame.
inline constexpr uint32_t kMaxFramePayload = 64u << 20;
/// The largest data frame a Channel sends (one chunk of a blob).
inline constexpr size_t kMaxDataChunk = 1u << 20;

/// A framed, bidirectional channel over two fds (an ssh child's stdout/stdin on the client; the
/// node's own stdin/stdout). Frame = 4-byte big-endian payload length, 1 type byte ('M' = a JSON
/// message, 'D' = blob data), payload. Messages are JSON objects with a string "type"; a blob is
/// a message {"type":"blob","digest":D,"size":N} followed by N bytes in data frames of at most
/// 1 MiB (docs/node-protocol.md). Owns both fds.
///
/// A write to a peer that has gone away is an error value (kUnavailable), never SIGPIPE: the
/// writing thread blocks SIGPIPE around its writes and takes the signal it caused.
class Channel {
 public:
  Channel(util::UniqueFd read_fd, util::UniqueFd write_fd);
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  /// Sends one message (a JSON object with a string "type"). Thread-safe: messages and blobs
  /// from several threads never interleave their frames. Errors: kUnavailable when the other
  /// end closed the channel, kInvalidArgument for a message that is not such an object or is
  /// larger than kMaxFramePayload.
  util::Status Send(const nlohmann::json& message);

  /// Sends a blob announcement and `size` bytes read from `fd` from its current offset.
  /// `observe` (optional) sees each chunk as it is sent (to hash what went out). When `fd` ends
  /// early the rest is sent as zero bytes, so that the framing stays intact and the receiver's
  /// digest check refuses the blob, and the call fails with kConflict. Thread-safe as Send.
  util::Status SendBlob(std::string_view digest, int fd, int64_t size,
                        const std::function<void(std::string_view)>& observe = {});
  /// Sends a blob held in memory. Thread-safe as Send.
  util::Status SendBlobBytes(std::string_view digest, std::string_view bytes);

  /// The next message (one reader at a time). Errors: kUnavailable "the other end closed the
  /// channel" at EOF between frames or inside one; kInvalidArgument for a malformed frame
  /// (length > 64 MiB, unknown type, bad JSON, not an object, no string "type", data where a
  /// message was expected).
  util::Result<nlohmann::json> Receive();

  /// After Receive() returned a blob announcement: consumes its `size` bytes, handing each
  /// chunk to `sink`. When `sink` fails, the rest of the blob is still consumed (the channel
  /// stays usable) and the sink's error is returned. Errors as Receive, and kInvalidArgument
  /// for a message frame or a data frame longer than what is left of the blob.
  util::Status ReceiveBlob(int64_t size, const std::function<util::Status(std::string_view)>& sink);

  /// Bytes written / read so far, frame headers included. Readable from any thread.
  int64_t bytes_sent() const { return bytes_sent_.load(std::memory_order_relaxed); }
  int64_t bytes_received() const { return bytes_received_.load(std::memory_order_relaxed); }

 private:
  util::Status WriteFrameLocked(char type, std::string_view payload);
  util::Status ReadExactly(char* data, size_t size, bool at_frame_start);
  /// Reads one frame header: its type and payload length (checked against the limit).
  util::Result<std::pair<char, uint32_t>> ReadHeader();

  util::UniqueFd read_fd_;
  util::UniqueFd write_fd_;
  std::mutex write_mu_;
  std::atomic<int64_t> bytes_sent_{0};
  std::atomic<int64_t> bytes_received_{0};
};

}  // namespace manifold::session
