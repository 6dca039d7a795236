// LocalSourceNames: same directory and patterns share a name; anything else gets its own.
#include "builder/local_source_names.hpp"

#include <gtest/gtest.h>

namespace manifold::builder {
namespace {

TEST(LocalSourceNames, SameDirectoryAndPatternsShareTheNameOthersAreNumbered) {
  LocalSourceNames names;
  EXPECT_EQ(names.NameFor("context", "/p/app", {"*.log"}), "context");
  EXPECT_EQ(names.NameFor("context", "/p/app", {"*.log"}), "context");
  EXPECT_EQ(names.NameFor("context", "/p/worker", {}), "context#2");
  // The same directory through another .dockerignore (Dockerfile.dockerignore) reads other files.
  EXPECT_EQ(names.NameFor("context", "/p/app", {}), "context#3");
  EXPECT_EQ(names.NameFor("context", "/p/worker", {}), "context#2");
  EXPECT_EQ(names.NameFor("context:src", "/p/worker", {}), "context:src");
}

}  // namespace
}  // namespace manifold::builder
