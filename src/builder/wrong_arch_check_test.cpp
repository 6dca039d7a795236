// The WrongArchBinary check over hand-made diff dirs: what it reports, skips, bounds and hides.
#include "builder/wrong_arch_check.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "builder/checks.hpp"
#include "progress/recorder.hpp"
#include "support/temp_dir.hpp"

namespace manifold::builder {
namespace {

namespace fs = std::filesystem;

// A minimal ELF executable header (64 bytes) for e_machine, padded with `tail` bytes.
std::string Elf(uint16_t machine, bool is_64bit = true, size_t tail = 64) {
  std::string b(64 + tail, '\0');
  b[0] = 0x7f, b[1] = 'E', b[2] = 'L', b[3] = 'F';
  b[4] = is_64bit ? 2 : 1;
  b[5] = 1;  // little endian
  b[6] = 1;
  b[16] = 2;  // ET_EXEC
  b[18] = static_cast<char>(machine & 0xff);
  b[19] = static_cast<char>(machine >> 8);
  return b;
}
constexpr uint16_t kX86_64 = 62, kAarch64 = 183, k386 = 3;

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

image::Platform Linux(std::string arch) {
  image::Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  return p;
}

class WrongArchTest : public ::testing::Test {
 protected:
  // A layer of the chain: `base` = unpacked from a base image (blob set); `step` its history text.
  void Layer(const std::string& name, const std::string& step, bool base = false) {
    fs::create_directories(dir_ / name);
    std::optional<content::LayerResult> blob;
    if (base) blob = content::LayerResult{};
    top_ = std::make_shared<const snapshot::Snapshot>(dir_ / name, top_, blob);
    image::HistoryEntry entry;
    entry.created_by = step;
    history_.push_back(entry);
    image::HistoryEntry config_only;  // ENV and the like pair with no layer
    config_only.created_by = "ENV A=b";
    config_only.empty_layer = true;
    history_.push_back(config_only);
  }
  exporter::PlatformImageInput Image(const std::string& arch) const {
    exporter::PlatformImageInput in;
    in.platform = Linux(arch);
    in.root = top_;
    in.config.history = history_;
    return in;
  }
  fs::path operator/(const std::string& rel) const { return dir_ / rel; }

