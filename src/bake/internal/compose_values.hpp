// Typed reads of Compose model values (strings, lists, booleans, sizes, ulimits, hosts,
// paths), each failing with the model path and the value's location.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bake/internal/compose_template.hpp"
#include "bake/internal/yaml_tree.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// A scalar's text (numbers and booleans as written); null is "". Errors: a list or mapping.
util::Result<std::string> ReadString(const YamlNode& node, std::string_view path);
/// A list of scalars; null is empty. Errors: not a list, a non-scalar entry.
util::Result<std::vector<std::string>> ReadStringList(const YamlNode& node, std::string_view path);
/// true/false as compose-go casts them (also y/yes/on, n/no/off, any case).
util::Result<bool> ReadBool(const YamlNode& node, std::string_view path);
/// shm_size: an integer number of bytes or a size with a binary unit ("128m", "1.5GiB").
util::Result<std::int64_t> ReadByteSize(const YamlNode& node, std::string_view path);
/// `bytes` as docker's units.BytesSize prints it: "128MiB", "1.5GiB", "512B".
std::string FormatBytes(std::int64_t bytes);
/// build.ulimits: NAME -> N or {soft, hard}, as "NAME=soft:hard" (N gives N:N), by name.
/// Errors: an unknown name, a non-integer, soft above hard.
util::Result<std::vector<std::string>> ReadUlimits(const YamlNode& node, std::string_view path);
/// build.extra_hosts (a canonical list of "host=ip" or "host:ip"): host -> its addresses
/// joined by ",", brackets removed from "[::1]". Errors: no separator, a bad host name.
util::Result<std::map<std::string, std::string>> ReadExtraHosts(const YamlNode& node,
                                                                std::string_view path);

/// compose-go's path resolution against an empty working directory: `~` expanded with HOME
/// from `lookup`, an absolute path kept, a relative one cleaned ("./app/" -> "app").
std::string ResolveLocalPath(std::string_view path, const VariableLookup& lookup);
/// A build context or additional context: URLs, `service:`, `docker-image://` and other
/// `scheme://` values kept, local paths as ResolveLocalPath.
std::string ResolveContextPath(std::string_view path, const VariableLookup& lookup);

/// One CSV field "key=value", quoted when it holds a comma, quote or line break (buildx's
/// csvBuilder, which writes secrets and ssh specs).
std::string CsvField(std::string_view key, std::string_view value);

}  // namespace manifold::bake::internal
