// RunEnvironment: what the command line sets for every RUN step (--network, --add-host, --ulimit…).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/op.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// The flags as the user gave them (buildx's spellings), before ParseRunEnvironment.
struct RunEnvironmentFlags {
  std::string network;                 ///< --network; empty = default
  std::vector<std::string> add_hosts;  ///< --add-host, one value per occurrence
  std::vector<std::string> ulimits;    ///< --ulimit
  std::string shm_size;                ///< --shm-size; empty = the runtime's 64 MiB
  std::string cgroup_parent;           ///< --cgroup-parent
  std::vector<std::string> allow;      ///< --allow, each a comma list of entitlements
};

/// The build-wide settings of RUN steps, parsed. Plain data; lowering copies them into each
/// exec op (so they reach remote nodes with the graph and take part in cache keys there).
struct RunEnvironment {
  /// RUN steps without `--network` of their own (or with `--network=default`) get this one;
  /// a RUN's own none or host wins, as in BuildKit (the flag forces the stage's default).
  graph::ExecOp::Network network = graph::ExecOp::Network::kDefault;
  std::vector<graph::HostIp> extra_hosts;  ///< in the order given
  std::vector<graph::Ulimit> ulimits;      ///< sorted by name; a repeated name keeps the last
  uint64_t shm_size = 0;                   ///< bytes of each RUN's /dev/shm; 0 = the default
  std::string cgroup_parent;               ///< cleaned, without leading or trailing '/'
  bool allow_network_host = false;         ///< --allow network.host, or --network host (buildx)
  bool allow_security_insecure = false;    ///< --allow security.insecure
};

/// Parses every flag of `flags`, with buildx's syntax and checks:
/// --network default|none|host (`host` also grants network.host, as buildx does);
/// --add-host NAME:IP or NAME=IP (IPv6 as NAME=::1, NAME:::1 or NAME=[::1]; name and address
///   lower-cased and the address in canonical form, as BuildKit keeps them; `host-gateway` is
///   refused: manifold has no bridge whose gateway it could name);
/// --ulimit NAME=SOFT[:HARD] (docker's names: core, cpu, data, fsize, locks, memlock, msgqueue,
///   nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack; -1 = unlimited; HARD
///   defaults to SOFT; SOFT ≤ HARD);
/// --shm-size BYTES or a size with a unit (64m, 1g, 1.5GiB: docker's RAMInBytes, binary units);
/// --cgroup-parent PATH (a cgroupfs path; systemd's `NAME.slice:PREFIX:` form and `..` are
///   refused);
/// --allow network.host|security.insecure (repeated or comma-separated).
/// Errors (kInvalidArgument) name the flag and the value and say what is expected.
util::Result<RunEnvironment> ParseRunEnvironment(const RunEnvironmentFlags& flags);

}  // namespace manifold::frontend::dockerfile
