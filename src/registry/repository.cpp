// Repository: manifests and blobs over the distribution API (GET/HEAD/PUT, uploads, mounts).
#include "registry/repository.hpp"

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "image/media_types.hpp"

namespace manifold::registry {
namespace {

using util::ErrorKind;

bool IsDigest(std::string_view reference) { return reference.find(':') != std::string_view::npos; }

std::string_view ContentTypeOnly(std::string_view value) {
  auto semi = value.find(';');
  return semi == std::string_view::npos ? value : value.substr(0, semi);
}

}  // namespace

std::string_view ManifestAccept() {
  static const std::string accept = fmt::format("{}, {}, {}, {}", image::media_type::kOciIndex, image::media_type::kOciManifest,
                                                image::media_type::kDockerManifestList, image::media_type::kDockerManifest);
  return accept;
}

std::string Repository::Url(std::string_view tail) const {
  return registry_->BaseUrl() + "/v2/" + path_ + "/" + std::string(tail);
}

std::string Repository::Scope(bool push) const { return "repository:" + path_ + (push ? ":pull,push" : ":pull"); }

util::Result<FetchedManifest> Repository::GetManifest(std::string_view reference) const {
  HttpRequest request;
  request.url = Url("manifests/" + std::string(reference));
  request.headers.emplace_back("Accept", std::string(ManifestAccept()));
  request.max_body = registry_->limits().manifest_bytes;
  auto response = registry_->Do(std::move(request), Scope(false));
  if (!response) {
    if (response.error().kind() == ErrorKind::kInvalidArgument) {
      return std::unexpected(std::move(response.error())
                                 .Context("fetching manifest {} of {} (manifests and indexes may be at most {} bytes, "
                                          "the limit registries enforce on push)",
                                          reference, Name(), registry_->limits().manifest_bytes));
    }
    return std::unexpected(std::move(response.error()).Context("fetching manifest {} of {}", reference, Name()));
  }
  if (response->status != 200) {
    auto error = StatusError(*response);
    if (response->status == 404) {
      return util::Fail(ErrorKind::kNotFound, "{}:{}: not found ({})", Name(), reference, error.message());
    }
    return std::unexpected(std::move(error).Context("fetching manifest {} of {}", reference, Name()));
  }
  FetchedManifest out;
  out.bytes = std::move(response->body);
  out.descriptor.digest = image::Digest::OfBytes(out.bytes);
  out.descriptor.size = static_cast<int64_t>(out.bytes.size());
  if (IsDigest(reference) && out.descriptor.digest.str() != reference) {
    return util::Fail(ErrorKind::kInternal, "{}@{}: the registry served bytes whose digest is {}", Name(), reference,
                      out.descriptor.digest.str());
  }
  auto json = nlohmann::json::parse(out.bytes, nullptr, false);
  if (!json.is_object()) return util::Fail(ErrorKind::kInvalidArgument, "{}:{}: the manifest is not JSON", Name(), reference);
  out.descriptor.media_type = json.value("mediaType", std::string());
  if (out.descriptor.media_type.empty()) {
    out.descriptor.media_type = std::string(ContentTypeOnly(response->Header("content-type")));
  }
  return out;
}

util::Result<std::optional<image::Descriptor>> Repository::HeadManifest(std::string_view reference) const {
  HttpRequest request;
  request.method = "HEAD";
  request.url = Url("manifests/" + std::string(reference));
  request.headers.emplace_back("Accept", std::string(ManifestAccept()));
  auto response = registry_->Do(std::move(request), Scope(false));
  if (!response) return std::unexpected(std::move(response.error()).Context("checking manifest {} of {}", reference, Name()));
  if (response->status == 404) return std::optional<image::Descriptor>();
  if (response->status != 200) {
    return std::unexpected(StatusError(*response).Context("checking manifest {} of {}", reference, Name()));
  }
  auto digest = image::Digest::Parse(response->Header("docker-content-digest"));
  if (!digest) {
    // Without the header a HEAD can't tell the digest; a GET can.
    auto got = MANIFOLD_TRY(GetManifest(reference));
    return std::optional<image::Descriptor>(std::move(got.descriptor));
  }
  image::Descriptor d;
  d.digest = *digest;
  d.media_type = std::string(ContentTypeOnly(response->Header("content-type")));
  std::string length = response->Header("content-length");
  d.size = length.empty() ? 0 : std::stoll(length);
  return std::optional<image::Descriptor>(std::move(d));
}

util::Status Repository::PutManifest(std::string_view reference, std::string_view media_type,
                                     std::string_view bytes) const {
  // distribution verifies a manifest by reading its repository's blob links; a link that
  // another client is writing at that moment (two nodes pushing the same layer into one
  // repository) reads as a malformed digest and the PUT fails with DIGEST_INVALID although the
  // bytes are right. Such a failure is retried; a manifest whose bytes really do not match the
  // reference fails the same way every time.
  const bool by_digest = reference == image::Digest::OfBytes(bytes).str();
  util::Result<HttpResponse> response = util::Fail(util::ErrorKind::kInternal, "not sent");
  for (int attempt = 0;; ++attempt) {
    HttpRequest request;
    request.method = "PUT";
    request.url = Url("manifests/" + std::string(reference));
    request.headers.emplace_back("Content-Type", std::string(media_type));
    request.body.bytes = std::string(bytes);
    response = registry_->Do(std::move(request), Scope(true));
    bool transient = response && response->status == 400 && response->body.find("DIGEST_INVALID") != std::string::npos;
    if (!transient || attempt == 3 || (!by_digest && attempt > 0)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
  }
  if (!response) return std::unexpected(std::move(response.error()).Context("pushing manifest {} to {}", reference, Name()));
  if (response->status != 201 && response->status != 200) {
    return std::unexpected(StatusError(*response).Context("pushing manifest {} to {}", reference, Name()));
  }
  return {};
}

util::Result<bool> Repository::HasBlob(const image::Digest& digest) const {
  HttpRequest request;
  request.method = "HEAD";
  request.url = Url("blobs/" + digest.str());
  auto response = registry_->Do(std::move(request), Scope(false));
  if (!response) return std::unexpected(std::move(response.error()).Context("checking blob {} in {}", digest.str(), Name()));
  if (response->status == 200) return true;
  if (response->status == 404) return false;
  return std::unexpected(StatusError(*response).Context("checking blob {} in {}", digest.str(), Name()));
}

util::Status Repository::FetchConfig(const image::Descriptor& config, const content::Store& store) const {
  const int64_t limit = registry_->limits().config_bytes;
  if (config.size > limit) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "{}: the image config {} is {} bytes by its descriptor; configs may be at most {} bytes "
                      "(manifold's limit; configs are read whole into memory)",
                      Name(), config.digest.str(), config.size, limit);
  }
  return FetchBlob(config, store);
}

