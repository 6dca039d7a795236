// SelectContext: COPY sources and bind mounts select subtrees; wildcards, "..", symlinks and a
// context taken whole widen the selection.
#include "builder/context_selection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace manifold::builder {
namespace {

using frontend::dockerfile::PlatformBuild;

graph::VertexRef Context(const std::string& identifier = "context") {
  graph::SourceOp op;
  op.kind = graph::SourceOp::Kind::kLocal;
  op.identifier = identifier;
  return graph::Vertex::Make(op, {}, identifier);
}

graph::VertexRef Copy(graph::VertexRef base, std::vector<std::string> sources, const std::string& from = "context") {
  graph::FileOp op;
  for (auto& s : sources) {
    graph::CopyAction copy;
    copy.source_path = s;
    copy.dest_path = "/";
    op.actions.push_back(copy);
  }
  return graph::Vertex::Make(op, {std::move(base), Context(from)}, "COPY");
}

std::vector<PlatformBuild> Builds(graph::VertexRef root) {
  PlatformBuild b;
  b.root = std::move(root);
  return {b};
}

TEST(ContextSelection, CopySourcesSelectTheirPathsAndTheWayToThem) {
  manifold::testing::TempDir dir;
  auto sel = SelectContext(Builds(Copy(Copy(nullptr, {"src/app/main.go"}), {"./go.mod", "assets/*.png"})), dir.path());
  EXPECT_TRUE(sel.reads);
  EXPECT_EQ(sel.subtrees, (std::vector<std::string>{"assets", "go.mod", "src/app/main.go"}));
  EXPECT_TRUE(sel.Selects("src"));
  EXPECT_TRUE(sel.Selects("src/app"));
  EXPECT_TRUE(sel.Selects("src/app/main.go"));
  EXPECT_TRUE(sel.Selects("assets/logo.png"));
  EXPECT_FALSE(sel.Selects("build.log"));
  EXPECT_FALSE(sel.Selects("src/other.go"));
  EXPECT_FALSE(sel.Selects("go.modx"));
  EXPECT_FALSE(sel.Selects("assetsx/a.png"));
}

TEST(ContextSelection, BindMountsSelectTheirSource) {
  manifold::testing::TempDir dir;
  graph::ExecOp run;
  run.args = {"true"};
  graph::ExecMount bind;
  bind.target = "/src";
  bind.input = 1;
  bind.selector = "/lib";
  run.mounts.push_back(bind);
  auto step = graph::Vertex::Make(run, {nullptr, Context()}, "RUN");
  auto sel = SelectContext(Builds(step), dir.path());
  EXPECT_EQ(sel.subtrees, (std::vector<std::string>{"lib"}));
}

TEST(ContextSelection, DotDotAWholeCopyOrASymlinkOnTheWaySelectEverything) {
  manifold::testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "real");
  ASSERT_EQ(::symlink("real", (dir.path() / "link").c_str()), 0);
  for (std::string source : {".", "../x", "link/file", "*"}) {
    auto sel = SelectContext(Builds(Copy(nullptr, {"a.txt", source})), dir.path());
    EXPECT_EQ(sel.subtrees, (std::vector<std::string>{""})) << source;
    EXPECT_TRUE(sel.Selects("anything/at/all")) << source;
  }
}

TEST(ContextSelection, AContextTakenWholeSelectsEverything) {
  manifold::testing::TempDir dir;
  graph::FileOp op;  // the context as the base of a file op, not read through a path
  auto step = graph::Vertex::Make(op, {Context()}, "odd");
  EXPECT_EQ(SelectContext(Builds(step), dir.path()).subtrees, (std::vector<std::string>{""}));
}

TEST(ContextSelection, NoContextNoReads) {
  manifold::testing::TempDir dir;
  graph::SourceOp image;
  image.kind = graph::SourceOp::Kind::kImage;
  image.identifier = "docker.io/library/busybox:latest";
  auto sel = SelectContext(Builds(graph::Vertex::Make(image, {}, "FROM")), dir.path());
  EXPECT_FALSE(sel.reads);
  EXPECT_TRUE(sel.subtrees.empty());
}

}  // namespace
}  // namespace manifold::builder

namespace manifold::builder {
namespace {

TEST(ContextSelection, EachLocalSourceHasItsOwnSelection) {
  manifold::testing::TempDir dir;
  auto step = Copy(Copy(nullptr, {"app/"}), {"lib/"}, "context:src");
  auto main = SelectContext(Builds(step), dir.path());
  EXPECT_EQ(main.subtrees, std::vector<std::string>{"app"});
  auto named = SelectContext(Builds(step), dir.path(), "context:src");
  EXPECT_TRUE(named.reads);
  EXPECT_EQ(named.subtrees, std::vector<std::string>{"lib"});
  EXPECT_FALSE(SelectContext(Builds(step), dir.path(), "context:other").reads);
}

}  // namespace
}  // namespace manifold::builder
