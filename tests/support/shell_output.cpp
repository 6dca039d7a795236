// ShellOutput: popen, read everything, pclose; failures reported to GoogleTest.
#include "support/shell_output.hpp"

#include <cstdio>

#include <gtest/gtest.h>

namespace manifold::testing {

std::string ShellOutput(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) {
    ADD_FAILURE() << "popen " << command;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0) << command;
  return out;
}

}  // namespace manifold::testing
