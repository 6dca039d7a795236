// Remembered runtime probes: reused for the same binary in the same boot, redone otherwise.
#include "executor/probe_memo.hpp"

#include <sys/stat.h>
#include <utime.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace manifold::executor {
namespace {

class ProbeMemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(runtime_) << "#!/bin/sh\n";
    ::chmod(runtime_.c_str(), 0755);
  }
  RuntimeProbe Probe() {
    return RememberedProbe(memo_, runtime_.string(), conditions_, [this](const std::string&) {
      ++probes_;
      return answer_;
    });
  }
  testing::TempDir tmp_;
  std::filesystem::path memo_ = tmp_.path() / "memo";
  std::filesystem::path runtime_ = tmp_.path() / "crun";
  std::string conditions_ = "cgroups=host";
  RuntimeProbe answer_{false, "cgroups in hybrid mode not supported"};
  int probes_ = 0;
};

TEST_F(ProbeMemoTest, TheSameBinaryIsProbedOnce) {
  RuntimeProbe first = Probe();
  RuntimeProbe second = Probe();
  EXPECT_EQ(probes_, 1);
  EXPECT_FALSE(second.works);
  EXPECT_EQ(second.failure, first.failure);
  EXPECT_EQ(second.failure, "cgroups in hybrid mode not supported");
}

TEST_F(ProbeMemoTest, AChangedBinaryIsProbedAgain) {
  Probe();
  answer_ = RuntimeProbe{true, ""};
  std::ofstream(runtime_, std::ios::app) << "# upgraded\n";
  EXPECT_TRUE(Probe().works);
  EXPECT_EQ(probes_, 2);
  EXPECT_TRUE(Probe().works);
  EXPECT_EQ(probes_, 2);
}

TEST_F(ProbeMemoTest, OtherConditionsAreProbedAgain) {
  Probe();
  conditions_ = "cgroups=hybrid-v1-only";
  answer_ = RuntimeProbe{true, ""};
  EXPECT_TRUE(Probe().works);
  EXPECT_EQ(probes_, 2);
  EXPECT_TRUE(Probe().works);
  EXPECT_EQ(probes_, 2);
}

TEST_F(ProbeMemoTest, NoMemoDirMeansAlwaysProbe) {
  memo_.clear();
  Probe();
  Probe();
  EXPECT_EQ(probes_, 2);
}

TEST_F(ProbeMemoTest, ADamagedMemoIsProbedAgain) {
  Probe();
  for (const auto& e : std::filesystem::directory_iterator(memo_)) std::ofstream(e.path()) << "garbage";
  Probe();
  EXPECT_EQ(probes_, 2);
}

}  // namespace
}  // namespace manifold::executor
