// The context exchange end to end: a client and a node joined by a socketpair, real directories.
#include "session/context_transfer.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "session/context_scan.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace manifold::session {
namespace {

namespace fs = std::filesystem;
using util::ErrorKind;

const std::string kKey(64, 'c');

class ContextTransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(ctx());
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    client_ = std::make_unique<Channel>(util::UniqueFd(sv[0]), util::UniqueFd(::dup(sv[0])));
    node_ = std::make_unique<Channel>(util::UniqueFd(sv[1]), util::UniqueFd(::dup(sv[1])));
  }

  fs::path ctx() const { return tmp_ / "ctx"; }
  fs::path mirrors() const { return tmp_ / "mirrors"; }
  fs::path tree() const { return mirrors() / kKey / "tree"; }

  void Write(const std::string& rel, const std::string& content, mode_t mode = 0644, int64_t mtime_s = 1000) {
    fs::path p = ctx() / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
    ASSERT_EQ(::chmod(p.c_str(), mode), 0);
    SetMtime(rel, mtime_s);
  }
  void SetMtime(const std::string& rel, int64_t seconds) {
    timespec times[2] = {{seconds, 123}, {seconds, 123}};
    ASSERT_EQ(::utimensat(AT_FDCWD, (ctx() / rel).c_str(), times, AT_SYMLINK_NOFOLLOW), 0);
  }

  util::Result<ContextManifest> Scan(const PathFilter& excluded = {}, const PathFilter& walk = {}) {
    return ScanContext(ctx(), excluded, walk);
  }

  // One transfer: the node side runs on a thread, as `manifold node serve` would.
  util::Result<int64_t> Transfer(const ContextManifest& manifest) {
    util::Status node_status;
    std::jthread node([&] {
      auto message = node_->Receive();
      if (!message) {
        node_status = std::unexpected(message.error());
        return;
      }
      auto mirror = ReceiveContext(*node_, mirrors(), *message);
      if (!mirror) node_status = std::unexpected(mirror.error());
    });
    auto sent = SendContext(*client_, ctx(), manifest, kKey);
    node.join();
    node_result_ = node_status;
    return sent;
  }

  // The node's tree described as the client's context is: types, modes, mtimes, digests, targets.
  nlohmann::json Mirrored() { return ManifestToJson(*ScanContext(tree(), {}, {})); }

  testing::TempDir tmp_;
  std::unique_ptr<Channel> client_;
  std::unique_ptr<Channel> node_;
  util::Status node_result_;
};

TEST_F(ContextTransferTest, FullTransferMakesAnIdenticalTree) {
  Write("Dockerfile", "FROM scratch\n");
  Write("bin/tool", "#!/bin/sh\necho hi\n", 04755, 2000);
  Write("bin/empty", "", 0600);
  Write("src/a/deep.txt", std::string(3 << 20, 'z'), 0640);
  Write("src/copy.txt", "FROM scratch\n", 0444);  // same content as Dockerfile: sent once
  fs::create_symlink("../Dockerfile", ctx() / "src/link");
  fs::create_symlink("/etc/passwd", ctx() / "abs-link");
  SetMtime("src/link", 3000);
  ASSERT_EQ(::chmod((ctx() / "src/a").c_str(), 0750), 0);
  SetMtime("src/a", 4000);
  SetMtime("bin", 5000);
  auto manifest = Scan();
  ASSERT_TRUE(manifest) << manifest.error().What();

  auto sent = Transfer(*manifest);
  ASSERT_TRUE(sent) << sent.error().What();
  ASSERT_TRUE(node_result_) << node_result_.error().What();
  EXPECT_EQ(*sent, 13 + 18 + 0 + (3 << 20));
  EXPECT_EQ(Mirrored(), ManifestToJson(*manifest));
  EXPECT_EQ(fs::read_symlink(tree() / "abs-link"), "/etc/passwd");
}

TEST_F(ContextTransferTest, RebuildsSendOnlyWhatChanged) {
  Write("keep.txt", "unchanged content");
  Write("change.txt", "old");
  Write("rename-me.txt", "content that moves");
  Write("dir/delete-me.txt", "going away");
  auto first = Transfer(*Scan());
  ASSERT_TRUE(first) << first.error().What();

  Write("change.txt", "new and longer", 0644, 1001);
  fs::rename(ctx() / "rename-me.txt", ctx() / "renamed.txt");
  fs::remove_all(ctx() / "dir");
  auto manifest = Scan();
  auto second = Transfer(*manifest);
  ASSERT_TRUE(second) << second.error().What();
  ASSERT_TRUE(node_result_) << node_result_.error().What();
  EXPECT_EQ(*second, static_cast<int64_t>(std::string("new and longer").size()))
      << "only the changed file travels; the renamed one is known by its digest";
  EXPECT_EQ(Mirrored(), ManifestToJson(*manifest));
  EXPECT_FALSE(fs::exists(tree() / "dir"));
  EXPECT_FALSE(fs::exists(tree() / "rename-me.txt"));

  auto third = Transfer(*manifest);
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, 0) << "nothing changed";
}

