// The parallel scheduler over the merged graph.
#include "solver/solver.hpp"

#include "solver/cache_key.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace manifold::solver {

namespace {

struct Node {
  graph::VertexRef vertex;
  std::vector<std::string> platforms;
  std::vector<std::string> builds;  ///< Target::build of the targets it serves
  std::set<std::pair<std::string, std::string>> visited;  ///< (build, platform) walked through
  std::vector<Node*> dependents;
  size_t pending_inputs = 0;
  std::string display_name;
};

/// The merged graph: one node per digest, built by walking every target from its root.
class MergedGraph {
 public:
  explicit MergedGraph(const std::vector<Target>& targets) {
    for (const auto& t : targets) {
      AddOnce(all_platforms_, t.platform);
      AddOnce(all_builds_, t.build);
    }
    for (const auto& t : targets) Visit(t.root, t.platform, t.build);
    for (auto& [digest, node] : nodes_) {
      std::set<image::Digest> seen;
      for (const auto& in : node.vertex->inputs()) {
        if (!in || !seen.insert(in->digest()).second) continue;
        ++node.pending_inputs;
        nodes_.at(in->digest()).dependents.push_back(&node);
      }
      node.display_name = PrefixedName(DisplayName(node.vertex->name(), node.platforms, all_platforms_.size()),
                                       BuildsLabel(node.builds));
    }
  }
  std::map<image::Digest, Node>& nodes() { return nodes_; }

 private:
  static void AddOnce(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  }

  // Named like platforms: the builds a vertex serves, unless it serves them all.
  std::string BuildsLabel(const std::vector<std::string>& builds) const {
    if (all_builds_.size() > 1 && builds.size() == all_builds_.size()) return "";
    std::string joined;
    for (const auto& b : builds) joined += (joined.empty() || b.empty() ? "" : ",") + b;
    return joined;
  }

  // Iterative: a chain of thousands of steps (or of stages copying from one another) must not
  // exhaust the stack.

  void Visit(const graph::VertexRef& root, const std::string& platform, const std::string& build) {
    std::vector<const graph::VertexRef*> stack = {&root};
    while (!stack.empty()) {
      const graph::VertexRef& v = *stack.back();
      stack.pop_back();
      if (!v) continue;
      auto [it, is_new] = nodes_.try_emplace(v->digest());
      Node& node = it->second;
      if (is_new) node.vertex = v;
      if (!node.visited.emplace(build, platform).second) continue;
      AddOnce(node.platforms, platform);
      AddOnce(node.builds, build);
      for (const auto& in : v->inputs()) stack.push_back(&in);
    }
  }
  std::map<image::Digest, Node> nodes_;
  std::vector<std::string> all_platforms_;
  std::vector<std::string> all_builds_;
};

void Emit(progress::Sink* sink, progress::EventKind kind, const Node& node, std::string text = "") {
  progress::Event e;
  e.kind = kind;
  e.vertex = node.vertex->digest().str();
  e.name = node.display_name;
  e.platforms = node.platforms;
  e.text = std::move(text);
  sink->Emit(e);
}

// Local and http sources are read again every build: cheap, and their contents enter the keys
// of the steps that use them.
bool Cacheable(const graph::Vertex& vertex) {
  const auto* source = std::get_if<graph::SourceOp>(&vertex.op());
  return source == nullptr || source->kind == graph::SourceOp::Kind::kImage;
}

// Computes the vertex's cache key into *key and returns the cached result (nullptr on a miss
// or when `ignore` says not to look).
util::Result<worker::OutputRef> KeyAndLookup(const graph::Vertex& vertex, const std::vector<worker::OutputRef>& inputs,
                                             const std::vector<std::string>& input_keys, worker::Worker& worker,
                                             worker::ResultCache& cache, bool ignore, std::string* key) {
  std::string content = MANIFOLD_TRY(worker.ContentKey(vertex, inputs));
  *key = CacheKey(vertex, input_keys, content);
  if (ignore) return worker::OutputRef();
  return cache.Lookup(*key);
}

}  // namespace

std::string DisplayName(const std::string& name, const std::vector<std::string>& platforms,
                        size_t all_platforms) {
  if (platforms.empty() || (all_platforms > 1 && platforms.size() == all_platforms)) return name;
  std::string joined;
  for (const auto& p : platforms) joined += (joined.empty() ? "" : ",") + p;
  return PrefixedName(name, joined);
}

std::string PrefixedName(const std::string& name, const std::string& prefix) {
  if (prefix.empty()) return name;
  if (!name.empty() && name.front() == '[') {
    bool bare = name.size() > 1 && name[1] == ']';
    return "[" + prefix + (bare ? "" : " ") + name.substr(1);
  }
  return "[" + prefix + "] " + name;
}

worker::OutputRef Solution::Output(const graph::VertexRef& vertex) const {
  if (!vertex) return nullptr;
  auto it = outputs.find(vertex->digest());
  return it == outputs.end() ? nullptr : it->second;
}

