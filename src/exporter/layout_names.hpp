// NamedRoots: the index.json entries of an OCI or docker archive, named as BuildKit's exporters name them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// The entries an archive's index.json lists for `root`: one per name, each annotated with
/// `io.containerd.image.name` = the normalized full name (`docker.io/library/app:latest`, the
/// tag defaulting to latest) and `org.opencontainers.image.ref.name` = its tag (tag@digest or
/// @digest for a pinned name); one unnamed entry when there are no names. Every entry keeps
/// `root`'s own annotations (index-descriptor ones) and gets `org.opencontainers.image.created`
/// (SOURCE_DATE_EPOCH when set, else now, RFC 3339 UTC) unless it has one. The platform is
/// dropped. Errors (kInvalidArgument): a name that is not a valid reference.
util::Result<std::vector<image::Descriptor>> NamedRoots(const image::Descriptor& root,
                                                        const std::vector<std::string>& names,
                                                        std::optional<int64_t> source_date_epoch);

}  // namespace manifold::exporter