TEST_F(ContextTransferTest, ExcludedPathsNeverTravel) {
  Write("app.py", "print()");
  Write("secret.env", "TOKEN=1");
  Write("cache/big.bin", "xxxx");
  Write("cache/keep.me", "kept");
  Write("node_modules/a/b.js", "js");
  // .dockerignore: secret.env, cache, node_modules, !cache/keep.me
  auto excluded = [](std::string_view p) {
    return p == "secret.env" || ((p == "cache" || p.starts_with("cache/")) && p != "cache/keep.me") ||
           p == "node_modules" || p.starts_with("node_modules/");
  };
  auto walk = [](std::string_view p) { return p == "cache"; };
  auto manifest = Scan(excluded, walk);
  ASSERT_TRUE(manifest);
  std::vector<std::string> paths;
  for (const auto& e : manifest->entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"app.py", "cache", "cache/keep.me"}));
  auto sent = Transfer(*manifest);
  ASSERT_TRUE(sent) << sent.error().What();
  EXPECT_EQ(*sent, 7 + 4);
  EXPECT_FALSE(fs::exists(tree() / "secret.env"));
  EXPECT_FALSE(fs::exists(tree() / "node_modules"));
  EXPECT_FALSE(fs::exists(tree() / "cache/big.bin"));
  EXPECT_TRUE(fs::exists(tree() / "cache/keep.me"));
}

TEST_F(ContextTransferTest, AFileChangedAfterTheScanIsAConflictAndTheChannelStaysInStep) {
  Write("a.txt", "before");
  auto manifest = Scan();
  Write("a.txt", "after!");  // same size, other bytes
  auto sent = Transfer(*manifest);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind(), ErrorKind::kConflict);
  EXPECT_NE(sent.error().What().find("a.txt changed during the build's context transfer"), std::string::npos)
      << sent.error().What();
  ASSERT_FALSE(node_result_) << "the node refuses the blob whose bytes do not match";
  EXPECT_NE(node_result_.error().What().find("does not match its digest"), std::string::npos) << node_result_.error().What();
  EXPECT_FALSE(fs::exists(tree() / "a.txt"));
  ASSERT_TRUE(client_->Send({{"type", "next"}}));
  EXPECT_EQ((*node_->Receive())["type"], "next");
}

TEST_F(ContextTransferTest, HostileManifestIsRefusedBeforeAnythingIsWritten) {
  nlohmann::json message{{"type", "context"}, {"key", kKey},
                         {"entries", {{{"path", "../escape"}, {"type", "dir"}, {"mode", 0755}, {"mtime_ns", 0}}}}};
  std::jthread client([&] {
    EXPECT_TRUE(client_->Send(message));
    auto reply = client_->Receive();
    ASSERT_TRUE(reply);
    EXPECT_EQ((*reply)["type"], "error");
    EXPECT_NE((*reply)["message"].get<std::string>().find("../escape"), std::string::npos);
  });
  auto received = node_->Receive();
  ASSERT_TRUE(received);
  auto mirror = ReceiveContext(*node_, mirrors(), *received);
  client.join();
  ASSERT_FALSE(mirror);
  EXPECT_EQ(mirror.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_FALSE(fs::exists(mirrors())) << "nothing was created";
  EXPECT_FALSE(fs::exists(tmp_ / "escape"));
}

TEST_F(ContextTransferTest, BadKeyIsRefused) {
  std::jthread client([&] {
    EXPECT_TRUE(client_->Send({{"type", "context"}, {"key", "../../etc"}, {"entries", nlohmann::json::array()}}));
    EXPECT_EQ((*client_->Receive())["type"], "error");
  });
  auto received = node_->Receive();
  auto mirror = ReceiveContext(*node_, mirrors(), *received);
  client.join();
  ASSERT_FALSE(mirror);
  EXPECT_NE(mirror.error().What().find("64 lowercase hex"), std::string::npos);
}

TEST_F(ContextTransferTest, ABlobNotMatchingItsDigestIsRefused) {
  const std::string digest = "sha256:" + util::Sha256::Hex("real");
  nlohmann::json message{{"type", "context"}, {"key", kKey},
                         {"entries", {{{"path", "f"}, {"type", "file"}, {"mode", 0644}, {"mtime_ns", 0},
                                       {"size", 4}, {"digest", digest}}}}};
  std::jthread client([&] {
    EXPECT_TRUE(client_->Send(message));
    auto need = client_->Receive();
    ASSERT_TRUE(need);
    EXPECT_EQ((*need)["digests"], nlohmann::json::array({digest}));
    EXPECT_TRUE(client_->SendBlobBytes(digest, "fake"));
    EXPECT_TRUE(client_->Send({{"type", "context-end"}}));
    auto reply = client_->Receive();
    ASSERT_TRUE(reply);
    EXPECT_EQ((*reply)["type"], "error");
    EXPECT_EQ((*reply)["kind"], "invalid argument");
  });
  auto received = node_->Receive();
  auto mirror = ReceiveContext(*node_, mirrors(), *received);
  client.join();
  ASSERT_FALSE(mirror);
  EXPECT_EQ(mirror.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_FALSE(fs::exists(tree() / "f"));
  EXPECT_TRUE(fs::is_empty(mirrors() / kKey / "staging")) << "nothing of the bad blob is kept";
}

}  // namespace
}  // namespace manifold::session