util::Result<Solution> Solve(const std::vector<Target>& targets, worker::Worker& worker,
                             const SolveOptions& options) {
  progress::NullSink null_sink;
  progress::Sink* sink = options.progress ? options.progress : &null_sink;
  MergedGraph graph(targets);
  auto& nodes = graph.nodes();

  std::mutex mu;
  std::condition_variable changed;
  std::deque<Node*> ready;
  size_t finished = 0;
  size_t running = 0;
  std::optional<util::Error> failure;
  std::stop_source stop;
  Solution solution;

  for (auto& [digest, node] : nodes) {
    if (node.pending_inputs == 0) ready.push_back(&node);
  }
  std::stop_callback on_cancel(options.cancel, [&] {
    {
      std::lock_guard lock(mu);
      if (!failure) failure = util::Error(util::ErrorKind::kCancelled, "the build was interrupted");
    }
    stop.request_stop();  // outside the lock: vertices' own callbacks (killing containers) run here
    changed.notify_all();
  });

  auto run_one = [&](Node* node, std::unique_lock<std::mutex>& lock) {
    const graph::Vertex& vertex = *node->vertex;
    std::vector<worker::OutputRef> inputs;
    std::vector<std::string> input_keys;
    for (const auto& in : vertex.inputs()) {
      inputs.push_back(in ? solution.outputs.at(in->digest()) : nullptr);
      if (options.cache) input_keys.push_back(in ? solution.keys.at(in->digest()) : graph::kScratchInput);
    }
    lock.unlock();
    std::string key;
    std::string shape;  // set for steps whose key reads context files
    bool cached = false;
    bool key_while_running = false;
    util::Result<worker::OutputRef> out = worker::OutputRef();
    auto started = std::chrono::steady_clock::now();
    if (options.cache && Cacheable(vertex)) {
      const bool ignore = options.ignore_cache && options.ignore_cache(vertex);
      if (worker.ContentKeyReadsFiles(vertex, inputs)) {
        shape = ShapeKey(vertex, input_keys);
        // A step that cannot hit (no record of its shape, or the cache not consulted) runs at
        // once, its content checksum computed beside it: both read the same files, so a cold
        // context is read from disk once, not once for the key and again for the step.
        if (options.key_while_running) {
          auto may_hold = ignore ? util::Result<bool>(false) : options.cache->MayHold(shape);
          if (!may_hold) {
            out = std::unexpected(std::move(may_hold.error()));
          } else {
            key_while_running = !*may_hold;
          }
        }
      }
      if (out && !key_while_running) {
        out = KeyAndLookup(vertex, inputs, input_keys, worker, *options.cache, ignore, &key);
        cached = out && *out;
      }
    }
    if (cached) {
      Emit(sink, progress::EventKind::kCached, *node);
    } else if (out) {
      Emit(sink, progress::EventKind::kStarted, *node);
      worker::ExecuteContext context(sink, vertex.digest().str(), node->display_name, node->platforms,
                                     stop.get_token());
      std::future<util::Result<std::string>> content;
      if (key_while_running) {
        content = std::async(std::launch::async, [&] { return worker.ContentKey(vertex, inputs); });
      }
      out = worker.Execute(vertex, inputs, context);
      if (content.valid()) {
        auto checksum = content.get();
        if (!checksum) {
          if (out) out = std::unexpected(std::move(checksum.error()));
        } else {
          key = CacheKey(vertex, input_keys, *checksum);
        }
      }
      if (out && options.cache) {
        if (key.empty()) {
          // Sources that always run: their own digest, and what a download brought.
          key = CacheKey(vertex, input_keys, *out ? (*out)->ContentKey() : std::string());
        } else if (auto saved = options.cache->Save(key, *out, node->display_name, shape); !saved) {
          out = std::unexpected(std::move(saved.error()).Context("keeping the result in the cache"));
        }
      }
    }
    if (cached) {
      // Reported above; no Started/Done for a cached step.
    } else if (out) {
      Emit(sink, progress::EventKind::kDone, *node);
    } else if (out.error().kind() == util::ErrorKind::kCancelled) {
      Emit(sink, progress::EventKind::kCancelled, *node);
    } else {
      Emit(sink, progress::EventKind::kError, *node, out.error().What());
    }
    lock.lock();
    if (!out) {
      if (!failure && out.error().kind() != util::ErrorKind::kCancelled) {
        failure = std::move(out.error()).Context("{}", node->display_name);
        stop.request_stop();
      }
      return;
    }
    solution.outputs[vertex.digest()] = std::move(*out);
    if (options.cache) solution.keys[vertex.digest()] = std::move(key);
    if (cached) {
      solution.cached.insert(vertex.digest());
    } else {
      solution.seconds[vertex.digest()] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    for (Node* dependent : node->dependents) {
      if (--dependent->pending_inputs == 0) ready.push_back(dependent);
    }
  };

  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto loop = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      changed.wait(lock, [&] { return !ready.empty() || failure || finished == nodes.size() || running == 0; });
      if (failure || finished == nodes.size() || (ready.empty() && running == 0)) break;
      Node* node = ready.front();
      ready.pop_front();
      ++running;
      run_one(node, lock);
      --running;
      ++finished;
      changed.notify_all();
    }
    changed.notify_all();
  };
  std::vector<std::jthread> threads;
  for (int i = 0; i < jobs; ++i) threads.emplace_back(loop);
  threads.clear();  // joins

  if (failure) return std::unexpected(std::move(*failure));
  MANIFOLD_ASSERT(finished == nodes.size(), "solver finished with vertices left unrun (cycle?)");
  return solution;
}

}  // namespace manifold::solver
