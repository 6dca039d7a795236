// registry::Repository: the distribution API's manifest and blob operations on one repository.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "registry/client.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// A manifest or index as the registry served it: its bytes and a descriptor of them (media
/// type from the document or the Content-Type, digest computed and checked).
struct FetchedManifest {
  image::Descriptor descriptor;
  std::string bytes;
};

/// Transfer progress: bytes done of total.
using ProgressFn = std::function<void(int64_t done, int64_t total)>;

/// One repository (`team/app`) on a registry. Every error names the registry, the repository,
/// the manifest or blob, and the HTTP status with the registry's error code. Thread-safe.
class Repository {
 public:
  Repository(std::shared_ptr<Registry> registry, std::string path)
      : registry_(std::move(registry)), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  Registry& registry() const { return *registry_; }
  /// "host/path", as messages name it.
  std::string Name() const { return registry_->host() + "/" + path_; }

  /// GETs a manifest or index by tag or digest, accepting OCI and Docker media types. A digest
  /// reference is verified against the bytes; kNotFound when the registry has no such manifest;
  /// kInvalidArgument for one over TransferLimits::manifest_bytes (not read past the limit).
  util::Result<FetchedManifest> GetManifest(std::string_view tag_or_digest) const;
  /// HEADs a manifest: its descriptor (digest from Docker-Content-Digest), or nullopt if absent.
  util::Result<std::optional<image::Descriptor>> HeadManifest(std::string_view tag_or_digest) const;
  /// PUTs a manifest or index under a tag or its digest.
  util::Status PutManifest(std::string_view tag_or_digest, std::string_view media_type, std::string_view bytes) const;

  /// True if the registry has the blob in this repository.
  util::Result<bool> HasBlob(const image::Digest& digest) const;
  /// GETs a small blob (a config) into memory, verified against its digest; at most
  /// TransferLimits::config_bytes are read.
  util::Result<std::string> ReadBlob(const image::Digest& digest) const;
  /// Asks the registry to mount a blob from repository `from` (same registry): true when it did;
  /// false when it can't (the blob must then be uploaded).
  util::Result<bool> MountBlob(const image::Digest& digest, std::string_view from) const;
  /// Downloads a blob into `store` (skipped when already there), verifying its digest. A
  /// connection dropped mid-body resumes with a Range request. The descriptor's size is a
  /// bound: a byte past it ends the transfer with an error at once (kInvalidArgument).
  util::Status FetchBlob(const image::Descriptor& blob, const content::Store& store,
                         const ProgressFn& progress = {}) const;
  /// FetchBlob() for an image config: refused before any transfer when its descriptor is over
  /// TransferLimits::config_bytes (a config is read whole into memory afterwards).
  util::Status FetchConfig(const image::Descriptor& config, const content::Store& store) const;
  /// Uploads a blob from `store`: tries a cross-repository mount from `mount_from` (a repository
  /// path on the same registry) first when given; small blobs in one PUT, large ones in PATCH
  /// chunks. Does not check existence first (see HasBlob()). Returns true when it was mounted.
  /// An upload session the registry no longer knows (restarted, or it expired the session:
  /// 404, BLOB_UPLOAD_UNKNOWN, BLOB_UPLOAD_INVALID) is started anew from a POST, after a HEAD
  /// in case the blob arrived anyway, at most RetryPolicy::attempts times.
  util::Result<bool> PushBlob(const image::Descriptor& blob, const content::Store& store,
                        std::string_view mount_from = {}, const ProgressFn& progress = {}) const;

  /// Blobs above this size are uploaded in chunks of this size (by default).
  static constexpr uint64_t kChunkSize = 64ull << 20;
  /// Changes the chunk size (tests exercise chunked uploads with small blobs).
  void SetChunkSize(uint64_t bytes) { chunk_size_ = bytes; }

 private:
  std::string Url(std::string_view tail) const;
  std::string Scope(bool push) const;
  util::Result<std::string> ResolveLocation(const HttpResponse& response) const;
  util::Result<bool> PushBlobOnce(const image::Descriptor& blob, const content::Store& store,
                                  std::string_view mount_from, const ProgressFn& progress, bool* session_lost) const;

  std::shared_ptr<Registry> registry_;
  std::string path_;
  uint64_t chunk_size_ = kChunkSize;
};

/// The Accept list for manifests: OCI index and manifest, Docker list and schema 2.
std::string_view ManifestAccept();

}  // namespace manifold::registry
