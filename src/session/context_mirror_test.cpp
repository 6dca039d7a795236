// ContextMirror on its own: confinement against planted symlinks, copies not links, the lock.
#include "session/context_mirror.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace manifold::session {
namespace {

namespace fs = std::filesystem;
using Type = ContextEntry::Type;

std::string Digest(std::string_view bytes) { return "sha256:" + util::Sha256::Hex(bytes); }

util::Status StageBytes(ContextMirror& mirror, std::string_view bytes, std::string_view digest = {}) {
  return mirror.Stage(digest.empty() ? Digest(bytes) : digest, static_cast<int64_t>(bytes.size()),
                      [&](const BlobSink& sink) { return sink(bytes); });
}

ContextEntry File(std::string path, std::string_view content) {
  return ContextEntry{.path = std::move(path), .type = Type::kFile, .mode = 0644,
                      .size = static_cast<int64_t>(content.size()), .mtime_ns = 7, .digest = Digest(content)};
}
ContextEntry Dir(std::string path) { return ContextEntry{.path = std::move(path), .type = Type::kDir, .mode = 0755}; }

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ContextMirrorTest, APlantedSymlinkCannotLeadWritesOutOfTheTree) {
  testing::TempDir tmp;
  fs::create_directories(tmp / "outside");
  auto mirror = ContextMirror::Open(tmp / "mirror");
  ASSERT_TRUE(mirror) << mirror.error().What();
  fs::create_directory_symlink(tmp / "outside", mirror->tree() / "x");
  fs::create_symlink(tmp / "outside" / "file", mirror->tree() / "y");
  ASSERT_TRUE(StageBytes(*mirror, "payload"));
  ContextManifest manifest{.entries = {Dir("x"), File("x/f", "payload"), File("y", "payload")}};
  auto applied = mirror->Apply(manifest);
  ASSERT_TRUE(applied) << applied.error().What();
  EXPECT_TRUE(fs::is_empty(tmp / "outside")) << "nothing was written through the symlinks";
  EXPECT_FALSE(fs::is_symlink(mirror->tree() / "x"));
  EXPECT_EQ(Read(mirror->tree() / "x/f"), "payload");
  EXPECT_FALSE(fs::is_symlink(mirror->tree() / "y"));
  EXPECT_EQ(Read(mirror->tree() / "y"), "payload");
}

TEST(ContextMirrorTest, HostileManifestWritesNothing) {
  testing::TempDir tmp;
  auto mirror = ContextMirror::Open(tmp / "mirror");
  ASSERT_TRUE(mirror);
  ASSERT_TRUE(StageBytes(*mirror, "p"));
  const std::vector<ContextManifest> hostile = {
      {.entries = {File("../x", "p")}},
      {.entries = {File("/abs", "p")}},
      {.entries = {Dir("a"), File("a/../../x", "p")}},
      {.entries = {ContextEntry{.path = "l", .type = Type::kSymlink, .target = tmp.path().string()}, File("l/x", "p")}},
      {.entries = {File("x", "p"), File("x", "p")}},
      {.entries = {ContextEntry{.path = "x", .type = Type::kFile, .digest = "sha256:nope"}}},
  };
  for (const auto& manifest : hostile) {
    auto applied = mirror->Apply(manifest);
    ASSERT_FALSE(applied) << manifest.entries.back().path;
    EXPECT_EQ(applied.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_TRUE(fs::is_empty(mirror->tree())) << manifest.entries.back().path;
  }
  EXPECT_FALSE(fs::exists(tmp / "x"));
  EXPECT_FALSE(fs::exists("/abs"));
}

TEST(ContextMirrorTest, EntriesOfOneDigestAreSeparateCopies) {
  testing::TempDir tmp;
  auto mirror = ContextMirror::Open(tmp / "mirror");
  ASSERT_TRUE(mirror);
  ASSERT_TRUE(StageBytes(*mirror, "same"));
  ASSERT_TRUE(mirror->Apply({.entries = {File("a", "same"), File("b", "same")}}));
  struct stat a {}, b {};
  ASSERT_EQ(::stat((mirror->tree() / "a").c_str(), &a), 0);
  ASSERT_EQ(::stat((mirror->tree() / "b").c_str(), &b), 0);
  EXPECT_NE(a.st_ino, b.st_ino);
  EXPECT_EQ(a.st_nlink, 1u);
  // The next build gets "c" from the tree without anything staged.
  ContextManifest next{.entries = {File("a", "same"), File("c", "same")}};
  EXPECT_TRUE(mirror->Missing(next).empty());
  ASSERT_TRUE(mirror->Apply(next));
  EXPECT_EQ(Read(mirror->tree() / "c"), "same");
  EXPECT_FALSE(fs::exists(mirror->tree() / "b"));
}

TEST(ContextMirrorTest, AFileAlteredInTheTreeIsNoLongerTrusted) {
  testing::TempDir tmp;
  auto mirror = ContextMirror::Open(tmp / "mirror");
  ASSERT_TRUE(mirror);
  ASSERT_TRUE(StageBytes(*mirror, "original"));
  ContextManifest manifest{.entries = {File("a", "original")}};
  ASSERT_TRUE(mirror->Apply(manifest));
  std::ofstream(mirror->tree() / "a", std::ios::trunc) << "tampered";
  EXPECT_EQ(mirror->Missing(manifest), std::vector<std::string>{Digest("original")});
}

TEST(ContextMirrorTest, StageRefusesWrongBytesAndKeepsNothing) {
  testing::TempDir tmp;
  auto mirror = ContextMirror::Open(tmp / "mirror");
  ASSERT_TRUE(mirror);
  auto wrong = StageBytes(*mirror, "fake", Digest("real"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind(), util::ErrorKind::kInvalidArgument);
  auto short_blob = mirror->Stage(Digest("abc"), 5, [](const BlobSink& sink) { return sink("abc"); });
  EXPECT_EQ(short_blob.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_TRUE(fs::is_empty(tmp / "mirror" / "staging"));
  ContextManifest manifest{.entries = {File("f", "real")}};
  EXPECT_EQ(mirror->Missing(manifest).size(), 1u);
}

TEST(ContextMirrorTest, TheLockSerializesOpens) {
  testing::TempDir tmp;
  auto first = std::make_optional(*ContextMirror::Open(tmp / "mirror"));
  std::atomic<bool> second_open{false};
  std::jthread other([&] {
    auto second = ContextMirror::Open(tmp / "mirror");
    EXPECT_TRUE(second);
    second_open = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(second_open) << "the second Open waits while the first mirror lives";
  first.reset();
  other.join();
  EXPECT_TRUE(second_open);
}

}  // namespace
}  // namespace manifold::session