util::Status Repository::FetchBlob(const image::Descriptor& blob, const content::Store& store,
                                   const ProgressFn& progress) const {
  if (store.Has(blob.digest)) return {};
  if (blob.size < 0) {
    return util::Fail(ErrorKind::kInvalidArgument, "{}: blob {} has a negative size ({}) in its descriptor", Name(),
                      blob.digest.str(), blob.size);
  }
  auto context = [&](util::Error e) {
    return std::unexpected(
        std::move(e).Context("fetching blob {} ({} bytes by its descriptor) from {}", blob.digest.str(), blob.size, Name()));
  };
  std::optional<content::Ingest> ingest;
  {
    auto begun = store.Begin();
    if (!begun) return context(std::move(begun.error()));
    ingest.emplace(std::move(*begun));
  }
  constexpr int kResumes = 5;
  for (int resume = 0;; ++resume) {
    int64_t offset = ingest->size();
    HttpRequest request;
    request.url = Url("blobs/" + blob.digest.str());
    if (offset > 0) request.headers.emplace_back("Range", fmt::format("bytes={}-", offset));
    // The descriptor's size bounds the body, whatever the registry announces or keeps sending
    // (a size-0 descriptor allows no byte at all); a server ignoring Range resends from 0.
    request.max_body = blob.size;
    request.on_start = [&](long status) -> util::Status {
      // A server that ignores Range sends everything again: start over.
      if (offset > 0 && status != 206) {
        auto fresh = store.Begin();
        if (!fresh) return std::unexpected(std::move(fresh.error()));
        ingest.reset();
        ingest.emplace(std::move(*fresh));
      }
      return {};
    };
    request.on_body = [&](std::span<const char> piece) -> util::Status {
      if (ingest->size() + static_cast<int64_t>(piece.size()) > blob.size) {
        return util::Fail(ErrorKind::kInvalidArgument, "the registry sent more than the {} bytes of the blob's descriptor",
                          blob.size);
      }
      MANIFOLD_CHECK(ingest->Write(std::string_view(piece.data(), piece.size())));
      if (progress) progress(ingest->size(), blob.size);
      return {};
    };
    auto response = registry_->Do(std::move(request), Scope(false));
    if (!response) {
      bool progressed = ingest->size() > offset;
      if (response.error().kind() == ErrorKind::kUnavailable && progressed && resume < kResumes) continue;
      return context(std::move(response.error()));
    }
    if (response->status != 200 && response->status != 206) return context(StatusError(*response));
    break;
  }
  if (ingest->size() != blob.size) {
    return context(util::Error(ErrorKind::kInternal,
                               fmt::format("got {} bytes, the descriptor says {}", ingest->size(), blob.size)));
  }
  auto committed = ingest->Commit(blob.digest);
  if (!committed) return context(std::move(committed.error()));
  return {};
}

