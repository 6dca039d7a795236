// RegistrySuite: a GoogleTest fixture whose test suite shares one LocalRegistry.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "registry/hosts.hpp"
#include "support/registry_launcher.hpp"
#include "support/temp_dir.hpp"

namespace manifold::testing {

/// Base of a fixture whose tests talk to a real docker-registry: one is started before the
/// suite's first test and stopped after its last. Where none can run, SetUp() skips each test
/// saying why; a derived SetUp() calls it first and returns when IsSkipped(). Each test gets a
/// scratch dir (dir_) and the registry hosts of a manifold root at dir_/root (hosts_).
class RegistrySuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { registry_ = LocalRegistry::Start(&why_not_).release(); }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  void SetUp() override {
    if (registry_ == nullptr) GTEST_SKIP() << why_not_;
    auto hosts = registry::RegistryHosts::Load(dir_ / "root", {});
    ASSERT_TRUE(hosts) << hosts.error().What();
    hosts_ = *hosts;
  }
  /// The suite's registry (only after a SetUp() that did not skip).
  static const LocalRegistry& registry() { return *registry_; }

  TempDir dir_;
  std::shared_ptr<registry::RegistryHosts> hosts_;

 private:
  static inline LocalRegistry* registry_ = nullptr;
  static inline std::string why_not_;
};

}  // namespace manifold::testing
