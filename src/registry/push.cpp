// PushImage: blobs first (HEAD, then mount or upload, several at once), manifests, then tags.
#include "registry/push.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"

namespace manifold::registry {
namespace {

// The documents of a tree in the order they must be pushed (children before parents), and
// the blobs they reference.
struct Tree {
  std::vector<image::Descriptor> manifests;  // leaves first, root last
  std::vector<image::Descriptor> blobs;
};

util::Status Walk(const content::Store& store, const image::Descriptor& node, Tree& tree,
                  std::set<image::Digest>& seen_blobs) {
  auto bytes = MANIFOLD_TRY(store.Read(node.digest));
  if (image::media_type::IsIndex(node.media_type)) {
    auto index = MANIFOLD_TRY(image::ParseIndex(bytes));
    for (const auto& child : index.manifests) MANIFOLD_CHECK(Walk(store, child, tree, seen_blobs));
  } else {
    auto manifest = MANIFOLD_TRY(image::ParseManifest(bytes));
    for (const image::Descriptor* blob : {&manifest.config}) {
      if (seen_blobs.insert(blob->digest).second) tree.blobs.push_back(*blob);
    }
    for (const auto& layer : manifest.layers) {
      if (seen_blobs.insert(layer.digest).second) tree.blobs.push_back(layer);
    }
  }
  tree.manifests.push_back(node);
  return {};
}

}  // namespace

util::Result<PushReport> PushImage(const Repository& repository, const content::Store& store,
                                   const image::Descriptor& root, const std::vector<std::string>& tags,
                                   const PushOptions& options) {
  Tree tree;
  std::set<image::Digest> seen;
  MANIFOLD_CHECK(Walk(store, root, tree, seen));
  // Largest first: the long uploads start early and the small ones fill in around them.
  std::stable_sort(tree.blobs.begin(), tree.blobs.end(),
                   [](const auto& a, const auto& b) { return a.size > b.size; });

  PushReport report;
  int64_t total = 0;
  for (const auto& b : tree.blobs) total += b.size;
  std::atomic<size_t> next{0};
  std::atomic<int64_t> done{0};
  std::mutex mu;
  std::optional<util::Error> first_error;
  auto fail = [&](util::Error e) {
    std::lock_guard lock(mu);
    if (!first_error) first_error = std::move(e);
  };
  auto work = [&] {
    for (size_t i; (i = next++) < tree.blobs.size();) {
      {
        std::lock_guard lock(mu);
        if (first_error) return;
      }
      const auto& blob = tree.blobs[i];
      auto present = repository.HasBlob(blob.digest);
      if (!present) return fail(std::move(present.error()));
      if (*present) {
        if (options.blob_progress) options.blob_progress(blob, BlobPushState::kPresent, blob.size);
        std::lock_guard lock(mu);
        ++report.blobs_present;
      } else {
        int64_t before = 0;
        auto mounted = repository.PushBlob(blob, store, options.mount_from, [&](int64_t now, int64_t) {
          done += now - before;
          before = now;
          if (options.progress) options.progress(done, total);
          if (options.blob_progress) options.blob_progress(blob, BlobPushState::kSending, now);
        });
        if (!mounted) return fail(std::move(mounted.error()));
        if (options.blob_progress) {
          options.blob_progress(blob, *mounted ? BlobPushState::kMounted : BlobPushState::kSent, blob.size);
        }
        std::lock_guard lock(mu);
        if (*mounted) {
          ++report.blobs_mounted;
        } else {
          ++report.blobs_sent;
          report.bytes_sent += blob.size;
        }
        continue;
      }
      done += blob.size;
      if (options.progress) options.progress(done, total);
    }
  };
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < std::max(1, options.jobs) && static_cast<size_t>(t) < tree.blobs.size(); ++t) {
      threads.emplace_back(work);
    }
  }
  if (first_error) return std::unexpected(std::move(*first_error));

  for (const auto& manifest : tree.manifests) {
    auto bytes = MANIFOLD_TRY(store.Read(manifest.digest));
    bool is_root = manifest.digest == root.digest;
    if (is_root && !tags.empty()) continue;  // the root goes under its tags below
    if (options.manifest_progress) options.manifest_progress(manifest, "");
    MANIFOLD_CHECK(repository.PutManifest(manifest.digest.str(), manifest.media_type, bytes));
  }
  if (!tags.empty()) {
    auto bytes = MANIFOLD_TRY(store.Read(root.digest));
    for (const auto& tag : tags) {
      if (options.manifest_progress) options.manifest_progress(root, tag);
      MANIFOLD_CHECK(repository.PutManifest(tag, root.media_type, bytes));
    }
  }
  return report;
}

}  // namespace manifold::registry
