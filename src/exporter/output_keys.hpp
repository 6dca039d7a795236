// The image-writing keys of `--output`: push-by-digest, name-canonical, store, compression options.
#pragma once

#include <string_view>

#include "exporter/output_spec.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Reads one of push-by-digest, name-canonical, dangling-name-prefix, store, unpack,
/// force-compression, rewrite-timestamp, oci-artifact, platform-split into `spec`. Returns
/// false when `key` is none of them. Errors (kInvalidArgument, naming the key): a value that
/// is not a boolean, `unpack=true` (manifold's image store keeps no unpacked copies).
util::Result<bool> ParseImageKey(std::string_view key, std::string_view value, OutputSpec& spec);

/// After every key is read: refuses keys given to a type they do not apply to (push-by-digest
/// on type=oci, force-compression on type=local, ...), naming the key and the types it has.
util::Status CheckImageKeys(const OutputSpec& spec, const std::vector<std::string>& given_keys);

}  // namespace manifold::exporter