  testing::TempDir tmp_;
  fs::path dir_ = tmp_.path();
  snapshot::SnapshotRef top_;
  std::vector<image::HistoryEntry> history_;
};

TEST_F(WrongArchTest, NamesTheFileStepAndPlatformOfABuiltLayerOnly) {
  Layer("base", "ADD rootfs.tar /", /*base=*/true);
  Write(*this / "base/bin/amd64-in-base", Elf(kX86_64));  // not this Dockerfile's doing
  Layer("copy", "COPY --from=tools /bin/busybox /usr/local/bin/bb");
  Write(*this / "copy/usr/local/bin/bb", Elf(kX86_64));
  Write(*this / "copy/usr/local/bin/native", Elf(kAarch64));
  Write(*this / "copy/usr/local/bin/script", "#!/bin/sh\necho this is a script, not an ELF file\n");
  Write(*this / "copy/tiny", "\x7f" "ELF");
  ASSERT_EQ(::symlink("bb", (*this / "copy/usr/local/bin/link").c_str()), 0);

  auto report = CheckWrongArch({Image("arm64")});
  ASSERT_TRUE(report) << report.error().What();
  ASSERT_EQ(report->warnings.size(), 1u);
  const CheckWarning& w = report->warnings[0];
  EXPECT_EQ(w.rule, "WrongArchBinary");
  EXPECT_EQ(w.step, "COPY --from=tools /bin/busybox /usr/local/bin/bb");
  EXPECT_EQ(w.files, std::vector<std::string>{"/usr/local/bin/bb"});
  EXPECT_EQ(w.file_count, 1u);
  EXPECT_EQ(w.message, "linux/arm64 image: 1 file built for linux/amd64, added by step "
                       "\"COPY --from=tools /bin/busybox /usr/local/bin/bb\": /usr/local/bin/bb");
  EXPECT_EQ(report->layers, 1u) << "the base layer is not read";
  EXPECT_EQ(report->headers, 3u) << "bb, native and the script; not the 4-byte file nor the symlink";
}

// A COPY into scratch written straight as a blob (worker/direct_layer.hpp) has no diff dir:
// it is judged from the ELF heads its pass recorded, and it is this Dockerfile's doing.
TEST_F(WrongArchTest, ABlobThisBuildWroteIsJudgedFromItsRecordedHeads) {
  auto built = std::make_shared<snapshot::BuiltLayer>();
  built->variant = "application/vnd.oci.image.layer.v1.tar+gzip/-/-";
  built->elf_heads = {{"app/bin/tool", Elf(kX86_64).substr(0, 64)}, {"app/bin/native", Elf(kAarch64).substr(0, 64)}};
  content::LayerResult blob;
  blob.descriptor.digest = image::Digest::OfBytes("direct layer");
  top_ = std::make_shared<const snapshot::Snapshot>(fs::path(), nullptr, blob, built);
  image::HistoryEntry entry;
  entry.created_by = "COPY . /app";
  history_.push_back(entry);

  auto report = CheckWrongArch({Image("arm64")});
  ASSERT_TRUE(report) << report.error().What();
  ASSERT_EQ(report->warnings.size(), 1u);
  EXPECT_EQ(report->warnings[0].step, "COPY . /app");
  EXPECT_EQ(report->warnings[0].files, std::vector<std::string>{"/app/bin/tool"});
  EXPECT_EQ(report->layers, 1u);
  EXPECT_EQ(report->headers, 0u) << "no file is opened";
}

TEST_F(WrongArchTest, EachPlatformJudgesASharedLayerReadOnce) {
  Layer("copy", "COPY bin/ /bin/");
  Write(*this / "copy/bin/x", Elf(kX86_64));
  Write(*this / "copy/bin/y", Elf(k386, /*is_64bit=*/false));
  auto report = CheckWrongArch({Image("amd64"), Image("arm64")});
  ASSERT_TRUE(report) << report.error().What();
  EXPECT_EQ(report->layers, 1u);
  ASSERT_EQ(report->warnings.size(), 2u) << "amd64 runs both; arm64: one warning per architecture";
  EXPECT_EQ(report->warnings[0].files, std::vector<std::string>{"/bin/x"});
  EXPECT_NE(report->warnings[0].message.find("built for linux/amd64"), std::string::npos);
  EXPECT_EQ(report->warnings[1].files, std::vector<std::string>{"/bin/y"});
  EXPECT_NE(report->warnings[1].message.find("built for linux/386"), std::string::npos);
}

TEST_F(WrongArchTest, ListsTenFilesAndCountsThemAll) {
  Layer("copy", "COPY bin/ /bin/");
  for (int i = 0; i < 12; ++i) Write(*this / fmt::format("copy/bin/f{:02}", i), Elf(kX86_64));
  auto report = CheckWrongArch({Image("arm64")});
  ASSERT_TRUE(report) << report.error().What();
  ASSERT_EQ(report->warnings.size(), 1u);
  EXPECT_EQ(report->warnings[0].files.size(), 10u);
  EXPECT_EQ(report->warnings[0].file_count, 12u);
  EXPECT_NE(report->warnings[0].message.find("12 files built for linux/amd64"), std::string::npos);
  EXPECT_NE(report->warnings[0].message.find("/bin/f09, … and 2 more"), std::string::npos) << report->warnings[0].message;
}

TEST_F(WrongArchTest, FilesALaterLayerDeletesOrReplacesAreNotInTheImage) {
  Layer("copy", "COPY bin/ /opt/");
  for (const char* f : {"a/x", "b/x", "c/x", "d/x", "kept/x"}) Write(*this / "copy/opt" / f, Elf(kX86_64));
  Layer("later", "RUN cleanup");
  fs::create_directories(*this / "later/opt/b");
  fs::create_directories(*this / "later/opt/d");
  Write(*this / "later/opt/a/x", "replaced by a text file");
  ASSERT_EQ(::symlink("/elsewhere", (*this / "later/opt/c").c_str()), 0);
  bool root = ::geteuid() == 0;
  if (root) {
    ASSERT_EQ(::mknod((*this / "later/opt/b/x").c_str(), S_IFCHR | 0, ::makedev(0, 0)), 0);  // a whiteout
    ASSERT_EQ(::setxattr((*this / "later/opt/d").c_str(), "trusted.overlay.opaque", "y", 1, 0), 0);
  }
  auto report = CheckWrongArch({Image("arm64")});
  ASSERT_TRUE(report) << report.error().What();
  ASSERT_EQ(report->warnings.size(), 1u);
  std::vector<std::string> expected = {"/opt/kept/x"};
  if (!root) expected = {"/opt/b/x", "/opt/d/x", "/opt/kept/x"};
  EXPECT_EQ(report->warnings[0].files, expected);
  EXPECT_EQ(report->warnings[0].step, "COPY bin/ /opt/");
}

TEST_F(WrongArchTest, RunBuildChecksReportsSkipsAndFails) {
  Layer("copy", "COPY bb /bb");
  Write(*this / "copy/bb", Elf(kX86_64));
  progress::Recorder events;
  auto warned = RunBuildChecks({Image("arm64")}, {}, events);
  ASSERT_TRUE(warned) << warned.error().What();
  ASSERT_EQ(warned->size(), 1u);
  bool saw_warning = false;
  for (const auto& e : events.events()) {
    EXPECT_EQ(e.name, "[checks] WrongArchBinary");
    if (e.kind == progress::EventKind::kWarning) {
      saw_warning = true;
      EXPECT_EQ(e.text, "WrongArchBinary: " + (*warned)[0].message);
    }
  }
  EXPECT_TRUE(saw_warning);
  EXPECT_EQ(events.events().back().kind, progress::EventKind::kDone);

  progress::NullSink none;
  auto skipped = RunBuildChecks({Image("arm64")}, *frontend::dockerfile::ParseCheckOptions("skip=WrongArchBinary"), none);
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->empty());
  auto failed = RunBuildChecks({Image("arm64")}, *frontend::dockerfile::ParseCheckOptions("error=true"), none);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().What().find("WrongArchBinary: linux/arm64 image: 1 file built for linux/amd64"),
            std::string::npos) << failed.error().What();
  EXPECT_TRUE(RunBuildChecks({Image("amd64")}, *frontend::dockerfile::ParseCheckOptions("error=true"), none))
      << "error=true without findings builds";
}

