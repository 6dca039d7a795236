// builder::NodeConnection: an ssh child running `manifold node serve --stdio`, and the channel to it.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "builder/instance.hpp"
#include "builder/node_info.hpp"
#include "session/channel.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The ssh client command line: $MANIFOLD_SSH_COMMAND split on spaces (as GIT_SSH_COMMAND;
/// default "ssh"), then `-T`, `-p PORT` / `-l USER` when the endpoint names them, the host,
/// `--` and the node's command. Options from ~/.ssh/config apply as usual.
std::vector<std::string> SshArgv(const SshEndpoint& endpoint);

/// One connection to a remote node. The ssh child runs in its own process group (a Ctrl-C
/// reaches manifold, which cancels the build over the channel, not ssh directly); its stderr
/// is kept (the last 4 KiB) to explain a failure.
class NodeConnection {
 public:
  /// Starts ssh and exchanges hello. Errors name the node and endpoint and carry ssh's own
  /// message (unreachable host, refused key, no manifold on the node's PATH) or the version
  /// mismatch (both versions named).
  static util::Result<std::unique_ptr<NodeConnection>> Open(const Node& node);
  ~NodeConnection();  ///< closes the channel, waits a moment for ssh, then kills it

  const NodeInfo& info() const { return info_; }
  const Node& node() const { return node_; }
  session::Channel& channel() { return *channel_; }
  /// What ssh wrote on stderr (trimmed), for errors.
  std::string StderrTail();
  /// An error for "the channel broke": the node, endpoint, what was going on and ssh's words.
  util::Error Broken(const util::Error& cause, std::string_view during);
  /// Ends the connection now (the node sees EOF and cancels its build). Thread-safe.
  void Kill();

 private:
  NodeConnection(Node node, pid_t pid, util::UniqueFd stderr_fd);
  util::Status Hello();

  Node node_;
  std::atomic<pid_t> pid_{-1};
  std::unique_ptr<session::Channel> channel_;
  NodeInfo info_;
  std::mutex stderr_mu_;
  std::string stderr_;
  std::thread stderr_reader_;
};

/// Told when a node's connection starts and ends (from the dialling threads).
struct ConnectObserver {
  std::function<void(const Node&)> started = {};
  std::function<void(const NodeStatus&, std::chrono::milliseconds)> ended = {};
};

/// Opens every ssh node of `instance` at once (a slow host costs one handshake, not one each);
/// local nodes are reachable at once with LocalNodeInfo(). `connections[i]` is node i's open
/// connection, nullptr for a local or unreachable one. Never fails: an unreachable node's
/// status says why.
std::vector<NodeStatus> ConnectNodes(const Instance& instance,
                                     std::vector<std::unique_ptr<NodeConnection>>& connections,
                                     const ConnectObserver& observe = {});

}  // namespace manifold::builder
