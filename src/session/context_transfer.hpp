// SendContext / ReceiveContext: one build context crossing a Channel, only what the node lacks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "session/channel.hpp"
#include "session/context_manifest.hpp"
#include "session/context_mirror.hpp"
#include "util/error.hpp"

namespace manifold::session {

/// Client side of one transfer (docs/node-protocol.md, "Context"): sends
/// {"type":"context","key":KEY,"entries":[...]}, receives {"type":"context-need","digests":[...]},
/// sends each needed file as a blob read from `dir` (confined to it; the file must still have
/// the manifest's size and digest, else kConflict "X changed during the build's context
/// transfer"), then {"type":"context-end"}, and waits for {"type":"context-ready"}. An
/// {"type":"error"} reply becomes an error with its message; a digest the node asks for that
/// the manifest lacks is kInvalidArgument. The protocol is finished even after a conflict, so
/// the channel stays usable. Returns the bytes of file content sent. `key` names the node's
/// mirror (64 lowercase hex, e.g. a hash of the client's host and context path).
util::Result<int64_t> SendContext(Channel& channel, const std::filesystem::path& dir,
                                  const ContextManifest& manifest, std::string_view key);

/// Node side, after Receive() returned the "context" message: validates it (KEY = 64 lowercase
/// hex, the manifest as ManifestFromJson), opens (and locks) mirrors_root/KEY, replies with
/// what is missing, stages the blobs (only those asked for, each once, with the manifest's
/// size), applies the manifest and replies context-ready. On failure it replies
/// {"type":"error"} (after reading up to context-end, so the channel stays in step) and
/// returns the error. Returns the open, locked mirror.
util::Result<ContextMirror> ReceiveContext(Channel& channel, const std::filesystem::path& mirrors_root,
                                           const nlohmann::json& context_message);

}  // namespace manifold::session
