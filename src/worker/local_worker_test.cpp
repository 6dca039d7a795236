// LocalWorker on real overlay snapshots: COPY path rules, owners, modes, links, escapes.
#include "worker/local_worker.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/mount.hpp"
#include "util/temp_file.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;
using graph::CopyAction;
using graph::FileOp;
using graph::Vertex;

class LocalWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "overlay snapshots need root";
    ASSERT_TRUE(util::EnterPrivateMountNamespace());
    snapshotter_ = std::move(*snapshot::Snapshotter::Open(dir_ / "snapshots", true));
    context_ = dir_ / "context";
    Write("static/index.html", "<p>hi</p>");
    Write("static/css/site.css", "body{}");
    Write("static/skip.tmp", "tmp");
    Write("bin/app-arm64", "arm64 binary");
    Write("bin/app-amd64", "amd64 binary");
    Write("secret.txt", "do not ship");
    ::chmod((context_ / "bin/app-arm64").c_str(), 0755);
    LocalWorkerOptions options;
    options.snapshotter = snapshotter_.get();
    options.locals["context"] = LocalDir{context_, [](std::string_view rel) {
                                           return rel == "secret.txt" || rel.ends_with(".tmp");
                                         },
                                         {}};
    worker_ = std::make_unique<LocalWorker>(std::move(options));
    graph::SourceOp src;
    src.identifier = "context";
    context_vertex_ = Vertex::Make(src, {}, "context");
    context_output_ = *worker_->Execute(*context_vertex_, {}, Ctx());
  }
  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories((context_ / rel).parent_path());
    std::ofstream(context_ / rel) << data;
  }
  ExecuteContext Ctx() { return ExecuteContext(&sink_, "v", "test", {"linux/amd64"}, stop_.get_token()); }

  /// Runs a file op of `actions` over `base` with the context as input 1.
  util::Result<OutputRef> Run(std::vector<graph::FileAction> actions, OutputRef base = nullptr, bool link = false,
                              OutputRef second = nullptr) {
    FileOp op;
    op.actions = std::move(actions);
    op.link = link;
    auto v = Vertex::Make(op, {nullptr, context_vertex_}, "file");
    std::vector<OutputRef> inputs = {base, context_output_};
    if (second) inputs.push_back(second);
    return worker_->Execute(*v, inputs, Ctx());
  }
  static CopyAction Cp(std::string src, std::string dest) {
    CopyAction c;
    c.source_path = std::move(src);
    c.dest_path = std::move(dest);
    return c;
  }
  /// A read-only view of an output's files.
  snapshot::ReadView View(const OutputRef& out) {
    return std::move(*snapshotter_->View(dynamic_cast<const SnapshotOutput&>(*out).snapshot()));
  }

  testing::TempDir dir_;
  fs::path context_;
  std::unique_ptr<snapshot::Snapshotter> snapshotter_;
  std::unique_ptr<LocalWorker> worker_;
  graph::VertexRef context_vertex_;
  OutputRef context_output_;
  progress::NullSink sink_;
  std::stop_source stop_;
};

TEST_F(LocalWorkerTest, DirectoryContentsFileRenamesAndTrailingSlash) {
  auto out = Run({Cp("static/", "/srv/static/"), Cp("bin/app-arm64", "/usr/bin/app"), Cp("bin/app-amd64", "/opt/")});
  ASSERT_TRUE(out) << out.error().What();
  auto view = View(*out);
  EXPECT_EQ(*util::ReadFile(view.path() / "srv/static/index.html"), "<p>hi</p>");
  EXPECT_EQ(*util::ReadFile(view.path() / "srv/static/css/site.css"), "body{}");
  EXPECT_FALSE(fs::exists(view.path() / "srv/static/static"));
  EXPECT_FALSE(fs::exists(view.path() / "srv/static/skip.tmp")) << ".dockerignore must apply";
  EXPECT_EQ(*util::ReadFile(view.path() / "usr/bin/app"), "arm64 binary");
  EXPECT_EQ(*util::ReadFile(view.path() / "opt/app-amd64"), "amd64 binary");
  struct stat st {};
  ASSERT_EQ(::stat((view.path() / "usr/bin/app").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  EXPECT_EQ(st.st_uid, 0u) << "context files are owned by root";
}

TEST_F(LocalWorkerTest, WildcardsAndTheirRules) {
  auto out = Run({Cp("bin/app-*", "/wild/")});
  ASSERT_TRUE(out) << out.error().What();
  auto view = View(*out);
  EXPECT_TRUE(fs::exists(view.path() / "wild/app-arm64"));
  EXPECT_TRUE(fs::exists(view.path() / "wild/app-amd64"));
  auto none = Run({Cp("bin/nothing-*", "/x/")});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().What().find("bin/nothing-*"), std::string::npos);
}

TEST_F(LocalWorkerTest, MissingExcludedAndEscapingSourcesAreErrors) {
  auto missing = Run({Cp("bin/app-riscv64", "/usr/bin/app")});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().What(), "file not found in build context: bin/app-riscv64");
  auto excluded = Run({Cp("secret.txt", "/")});
  ASSERT_FALSE(excluded);
  EXPECT_NE(excluded.error().What().find("excluded by .dockerignore"), std::string::npos);
  auto up = Run({Cp("../outside", "/")});
  ASSERT_FALSE(up);
  EXPECT_EQ(up.error().kind(), util::ErrorKind::kPermissionDenied);
  ASSERT_EQ(::symlink("/etc", (context_ / "etc-link").c_str()), 0);
  auto link = Run({Cp("etc-link/passwd", "/")});
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().kind(), util::ErrorKind::kPermissionDenied) << link.error().What();
}

