// ParseSubIds and IdMapArguments: /etc/subuid lines as shadow-utils reads them, newuidmap's argv.
#include "executor/user_namespace.hpp"

#include <gtest/gtest.h>

namespace manifold::executor {
namespace {

TEST(ParseSubIds, ByNameOrUidInFileOrder) {
  const char* text =
      "alice:100000:65536\n"
      "bob:165536:65536\n"
      "1001:300000:1000\n"
      "alice:500000:10\n";
  EXPECT_EQ(ParseSubIds(text, "alice", 1000), (std::vector<SubIdRange>{{100000, 65536}, {500000, 10}}));
  EXPECT_EQ(ParseSubIds(text, "bob", 1001), (std::vector<SubIdRange>{{165536, 65536}, {300000, 1000}}));
  EXPECT_TRUE(ParseSubIds(text, "carol", 1002).empty());
}

TEST(ParseSubIds, SkipsWhatIsNotARange) {
  const char* text =
      "# comment\n"
      "\n"
      "alice:100000\n"        // no count
      "alice:x:5\n"           // not a number
      "alice:200000:0\n"      // nothing granted
      "alice:-1:5\n"          // negative
      "alicia:1:5\n"          // another user whose name starts the same
      ":7:8\n"                // no owner
      "alice:300000:65536\r\n"
      "alice:400000:5";       // last line without a newline
  EXPECT_EQ(ParseSubIds(text, "alice", 1000), (std::vector<SubIdRange>{{300000, 65536}, {400000, 5}}));
  EXPECT_TRUE(ParseSubIds("", "alice", 1000).empty());
  // An empty name (a uid without a passwd entry) matches only the numeric owner.
  EXPECT_EQ(ParseSubIds(":1:2\n1000:5:6\n", "", 1000), (std::vector<SubIdRange>{{5, 6}}));
}

TEST(IdMapArguments, RootIsTheUserThenTheRangesBackToBack) {
  EXPECT_EQ(IdMapArguments(42, 1000, {}), (std::vector<std::string>{"42", "0", "1000", "1"}));
  EXPECT_EQ(IdMapArguments(42, 1000, {{100000, 65536}}),
            (std::vector<std::string>{"42", "0", "1000", "1", "1", "100000", "65536"}));
  EXPECT_EQ(IdMapArguments(7, 1001, {{100000, 10}, {500000, 65536}}),
            (std::vector<std::string>{"7", "0", "1001", "1", "1", "100000", "10", "11", "500000", "65536"}));
}

TEST(IdMapArguments, StopsWhereInsideIdsRunOut) {
  auto args = IdMapArguments(1, 1000, {{100000, 4294967290U}, {5, 10}});
  EXPECT_EQ(args, (std::vector<std::string>{"1", "0", "1000", "1", "1", "100000", "4294967290"}));
}

}  // namespace
}  // namespace manifold::executor
