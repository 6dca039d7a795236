// Channel over socketpairs and pipes: round trips, concurrency, malformed and closed peers.
#include "session/channel.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "util/sha256.hpp"

namespace manifold::session {
namespace {

using util::ErrorKind;
using util::UniqueFd;

struct Pair {
  std::unique_ptr<Channel> a;
  std::unique_ptr<Channel> b;
};

// Two channels joined by two pipes, as ssh's stdin/stdout join client and node.
Pair Connected() {
  int ab[2], ba[2];
  EXPECT_EQ(::pipe2(ab, O_CLOEXEC), 0);
  EXPECT_EQ(::pipe2(ba, O_CLOEXEC), 0);
  return {std::make_unique<Channel>(UniqueFd(ba[0]), UniqueFd(ab[1])),
          std::make_unique<Channel>(UniqueFd(ab[0]), UniqueFd(ba[1]))};
}

// A channel reading from `raw`'s other end, to feed it hand-made bytes.
struct Raw {
  std::unique_ptr<Channel> channel;
  UniqueFd peer;
};
Raw RawPeer() {
  int sv[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  int dup = ::dup(sv[0]);
  return {std::make_unique<Channel>(UniqueFd(sv[0]), UniqueFd(dup)), UniqueFd(sv[1])};
}

std::string Frame(char type, std::string_view payload) {
  const auto n = static_cast<uint32_t>(payload.size());
  std::string out{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                  static_cast<char>(n), type};
  return out + std::string(payload);
}

void Write(int fd, std::string_view bytes) { ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size())); }

std::string Digest(std::string_view bytes) { return "sha256:" + util::Sha256::Hex(bytes); }

std::string Pattern(size_t size) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

TEST(ChannelTest, MessagesRoundTripBothWays) {
  auto [a, b] = Connected();
  ASSERT_TRUE(a->Send({{"type", "hello"}, {"n", 1}, {"s", "ü"}}));
  auto got = b->Receive();
  ASSERT_TRUE(got) << got.error().What();
  EXPECT_EQ((*got)["type"], "hello");
  EXPECT_EQ((*got)["n"], 1);
  EXPECT_EQ((*got)["s"], "ü");
  ASSERT_TRUE(b->Send({{"type", "reply"}}));
  EXPECT_EQ((*a->Receive())["type"], "reply");
}

TEST(ChannelTest, SendRefusesAMessageWithoutType) {
  auto [a, b] = Connected();
  EXPECT_EQ(a->Send({{"kind", "x"}}).error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(a->Send(nlohmann::json::array()).error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(a->bytes_sent(), 0);
}

// Receives a blob announcement and its bytes on `ch`.
std::pair<nlohmann::json, std::string> ReceiveBlob(Channel& ch) {
  auto announce = ch.Receive();
  EXPECT_TRUE(announce) << announce.error().What();
  std::string bytes;
  auto st = ch.ReceiveBlob((*announce)["size"].get<int64_t>(), [&](std::string_view chunk) -> util::Status {
    EXPECT_LE(chunk.size(), kMaxDataChunk);
    bytes.append(chunk);
    return {};
  });
  EXPECT_TRUE(st) << st.error().What();
  return {*announce, bytes};
}

TEST(ChannelTest, BlobsRoundTripIncludingMultiMiBAndEmpty) {
  auto [a, b] = Connected();
  const std::string big = Pattern((3u << 20) + 12345);
  std::jthread sender([&] {
    EXPECT_TRUE(a->SendBlobBytes(Digest(big), big));
    EXPECT_TRUE(a->SendBlobBytes(Digest(""), ""));
    EXPECT_TRUE(a->Send({{"type", "after"}}));
  });
  auto [announce, bytes] = ReceiveBlob(*b);
  EXPECT_EQ(announce["type"], "blob");
  EXPECT_EQ(announce["digest"], Digest(big));
  EXPECT_EQ(announce["size"], big.size());
  EXPECT_EQ(bytes, big);
  auto [empty_announce, empty] = ReceiveBlob(*b);
  EXPECT_EQ(empty_announce["size"], 0);
  EXPECT_EQ(empty, "");
  EXPECT_EQ((*b->Receive())["type"], "after");
}

TEST(ChannelTest, BlobFromAFileStartsAtItsOffsetAndIsObserved) {
  auto [a, b] = Connected();
  const std::string content = Pattern((1u << 20) * 2 + 7);
  FILE* file = ::tmpfile();
  ASSERT_NE(file, nullptr);
  Write(::fileno(file), content);
  ASSERT_EQ(::lseek(::fileno(file), 5, SEEK_SET), 5);
  const std::string tail = content.substr(5);
  util::Sha256 observed;
  std::jthread sender([&] {
    EXPECT_TRUE(a->SendBlob(Digest(tail), ::fileno(file), static_cast<int64_t>(tail.size()),
                            [&](std::string_view chunk) { observed.Update(chunk); }));
  });
  auto [announce, bytes] = ReceiveBlob(*b);
  sender.join();
  EXPECT_EQ(bytes, tail);
  EXPECT_EQ("sha256:" + observed.HexDigest(), Digest(tail));
  ::fclose(file);
}

TEST(ChannelTest, AShortFileIsPaddedAndReportedAsAConflict) {
  auto [a, b] = Connected();
  FILE* file = ::tmpfile();
  ASSERT_NE(file, nullptr);
  Write(::fileno(file), "abc");
  ASSERT_EQ(::lseek(::fileno(file), 0, SEEK_SET), 0);
  util::Status sent;
  std::jthread sender([&] { sent = a->SendBlob(Digest("abcdef"), ::fileno(file), 6); });
  auto [announce, bytes] = ReceiveBlob(*b);
  sender.join();
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind(), ErrorKind::kConflict);
  EXPECT_EQ(bytes, std::string("abc\0\0\0", 6)) << "the framing stays intact";
  ASSERT_TRUE(a->Send({{"type", "next"}}));
  EXPECT_EQ((*b->Receive())["type"], "next");
  ::fclose(file);
}

TEST(ChannelTest, FramesFromTwoThreadsNeverInterleave) {
  auto [a, b] = Connected();
  constexpr int kRounds = 20;
  const std::string blob = Pattern((1u << 20) + 3);  // two data frames each
  auto send = [&](const std::string& who) {
    for (int i = 0; i < kRounds; ++i) {
      EXPECT_TRUE(a->Send({{"type", "msg"}, {"from", who}, {"i", i}}));
      EXPECT_TRUE(a->SendBlobBytes(Digest(blob), blob));
    }
  };
  std::jthread one(send, "one"), two(send, "two");
  std::map<std::string, int> next;
  for (int n = 0; n < 2 * kRounds * 2; ++n) {
    auto message = b->Receive();
    ASSERT_TRUE(message) << message.error().What();
    if ((*message)["type"] == "msg") {
      EXPECT_EQ((*message)["i"], next[(*message)["from"]]++) << "each sender's messages arrive in order";
      continue;
    }
    std::string bytes;
    ASSERT_TRUE(b->ReceiveBlob((*message)["size"].get<int64_t>(), [&](std::string_view c) -> util::Status {
      bytes.append(c);
      return {};
    }));
    EXPECT_EQ(bytes, blob);
  }
  EXPECT_EQ(next["one"], kRounds);
  EXPECT_EQ(next["two"], kRounds);
}

TEST(ChannelTest, ByteCountersAreExact) {
  auto [a, b] = Connected();
  const nlohmann::json message{{"type", "x"}, {"v", "12345"}};
  const std::string blob = Pattern((1u << 20) + 1);
  std::jthread sender([&] {
    EXPECT_TRUE(a->Send(message));
    EXPECT_TRUE(a->SendBlobBytes(Digest(blob), blob));
  });
  ASSERT_TRUE(b->Receive());
  ReceiveBlob(*b);
  sender.join();
  const std::string announce =
      nlohmann::json{{"type", "blob"}, {"digest", Digest(blob)}, {"size", blob.size()}}.dump();
  const int64_t expected = static_cast<int64_t>(5 + message.dump().size() + 5 + announce.size() + 5 + (1u << 20) + 5 + 1);
  EXPECT_EQ(a->bytes_sent(), expected);
  EXPECT_EQ(b->bytes_received(), expected);
  EXPECT_EQ(a->bytes_received(), 0);
}

TEST(ChannelTest, EndOfStreamIsUnavailable) {
  auto raw = RawPeer();
  raw.peer.reset();
  auto got = raw.channel->Receive();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(got.error().What(), "the other end closed the channel");
}

TEST(ChannelTest, TruncatedFramesAreErrors) {
  for (std::string bytes : {std::string("\0\0", 2), Frame('M', R"({"type":"x"})").substr(0, 9)}) {
    auto raw = RawPeer();
    Write(raw.peer.get(), bytes);
    raw.peer.reset();
    auto got = raw.channel->Receive();
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().kind(), ErrorKind::kUnavailable);
    EXPECT_NE(got.error().What().find("in the middle of a frame"), std::string::npos) << got.error().What();
  }
  auto raw = RawPeer();
  Write(raw.peer.get(), Frame('M', R"({"type":"blob","size":10})") + Frame('D', "12345"));
  raw.peer.reset();
  ASSERT_TRUE(raw.channel->Receive());
  auto st = raw.channel->ReceiveBlob(10, [](std::string_view) -> util::Status { return {}; });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), ErrorKind::kUnavailable);
}

