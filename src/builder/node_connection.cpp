// Spawning ssh with three pipes and saying hello over it.
#include "builder/node_connection.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "builder/node_protocol.hpp"
#include "util/subprocess.hpp"
#include "util/version.hpp"
#include "session/error_message.hpp"

extern char** environ;

namespace manifold::builder {

namespace {

constexpr size_t kStderrKept = 4096;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t start = s.find_first_not_of("\n\r ");
  return start == std::string::npos ? std::string() : s.substr(start);
}

// Waits up to `patience` for the child, then kills it; returns its status.
int Reap(pid_t pid, std::chrono::milliseconds patience) {
  auto deadline = std::chrono::steady_clock::now() + patience;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return status;
    if (std::chrono::steady_clock::now() >= deadline) break;
    ::usleep(10'000);
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::vector<std::string> SshArgv(const SshEndpoint& endpoint) {
  std::vector<std::string> argv;
  const char* command = std::getenv("MANIFOLD_SSH_COMMAND");
  std::istringstream words(command != nullptr && *command != '\0' ? command : "ssh");
  for (std::string word; words >> word;) argv.push_back(word);
  argv.push_back("-T");  // a channel of bytes: no terminal to translate them
  if (endpoint.port != 0) {
    argv.push_back("-p");
    argv.push_back(std::to_string(endpoint.port));
  }
  if (!endpoint.user.empty()) {
    argv.push_back("-l");
    argv.push_back(endpoint.user);
  }
  argv.push_back(endpoint.host);
  argv.push_back("--");
  for (const char* word : {"manifold", "node", "serve", "--stdio"}) argv.push_back(word);
  return argv;
}

util::Result<std::unique_ptr<NodeConnection>> NodeConnection::Open(const Node& node) {
  auto endpoint = ParseSshEndpoint(node.endpoint);
  if (!endpoint) return std::unexpected(std::move(endpoint.error()).Context("node {:?}", node.name));
  std::vector<std::string> argv = SshArgv(*endpoint);

  util::UniqueFd in_r, in_w, out_r, out_w, err_r, err_w;
  MANIFOLD_CHECK(util::MakePipe(in_r, in_w));
  MANIFOLD_CHECK(util::MakePipe(out_r, out_w));
  MANIFOLD_CHECK(util::MakePipe(err_r, err_w));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  // Own process group: the terminal's Ctrl-C is manifold's to turn into a cancellation.
  util::CleanSpawnAttr attr(/*own_process_group=*/true);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, attr.get(), args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return util::Fail(rc == ENOENT ? util::ErrorKind::kNotFound : util::ErrorKind::kUnavailable,
                      "node {:?} ({}): cannot start {:?}: {} (install openssh-client, or set MANIFOLD_SSH_COMMAND)",
                      node.name, node.endpoint, argv[0], std::strerror(rc));
  }
  in_r.reset();
  out_w.reset();
  err_w.reset();
  std::unique_ptr<NodeConnection> connection(new NodeConnection(node, pid, std::move(err_r)));
  connection->channel_ = std::make_unique<session::Channel>(std::move(out_r), std::move(in_w));
  MANIFOLD_CHECK(connection->Hello());
  return connection;
}

NodeConnection::NodeConnection(Node node, pid_t pid, util::UniqueFd stderr_fd) : node_(std::move(node)), pid_(pid) {
  stderr_reader_ = std::thread([this, fd = std::move(stderr_fd)] {
    char buf[1024];
    for (;;) {
      ssize_t n = ::read(fd.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      std::lock_guard lock(stderr_mu_);
      stderr_.append(buf, static_cast<size_t>(n));
      if (stderr_.size() > 2 * kStderrKept) stderr_.erase(0, stderr_.size() - kStderrKept);
    }
  });
}

NodeConnection::~NodeConnection() {
  channel_.reset();  // EOF on the node's stdin: it ends its session
  if (pid_ > 0) Reap(pid_, std::chrono::seconds(2));
  if (stderr_reader_.joinable()) stderr_reader_.join();
}

void NodeConnection::Kill() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

std::string NodeConnection::StderrTail() {
  std::lock_guard lock(stderr_mu_);
  std::string tail = stderr_.size() > kStderrKept ? stderr_.substr(stderr_.size() - kStderrKept) : stderr_;
  return Trim(std::move(tail));
}

util::Error NodeConnection::Broken(const util::Error& cause, std::string_view during) {
  // ssh reports why it gave up on stderr, after the pipe closes; give it a moment to arrive.
  if (cause.kind() == util::ErrorKind::kUnavailable) {
    for (int i = 0; i < 50; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      ::usleep(10'000);
    }
    if (stderr_reader_.joinable() && pid_ < 0) stderr_reader_.join();
  }
  std::string ssh_said = StderrTail();
  return util::Error(cause.kind(), fmt::format("node {:?} ({}): {}: {}{}", node_.name, node_.endpoint, during,
                                               cause.What(), ssh_said.empty() ? "" : "; ssh: " + ssh_said));
}

util::Status NodeConnection::Hello() {
  // The client's hello carries only its version: no need to ask binfmt_misc what it emulates.
  NodeInfo mine;
  mine.version = std::string(util::Version());
  mine.protocol = kNodeProtocolVersion;
  if (auto sent = channel_->Send(HelloMessage(mine, false)); !sent) return std::unexpected(Broken(sent.error(), "saying hello"));
  auto reply = channel_->Receive();
  if (!reply) return std::unexpected(Broken(reply.error(), "waiting for its hello"));
  if (reply->value("type", "") == "error") {
    return std::unexpected(Broken(session::ErrorFromMessage(*reply), "it refused the session"));
  }
  auto info = ParseHello(*reply);
  if (!info) return std::unexpected(Broken(info.error(), "reading its hello"));
  if (auto ok = CheckProtocol(*info, fmt::format("node {:?} ({})", node_.name, node_.endpoint)); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  info_ = std::move(*info);
  return {};
}

std::vector<NodeStatus> ConnectNodes(const Instance& instance,
                                     std::vector<std::unique_ptr<NodeConnection>>& connections,
                                     const ConnectObserver& observe) {
  std::vector<NodeStatus> statuses(instance.nodes.size());
  connections.clear();
  connections.resize(instance.nodes.size());
  std::vector<std::thread> dialers;
  for (size_t i = 0; i < instance.nodes.size(); ++i) {
    statuses[i].node = instance.nodes[i];
    if (instance.nodes[i].local()) {
      statuses[i].reachable = true;
      statuses[i].info = LocalNodeInfo();
      continue;
    }
    dialers.emplace_back([&, i] {
      if (observe.started) observe.started(instance.nodes[i]);
      const auto started = std::chrono::steady_clock::now();
      auto connection = NodeConnection::Open(instance.nodes[i]);
      if (connection) {
        statuses[i].reachable = true;
        statuses[i].info = (*connection)->info();
        connections[i] = std::move(*connection);
      } else {
        statuses[i].error = connection.error().What();
      }
      if (observe.ended) {
        observe.ended(statuses[i], std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::steady_clock::now() - started));
      }
    });
  }
  for (auto& dialer : dialers) dialer.join();
  return statuses;
}

}  // namespace manifold::builder
