// FetchHttpSource: stream the body to a file, hash it on the way, stamp Last-Modified.
#include "worker/http_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fmt/format.h>

#include "image/digest.hpp"
#include "util/sha256.hpp"
#include "util/unique_fd.hpp"

namespace manifold::worker {
namespace {

std::optional<time_t> ParseHttpDate(const std::string& text) {
  struct tm tm = {};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr) return std::nullopt;
  return timegm(&tm);
}

}  // namespace

util::Result<OutputRef> FetchHttpSource(const graph::SourceOp& op, snapshot::Snapshotter& snapshotter,
                                                    registry::HttpClient& http, const ExecuteContext& context) {
  auto dir = MANIFOLD_TRY(snapshotter.NewDiffDir());
  auto path = dir / op.filename;
  util::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return util::FailErrno(errno, "creating " + path.string());
  util::Sha256 hash;
  int64_t received = 0;
  registry::HttpRequest request;
  request.url = op.identifier;
  request.on_body = [&](std::span<const char> piece) -> util::Status {
    if (context.cancelled()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
    hash.Update(std::string_view(piece.data(), piece.size()));
    size_t done = 0;
    while (done < piece.size()) {
      ssize_t n = ::write(fd.get(), piece.data() + done, piece.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return util::FailErrno(errno, "writing " + path.string());
      done += static_cast<size_t>(n);
    }
    received += static_cast<int64_t>(piece.size());
    context.Bytes("downloading", received, 0);
    return {};
  };
  auto response = http.Do(request);
  if (!response) return std::unexpected(std::move(response.error()).Context("downloading {}", op.identifier));
  if (response->status != 200) {
    return util::Fail(util::ErrorKind::kNotFound, "downloading {}: HTTP {}", op.identifier, response->status);
  }
  auto digest = image::Digest::FromSha256Hex(hash.HexDigest());
  if (!op.checksum.empty() && digest.str() != op.checksum) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "checksum mismatch: expected {}, got {}",
                      op.checksum, digest.str());
  }
  std::string content_key = digest.str();
  if (auto modified = ParseHttpDate(response->Header("last-modified"))) {
    struct timespec times[2] = {{*modified, 0}, {*modified, 0}};
    ::futimens(fd.get(), times);
    content_key += fmt::format(" {}", *modified);  // the file's mtime is part of the layer
  }
  return std::make_shared<const SnapshotOutput>(std::make_shared<const snapshot::Snapshot>(dir, nullptr),
                                                std::move(content_key));
}

}  // namespace manifold::worker
