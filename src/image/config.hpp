// ImageConfig: the OCI image configuration (with Docker's extensions) and its JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "image/digest.hpp"
#include "image/media_types.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::image {

/// Docker's HEALTHCHECK settings (a Docker extension of the OCI config). Durations in
/// nanoseconds; 0 = inherit/default. `test` empty = not set; {"NONE"} disables.
struct HealthConfig {
  std::vector<std::string> test;
  int64_t interval = 0;
  int64_t timeout = 0;
  int64_t start_period = 0;
  int64_t start_interval = 0;
  int64_t retries = 0;

  bool operator==(const HealthConfig&) const = default;
};

/// The `config` object: how to run a container from the image. Empty members are omitted
/// when serialized (Go's omitempty); sets and maps are sorted, so output is canonical.
struct ContainerConfig {
  std::string user;
  std::set<std::string> exposed_ports;  ///< "80/tcp"
  std::vector<std::string> env;         ///< "NAME=value", in order
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::set<std::string> volumes;
  std::string working_dir;
  std::map<std::string, std::string> labels;
  std::string stop_signal;
  bool args_escaped = false;
  std::optional<HealthConfig> healthcheck;  ///< Docker extension
  std::vector<std::string> on_build;        ///< Docker extension
  std::vector<std::string> shell;           ///< Docker extension

  bool operator==(const ContainerConfig&) const = default;
};

/// One `history` entry. `created` is RFC 3339 text as written ("" = omitted).
struct HistoryEntry {
  std::string created;
  std::string created_by;
  std::string author;
  std::string comment;
  bool empty_layer = false;

  bool operator==(const HistoryEntry&) const = default;
};

/// An image configuration (image-spec config.md). The platform's os/architecture/variant/
/// os.version/os.features are the config's top-level fields. `rootfs.type` is always "layers".
struct ImageConfig {
  std::string created;  ///< RFC 3339 ("" = omitted)
  std::string author;
  Platform platform;
  ContainerConfig config;
  std::vector<Digest> diff_ids;  ///< uncompressed layer digests, base first
  std::vector<HistoryEntry> history;
  /// More top-level fields SerializeConfig writes as given (the inline cache's
  /// "manifold.cache.v0"). Names must not be ones the spec defines (asserted). ParseConfig
  /// leaves this empty: a base image's unknown fields must not leak into images built from
  /// it; read the raw JSON to see them.
  std::map<std::string, nlohmann::json> extra;

  bool operator==(const ImageConfig&) const = default;
};

/// The canonical JSON bytes of `config` (sorted keys, no whitespace, omitempty;
/// `rootfs.diff_ids` always present, `config` always an object). The bytes are the same for
/// both media type families; the family only chooses the descriptor's media type.
std::string SerializeConfig(const ImageConfig& config);

/// Reads a config of either family. Unknown fields (Docker's container_config, ...) are
/// ignored. Checks beyond the schema: architecture and os present, rootfs.type "layers",
/// diff_ids valid digests, Env entries NAME=..., created dates RFC 3339. Errors
/// (InvalidArgument) name the field ("config.Env[2]").
util::Result<ImageConfig> ParseConfig(std::string_view bytes);

}  // namespace manifold::image
