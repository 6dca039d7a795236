// Media types of OCI and Docker schema 2 documents and layers, and their equivalences.
#pragma once

#include <string_view>

namespace manifold::image {

/// Which family of media types a document is written with: OCI (the default) or Docker
/// schema 2 (manifest list, v2 manifest, container.image.v1 config, rootfs.diff layers).
enum class MediaTypes { kOci, kDocker };

}  // namespace manifold::image

namespace manifold::image::media_type {

inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciLayout = "application/vnd.oci.layout.header.v1+json";
inline constexpr std::string_view kOciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

inline constexpr std::string_view kOciEmpty = "application/vnd.oci.empty.v1+json";
inline constexpr std::string_view kOciDescriptor = "application/vnd.oci.descriptor.v1+json";

inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view kDockerLayerGzip =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view kDockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
inline constexpr std::string_view kDockerLayerZstd =
    "application/vnd.docker.image.rootfs.diff.tar.zstd";

/// True for an index or a Docker manifest list.
bool IsIndex(std::string_view media_type);
/// True for an image manifest of either family.
bool IsManifest(std::string_view media_type);
/// True for a layer media type of either family (any compression).
bool IsLayer(std::string_view media_type);
/// True for an image config of either family.
bool IsConfig(std::string_view media_type);

/// The equivalent of `media_type` in `family` (index, manifest, config and layer types map
/// both ways, per media-types.md's compatibility matrix); any other type is returned unchanged.
std::string_view InFamily(std::string_view media_type, MediaTypes family);

/// True when `media_type` follows RFC 6838's type/subtype grammar as OCI's schema restricts it:
/// `[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}` on both sides of one '/'.
bool IsValidMediaType(std::string_view media_type);

}  // namespace manifold::image::media_type