util::Result<std::string> Repository::ReadBlob(const image::Digest& digest) const {
  HttpRequest request;
  request.url = Url("blobs/" + digest.str());
  request.max_body = registry_->limits().config_bytes;
  auto response = registry_->Do(std::move(request), Scope(false));
  if (!response) {
    if (response.error().kind() == ErrorKind::kInvalidArgument) {
      return std::unexpected(std::move(response.error())
                                 .Context("fetching config {} from {} (configs may be at most {} bytes, manifold's limit)",
                                          digest.str(), Name(), registry_->limits().config_bytes));
    }
    return std::unexpected(std::move(response.error()).Context("fetching blob {} from {}", digest.str(), Name()));
  }
  if (response->status != 200) {
    return std::unexpected(StatusError(*response).Context("fetching blob {} from {}", digest.str(), Name()));
  }
  if (image::Digest::OfBytes(response->body) != digest) {
    return util::Fail(ErrorKind::kInternal, "{}: blob {} does not match its digest", Name(), digest.str());
  }
  return std::move(response->body);
}

util::Result<bool> Repository::MountBlob(const image::Digest& digest, std::string_view from) const {
  HttpRequest request;
  request.method = "POST";
  request.url = Url("blobs/uploads/") + "?mount=" + UrlEncode(digest.str()) + "&from=" + UrlEncode(from);
  auto response = registry_->Do(std::move(request), Scope(true) + " repository:" + std::string(from) + ":pull");
  if (!response) return std::unexpected(std::move(response.error()).Context("mounting blob {} into {}", digest.str(), Name()));
  if (response->status == 201) return true;
  if (response->status == 202) return false;  // an upload session instead; left to expire
  return std::unexpected(StatusError(*response).Context("mounting blob {} into {}", digest.str(), Name()));
}

util::Result<std::string> Repository::ResolveLocation(const HttpResponse& response) const {
  std::string location = response.Header("location");
  if (location.empty()) {
    return util::Fail(ErrorKind::kInvalidArgument, "HTTP {} without a Location header", response.status);
  }
  if (location.starts_with("http://") || location.starts_with("https://")) return location;
  if (location.starts_with("/")) return registry_->BaseUrl() + location;
  return Url("blobs/uploads/" + location);
}

namespace {

// An upload URL the registry answers 404 for (or names BLOB_UPLOAD_UNKNOWN/INVALID) is a
// session it has forgotten: restarted (docker-registry signs session state with a secret made
// at start), expired, or purged.
bool LostSession(const HttpResponse& response) {
  std::string code = ErrorCode(response);
  return response.status == 404 || code == "BLOB_UPLOAD_UNKNOWN" || code == "BLOB_UPLOAD_INVALID";
}

}  // namespace

