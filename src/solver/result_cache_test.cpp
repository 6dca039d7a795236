// The solver with a persistent cache: hits skip the worker, a changed input reruns exactly the
// steps that depend on it, --no-cache ignores records, and a lost layer is a miss.
#include "worker/result_cache.hpp"

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <set>

#include <gtest/gtest.h>

#include "solver/solver.hpp"
#include "support/temp_dir.hpp"

namespace manifold::solver {
namespace {

using graph::Vertex;
using graph::VertexRef;

/// Makes each vertex's output a one-layer snapshot in the cache's diff store, and mixes a
/// per-vertex "content" into its cache key (what a context checksum would be).
class LayerWorker : public worker::Worker {
 public:
  explicit LayerWorker(std::filesystem::path diffs) : diffs_(std::move(diffs)) {}
  util::Result<worker::OutputRef> Execute(const Vertex& v, const std::vector<worker::OutputRef>& inputs,
                                          const worker::ExecuteContext& /*ctx*/) override {
    std::filesystem::path dir;
    {
      std::lock_guard lock(mu_);
      dir = diffs_ / std::to_string(++made_);
      executing.insert(v.name());
    }
    started_.notify_all();
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "step") << v.name();
    snapshot::SnapshotRef parent;
    if (!inputs.empty() && inputs[0]) parent = dynamic_cast<const worker::SnapshotOutput&>(*inputs[0]).snapshot();
    std::lock_guard lock(mu_);
    ran.push_back(v.name());
    return std::make_shared<worker::SnapshotOutput>(std::make_shared<snapshot::Snapshot>(dir, parent));
  }
  util::Result<std::string> ContentKey(const Vertex& v, const std::vector<worker::OutputRef>&) override {
    std::unique_lock lock(mu_);
    if (reads.contains(v.name())) {
      // Like a context checksum, it takes a while: long enough to see whether the step runs
      // meanwhile (a key computed first would wait here in vain).
      if (started_.wait_for(lock, std::chrono::seconds(2), [&] { return executing.contains(v.name()); })) {
        overlapped.insert(v.name());
      }
    }
    return content[v.name()];
  }
  bool ContentKeyReadsFiles(const Vertex& v, const std::vector<worker::OutputRef>&) override {
    std::lock_guard lock(mu_);
    return reads.contains(v.name());
  }
  std::filesystem::path diffs_;
  std::mutex mu_;
  std::condition_variable started_;
  int made_ = 0;
  std::vector<std::string> ran;
  std::map<std::string, std::string> content;
  std::set<std::string> reads;       ///< steps whose ContentKey reads files
  std::set<std::string> executing;   ///< steps whose Execute has begun
  std::set<std::string> overlapped;  ///< steps whose ContentKey saw their Execute begin
};

VertexRef Step(const std::string& name, VertexRef base) {
  graph::FileOp f;
  graph::MkfileAction m;
  m.path = "/" + name;
  f.actions.push_back(m);
  return Vertex::Make(f, {std::move(base)}, name, "linux/amd64");
}

class ResultCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    meta_ = std::move(*cache::MetaStore::Open(dir_.path()));
    store_.emplace(std::move(*content::Store::Open(dir_.path())));
    results_.emplace(*meta_, *store_);
    a_ = Step("a", nullptr);
    b_ = Step("b", a_);
    c_ = Step("c", b_);
  }
  std::vector<std::string> Solve(LayerWorker& w, std::function<bool(const Vertex&)> ignore = {}) {
    w.ran.clear();
    w.executing.clear();
    w.overlapped.clear();
    auto solved = solver::Solve({{"linux/amd64", c_}}, w,
                                {.jobs = 2, .progress = nullptr, .cancel = {}, .cache = &*results_,
                                 .ignore_cache = std::move(ignore), .key_while_running = true});
    EXPECT_TRUE(solved) << solved.error().What();
    if (solved) last_ = std::move(*solved);
    std::sort(w.ran.begin(), w.ran.end());
    return w.ran;
  }
  manifold::testing::TempDir dir_;
  std::shared_ptr<cache::MetaStore> meta_;
  std::optional<content::Store> store_;
  std::optional<worker::ResultCache> results_;
  VertexRef a_, b_, c_;
  Solution last_;
};

TEST_F(ResultCacheTest, SecondSolveRunsNothingAndGivesTheSameLayers) {
  LayerWorker w(meta_->diffs_dir());
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"a", "b", "c"}));
  auto first = last_;
  EXPECT_EQ(Solve(w), std::vector<std::string>{});
  EXPECT_EQ(last_.cached.size(), 3u);
  EXPECT_EQ(last_.keys, first.keys);
  auto top = dynamic_cast<const worker::SnapshotOutput&>(*last_.Output(c_)).snapshot();
  auto was = dynamic_cast<const worker::SnapshotOutput&>(*first.Output(c_)).snapshot();
  EXPECT_EQ(top->diff_dir(), was->diff_dir());
  EXPECT_EQ(top->parent()->parent()->diff_dir(), was->parent()->parent()->diff_dir());
}

