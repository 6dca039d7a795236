// RuntimeErrors reads a runtime's JSON log; WithRuntimeHint explains the failures users meet.
#include "executor/internal/runtime_errors.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace manifold::executor::internal {
namespace {

TEST(RuntimeErrors, JoinsTheErrorEntriesOnly) {
  manifold::testing::TempDir dir;
  auto log = dir.path() / "log.json";
  std::ofstream(log) << R"({"level":"warning","msg":"cgroup v1 is deprecated"})" << "\n"
                     << R"({"level":"error","msg":"first"})" << "\n"
                     << "not json\n"
                     << R"({"level":"error","msg":"second"})" << "\n";
  EXPECT_EQ(RuntimeErrors(log), "first; second");
  EXPECT_EQ(RuntimeErrors(dir.path() / "absent"), "");
}

TEST(RuntimeErrors, ARefusedProcMountSaysToUnmaskTheContainersProc) {
  // runc 1.1's words when a rootless step runs inside a container with masked /proc paths.
  std::string runc =
      "runc run failed: unable to start container process: error during container init: error mounting "
      "\"proc\" to rootfs at \"/proc\": mount proc:/proc (via /proc/self/fd/7), flags: 0xe: operation not permitted";
  std::string hinted = WithRuntimeHint(runc);
  EXPECT_EQ(hinted.rfind(runc, 0), 0u) << "the runtime's words come first";
  EXPECT_NE(hinted.find("systempaths=unconfined"), std::string::npos) << hinted;
  EXPECT_NE(hinted.find("procMount: Unmasked"), std::string::npos) << hinted;
  // Another mount refused, or proc failing another way, gets no such hint.
  std::string other = "error mounting \"sysfs\" to rootfs at \"/sys\": operation not permitted";
  EXPECT_EQ(WithRuntimeHint(other), other);
  std::string busy = "error mounting \"proc\" to rootfs at \"/proc\": device or resource busy";
  EXPECT_EQ(WithRuntimeHint(busy), busy);
}

TEST(RuntimeErrors, CrunsRefusedProcMountGetsTheSameHint) {
  // crun 1.8.1's words, seen in a user namespace whose /proc has a path masked from outside it.
  std::string crun = "mount `proc` to `proc`: Operation not permitted";
  EXPECT_NE(WithRuntimeHint(crun).find("procMount: Unmasked"), std::string::npos);
  std::string other = "mount `sysfs` to `sys`: Operation not permitted";
  EXPECT_EQ(WithRuntimeHint(other), other);
  std::string busy = "mount `proc` to `proc`: Device or resource busy";
  EXPECT_EQ(WithRuntimeHint(busy), busy);
}

}  // namespace
}  // namespace manifold::executor::internal