util::Result<bool> Repository::PushBlob(const image::Descriptor& blob, const content::Store& store,
                                        std::string_view mount_from, const ProgressFn& progress) const {
  const int restarts = std::max(0, registry_->retry().attempts - 1);
  for (int restart = 0;; ++restart) {
    bool session_lost = false;
    auto pushed = PushBlobOnce(blob, store, mount_from, progress, &session_lost);
    if (pushed || !session_lost) return pushed;
    if (restart >= restarts) {
      return std::unexpected(std::move(pushed.error())
                                 .Context("the registry lost {} upload sessions of this blob in a row", restart + 1));
    }
    // The blob may have arrived whole before the session was lost (the final PUT's answer was
    // what got lost): then there is nothing left to send.
    auto there = HasBlob(blob.digest);
    if (there && *there) {
      if (progress) progress(blob.size, blob.size);
      return false;
    }
  }
}

util::Result<bool> Repository::PushBlobOnce(const image::Descriptor& blob, const content::Store& store,
                                            std::string_view mount_from, const ProgressFn& progress,
                                            bool* session_lost) const {
  auto context = [&](util::Error e) {
    return std::unexpected(std::move(e).Context("pushing blob {} to {}", blob.digest.str(), Name()));
  };
  std::string scope = Scope(true);
  HttpRequest start;
  start.method = "POST";
  start.url = Url("blobs/uploads/");
  if (!mount_from.empty()) {
    start.url += "?mount=" + UrlEncode(blob.digest.str()) + "&from=" + UrlEncode(mount_from);
    scope += " repository:" + std::string(mount_from) + ":pull";
  }
  auto started = registry_->Do(std::move(start), scope);
  if (!started) return context(std::move(started.error()));
  if (started->status == 201) {  // mounted: nothing to send
    if (progress) progress(blob.size, blob.size);
    return true;
  }
  if (started->status != 202) return context(StatusError(*started));
  auto location = ResolveLocation(*started);
  if (!location) return context(std::move(location.error()));

  auto fd = store.Open(blob.digest);
  if (!fd) return context(std::move(fd.error()));
  const uint64_t size = static_cast<uint64_t>(blob.size);
  uint64_t sent = 0;
  if (size > chunk_size_) {
    while (sent < size) {
      uint64_t length = std::min<uint64_t>(chunk_size_, size - sent);
      HttpRequest patch;
      patch.method = "PATCH";
      patch.url = *location;
      patch.headers.emplace_back("Content-Type", "application/octet-stream");
      patch.headers.emplace_back("Content-Range", fmt::format("{}-{}", sent, sent + length - 1));
      patch.body.fd = fd->get();
      patch.body.offset = sent;
      patch.body.length = length;
      auto response = registry_->Do(std::move(patch), Scope(true));
      if (!response) return context(std::move(response.error()));
      if (response->status != 202) {
        *session_lost = LostSession(*response);
        return context(StatusError(*response));
      }
      auto next = ResolveLocation(*response);
      if (!next) return context(std::move(next.error()));
      *location = std::move(*next);
      sent += length;
      if (progress) progress(static_cast<int64_t>(sent), blob.size);
    }
  }
  HttpRequest put;
  put.method = "PUT";
  put.url = *location + (location->find('?') == std::string::npos ? "?" : "&") + "digest=" + UrlEncode(blob.digest.str());
  put.headers.emplace_back("Content-Type", "application/octet-stream");
  if (sent < size) {
    put.body.fd = fd->get();
    put.body.offset = sent;
    put.body.length = size - sent;
  }
  auto response = registry_->Do(std::move(put), Scope(true));
  if (!response) return context(std::move(response.error()));
  if (response->status != 201) {
    *session_lost = LostSession(*response);
    return context(StatusError(*response));
  }
  if (progress) progress(blob.size, blob.size);
  return false;
}

}  // namespace manifold::registry