TEST_F(ResultCacheTest, ChangedContentRerunsThatStepAndWhatFollows) {
  LayerWorker w(meta_->diffs_dir());
  Solve(w);
  w.content["b"] = "sha256:changed";
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(last_.cached.contains(a_->digest()));
  w.content["b"] = "";
  EXPECT_EQ(Solve(w), std::vector<std::string>{}) << "the old records are still there";
}

TEST_F(ResultCacheTest, IgnoringTheCacheRunsButStillRecords) {
  LayerWorker w(meta_->diffs_dir());
  Solve(w);
  // c is not ignored and its key (over b's key, not b's bytes) is unchanged: a hit.
  EXPECT_EQ(Solve(w, [](const Vertex& v) { return v.name() == "b"; }), std::vector<std::string>{"b"});
  EXPECT_EQ(Solve(w, [](const Vertex&) { return true; }), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(ResultCacheTest, ALostLayerIsAMissNotAnError) {
  LayerWorker w(meta_->diffs_dir());
  Solve(w);
  auto b_layer = dynamic_cast<const worker::SnapshotOutput&>(*last_.Output(b_)).snapshot()->diff_dir();
  std::filesystem::remove_all(b_layer);
  // b and c's records both use the lost layer; a's is intact.
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"b", "c"}));
}

TEST_F(ResultCacheTest, AStepNoRecordCanMatchRunsBesideItsChecksumUnderTheSameKey) {
  std::map<std::string, std::string> keys_first;
  {
    // The reference: every key computed before its step (a build importing a cache does this).
    manifold::testing::TempDir other;
    auto meta = std::move(*cache::MetaStore::Open(other.path()));
    auto store = std::move(*content::Store::Open(other.path()));
    worker::ResultCache results(*meta, store);
    LayerWorker w(meta->diffs_dir());
    w.reads = {"b"};
    w.content["b"] = "0 . sha256:context\n";
    auto solved = solver::Solve({{"linux/amd64", c_}}, w,
                                {.jobs = 2, .progress = nullptr, .cancel = {}, .cache = &results,
                                 .ignore_cache = {}, .key_while_running = false});
    ASSERT_TRUE(solved) << solved.error().What();
    EXPECT_TRUE(w.overlapped.empty()) << "asked not to, the step waited for its key";
    for (const auto& [digest, key] : solved->keys) keys_first[digest.str()] = key;
  }
  LayerWorker w(meta_->diffs_dir());
  w.reads = {"b"};
  w.content["b"] = "0 . sha256:context\n";
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(w.overlapped, std::set<std::string>{"b"}) << "an empty cache cannot hit: b ran while its key was computed";
  for (const auto& [digest, key] : last_.keys) EXPECT_EQ(key, keys_first[digest.str()]) << "the same keys either way";

  // Now a record of b's shape exists: its key comes first, and it hits.
  EXPECT_EQ(Solve(w), std::vector<std::string>{});
  EXPECT_TRUE(w.overlapped.empty());
  // Changed files: the key (computed first) misses, the step and what follows run again.
  w.content["b"] = "0 . sha256:changed\n";
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(w.overlapped.empty());
  // --no-cache for b: it cannot hit, so it runs beside its checksum again, and is still kept.
  EXPECT_EQ(Solve(w, [](const Vertex& v) { return v.name() == "b"; }), std::vector<std::string>{"b"});
  EXPECT_EQ(w.overlapped, std::set<std::string>{"b"});
}

TEST_F(ResultCacheTest, AStepMatchingARecordWithoutShapeStillGetsItsKey) {
  // A record kept without a shape (imported, or by an older version) is not known to hold b: b
  // runs beside its checksum, and its result is kept under the same key (the first record stays).
  LayerWorker w(meta_->diffs_dir());
  w.content["b"] = "0 . sha256:context\n";
  Solve(w);  // b does not read files here: records without shapes
  const auto keys = last_.keys;
  w.reads = {"b"};
  EXPECT_EQ(Solve(w), (std::vector<std::string>{"b"}));
  EXPECT_EQ(last_.keys, keys);
  EXPECT_TRUE(last_.cached.contains(c_->digest())) << "c's key over b's is unchanged: a hit";
}

}  // namespace
}  // namespace manifold::solver
