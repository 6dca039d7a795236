// OCI image layout (image-spec image-layout.md): write a store's images as a directory or a
// tar (`type=oci`), and read such a layout back into a store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::content {

/// The annotation naming a reference in index.json (umoci, skopeo `oci:DIR:NAME`).
inline constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

struct LayoutWriteOptions {
  /// mtime of every tar entry (SOURCE_DATE_EPOCH); 0 when unset. Ignored for directories.
  std::optional<int64_t> source_date_epoch;
  /// More top-level files, written after `oci-layout` (a docker archive's `manifest.json`).
  std::vector<std::pair<std::string, std::string>> extra_files;
  /// Bytes of blobs written so far of all the blobs' total, after each chunk
  /// (the last call has done == total). Unset = not reported.
  std::function<void(int64_t done, int64_t total)> progress;
  /// WriteLayoutTarFile() only: the archive begun during the build for the same `dest` (not
  /// owned), which the file is then written in, reusing the blob the head holds where it can.
  LayoutTarHead* head = nullptr;
};

/// Every blob a layout over `roots` must hold, unique and sorted by digest: each root; below
/// an index (OCI or Docker list) its manifests, recursively; below a manifest its config and
/// layers. Manifests and indexes are read (digest-verified) and parsed just enough for that.
/// Errors: NotFound for a blob missing from the store, naming it and its referrer (layers with
/// `urls`, i.e. non-distributable ones, may be absent and are then left out); InvalidArgument
/// when a blob's size differs from its descriptor or a manifest/index is not valid JSON.
util::Result<std::vector<image::Descriptor>> CollectLayoutBlobs(const Store& store,
                                                                std::span<const image::Descriptor> roots);

/// Writes an OCI layout directory at `dest` (`type=oci,dest=DIR,tar=false`): `oci-layout`,
/// `index.json` (schemaVersion 2, an OCI index whose manifests are `roots`, in order) and
/// `blobs/sha256/<hex>` for CollectLayoutBlobs(roots). All or nothing: the layout is built in a
/// temporary directory beside `dest` and renamed into place, so `dest` is either untouched or
/// complete. An existing `dest` must be an empty directory or an OCI layout (it is replaced
/// whole, atomically); anything else is a Conflict naming it. Blobs are copied as the next
/// paragraph says.
///
/// Blobs in every layout output (this directory, the tars below, and what is built on them:
/// docker archives, the Docker Engine load stream) never carry bytes that do not match their
/// digest, and are checked once per process: a blob `store` verified on write (see Store) is
/// copied without being hashed again (into this directory by copy_file_range, a reflink where
/// the filesystem can; into a tar file beside the page cache, util::DirectWriter; into a pipe
/// or socket by sendfile); any other is hashed while it is copied, and a mismatch fails the call with kInternal "blob … is
/// corrupted". Either way the output's bytes are the same.
util::Status WriteLayoutDir(const Store& store, std::span<const image::Descriptor> roots,
                            const std::filesystem::path& dest, const LayoutWriteOptions& options = {});

/// Streams the layout as a tar to `fd` (not owned; `dest=-` is fd 1): entries `blobs/`,
/// `blobs/sha256/`, `blobs/sha256/<hex>`…, `index.json`, `oci-layout` in that order, the blobs
/// the largest first (of equal sizes, the lowest digest), then the others by digest (so that a
/// build's big layer can be written into the archive as it is made: LayoutTarHead), uid/gid 0,
/// modes 0755/0644, mtime from `options`: the same inputs give identical bytes.
/// Blobs are copied and checked as WriteLayoutDir() says, in bounded memory whatever their
/// size. Missing blobs are found before the first byte is written; a blob found corrupt while
/// streaming fails the call with the archive left unterminated (never a valid-looking tar).
util::Status WriteLayoutTar(const Store& store, std::span<const image::Descriptor> roots, int fd,
                            const LayoutWriteOptions& options = {});

/// WriteLayoutTar() into the file `dest` (`type=oci,dest=FILE`), atomically: a temp file
/// beside it (`options.head`'s when it is for `dest`), renamed over it only when complete. On
/// any error nothing is left at `dest` (an existing file there is kept as it was). With a head
/// that holds the archive's first blob, the archive goes on after it; with any other head it
/// is written whole over the head's bytes. The bytes are WriteLayoutTar()'s either way.
util::Status WriteLayoutTarFile(const Store& store, std::span<const image::Descriptor> roots,
                                const std::filesystem::path& dest, const LayoutWriteOptions& options = {});

/// A layout read back.
struct Layout {
  std::string index_json;                    ///< index.json, exact bytes
  std::vector<image::Descriptor> manifests;  ///< index.json's `manifests`
};

/// Reads an OCI layout from `path`, a directory or a tar file (gzip/zstd-compressed tars too),
/// importing every blob under `blobs/sha256/` into `store` (each verified against its name;
/// blobs the store already has are skipped). Checks `oci-layout` (imageLayoutVersion 1.0.0)
/// and that every index.json manifest is then in the store. Tar entries with absolute paths
/// or `..` components, and links under `blobs/`, are refused (InvalidArgument); entries
/// outside the layout (e.g. a docker-save `manifest.json`) are ignored.
util::Result<Layout> ReadLayout(const Store& store, const std::filesystem::path& path);

/// ReadLayout() of a tar stream on `fd` (not owned; e.g. stdin). `what` names it in errors.
util::Result<Layout> ReadLayoutTar(const Store& store, int fd, std::string_view what);

}  // namespace manifold::content
