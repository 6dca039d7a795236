// The node's session: hello, context, one build, blobs, result.
#include "builder/node_server.hpp"

#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "builder/build.hpp"
#include "builder/node_job.hpp"
#include "builder/node_protocol.hpp"
#include "session/error_message.hpp"
#include "builder/platform_assignment.hpp"
#include "cache/cache_spec.hpp"
#include "content/store.hpp"
#include "exporter/output_spec.hpp"
#include "image/manifest.hpp"
#include "image/platform_parse.hpp"
#include "progress/event_json.hpp"
#include "session/channel.hpp"
#include "session/context_mirror.hpp"
#include "session/context_transfer.hpp"
#include "util/scope_exit.hpp"

namespace manifold::builder {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Progress of the node's build, sent to the client as it happens.
class ChannelSink final : public progress::Sink {
 public:
  explicit ChannelSink(session::Channel& channel) : channel_(channel) {}
  void Emit(const progress::Event& event) override {
    // A broken channel is noticed by the reader (which cancels the build); events are lost then.
    (void)channel_.Send({{"type", "event"}, {"event", progress::EventToJson(event)}});
  }

 private:
  session::Channel& channel_;
};

// Reads the client's messages while the build runs: "cancel" or the channel's end stops the
// build; anything else waits in a queue for the session to take it.
class ClientMessages {
 public:
  explicit ClientMessages(session::Channel& channel)
      : thread_([this, &channel] {
          for (;;) {
            auto message = channel.Receive();
            std::lock_guard lock(mu_);
            if (!message) {
              ended_ = std::move(message.error());
              stop_.request_stop();
              break;
            }
            if (message->value("type", "") == "cancel") {
              stop_.request_stop();
              continue;
            }
            bool bye = message->value("type", "") == "bye";
            queue_.push_back(std::move(*message));
            cv_.notify_all();
            if (bye) break;
          }
          cv_.notify_all();
        }) {}
  ~ClientMessages() { thread_.join(); }

  std::stop_token cancel() const { return stop_.get_token(); }

  // The next queued message, or why none will come.
  util::Result<json> Next() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !queue_.empty() || ended_; });
    if (!queue_.empty()) {
      json message = std::move(queue_.front());
      queue_.pop_front();
      return message;
    }
    return std::unexpected(*ended_);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<json> queue_;
  std::optional<util::Error> ended_;
  std::stop_source stop_;
  std::thread thread_;  // last: starts after the members it uses
};

util::Result<BuildRequest> RequestForJob(const NodeJob& job, const fs::path& root, const fs::path& context_dir,
                                         std::map<std::string, NamedContextDir> named_dirs) {
  BuildRequest request;
  request.root = root;
  request.context_dir = context_dir;
  for (const auto& p : job.platforms) request.platforms.push_back(p.platform);
  request.tags = job.tags;
  for (const auto& out : job.outputs) request.outputs.push_back(MANIFOLD_TRY(exporter::ParseOutputSpec(out)));
  request.push = job.push;
  request.pull = job.pull;
  request.no_cache = job.no_cache;
  request.no_cache_filter = job.no_cache_filter;
  for (const auto& spec : job.cache_from) request.cache_from.push_back(MANIFOLD_TRY(cache::ParseCacheFrom(spec)));
  for (const auto& spec : job.cache_to) request.cache_to.push_back(MANIFOLD_TRY(cache::ParseCacheTo(spec)));
  request.jobs = job.jobs;
  request.source_date_epoch = job.source_date_epoch;
  request.secret_values = job.secrets;
  request.credentials = [credentials = job.credentials](std::string_view host) -> util::Result<registry::Credential> {
    auto it = credentials.find(std::string(host));
    return it == credentials.end() ? registry::Credential{} : it->second;
  };
  LoweredBuild lowered;
  lowered.platforms = job.platforms;
  lowered.checks = job.checks;
  lowered.context_dir = context_dir;
  lowered.named_dirs = std::move(named_dirs);
  lowered.dockerfile_name = "Dockerfile";
  request.lowered = std::move(lowered);
  request.platform_share = true;
  return request;
}

// The blobs of each built image the client may want: documents always, layers when asked.
std::vector<std::pair<std::string, int64_t>> Offer(const BuildResult& built, bool layers) {
  const auto& platforms = built.platforms;
  std::vector<std::pair<std::string, int64_t>> blobs;
  auto add = [&](const image::Descriptor& d) {
    for (const auto& [digest, size] : blobs) {
      if (digest == d.digest.str()) return;
    }
    blobs.emplace_back(d.digest.str(), d.size);
  };
  for (const auto& p : platforms) {
    add(p.manifest);
    add(p.config_descriptor);
    if (layers) {
      for (const auto& l : p.layer_descriptors) add(l);
    }
  }
  // A cache export's layers are written by the client, which merges every node's records.
  for (const auto& records : built.cache_records) {
    for (const auto& record : records) {
      for (const auto& layer : record.chain) {
        if (layer) add(layer->descriptor);
      }
    }
  }
  return blobs;
}

