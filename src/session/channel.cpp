// Channel: frame encoding, SIGPIPE-free writes and strict frame parsing.
#include "session/channel.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <ctime>
#include <string>
#include <vector>

namespace manifold::session {

namespace {

using util::ErrorKind;
using util::Fail;

constexpr char kMessageFrame = 'M';
constexpr char kDataFrame = 'D';
constexpr size_t kHeaderSize = 5;

// Blocks SIGPIPE for this thread while it writes. The cli may not ignore SIGPIPE process-wide,
// and pipes (unlike sockets with MSG_NOSIGNAL) raise it on a write to a closed reader; a pipe's
// SIGPIPE is directed at the writing thread, so blocking it here is enough. When our write
// raised it, it is taken off the pending set before unblocking; one that was already pending
// (someone else's) is left alone.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
    sigset_t pending;
    sigemptyset(&pending);
    ::sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeBlock() {
    if (raised_ && !was_pending_) {
      timespec zero{};
      while (::sigtimedwait(&pipe_, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  void Raised() { raised_ = true; }

 private:
  sigset_t pipe_;
  sigset_t previous_;
  bool was_pending_ = false;
  bool raised_ = false;
};

std::unexpected<util::Error> Closed() {
  return Fail(ErrorKind::kUnavailable, "the other end closed the channel");
}

std::array<char, kHeaderSize> Header(char type, size_t size) {
  const auto n = static_cast<uint32_t>(size);
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
          static_cast<char>(n), type};
}

util::Status CheckMessage(const nlohmann::json& message) {
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    return Fail(ErrorKind::kInvalidArgument, "a channel message must be a JSON object with a string \"type\"");
  }
  return {};
}

}  // namespace

Channel::Channel(util::UniqueFd read_fd, util::UniqueFd write_fd)
    : read_fd_(std::move(read_fd)), write_fd_(std::move(write_fd)) {}

util::Status Channel::WriteFrameLocked(char type, std::string_view payload) {
  auto header = Header(type, payload.size());
  std::array<iovec, 2> iov{iovec{header.data(), header.size()},
                           iovec{const_cast<char*>(payload.data()), payload.size()}};
  size_t first = 0;
  SigpipeBlock block;
  while (first < iov.size()) {
    if (iov[first].iov_len == 0) {
      ++first;
      continue;
    }
    ssize_t n = ::writev(write_fd_.get(), &iov[first], static_cast<int>(iov.size() - first));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (errno == EPIPE) {
        block.Raised();
        return Closed();
      }
      return util::FailErrno(errno, "writing to the channel");
    }
    bytes_sent_.fetch_add(n, std::memory_order_relaxed);
    // A partial write: skip what went out and go on from there.
    auto left = static_cast<size_t>(n);
    while (first < iov.size() && left >= iov[first].iov_len) left -= iov[first++].iov_len;
    if (first < iov.size()) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  return {};
}

util::Status Channel::Send(const nlohmann::json& message) {
  MANIFOLD_CHECK(CheckMessage(message));
  // Log lines and heredocs may hold bytes that are not UTF-8; JSON cannot carry them, and
  // dump() would throw: they travel as U+FFFD (vertex digests are computed the same way).
  std::string payload = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (payload.size() > kMaxFramePayload) {
    return Fail(ErrorKind::kInvalidArgument, "a {:?} message of {} bytes is larger than a frame may be ({} bytes)",
                message["type"].get<std::string>(), payload.size(), kMaxFramePayload);
  }
  std::lock_guard lock(write_mu_);
  return WriteFrameLocked(kMessageFrame, payload);
}

util::Status Channel::SendBlob(std::string_view digest, int fd, int64_t size,
                               const std::function<void(std::string_view)>& observe) {
  if (size < 0) return Fail(ErrorKind::kInvalidArgument, "blob {} has a negative size {}", digest, size);
  std::string announce = nlohmann::json{{"type", "blob"}, {"digest", digest}, {"size", size}}.dump();
  std::vector<char> buffer(static_cast<size_t>(std::min<int64_t>(size, kMaxDataChunk)));
  std::lock_guard lock(write_mu_);
  MANIFOLD_CHECK(WriteFrameLocked(kMessageFrame, announce));
  int64_t sent = 0;
  int64_t ended_at = -1;  // where fd ran out, when it did
  while (sent < size) {
    const auto want = static_cast<size_t>(std::min<int64_t>(size - sent, kMaxDataChunk));
    size_t got = 0;
    // Fills the whole chunk (short reads are normal for pipes) unless the file ends.
    while (got < want && ended_at < 0) {
      ssize_t n = ::read(fd, buffer.data() + got, want - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return util::FailErrno(errno, fmt::format("reading blob {}", digest));
      if (n == 0) {
        ended_at = sent + static_cast<int64_t>(got);
        break;
      }
      got += static_cast<size_t>(n);
    }
    if (got < want) std::fill(buffer.begin() + static_cast<ptrdiff_t>(got), buffer.begin() + static_cast<ptrdiff_t>(want), 0);
    std::string_view chunk(buffer.data(), want);
    if (observe) observe(chunk);
    MANIFOLD_CHECK(WriteFrameLocked(kDataFrame, chunk));
    sent += static_cast<int64_t>(want);
  }
  if (ended_at >= 0) {
    return Fail(ErrorKind::kConflict, "blob {} ended after {} of {} bytes (sent padded, for the receiver to refuse)",
                digest, ended_at, size);
  }
  return {};
}

util::Status Channel::SendBlobBytes(std::string_view digest, std::string_view bytes) {
  std::string announce =
      nlohmann::json{{"type", "blob"}, {"digest", digest}, {"size", static_cast<int64_t>(bytes.size())}}.dump();
  std::lock_guard lock(write_mu_);
  MANIFOLD_CHECK(WriteFrameLocked(kMessageFrame, announce));
  while (!bytes.empty()) {
    std::string_view chunk = bytes.substr(0, kMaxDataChunk);
    MANIFOLD_CHECK(WriteFrameLocked(kDataFrame, chunk));
    bytes.remove_prefix(chunk.size());
  }
  return {};
}

util::Status Channel::ReadExactly(char* data, size_t size, bool at_frame_start) {
  size_t got = 0;
  while (got < size) {
    ssize_t n = ::read(read_fd_.get(), data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, "reading from the channel");
    if (n == 0) {
      if (at_frame_start && got == 0) return Closed();
      return Fail(ErrorKind::kUnavailable, "the other end closed the channel in the middle of a frame");
    }
    got += static_cast<size_t>(n);
    bytes_received_.fetch_add(n, std::memory_order_relaxed);
  }
  return {};
}

util::Result<std::pair<char, uint32_t>> Channel::ReadHeader() {
  std::array<unsigned char, kHeaderSize> header{};
  MANIFOLD_CHECK(ReadExactly(reinterpret_cast<char*>(header.data()), header.size(), /*at_frame_start=*/true));
  const uint32_t size = (uint32_t{header[0]} << 24) | (uint32_t{header[1]} << 16) | (uint32_t{header[2]} << 8) |
                        uint32_t{header[3]};
  const char type = static_cast<char>(header[4]);
  if (type != kMessageFrame && type != kDataFrame) {
    return Fail(ErrorKind::kInvalidArgument, "malformed frame: unknown frame type 0x{:02x}", header[4]);
  }
  if (size > kMaxFramePayload) {
    return Fail(ErrorKind::kInvalidArgument, "malformed frame: a payload of {} bytes is over the {} byte limit", size,
                kMaxFramePayload);
  }
  return std::pair{type, size};
}

util::Result<nlohmann::json> Channel::Receive() {
  auto [type, size] = MANIFOLD_TRY(ReadHeader());
  if (type != kMessageFrame) {
    return Fail(ErrorKind::kInvalidArgument, "malformed frame: blob data where a message was expected");
  }
  std::string payload(size, '\0');
  MANIFOLD_CHECK(ReadExactly(payload.data(), payload.size(), /*at_frame_start=*/false));
  nlohmann::json message = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) return Fail(ErrorKind::kInvalidArgument, "malformed frame: the message is not JSON");
  auto checked = CheckMessage(message);
  if (!checked) return std::unexpected(std::move(checked.error()).Context("malformed frame"));
  return message;
}

util::Status Channel::ReceiveBlob(int64_t size, const std::function<util::Status(std::string_view)>& sink) {
  std::vector<char> buffer;
  util::Status sink_status;
  int64_t left = size;
  while (left > 0) {
    auto [type, frame_size] = MANIFOLD_TRY(ReadHeader());
    if (type != kDataFrame) {
      return Fail(ErrorKind::kInvalidArgument, "malformed frame: a message where {} more blob bytes were expected",
                  left);
    }
    if (frame_size > left) {
      return Fail(ErrorKind::kInvalidArgument, "malformed frame: {} blob bytes where only {} were left", frame_size,
                  left);
    }
    buffer.resize(frame_size);
    MANIFOLD_CHECK(ReadExactly(buffer.data(), buffer.size(), /*at_frame_start=*/false));
    left -= frame_size;
    if (sink_status) sink_status = sink(std::string_view(buffer.data(), buffer.size()));
  }
  return sink_status;
}

}  // namespace manifold::session
