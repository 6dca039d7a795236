// ContextManifest JSON and the validation that keeps a hostile manifest from writing anything.
#include "session/context_manifest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace manifold::session {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'a');

nlohmann::json Dir(const std::string& path) { return {{"path", path}, {"type", "dir"}, {"mode", 0755}, {"mtime_ns", 1}}; }
nlohmann::json File(const std::string& path, const std::string& digest = kDigest) {
  return {{"path", path}, {"type", "file"}, {"mode", 0644}, {"mtime_ns", 2}, {"size", 3}, {"digest", digest}};
}
nlohmann::json Link(const std::string& path) {
  return {{"path", path}, {"type", "symlink"}, {"mode", 0777}, {"mtime_ns", 3}, {"target", "/etc"}};
}

TEST(ContextManifestTest, RoundTripsAndSortsAndIgnoresUnknownFields) {
  nlohmann::json json{{"entries", {File("b"), Dir("a"), File("a/x"), Link("c"), File("a-b")}}, {"future", true}};
  json["entries"][0]["future"] = "ignored";
  auto manifest = ManifestFromJson(json);
  ASSERT_TRUE(manifest) << manifest.error().What();
  std::vector<std::string> paths;
  for (const auto& e : manifest->entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"a", "a-b", "a/x", "b", "c"}));
  EXPECT_EQ(manifest->entries[2].digest, kDigest);
  EXPECT_EQ(manifest->entries[4].target, "/etc");
  auto again = ManifestFromJson(ManifestToJson(*manifest));
  ASSERT_TRUE(again);
  EXPECT_EQ(ManifestToJson(*again), ManifestToJson(*manifest));
}

struct HostileCase {
  std::string name;
  nlohmann::json entries;
  std::string names_entry;  // the entry the error must name
};

TEST(ContextManifestTest, HostileManifestsAreRejectedNamingTheEntry) {
  const std::vector<HostileCase> cases = {
      {"dotdot", {File("../x")}, "../x"},
      {"absolute", {File("/abs")}, "/abs"},
      {"dotdot inside", {Dir("a"), File("a/../../x")}, "a/../../x"},
      {"dot", {File("./x")}, "./x"},
      {"empty component", {Dir("a"), File("a//x")}, "a//x"},
      {"trailing slash", {Dir("a/")}, "a/"},
      {"empty", {File("")}, "\"\""},
      {"under a symlink", {Link("l"), File("l/x")}, "l/x"},
      {"under a file", {File("f"), File("f/x")}, "f/x"},
      {"parent missing", {File("d/x")}, "d/x"},
      {"duplicate", {File("x"), File("x")}, "x"},
      {"duplicate of another type", {Dir("x"), File("x")}, "x"},
      {"bad digest", {File("x", "sha256:XYZ")}, "x"},
      {"uppercase digest", {File("x", "sha256:" + std::string(64, 'A'))}, "x"},
      {"other algorithm", {File("x", "md5:" + std::string(64, 'a'))}, "x"},
      {"unknown type", {{{"path", "x"}, {"type", "fifo"}, {"mode", 0}, {"mtime_ns", 0}}}, "x"},
      {"mode too large", {{{"path", "x"}, {"type", "dir"}, {"mode", 010000}, {"mtime_ns", 0}}}, "x"},
      {"negative size", {{{"path", "x"}, {"type", "file"}, {"mode", 0}, {"mtime_ns", 0}, {"size", -1}, {"digest", kDigest}}}, "x"},
      {"empty symlink target", {{{"path", "x"}, {"type", "symlink"}, {"mode", 0}, {"mtime_ns", 0}, {"target", ""}}}, "x"},
      {"NUL in path", {File(std::string("a\0b", 3))}, "a"},
  };
  for (const auto& c : cases) {
    auto manifest = ManifestFromJson({{"entries", c.entries}});
    ASSERT_FALSE(manifest) << c.name;
    EXPECT_EQ(manifest.error().kind(), util::ErrorKind::kInvalidArgument) << c.name;
    EXPECT_NE(manifest.error().What().find(c.names_entry), std::string::npos) << c.name << ": " << manifest.error().What();
  }
  EXPECT_FALSE(ManifestFromJson(nlohmann::json::array()));
  EXPECT_FALSE(ManifestFromJson({{"entries", {1}}}));
}

TEST(ContextManifestTest, ValidateRequiresSortedEntries) {
  ContextManifest manifest{.entries = {ContextEntry{.path = "b", .type = ContextEntry::Type::kDir},
                                       ContextEntry{.path = "a", .type = ContextEntry::Type::kDir}}};
  auto st = ValidateManifest(manifest);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().What().find("not sorted"), std::string::npos) << st.error().What();
}

}  // namespace
}  // namespace manifold::session
