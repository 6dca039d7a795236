// Solver: dedup across platforms, parallelism, failure naming and cancellation.
#include "solver/solver.hpp"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include <pthread.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "progress/recorder.hpp"

namespace manifold::solver {
namespace {

using graph::Vertex;
using graph::VertexRef;

struct Done : worker::Output {
  std::string what;
};

/// Runs vertices by sleeping; records what ran; fails vertices whose name says "fail".
class ScriptedWorker : public worker::Worker {
 public:
  util::Result<worker::OutputRef> Execute(const Vertex& v, const std::vector<worker::OutputRef>& /*inputs*/,
                                          const worker::ExecuteContext& ctx) override {
    int now = ++running_;
    int peak = peak_.load();
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {}
    bool fails = v.name().find("fail") != std::string::npos;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(fails ? 10 : sleep_ms);
    bool cancelled = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (ctx.cancelled()) {
        cancelled = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    --running_;
    {
      std::lock_guard lock(mu_);
      ran_.push_back(v.name());
    }
    if (fails) {
      return util::Fail(util::ErrorKind::kNotFound, "file not found in build context: bin/app");
    }
    if (cancelled) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
    auto out = std::make_shared<Done>();
    out->what = v.name();
    return out;
  }
  int sleep_ms = 20;
  std::atomic<int> running_{0};
  std::atomic<int> peak_{0};
  std::mutex mu_;
  std::vector<std::string> ran_;
};

VertexRef Copy(const std::string& src, const std::string& name, VertexRef base, const std::string& platform) {
  graph::FileOp f;
  graph::CopyAction c;
  c.source_path = src;
  c.dest_path = "/x/";
  f.actions.push_back(c);
  return Vertex::Make(f, {std::move(base)}, name, platform);
}

TEST(Solver, SharedVertexRunsOnceForAllPlatforms) {
  std::vector<Target> targets;
  for (std::string p : {"linux/amd64", "linux/arm64", "linux/arm/v7"}) {
    auto assets = Copy("static/", "[assets 1/1] COPY static/ /srv/static/", nullptr, p);
    targets.push_back({p, Copy("bin/app-" + p, "[stage-1 1/1] COPY app", assets, p)});
  }
  ScriptedWorker w;
  progress::Recorder rec;
  auto solution = Solve(targets, w, {.jobs = 2, .progress = &rec});
  ASSERT_TRUE(solution) << solution.error().What();
  EXPECT_EQ(w.ran_.size(), 4u);  // one shared + three per-platform
  int shared_started = 0;
  for (const auto& e : rec.events()) {
    if (e.kind == progress::EventKind::kStarted && e.name == "[assets 1/1] COPY static/ /srv/static/") {
      ++shared_started;
      EXPECT_EQ(e.platforms.size(), 3u);
    }
    if (e.kind == progress::EventKind::kStarted && e.platforms.size() == 1) {
      EXPECT_EQ(e.name.rfind("[" + e.platforms[0] + " stage-1 1/1]", 0), 0u) << e.name;
    }
  }
  EXPECT_EQ(shared_started, 1);
  for (const auto& t : targets) EXPECT_NE(solution->Output(t.root), nullptr);
}

TEST(Solver, SharedVertexRunsOnceForAllBuildsAndEachBuildsStepsAreNamed) {
  // bake: two builds (app, worker) over two platforms share a base stage.
  std::vector<Target> targets;
  for (std::string p : {"linux/amd64", "linux/arm64"}) {
    auto base = Copy("deps/", "[base 1/1] COPY deps/ /deps/", nullptr, p);
    for (std::string build : {"app", "worker"}) {
      targets.push_back({p, Copy(build + "-" + p, "[stage-1 1/1] COPY " + build, base, p), build});
    }
  }
  ScriptedWorker w;
  progress::Recorder rec;
  auto solution = Solve(targets, w, {.jobs = 2, .progress = &rec});
  ASSERT_TRUE(solution) << solution.error().What();
  // A file op is platform-independent: one base vertex for all, and four of their own.
  EXPECT_EQ(w.ran_.size(), 5u);
  std::multiset<std::string> started;
  for (const auto& e : rec.events()) {
    if (e.kind == progress::EventKind::kStarted) started.insert(e.name);
  }
  EXPECT_EQ(started.count("[base 1/1] COPY deps/ /deps/"), 1u);
  EXPECT_EQ(started.count("[app linux/arm64 stage-1 1/1] COPY app"), 1u);
  EXPECT_EQ(started.count("[worker linux/amd64 stage-1 1/1] COPY worker"), 1u);

  // One build of its own: its name prefixes every step.
  ScriptedWorker alone;
  progress::Recorder rec_alone;
  ASSERT_TRUE(Solve({targets[0]}, alone, {.jobs = 1, .progress = &rec_alone}));
  std::set<std::string> names;
  for (const auto& e : rec_alone.events()) names.insert(e.name);
  EXPECT_TRUE(names.contains("[app linux/amd64 base 1/1] COPY deps/ /deps/")) << fmt::format("{}", fmt::join(names, "\n"));
}

TEST(Solver, PrefixedName) {
  EXPECT_EQ(PrefixedName("[base 1/2] X", "app"), "[app base 1/2] X");
  EXPECT_EQ(PrefixedName("[] X", "app"), "[app] X");
  EXPECT_EQ(PrefixedName("exporting", "app"), "[app] exporting");
  EXPECT_EQ(PrefixedName("[base 1/2] X", ""), "[base 1/2] X");
}

TEST(Solver, IndependentVerticesRunInParallelUpToJobs) {
  std::vector<Target> targets;
  for (int i = 0; i < 6; ++i) {
    std::string p = "linux/p" + std::to_string(i);
    targets.push_back({p, Copy("f" + std::to_string(i), "[1/1] COPY", nullptr, p)});
  }
  ScriptedWorker w;
  w.sleep_ms = 60;
  ASSERT_TRUE(Solve(targets, w, {.jobs = 3, .progress = nullptr}));
  EXPECT_EQ(w.peak_.load(), 3);
  ScriptedWorker serial;
  ASSERT_TRUE(Solve(targets, serial, {.jobs = 1, .progress = nullptr}));
  EXPECT_EQ(serial.peak_.load(), 1);
}

TEST(Solver, InputsFinishBeforeDependentsStart) {
  auto a = Copy("a", "a", nullptr, "linux/amd64");
  auto b = Copy("b", "b", a, "linux/amd64");
  auto c = Copy("c", "c", b, "linux/amd64");
  ScriptedWorker w;
  ASSERT_TRUE(Solve({{"linux/amd64", c}}, w, {.jobs = 4, .progress = nullptr}));
  EXPECT_EQ(w.ran_, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Solver, FailureNamesPlatformAndStepAndCancelsTheRest) {
  auto slow = Copy("slow", "[linux/amd64 only] slow", nullptr, "linux/amd64");
  auto bad = Copy("bin/app-arm64", "[stage-2 3/7] COPY bin/app-arm64 /usr/bin/app fail", nullptr, "linux/arm64");
  auto after = Copy("after", "after", bad, "linux/arm64");
  ScriptedWorker w;
  w.sleep_ms = 300;
  progress::Recorder rec;
  auto start = std::chrono::steady_clock::now();
  auto r = Solve({{"linux/amd64", slow}, {"linux/arm64", after}}, w, {.jobs = 2, .progress = &rec});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().What(),
            "[linux/arm64 stage-2 3/7] COPY bin/app-arm64 /usr/bin/app fail: file not found in build context: bin/app");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(550)) << "slow vertex was not cancelled";
  for (const auto& name : w.ran_) EXPECT_NE(name, "after");
  bool saw_cancel = false;
  for (const auto& e : rec.events()) saw_cancel |= e.kind == progress::EventKind::kCancelled;
  EXPECT_TRUE(saw_cancel);
}

TEST(Solver, StoppingTheCancelTokenEndsTheSolveAndRecordsTimes) {
  auto slow = Copy("slow", "[stage 1/2] slow", nullptr, "linux/amd64");
  auto next = Copy("next", "[stage 2/2] next", slow, "linux/amd64");
  ScriptedWorker w;
  w.sleep_ms = 5000;
  std::stop_source interrupt;
  std::jthread ctrl_c([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    interrupt.request_stop();
  });
  auto start = std::chrono::steady_clock::now();
  auto r = Solve({{"linux/amd64", next}}, w, {.jobs = 2, .progress = nullptr, .cancel = interrupt.get_token()});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kCancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  for (const auto& name : w.ran_) EXPECT_NE(name, "[stage 2/2] next");

  w.sleep_ms = 30;
  auto done = Solve({{"linux/amd64", next}}, w, {.jobs = 1, .progress = nullptr});
  ASSERT_TRUE(done);
  EXPECT_GE(done->seconds.at(slow->digest()), 0.03);
  EXPECT_EQ(done->seconds.size(), 2u);
}

TEST(Solver, DisplayName) {
  EXPECT_EQ(DisplayName("[stage 1/2] COPY a b", {"linux/arm64"}, 2), "[linux/arm64 stage 1/2] COPY a b");
  EXPECT_EQ(DisplayName("[stage 1/2] COPY a b", {"linux/arm64", "linux/amd64"}, 2), "[stage 1/2] COPY a b");
  EXPECT_EQ(DisplayName("[stage 1/2] X", {"linux/arm64", "linux/amd64"}, 3), "[linux/arm64,linux/amd64 stage 1/2] X");
  EXPECT_EQ(DisplayName("[stage 1/2] X", {"linux/amd64"}, 1), "[linux/amd64 stage 1/2] X");
}

TEST(Solver, VeryDeepChainIsWalkedWithoutRecursion) {
  // Solve runs on a thread with a 512 KiB stack: a walk of the merged graph that recursed once
  // per vertex of this 20 k chain would overflow it.
  struct Run {
    VertexRef top;
    ScriptedWorker worker;
    bool solved = false;
  } run;
  for (int i = 0; i < 20000; ++i) run.top = Copy("f" + std::to_string(i), "step", run.top, "linux/amd64");
  run.worker.sleep_ms = 0;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, [](void* arg) -> void* {
    auto* r = static_cast<Run*>(arg);
    r->solved = Solve({{"linux/amd64", r->top}}, r->worker, {.jobs = 1, .progress = nullptr}).has_value();
    return nullptr;
  }, &run), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_TRUE(run.solved);
  EXPECT_EQ(run.worker.ran_.size(), 20000u);
}

}  // namespace
}  // namespace manifold::solver
