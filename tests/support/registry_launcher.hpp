// LocalRegistry: a throwaway plain-HTTP docker-registry on 127.0.0.1 for C++ tests.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "support/temp_dir.hpp"

namespace manifold::testing {

/// A docker-registry started by tests/support/registry/start (mode plain: HTTP, anonymous, a
/// free port on 127.0.0.1, storage in a temp dir), stopped and removed when destroyed.
/// Typical use: one per test suite, from SetUpTestSuite(), skipping when Start() fails.
class LocalRegistry {
 public:
  /// Starts one. nullptr when that is not possible here (no docker-registry installed, the
  /// source tree not found, the registry failing to start); `why_not` then says why, for
  /// GTEST_SKIP() or a failure message.
  static std::unique_ptr<LocalRegistry> Start(std::string* why_not);
  ~LocalRegistry();
  LocalRegistry(const LocalRegistry&) = delete;
  LocalRegistry& operator=(const LocalRegistry&) = delete;

  /// "127.0.0.1:PORT", as a reference's domain.
  const std::string& host() const { return host_; }
  /// The state directory: config.yml, registry.log (with the access log), data/.
  const std::filesystem::path& state() const { return state_.path(); }

 private:
  LocalRegistry() = default;
  TempDir state_;
  std::filesystem::path scripts_;
  std::string host_;
};

}  // namespace manifold::testing
