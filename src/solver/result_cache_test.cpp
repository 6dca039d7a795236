// The solver with a persistent cache: hits skip the worker, a changed input reruns exactly the
// steps that depend on it, --no-cache ignores records, and a lost layer is a miss.
#include "worker/result_cache.hpp"

#include <fstream>
#include <mutex>

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
    }
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "step") << v.name();
    snapshot::SnapshotRef parent;
    if (!inputs.empty() && inputs[0]) parent = dynamic_cast<const worker::SnapshotOutput&>(*inputs[0]).snapshot();
    std::lock_guard lock(mu_);
    ran.push_back(v.name());
    return std::make_shared<worker::SnapshotOutput>(std::make_shared<snapshot::Snapshot>(dir, parent));
  }
  util::Result<std::string> ContentKey(const Vertex& v, const std::vector<worker::OutputRef>&) override {
    std::lock_guard lock(mu_);
    return content[v.name()];
  }
  std::filesystem::path diffs_;
  std::mutex mu_;
  int made_ = 0;
  std::vector<std::string> ran;
  std::map<std::string, std::string> content;
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
    auto solved = solver::Solve({{"linux/amd64", c_}}, w, {.jobs = 2, .progress = nullptr, .cancel = {},
                                                           .cache = &*results_, .ignore_cache = std::move(ignore)});
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

}  // namespace
}  // namespace manifold::solver
