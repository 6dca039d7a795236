// FindDockerEndpoint: which Docker Engine the docker CLI would talk to (DOCKER_HOST, contexts).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"

namespace manifold::registry {

/// The environment the search reads, passed in so that tests can give their own.
struct DockerEnvironment {
  std::optional<std::string> docker_host;     ///< $DOCKER_HOST
  std::optional<std::string> docker_context;  ///< $DOCKER_CONTEXT
  std::optional<std::string> docker_config;   ///< $DOCKER_CONFIG (the CLI's config dir)
  std::optional<std::string> home;            ///< $HOME (config dir ~/.docker)
  std::filesystem::path default_socket = "/var/run/docker.sock";

  /// The process's own environment.
  static DockerEnvironment FromProcess();
};

/// A unix socket an Engine may listen on, and how it was found.
struct DockerEndpoint {
  std::string host;               ///< "unix:///var/run/docker.sock", for messages
  std::filesystem::path socket;   ///< the socket's path
  std::string found_by;           ///< "DOCKER_HOST", "docker context NAME", "the default socket"
};

/// The outcome of the search: an endpoint to try, or none and why (a sentence for messages).
struct DockerEndpointSearch {
  std::optional<DockerEndpoint> endpoint;
  std::string why_none;  ///< set when endpoint is empty
};

/// Finds the Engine as the docker CLI does: DOCKER_HOST when set (unix:// only: tcp://, ssh://
/// and others give no endpoint and a "not supported" reason); else the context DOCKER_CONTEXT
/// names, else config.json's `currentContext` (in DOCKER_CONFIG, else ~/.docker), whose
/// `contexts/meta/<sha256 of name>/meta.json` gives `Endpoints.docker.Host` ("default" means
/// no context); else `default_socket` when it exists. Whether an Engine answers there is for
/// DockerEngine::Connect to find out. Errors: a config.json or meta.json that is not JSON
/// (kInvalidArgument, naming the file), as the CLI refuses them too.
util::Result<DockerEndpointSearch> FindDockerEndpoint(const DockerEnvironment& env);

/// Parses a docker host string: "unix:///path" → the endpoint; anything else → the reason it
/// is not spoken. `found_by` is copied into the endpoint.
DockerEndpointSearch EndpointOfHost(const std::string& host, const std::string& found_by);

}  // namespace manifold::registry