TEST(EffectiveCheckOptions, BuildArgReplacesTheDirectiveAndTheFlagMergesOnTop) {
  using frontend::dockerfile::ParseCheckFlag;
  using frontend::dockerfile::ParseCheckOptions;
  auto directive = *ParseCheckOptions("skip=WrongArchBinary;error=true");
  auto plain = EffectiveCheckOptions(directive, {}, {});
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->Skips("WrongArchBinary"));
  auto by_arg = EffectiveCheckOptions(directive, {{"BUILDKIT_DOCKERFILE_CHECK", "error=false"}}, {});
  ASSERT_TRUE(by_arg);
  EXPECT_FALSE(by_arg->Skips("WrongArchBinary"));
  EXPECT_FALSE(by_arg->Fails());
  auto alias = EffectiveCheckOptions({}, {{"BUILDKIT_BUILD_CHECK", "error=true"}}, *ParseCheckFlag("skip=X"));
  ASSERT_TRUE(alias);
  EXPECT_TRUE(alias->Fails());
  EXPECT_TRUE(alias->Skips("X"));
  auto bad = EffectiveCheckOptions({}, {{"BUILDKIT_BUILD_CHECK", "error"}}, {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("--build-arg BUILDKIT_BUILD_CHECK=error: invalid check option"), std::string::npos)
      << bad.error().What();
}

}  // namespace
}  // namespace manifold::builder

namespace manifold::builder {
namespace {

// A cached step's layer is read once: the next check over it uses what the cache remembers.
TEST(WrongArchMemoTest, ACachedLayerIsReadOnceAndGivesTheSameFindings) {
  testing::TempDir tmp;
  auto meta = cache::MetaStore::Open(tmp.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  auto make_layer = [&](const std::string& id, bool keep) {
    fs::path diff = (*meta)->diffs_dir() / id;
    Write(diff / "usr/bin/tool", Elf(kX86_64));
    Write(diff / "usr/bin/other", Elf(kX86_64));
    Write(diff / "notes.txt", std::string(100, 'n'));
    if (keep) {
      cache::ChainEntry entry;
      entry.diff = id;
      EXPECT_TRUE((*meta)->Save("key-" + id, {entry}, "COPY . /"));
    }
    exporter::PlatformImageInput in;
    in.platform = Linux("arm64");
    in.root = std::make_shared<const snapshot::Snapshot>(diff, nullptr);
    image::HistoryEntry entry;
    entry.created_by = "COPY . /";
    in.config.history = {entry};
    return in;
  };
  WrongArchOptions options;
  options.memo = meta->get();

  auto kept = make_layer("kept1", true);
  auto first = CheckWrongArch({kept}, options);
  ASSERT_TRUE(first) << first.error().Describe();
  EXPECT_EQ(first->layers, 1u);
  EXPECT_EQ(first->headers, 3u);
  auto second = CheckWrongArch({kept}, options);
  ASSERT_TRUE(second) << second.error().Describe();
  EXPECT_EQ(second->layers, 0u);
  EXPECT_EQ(second->layers_remembered, 1u);
  EXPECT_EQ(second->headers, 0u);
  ASSERT_EQ(first->warnings.size(), 1u);
  ASSERT_EQ(second->warnings.size(), 1u);
  EXPECT_EQ(first->warnings[0].message, second->warnings[0].message);
  EXPECT_EQ(second->warnings[0].file_count, 2u);

  // A diff the cache does not keep is removed at the build's end: nothing is remembered of it.
  auto unkept = make_layer("unkept1", false);
  ASSERT_TRUE(CheckWrongArch({unkept}, options));
  auto again = CheckWrongArch({unkept}, options);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->layers, 1u);
  EXPECT_EQ(again->layers_remembered, 0u);
}

}  // namespace
}  // namespace manifold::builder
