// registry::TransferLimits: every bound on what manifold reads from a registry, in one place.
#pragma once

#include <chrono>
#include <cstdint>

namespace manifold::registry {

/// Bounds on the transfers of one HttpClient / Registry. A registry (or a token service, or a
/// storage backend it redirects to) that exceeds one gets an error naming the registry, the
/// document and the limit, at once: nothing unbounded is kept in memory, nothing is streamed
/// past what a descriptor announced, and no peer can hold a transfer open by trickling bytes.
/// The defaults are the documented limits; tests shrink them to stay quick.
struct TransferLimits {
  /// Manifests and indexes: 4 MiB, the limit distribution (docker-registry) and the public
  /// registries enforce when a manifest is pushed, so no pushable image has a larger one.
  int64_t manifest_bytes = 4ll << 20;
  /// Image configs: 64 MiB. A config holds the env, labels and one history entry per layer;
  /// real ones are kilobytes, the largest seen a few MiB. Configs are read whole into memory
  /// and parsed, so the bound is what keeps a hostile one (1 GiB) from exhausting memory.
  int64_t config_bytes = 64ll << 20;
  /// Answers of token services (a JSON object with a token of a few KiB).
  int64_t token_bytes = 1ll << 20;
  /// Of an error response's body only this much is read (for the message); the transfer ends
  /// there.
  int64_t error_body_bytes = 4ll << 10;
  /// A whole request for a small document (manifests, configs, tokens, HEADs, starting and
  /// finishing uploads) must complete within this. Blob transfers have no total deadline
  /// (they may be large and slow) but are bounded by their size and the low-speed limit.
  std::chrono::seconds document_deadline{60};
  /// Establishing a connection (TCP + TLS).
  std::chrono::seconds connect_timeout{30};
  /// A transfer moving fewer than `low_speed_bytes` per second for `low_speed_time` fails: a
  /// peer that trickles a byte now and then cannot keep a build waiting.
  int64_t low_speed_bytes = 1024;
  std::chrono::seconds low_speed_time{30};
  /// Redirects followed for one request (blob GETs go to storage backends: one or two hops).
  int max_redirects = 5;
};

}  // namespace manifold::registry
