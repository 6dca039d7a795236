// ContinueAsRoot: the cli's one call into executor::EnterUserNamespace.
#include "cli/rootless.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "executor/user_namespace.hpp"

namespace manifold::cli {

bool ContinueAsRoot(int* exit_code) {
  auto entered = executor::EnterUserNamespace();
  if (!entered) {
    fmt::print(stderr, "error: {}\n", entered.error().Describe());
    *exit_code = kExitFailure;
    return false;
  }
  if (!*entered) return true;
  *exit_code = **entered;
  return false;
}

}  // namespace manifold::cli