util::Status SendWanted(session::Channel& channel, const content::Store& store, const json& want) {
  for (const auto& digest : want.value("digests", std::vector<std::string>{})) {
    auto parsed = MANIFOLD_TRY(image::Digest::Parse(digest));
    auto fd = MANIFOLD_TRY(store.Open(parsed));
    auto size = MANIFOLD_TRY(store.Size(parsed));
    MANIFOLD_CHECK(channel.SendBlob(digest, fd.get(), size));
  }
  return {};
}

// One build job: build, offer blobs, send what is wanted, then the result.
util::Status RunJob(session::Channel& channel, const json& message, const fs::path& root,
                    const std::map<std::string, session::ContextMirror>& mirrors) {
  auto job = NodeJobFromJson(message);
  if (!job) {
    (void)channel.Send(session::ErrorMessage(job.error()));
    return std::unexpected(std::move(job.error()));
  }
  auto unsent = [&](const std::string& what) {
    auto error = util::Error(util::ErrorKind::kInvalidArgument, fmt::format("build job names {} that was not sent", what));
    (void)channel.Send(session::ErrorMessage(error));
    return std::unexpected(error);
  };
  // The named directories are the node's copies: only what passed their .dockerignore.
  std::map<std::string, NamedContextDir> named_dirs;
  for (const auto& [name, key] : job->named_context_keys) {
    auto it = mirrors.find(key);
    if (it == mirrors.end()) return unsent("the context " + name);
    named_dirs[name].dir = it->second.tree();
  }
  fs::path context_dir;
  if (!job->context_key.empty()) {
    auto it = mirrors.find(job->context_key);
    if (it == mirrors.end()) return unsent("a context");
    context_dir = it->second.tree();
  } else {
    context_dir = root / "contexts" / "empty";
    std::error_code ec;
    fs::create_directories(context_dir, ec);
  }
  auto request = RequestForJob(*job, root, context_dir, std::move(named_dirs));
  if (!request) {
    (void)channel.Send(session::ErrorMessage(request.error()));
    return std::unexpected(std::move(request.error()));
  }

  ClientMessages client(channel);
  request->cancel = client.cancel();
  ChannelSink sink(channel);
  auto built = Build(*request, sink);
  if (!built) {
    (void)channel.Send(session::ErrorMessage(built.error()));
    return {};  // the client has the error; the node itself is fine
  }
  for (auto& p : built->platforms) p.native = RunsNatively(image::HostPlatform(), p.platform);

  auto store = MANIFOLD_TRY(content::Store::Open(root));
  json offer = {{"type", "offer"}, {"blobs", json::array()}};
  for (const auto& [digest, size] : Offer(*built, job->return_blobs)) {
    offer["blobs"].push_back({{"digest", digest}, {"size", size}});
  }
  MANIFOLD_CHECK(channel.Send(offer));
  auto want = MANIFOLD_TRY(client.Next());
  if (want.value("type", "") != "want") {
    return util::Fail(util::ErrorKind::kInvalidArgument, "expected the client's want, got {}", want.value("type", "?"));
  }
  MANIFOLD_CHECK(SendWanted(channel, store, want));
  MANIFOLD_CHECK(channel.Send(NodeResultToJson({built->platforms, built->warnings, built->cache_records})));
  // The session ends with the client's bye or the channel's end.
  (void)client.Next();
  return {};
}

}  // namespace

util::Status ServeNode(int in_fd, int out_fd, const fs::path& root) {
  util::UniqueFd in(::dup(in_fd)), out(::dup(out_fd));
  if (!in || !out) return util::FailErrno(errno, "dup of the node's stdio");
  // Anything that prints to stdout from now on would corrupt the channel: send it to stderr.
  if (out_fd == STDOUT_FILENO) ::dup2(STDERR_FILENO, STDOUT_FILENO);
  session::Channel channel(std::move(in), std::move(out));

  auto hello = MANIFOLD_TRY(channel.Receive());
  auto client = ParseHello(hello);
  if (!client) {
    (void)channel.Send(session::ErrorMessage(client.error()));
    return std::unexpected(std::move(client.error()));
  }
  if (auto ok = CheckProtocol(*client, "the client"); !ok) {
    (void)channel.Send(session::ErrorMessage(ok.error()));
    return std::unexpected(std::move(ok.error()));
  }
  MANIFOLD_CHECK(channel.Send(HelloMessage(LocalNodeInfo(), true)));

  std::map<std::string, session::ContextMirror> mirrors;  // by key: the build context and named ones
  for (;;) {
    auto message = channel.Receive();
    if (!message) {
      // The client is gone: after a probe (hello only) that is the normal end.
      if (message.error().kind() == util::ErrorKind::kUnavailable) return {};
      return std::unexpected(std::move(message.error()));
    }
    const std::string type = message->value("type", "");
    if (type == "context") {
      const std::string key = message->value("key", "");
      mirrors.erase(key);  // its lock first: ReceiveContext may open the same copy
      auto received = session::ReceiveContext(channel, root / "contexts", *message);
      if (!received) return std::unexpected(std::move(received.error()));
      mirrors.emplace(key, std::move(*received));
    } else if (type == "build") {
      return RunJob(channel, *message, root, mirrors);
    } else if (type == "bye") {
      return {};
    } else {
      auto error = util::Error(util::ErrorKind::kInvalidArgument, "unexpected message " + type);
      (void)channel.Send(session::ErrorMessage(error));
      return std::unexpected(error);
    }
  }
}

}  // namespace manifold::builder