TEST_F(LocalWorkerTest, ChownByNameChmodAndFromAnotherStage) {
  Write("etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/srv:/bin/sh\n");
  Write("etc/group", "root:x:0:\napp:x:1001:\n");
  auto base = Run({Cp("etc/", "/etc/")});
  ASSERT_TRUE(base);
  CopyAction c = Cp("static/index.html", "/srv/index.html");
  c.owner = graph::Owner{"app", "app"};
  c.chmod = "u=rw,go=r,a+X";
  auto out = Run({c}, *base);
  ASSERT_TRUE(out) << out.error().What();
  {
    auto view = View(*out);
    struct stat st {};
    ASSERT_EQ(::stat((view.path() / "srv/index.html").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 1000u);
    EXPECT_EQ(st.st_gid, 1001u);
    EXPECT_EQ(st.st_mode & 07777, 0644u);
    ASSERT_EQ(::stat((view.path() / "srv").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 1000u) << "parents created by a chowned copy belong to that owner";
  }
  // COPY --from=<stage> keeps the owners the stage gave its files.
  CopyAction from = Cp("/srv/index.html", "/copied");
  from.source_input = 2;
  auto second = Run({from}, nullptr, false, *out);
  ASSERT_TRUE(second) << second.error().What();
  auto view = View(*second);
  struct stat st {};
  ASSERT_EQ(::stat((view.path() / "copied").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1000u);
  CopyAction bad = Cp("static/index.html", "/x");
  bad.owner = graph::Owner{"nobody-here", ""};
  auto r = Run({bad}, *base);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("nobody-here"), std::string::npos);
}

TEST_F(LocalWorkerTest, LinkLayerIsIndependentOfTheBase) {
  auto base = Run({Cp("static/", "/srv/")});
  ASSERT_TRUE(base);
  auto linked = Run({Cp("bin/app-amd64", "/usr/bin/app")}, *base, /*link=*/true);
  ASSERT_TRUE(linked) << linked.error().What();
  const auto& snap = dynamic_cast<const SnapshotOutput&>(**linked).snapshot();
  EXPECT_FALSE(fs::exists(snap->diff_dir() / "srv")) << "a --link layer holds only its own files";
  auto view = View(*linked);
  EXPECT_TRUE(fs::exists(view.path() / "srv/index.html"));
  EXPECT_TRUE(fs::exists(view.path() / "usr/bin/app"));
}

TEST_F(LocalWorkerTest, MkdirMkfileRmAndReplacingADirectory) {
  auto base = Run({Cp("static/", "/srv/static/")});
  ASSERT_TRUE(base);
  graph::MkdirAction mk;
  mk.path = "/work/dir";
  mk.mode = 0750;
  graph::MkfileAction file;
  file.path = "/srv/static";  // a file replaces the directory
  file.data = "now a file";
  graph::RmAction rm;
  rm.path = "/nope";
  rm.allow_not_found = true;
  auto out = Run({mk, file, rm}, *base);
  ASSERT_TRUE(out) << out.error().What();
  auto view = View(*out);
  struct stat st {};
  ASSERT_EQ(::stat((view.path() / "work/dir").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  EXPECT_EQ(*util::ReadFile(view.path() / "srv/static"), "now a file");
  rm.allow_not_found = false;
  EXPECT_FALSE(Run({rm}, *base));
}

}  // namespace
}  // namespace manifold::worker
