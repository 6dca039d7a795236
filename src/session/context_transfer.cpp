// The context exchange: manifest out, needed digests back, blobs out, the mirror applied.
#include "session/context_transfer.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "session/error_message.hpp"
#include "util/confined.hpp"
#include "util/sha256.hpp"

namespace manifold::session {

namespace fs = std::filesystem;
using util::ErrorKind;
using util::Fail;

namespace {

std::string TypeOf(const nlohmann::json& message) { return message["type"].get<std::string>(); }

bool IsKey(std::string_view key) {
  return key.size() == 64 &&
         std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

util::Error Changed(const ContextEntry& entry, std::string_view why) {
  return util::Error(ErrorKind::kConflict,
                     fmt::format("{} changed during the build's context transfer ({})", entry.path, why));
}

// Sends the file of `entry` as a blob. A changed file is a kConflict value in the result (the
// channel stays usable); a channel failure is the outer error.
util::Result<util::Status> SendFile(Channel& channel, int dir_fd, const ContextEntry& entry) {
  auto fd = util::OpenInRoot(dir_fd, entry.path, O_RDONLY | O_NOFOLLOW);
  if (!fd) return util::Status(std::unexpected(Changed(entry, fd.error().What())));
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != entry.size) {
    return util::Status(std::unexpected(Changed(entry, "it is no longer a file of the same size")));
  }
  util::Sha256 hash;
  auto sent = channel.SendBlob(entry.digest, fd->get(), entry.size, [&](std::string_view chunk) { hash.Update(chunk); });
  if (!sent && sent.error().kind() == ErrorKind::kConflict) {
    return util::Status(std::unexpected(Changed(entry, "it became shorter")));
  }
  if (!sent) return std::unexpected(std::move(sent.error()));
  if ("sha256:" + hash.HexDigest() != entry.digest) {
    return util::Status(std::unexpected(Changed(entry, "its content is not what was hashed")));
  }
  return util::Status();
}

}  // namespace

util::Result<int64_t> SendContext(Channel& channel, const fs::path& dir, const ContextManifest& manifest,
                                  std::string_view key) {
  nlohmann::json message = ManifestToJson(manifest);
  message["type"] = "context";
  message["key"] = key;
  MANIFOLD_CHECK(channel.Send(message));
  nlohmann::json reply = MANIFOLD_TRY(channel.Receive());
  if (TypeOf(reply) == "error") return std::unexpected(ErrorFromMessage(reply).Context("the node refused the build context"));
  if (TypeOf(reply) != "context-need" || !reply.contains("digests") || !reply["digests"].is_array()) {
    return Fail(ErrorKind::kInvalidArgument, "the node answered the build context with {:?}, not a context-need message",
                TypeOf(reply));
  }
  std::map<std::string_view, const ContextEntry*> by_digest;
  for (const auto& entry : manifest.entries) {
    if (entry.type == ContextEntry::Type::kFile) by_digest.emplace(entry.digest, &entry);
  }
  util::UniqueFd dir_fd = MANIFOLD_TRY(util::OpenDirectory(dir));
  util::Status outcome;
  int64_t sent = 0;
  for (const auto& digest : reply["digests"]) {
    auto it = digest.is_string() ? by_digest.find(digest.get<std::string>()) : by_digest.end();
    if (it == by_digest.end()) {
      outcome = Fail(ErrorKind::kInvalidArgument, "the node asked for {}, which is not a file of the build context",
                     digest.dump());
      break;
    }
    outcome = MANIFOLD_TRY(SendFile(channel, dir_fd.get(), *it->second));
    if (!outcome) break;
    sent += it->second->size;
    by_digest.erase(it);  // asked twice, sent once
  }
  // Finished even after a failure: the node then reports the blobs it lacks, and the
  // channel stays in step for whatever the caller does next.
  MANIFOLD_CHECK(channel.Send({{"type", "context-end"}}));
  reply = MANIFOLD_TRY(channel.Receive());
  if (!outcome) return std::unexpected(std::move(outcome.error()));
  if (TypeOf(reply) == "error") return std::unexpected(ErrorFromMessage(reply).Context("the node could not take the build context"));
  if (TypeOf(reply) != "context-ready") {
    return Fail(ErrorKind::kInvalidArgument, "the node ended the context transfer with {:?}, not context-ready",
                TypeOf(reply));
  }
  return sent;
}

util::Result<ContextMirror> ReceiveContext(Channel& channel, const fs::path& mirrors_root,
                                           const nlohmann::json& context_message) {
  auto refuse = [&](util::Error error) -> std::unexpected<util::Error> {
    (void)channel.Send(ErrorMessage(error));  // best effort: the channel may be what failed
    return std::unexpected(std::move(error));
  };
  const auto key_it = context_message.find("key");
  const std::string key = key_it != context_message.end() && key_it->is_string() ? key_it->get<std::string>() : "";
  if (!IsKey(key)) return refuse(util::Error(ErrorKind::kInvalidArgument, "the context key must be 64 lowercase hex digits"));
  auto manifest = ManifestFromJson(context_message);
  if (!manifest) return refuse(std::move(manifest.error()));
  auto mirror = ContextMirror::Open(mirrors_root / key);
  if (!mirror) return refuse(std::move(mirror.error()));

  const std::vector<std::string> missing = mirror->Missing(*manifest);
  MANIFOLD_CHECK(channel.Send({{"type", "context-need"}, {"digests", missing}}));
  std::map<std::string, int64_t, std::less<>> needed;
  for (const auto& digest : missing) needed.emplace(digest, 0);
  for (const auto& entry : manifest->entries) {
    if (auto it = needed.find(entry.digest); it != needed.end()) it->second = entry.size;
  }

  util::Status outcome;  // the first failure; later blobs are read and dropped
  auto drop = [](std::string_view) -> util::Status { return {}; };
  for (;;) {
    nlohmann::json message = MANIFOLD_TRY(channel.Receive());
    const std::string type = TypeOf(message);
    if (type == "context-end") break;
    if (type != "blob") {
      if (outcome) outcome = Fail(ErrorKind::kInvalidArgument, "unexpected {:?} message during the context transfer", type);
      continue;
    }
    const auto size_it = message.find("size");
    if (size_it == message.end() || !size_it->is_number_integer() || size_it->get<int64_t>() < 0) {
      // Without a size the blob's frames cannot be skipped: the channel is out of step.
      return refuse(util::Error(ErrorKind::kInvalidArgument, "a blob message without a valid size"));
    }
    const int64_t size = size_it->get<int64_t>();
    const auto digest_it = message.find("digest");
    const std::string digest = digest_it != message.end() && digest_it->is_string() ? digest_it->get<std::string>() : "";
    auto want = needed.find(digest);
    if (outcome && want == needed.end()) {
      outcome = Fail(ErrorKind::kInvalidArgument, "the client sent blob {:?}, which was not asked for", digest);
    } else if (outcome && want->second != size) {
      outcome = Fail(ErrorKind::kInvalidArgument, "blob {} has {} bytes, the context says {}", digest, size, want->second);
    }
    if (!outcome) {
      MANIFOLD_CHECK(channel.ReceiveBlob(size, drop));
      continue;
    }
    bool read = false;
    bool sink_failed = false;
    util::Status channel_status;
    outcome = mirror->Stage(digest, size, [&](const BlobSink& sink) {
      read = true;
      channel_status = channel.ReceiveBlob(size, [&](std::string_view chunk) {
        auto st = sink(chunk);
        if (!st) sink_failed = true;
        return st;
      });
      return channel_status;
    });
    if (!channel_status && !sink_failed) return std::unexpected(std::move(channel_status.error()));
    if (!read) MANIFOLD_CHECK(channel.ReceiveBlob(size, drop));
    if (outcome) needed.erase(want);
  }
  if (outcome && !needed.empty()) {
    outcome = Fail(ErrorKind::kInvalidArgument, "the client did not send {} of the blobs asked for (one is {})",
                   needed.size(), needed.begin()->first);
  }
  if (outcome) outcome = mirror->Apply(*manifest);
  if (!outcome) return refuse(std::move(outcome.error()).Context("receiving the build context"));
  MANIFOLD_CHECK(channel.Send({{"type", "context-ready"}}));
  return std::move(*mirror);
}

}  // namespace manifold::session
