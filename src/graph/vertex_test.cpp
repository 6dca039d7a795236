// Vertex digests: same work ⇒ same digest, whatever the name; any change of work ⇒ another.
#include "graph/vertex.hpp"

#include <pthread.h>

#include <gtest/gtest.h>

namespace manifold::graph {
namespace {

VertexRef Context() {
  SourceOp s;
  s.kind = SourceOp::Kind::kLocal;
  s.identifier = "context";
  return Vertex::Make(s, {}, "[internal] load build context");
}

VertexRef CopyStatic(const std::string& name, const std::string& platform) {
  FileOp f;
  CopyAction c;
  c.source_path = "static/";
  c.dest_path = "/srv/static/";
  f.actions.push_back(c);
  return Vertex::Make(f, {nullptr, Context()}, name, platform);
}

TEST(Vertex, SameWorkForTwoPlatformsHasOneDigest) {
  auto amd = CopyStatic("[assets 1/1] COPY static/ /srv/static/", "linux/amd64");
  auto arm = CopyStatic("[assets 1/1] COPY static/ /srv/static/", "linux/arm64");
  EXPECT_EQ(amd->digest(), arm->digest());
  EXPECT_NE(amd->platform(), arm->platform());
}

TEST(Vertex, AnyFieldOfTheWorkChangesTheDigest) {
  auto base = CopyStatic("a", "");
  FileOp f = std::get<FileOp>(base->op());
  std::get<CopyAction>(f.actions[0]).chmod = "0755";
  EXPECT_NE(Vertex::Make(f, base->inputs(), "a")->digest(), base->digest());
  f = std::get<FileOp>(base->op());
  std::get<CopyAction>(f.actions[0]).owner = Owner{"1000", "1000"};
  EXPECT_NE(Vertex::Make(f, base->inputs(), "a")->digest(), base->digest());
  f = std::get<FileOp>(base->op());
  f.link = true;
  EXPECT_NE(Vertex::Make(f, base->inputs(), "a")->digest(), base->digest());
}

TEST(Vertex, InputsArePartOfTheDigest) {
  auto copy = CopyStatic("a", "");
  FileOp f = std::get<FileOp>(copy->op());
  auto on_scratch = Vertex::Make(f, {nullptr, Context()}, "x");
  auto on_copy = Vertex::Make(f, {copy, Context()}, "x");
  EXPECT_NE(on_scratch->digest(), on_copy->digest());
  EXPECT_NE(on_scratch->CanonicalBytes().find("\"scratch\""), std::string::npos);
}

TEST(Vertex, ExecPlatformIsPartOfTheDigest) {
  ExecOp e;
  e.args = {"/bin/sh", "-c", "true"};
  e.platform = {"linux", "amd64", "", "", {}};
  auto a = Vertex::Make(e, {nullptr}, "run");
  e.platform = {"linux", "arm64", "", "", {}};
  auto b = Vertex::Make(e, {nullptr}, "run");
  EXPECT_NE(a->digest(), b->digest());
}

// Runs `fn` on a thread with a 512 KiB stack: a walk that recursed once per vertex of a 20 k
// chain would overflow it, while an iterative one needs a few frames.
void OnSmallStack(void (*fn)(void*), void* arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t thread;
  struct Call {
    void (*fn)(void*);
    void* arg;
  } call{fn, arg};
  ASSERT_EQ(pthread_create(&thread, &attr, [](void* c) -> void* {
    auto* call = static_cast<Call*>(c);
    call->fn(call->arg);
    return nullptr;
  }, &call), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST(Vertex, DroppingAVeryLongChainDoesNotRecurse) {
  VertexRef top = Context();
  const VertexRef bottom = top;
  for (int i = 0; i < 20000; ++i) {
    FileOp f;
    f.actions.push_back(MkdirAction{});
    top = Vertex::Make(std::move(f), {top}, "step");
  }
  OnSmallStack([](void* chain) { static_cast<VertexRef*>(chain)->reset(); }, &top);
  EXPECT_EQ(bottom.use_count(), 1);  // every vertex above it is gone
}

TEST(Vertex, SharedInputsSurviveTheirUsers) {
  VertexRef shared = Context();
  VertexRef a = Vertex::Make(FileOp{}, {shared}, "a");
  VertexRef b = Vertex::Make(FileOp{}, {a, shared}, "b");
  VertexRef keep = a;
  b.reset();
  a.reset();
  ASSERT_EQ(keep->inputs().size(), 1u);
  EXPECT_EQ(keep->inputs()[0], shared);
}

}  // namespace
}  // namespace manifold::graph
