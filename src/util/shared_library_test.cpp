// Tests of SharedLibrary: a real library's entry points found, and both failures named.
#include "util/shared_library.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace manifold::util {
namespace {

TEST(SharedLibrary, ResolvesRealEntryPoints) {
  auto library = SharedLibrary::Open("libc.so.6", "for the test", "libc6");
  ASSERT_TRUE(library) << library.error().What();
  decltype(&std::strlen) strlen_fn = nullptr;
  library->Resolve("strlen", &strlen_fn);
  ASSERT_TRUE(library->Complete("a C library"));
  ASSERT_NE(strlen_fn, nullptr);
  EXPECT_EQ(strlen_fn("manifold"), 8u);
}

TEST(SharedLibrary, EveryMissingEntryPointIsNamedOnce) {
  auto library = SharedLibrary::Open("libc.so.6", "for the test", "libc6");
  ASSERT_TRUE(library);
  void (*a)() = nullptr;
  void (*b)() = nullptr;
  decltype(&std::strlen) found = nullptr;
  library->Resolve("manifold_no_such_a", &a);
  library->Resolve("strlen", &found);
  library->Resolve("manifold_no_such_b", &b);
  auto complete = library->Complete("a newer libc is needed");
  ASSERT_FALSE(complete);
  EXPECT_EQ(complete.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(complete.error().message(), "libc.so.6 lacks manifold_no_such_a, manifold_no_such_b: a newer libc is needed");
  EXPECT_EQ(a, nullptr);
  EXPECT_NE(found, nullptr);
}

TEST(SharedLibrary, AMissingLibraryNamesItsPurposeAndPackage) {
  auto library = SharedLibrary::Open("libmanifold-absent.so.0", "for nothing", "manifold-absent");
  ASSERT_FALSE(library);
  EXPECT_EQ(library.error().kind(), ErrorKind::kUnavailable);
  const std::string message = library.error().message();
  EXPECT_NE(message.find("loading libmanifold-absent.so.0 for nothing: "), std::string::npos) << message;
  EXPECT_NE(message.find("(Debian's package manifold-absent provides it)"), std::string::npos) << message;
}

}  // namespace
}  // namespace manifold::util
