// Pushing images: every blob of an index or manifest tree, then manifests, then the tags.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// Where one blob of a push is.
enum class BlobPushState {
  kSending,  ///< bytes are going up (`done` of the blob's size)
  kSent,     ///< uploaded
  kPresent,  ///< the registry had it already
  kMounted,  ///< mounted from PushOptions::mount_from
};

struct PushOptions {
  int jobs = 4;                ///< blobs uploaded at once
  std::string mount_from;      ///< a repository on the same registry that may hold the blobs
  ProgressFn progress;         ///< bytes of blobs sent (or found present) of the total
  /// Per blob, called from the upload threads (must be thread-safe): kSending as bytes go up,
  /// then once with how it ended.
  std::function<void(const image::Descriptor& blob, BlobPushState state, int64_t done)> blob_progress;
  /// Before each manifest is put: the manifest, and the tag it goes under ("" = by digest).
  std::function<void(const image::Descriptor& manifest, std::string_view tag)> manifest_progress;
};

/// What a push did, for summaries and benchmarks.
struct PushReport {
  int blobs_sent = 0;
  int blobs_present = 0;
  int blobs_mounted = 0;
  int64_t bytes_sent = 0;
};

/// Pushes the tree rooted at `root` (an index or a manifest whose documents and blobs are all
/// in `store`) to `repository`: each blob is HEADed first and sent only when missing (mounted
/// from options.mount_from when given), then each manifest by digest, then `root` under every
/// tag in `tags` (by digest only when `tags` is empty). Manifests are pushed only after all
/// their blobs, so a reader never sees a tag pointing at missing content; an interrupted push
/// run again sends only what the registry lacks.
util::Result<PushReport> PushImage(const Repository& repository, const content::Store& store,
                                   const image::Descriptor& root, const std::vector<std::string>& tags,
                                   const PushOptions& options = {});

}  // namespace manifold::registry