TEST(ChannelTest, MalformedFramesAreInvalidArguments) {
  const std::string oversize{'\x04', '\0', '\0', '\x01', 'M'};  // 64 MiB + 1
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"oversize length", oversize},
      {"unknown type", Frame('X', "{}")},
      {"bad JSON", Frame('M', "{\"type\":")},
      {"not an object", Frame('M', "[1,2]")},
      {"no type", Frame('M', R"({"kind":"x"})")},
      {"type not a string", Frame('M', R"({"type":7})")},
      {"data where a message was expected", Frame('D', "abc")},
  };
  for (const auto& [name, bytes] : cases) {
    auto raw = RawPeer();
    Write(raw.peer.get(), bytes);
    auto got = raw.channel->Receive();
    ASSERT_FALSE(got) << name;
    EXPECT_EQ(got.error().kind(), ErrorKind::kInvalidArgument) << name;
    EXPECT_NE(got.error().What().find("malformed frame"), std::string::npos) << name << ": " << got.error().What();
  }
}

TEST(ChannelTest, BlobFramesMustMatchTheAnnouncement) {
  auto noop = [](std::string_view) -> util::Status { return {}; };
  {
    auto raw = RawPeer();
    Write(raw.peer.get(), Frame('M', R"({"type":"x"})"));
    EXPECT_EQ(raw.channel->ReceiveBlob(3, noop).error().kind(), ErrorKind::kInvalidArgument);
  }
  {
    auto raw = RawPeer();
    Write(raw.peer.get(), Frame('D', "toolong"));
    EXPECT_EQ(raw.channel->ReceiveBlob(3, noop).error().kind(), ErrorKind::kInvalidArgument);
  }
}

