// The message stream a Docker Engine answers an image load with, as Engines 20.10 to 27 write it.
#include "registry/engine_load_response.hpp"

#include <gtest/gtest.h>

namespace manifold::registry {
namespace {

TEST(EngineLoadResponseTest, LoadedNamesAndIds) {
  EngineLoadResponse r;
  ASSERT_TRUE(r.Feed("{\"stream\":\"Loaded image: app:test\\n\"}\r\n{\"stream\":\"Loaded image: localhost:5000/app:1.0\\n\"}\n"
                     "{\"stream\":\"Loaded image ID: sha256:0123\\n\"}\n"));
  ASSERT_TRUE(r.Finish());
  EXPECT_EQ(r.loaded_names(), (std::vector<std::string>{"app:test", "localhost:5000/app:1.0"}));
  EXPECT_EQ(r.loaded_ids(), (std::vector<std::string>{"sha256:0123"}));
}

TEST(EngineLoadResponseTest, PiecesSplitAnywhere) {
  std::string body = "{\"stream\":\"Loaded image: a:1\\n\"}\n{\"stream\":\"Loaded image: b:2\\n\"}";  // no final newline
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    EngineLoadResponse r;
    ASSERT_TRUE(r.Feed(body.substr(0, cut)));
    ASSERT_TRUE(r.Feed(body.substr(cut)));
    ASSERT_TRUE(r.Finish());
    EXPECT_EQ(r.loaded_names(), (std::vector<std::string>{"a:1", "b:2"})) << "cut at " << cut;
  }
}

TEST(EngineLoadResponseTest, ErrorDetailIsTheError) {
  // What Engine 20.10 answered (HTTP 200) to a truncated archive.
  EngineLoadResponse r;
  ASSERT_TRUE(r.Feed(R"({"errorDetail":{"message":"Error processing tar file(exit status 1): unexpected EOF"},)"
                     R"("error":"Error processing tar file(exit status 1): unexpected EOF"})"
                     "\n"));
  auto finished = r.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_EQ(finished.error().message(), "Error processing tar file(exit status 1): unexpected EOF");
}

TEST(EngineLoadResponseTest, OlderErrorFieldAlone) {
  EngineLoadResponse r;
  ASSERT_TRUE(r.Feed("{\"stream\":\"Loaded image: a:1\\n\"}\n{\"error\":\"no space left on device\"}\n"));
  auto finished = r.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().message(), "no space left on device");
  EXPECT_EQ(r.loaded_names(), (std::vector<std::string>{"a:1"}));
}

TEST(EngineLoadResponseTest, ProgressAndNoiseAreIgnored) {
  EngineLoadResponse r;
  ASSERT_TRUE(r.Feed("{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":512,\"total\":1024},\"id\":\"abc\"}\n"
                     "\n   \nnot json\n[1,2]\n{\"stream\":\"\\n\"}\n{\"stream\":\"Loaded image: a:1\\n\"}\n"));
  ASSERT_TRUE(r.Finish());
  EXPECT_EQ(r.loaded_names(), (std::vector<std::string>{"a:1"}));
  EXPECT_TRUE(r.error().empty());
}

TEST(EngineLoadResponseTest, TerminalEscapesFromTheEngineAreNeutralized) {
  EngineLoadResponse r;
  ASSERT_TRUE(r.Feed("{\"error\":\"bad\\u001b[2Jthing\"}\n"));
  auto finished = r.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().message().find('\x1b'), std::string::npos);
}

TEST(EngineLoadResponseTest, EndlessLineIsRefused) {
  EngineLoadResponse r;
  std::string piece(64 * 1024, 'x');
  util::Status fed;
  for (size_t sent = 0; sent <= EngineLoadResponse::kMaxLine && fed; sent += piece.size()) fed = r.Feed(piece);
  ASSERT_FALSE(fed);
  EXPECT_NE(fed.error().message().find("over"), std::string::npos);
}

}  // namespace
}  // namespace manifold::registry
