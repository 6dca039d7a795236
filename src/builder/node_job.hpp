// builder::NodeJob: a node's share of a build, as it travels over the channel.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builder/build.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "registry/credentials.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The cache records of a node's share, one list per --cache-to value ("cache_records").
nlohmann::json CacheRecordsToJson(const std::vector<std::vector<cache::PortableRecord>>& records);
util::Result<std::vector<std::vector<cache::PortableRecord>>> CacheRecordsFromJson(const nlohmann::json& json);

/// Everything a node needs to build its platforms the way the client's command asked. The
/// graph is lowered on the client (base images resolved there), so every node builds the same
/// vertices; flags travel as the user wrote them and are parsed again on the node.
struct NodeJob {
  std::vector<frontend::dockerfile::PlatformBuild> platforms;
  frontend::dockerfile::CheckOptions checks;
  std::string context_key;                 ///< the node's copy of the context; "" = none sent
  /// --build-context directories the graph reads: local source name ("context:KEY") → the
  /// node's copy of it (a key as context_key's; each was sent before the job).
  std::map<std::string, std::string> named_context_keys;
  std::vector<std::string> outputs;        ///< --output values (compression; pushing outputs)
  std::vector<std::string> tags;
  bool push = false;
  bool pull = false;
  bool no_cache = false;
  std::vector<std::string> no_cache_filter;
  std::vector<std::string> cache_from;     ///< --cache-from values a node can read (registry ones)
  std::vector<std::string> cache_to;       ///< --cache-to values: inline ones the node writes, the others it returns records for
  int jobs = 0;
  std::optional<int64_t> source_date_epoch;
  std::map<std::string, std::string> secrets;                  ///< by id; memory only on the node
  std::map<std::string, registry::Credential> credentials;     ///< by registry host; memory only
  bool return_blobs = false;               ///< the client needs every blob (archives, --load)
};

nlohmann::json NodeJobToJson(const NodeJob& job);
/// Errors (kInvalidArgument) name the field; the graph's own check (vertex digests) runs here.
util::Result<NodeJob> NodeJobFromJson(const nlohmann::json& message);

/// What a node built: its platforms' images (descriptors, RUN step times, native or not) and
/// the build checks' findings. {"type":"result","platforms":[...],"warnings":[...]}.
struct NodeResult {
  std::vector<PlatformResult> platforms;
  std::vector<CheckWarning> warnings;
  std::vector<std::vector<cache::PortableRecord>> cache_records;  ///< per --cache-to value, as BuildResult
};
nlohmann::json NodeResultToJson(const NodeResult& result);
util::Result<NodeResult> NodeResultFromJson(const nlohmann::json& message);

}  // namespace manifold::builder
