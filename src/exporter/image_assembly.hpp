// Assembling images: per platform layers + config + manifest, then the index over them.
#pragma once

#include <optional>
#include <vector>

#include "content/store.hpp"
#include "exporter/layers.hpp"
#include "image/config.hpp"
#include "image/descriptor.hpp"
#include "image/media_types.hpp"
#include "progress/sink.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// One platform's finished filesystem and the config the frontend made for it.
struct PlatformImageInput {
  image::Platform platform;
  snapshot::SnapshotRef root;  ///< nullptr = no files
  /// History entries with empty_layer == false pair up, in order, with the snapshot chain's
  /// layers; diff_ids are filled here.
  image::ImageConfig config;
};

/// One platform's image as stored.
struct PlatformImage {
  image::Platform platform;
  image::Descriptor manifest;  ///< with `platform` set
  image::Descriptor config;
  std::vector<image::Descriptor> layers;
};

/// The images of a build: `root` is an index over the platforms' manifests when there are
/// several, the single manifest otherwise.
struct AssembledImages {
  image::Descriptor root;
  std::vector<PlatformImage> platforms;
};

/// The root of the images made of `platforms` (already in `store`): the manifest when there is
/// one, else an index over them in that order, written into `store` in `family`'s media types.
util::Result<image::Descriptor> WriteRoot(const content::Store& store, const std::vector<PlatformImage>& platforms,
                                          image::MediaTypes family, progress::Sink* progress = nullptr);

/// Makes every platform's layers (LayerMaker: shared layers once, shown once) under one
/// "exporting layers" vertex of `progress`: bytes of each layer as it is compressed, then its
/// digest. Afterwards Layers() of the same snapshots is instant (memoized).
util::Status ExportLayers(LayerMaker& layers, const std::vector<PlatformImageInput>& inputs, progress::Sink& progress);

/// Makes every platform's layers (LayerMaker: shared layers once), writes configs, manifests
/// and (for several platforms) the index into `store`, in the media-type family asked for.
/// With `progress`, each document written is a vertex: "exporting config sha256:…" and
/// "exporting manifest sha256:…" per platform, "exporting manifest list sha256:…" once.
/// A layer-producing step whose diff is empty gets no layer and its history entry is marked
/// empty_layer. Errors: the layer count and the history disagree (kInternal), store failures.
util::Result<AssembledImages> AssembleImages(const content::Store& store, LayerMaker& layers,
                                             const std::vector<PlatformImageInput>& inputs,
                                             image::MediaTypes family, progress::Sink* progress = nullptr);

}  // namespace manifold::exporter
