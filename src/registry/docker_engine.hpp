// registry::DockerEngine: a client of the Docker Engine API over its unix socket (ping, version, info, image load).
#pragma once

#include <string>
#include <vector>

#include "registry/docker_endpoint.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// What an image load reported.
struct EngineLoadResult {
  std::vector<std::string> names;  ///< "app:1.0", as the Engine printed them
  std::vector<std::string> ids;    ///< image IDs of unnamed images
};

/// A Docker Engine that answered. Requests go over the endpoint's unix socket with libcurl
/// (CURLOPT_UNIX_SOCKET_PATH), prefixed with the negotiated API version. Not thread-safe (one
/// build uses it from one thread); cheap to copy.
class DockerEngine {
 public:
  /// The newest API version this client speaks (requests use min(this, the Engine's)).
  static constexpr std::string_view kMaxApiVersion = "1.47";
  /// The oldest it accepts: `POST /images/load?quiet=1` and `/info`'s DriverStatus are there.
  static constexpr std::string_view kMinApiVersion = "1.24";

  /// `GET /_ping`, then `GET /version` to negotiate the API version. kUnavailable when nothing
  /// answers on the socket (the message names it); kInvalidArgument when the Engine is older
  /// than kMinApiVersion or its answers are not what the API says.
  static util::Result<DockerEngine> Connect(const DockerEndpoint& endpoint);

  const DockerEndpoint& endpoint() const { return endpoint_; }
  /// The API version requests use ("1.41").
  const std::string& api_version() const { return api_version_; }
  /// The Engine's own version ("20.10.24+dfsg1").
  const std::string& engine_version() const { return engine_version_; }

  /// `GET /info`: true when the Engine keeps images in containerd's image store (DriverStatus
  /// holds ["driver-type", "io.containerd.snapshotter.v1"]), which keeps every platform of an
  /// index; false for the classic graph-driver store, which keeps one platform per image.
  util::Result<bool> UsesContainerdStore() const;

  /// `POST /images/load?quiet=1` with the archive read from `archive_fd` (not owned) until
  /// EOF, sent chunked as it is read (never held whole in memory). Errors name the Engine:
  /// transport failures (kUnavailable), an HTTP error status or an error in the response's
  /// message stream (kInvalidArgument, with the Engine's message).
  util::Result<EngineLoadResult> Load(int archive_fd) const;

 private:
  DockerEngine(DockerEndpoint endpoint, std::string api_version, std::string engine_version)
      : endpoint_(std::move(endpoint)), api_version_(std::move(api_version)), engine_version_(std::move(engine_version)) {}

  DockerEndpoint endpoint_;
  std::string api_version_;
  std::string engine_version_;
};

/// Compares API versions ("1.41" < "1.47" < "1.100"): <0, 0, >0.
int CompareApiVersions(std::string_view a, std::string_view b);

}  // namespace manifold::registry
