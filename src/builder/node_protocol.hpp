// The node protocol's small messages, shared by the client and the node (docs/node-protocol.md).
#pragma once

#include <nlohmann/json.hpp>

#include "builder/node_info.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// {"type":"hello","protocol":N,"version":V[,"native":P,"emulated":[P...]]}: the client sends
/// its own without platforms; the node answers with them.
nlohmann::json HelloMessage(const NodeInfo& info, bool with_platforms);
/// The peer's hello. kInvalidArgument when it is not one; the protocol is not checked here.
util::Result<NodeInfo> ParseHello(const nlohmann::json& message);

/// The one thing both ends check first: the protocol number. An error naming both versions.
util::Status CheckProtocol(const NodeInfo& peer, std::string_view peer_name);

}  // namespace manifold::builder
