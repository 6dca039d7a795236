// ShellOutput: a shell command's stdout, for tests that check what a peer tool reads.
#pragma once

#include <string>

namespace manifold::testing {

/// Runs `command` through /bin/sh (popen) and returns its stdout. A command that cannot be
/// started or exits non-zero is a test failure naming it (and what it printed is returned).
std::string ShellOutput(const std::string& command);

}  // namespace manifold::testing