TEST(ChannelTest, AFailingSinkStillConsumesTheBlob) {
  auto [a, b] = Connected();
  const std::string blob = Pattern((2u << 20) + 1);
  std::jthread sender([&] {
    EXPECT_TRUE(a->SendBlobBytes(Digest(blob), blob));
    EXPECT_TRUE(a->Send({{"type", "after"}}));
  });
  auto announce = b->Receive();
  ASSERT_TRUE(announce);
  int calls = 0;
  auto st = b->ReceiveBlob(static_cast<int64_t>(blob.size()), [&](std::string_view) -> util::Status {
    ++calls;
    return util::Fail(ErrorKind::kInternal, "disk full");
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().What(), "disk full");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ((*b->Receive())["type"], "after");
}

TEST(ChannelTest, WritingToAClosedPeerIsAnErrorNotSigpipe) {
  // SIGPIPE keeps its default action (death) here, as in the cli.
  struct sigaction dfl = {}, previous = {};
  dfl.sa_handler = SIG_DFL;
  ASSERT_EQ(::sigaction(SIGPIPE, &dfl, &previous), 0);
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  ::close(fds[0]);
  int unused[2];
  ASSERT_EQ(::pipe2(unused, O_CLOEXEC), 0);
  ::close(unused[1]);
  Channel channel{UniqueFd(unused[0]), UniqueFd(fds[1])};
  auto st = channel.Send({{"type", "x"}});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(st.error().What(), "the other end closed the channel");
  auto blob = channel.SendBlobBytes(Digest("abc"), "abc");
  EXPECT_EQ(blob.error().kind(), ErrorKind::kUnavailable);
  sigset_t pending;
  sigemptyset(&pending);
  ::sigpending(&pending);
  EXPECT_FALSE(sigismember(&pending, SIGPIPE)) << "the SIGPIPE the write raised was taken";
  ::sigaction(SIGPIPE, &previous, nullptr);
}

}  // namespace
}  // namespace manifold::session
