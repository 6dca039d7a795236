#include "util/parallel.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace manifold::util {
namespace {

TEST(ParallelForTest, CallsEveryIndexOnce) {
  for (size_t threads : {1u, 2u, 4u, 16u}) {
    std::vector<std::atomic<int>> calls(1000);
    ParallelFor(calls.size(), threads, [&](size_t i) { calls[i].fetch_add(1); });
    for (size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i].load(), 1) << "index " << i << " threads " << threads;
  }
}

TEST(ParallelForTest, NothingToDo) {
  int calls = 0;
  ParallelFor(0, 4, [&](size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelForTest, UsesSeveralThreadsWhenAsked) {
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  ParallelFor(64, 4, [&](size_t) {
    int now = inside.fetch_add(1) + 1;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    inside.fetch_sub(1);
  });
  EXPECT_GT(most.load(), 1);
}

}  // namespace
}  // namespace manifold::util
