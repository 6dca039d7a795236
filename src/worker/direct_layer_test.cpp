// Direct COPY layers: the tar (and blob) of a planned copy equals the one of a real copy, byte for byte.
#include "worker/direct_layer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include <gtest/gtest.h>

#include "content/layer_writer.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"
#include "support/temp_dir.hpp"
#include "util/path_pattern.hpp"
#include "util/path_pattern_prune.hpp"
#include "worker/copy.hpp"
#include "worker/internal/copy_plan.hpp"
#include "worker/internal/file_actions.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;

class Tee final : public content::ByteSink {
 public:
  explicit Tee(content::ByteSink& next) : next_(next) {}
  util::Status Write(std::string_view data) override {
    tar.append(data);
    return next_.Write(data);
  }
  std::string tar;

 private:
  content::ByteSink& next_;
};

class Discard final : public content::ByteSink {
 public:
  util::Status Write(std::string_view) override { return {}; }
};

struct Made {
  std::string tar;
  content::LayerResult layer;
};

constexpr int64_t kEpoch = 1700000000;  // before "now": directories made "now" clamp to it

void SetMtime(const fs::path& path, int64_t seconds) {
  timespec times[2] = {{seconds, 123456789}, {seconds, 123456789}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0) << path;
}

class DirectLayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The context holds a file of another owner and a trusted.* xattr, and the slow path's copy
    // gives its files owners: all root's to do. A user's build does them as root of its user
    // namespace (README "Rootless"), which this test does not enter.
    if (::geteuid() != 0) GTEST_SKIP() << "a context with another owner's file and a trusted.* xattr needs root";
    ctx_ = dir_ / "ctx";
    Write("Dockerfile", "FROM scratch\n");
    Write("a-c", "a dash c");
    Write("a/b", "a slash b");
    Write("a/deep/er/file", "deep");
    Write("\xc3\xa9t\xc3\xa9", "accents");
    Write(std::string(150, 'n'), "a long name");
    Write("setuid", "#!/bin/sh\n");
    ::chmod((ctx_ / "setuid").c_str(), 04755);
    Write("sticky/file", "in a sticky dir");
    ::chmod((ctx_ / "sticky").c_str(), 01777);
    Write("owned", "owned by 1000");
    ::lchown((ctx_ / "owned").c_str(), 1000, 1000);
    Write("big", std::string((9 << 20) + 17, 'x'));
    fs::create_directories(ctx_ / "empty");
    fs::create_symlink("a/b", ctx_ / "link");
    fs::create_symlink("../nowhere", ctx_ / "dangling");
    Write("hard1", "two names in the context");
    fs::create_hard_link(ctx_ / "hard1", ctx_ / "sub-hard2");
    // A cp -al farm: the twin is outside the context, so the copy holds one name only.
    Write("twin", "nlink 2, one name copied");
    fs::create_directories(dir_ / "outside");
    fs::create_hard_link(ctx_ / "twin", dir_ / "outside" / "twin");
    ASSERT_EQ(::lsetxattr((ctx_ / "a-c").c_str(), "user.note", "hello", 5, 0), 0);
    ASSERT_EQ(::lsetxattr((ctx_ / "a-c").c_str(), "trusted.other", "x", 1, 0), 0);
    ASSERT_EQ(::mkfifo((ctx_ / "fifo").c_str(), 0640), 0);
    Write("ignored/drop", "excluded");
    Write("ignored/keep", "re-included");
    Write("x.tmp", "excluded by pattern");
    // An ELF header (arm64 executable) for the recorded heads.
    std::string elf(64, '\0');
    elf[0] = 0x7f, elf[1] = 'E', elf[2] = 'L', elf[3] = 'F', elf[4] = 2, elf[5] = 1, elf[6] = 1;
    elf[16] = 2;   // ET_EXEC
    elf[18] = static_cast<char>(183);  // EM_AARCH64
    Write("bin/tool", elf + "rest of the program");
    // Times: some old, some after the epoch (clamped), directories last.
    int64_t t = 1600000000;
    for (auto it = fs::recursive_directory_iterator(ctx_); it != fs::recursive_directory_iterator(); ++it) {
      t += 86400 * 37;
      SetMtime(it->path(), t);
    }
    SetMtime(ctx_, 1650000000);
    patterns_ = {"Dockerfile", "ignored", "!ignored/keep", "*.tmp"};
  }

  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories((ctx_ / rel).parent_path());
    std::ofstream(ctx_ / rel) << data;
  }

  CopySource Source() {
    auto matcher = std::make_shared<util::PathPatterns>(*util::PathPatterns::Create(patterns_));
    auto rule = std::make_shared<util::DirSkipRule>(util::DirSkipRule::Create(patterns_));
    CopySource source;
    source.root = ctx_;
    source.escape = util::EscapePolicy::kRefuse;
    source.excluded = [matcher](std::string_view rel) {
      auto m = matcher->Matches(rel);
      return m && *m;
    };
    source.walk_excluded = [rule](std::string_view rel) { return !rule->MaySkip(rel); };
    source.reset_owner = true;
    return source;
  }

  // The slow path: a real copy into a fresh directory, archived as LayerMaker archives it.
  Made Slow(const std::vector<graph::CopyAction>& actions, const LayerSettings& settings) {
    fs::path out = dir_ / fmt::format("slow{}", ++runs_);
    fs::create_directories(out);
    for (const auto& action : actions) {
      auto options = internal::CopyOptionsFor(action, out);
      EXPECT_TRUE(options) << options.error().What();
      auto copied = Copy(action, Source(), out, *options);
      EXPECT_TRUE(copied) << copied.error().What();
    }
    return Archive(settings, [&](snapshot::TarWriter& tar) {
      snapshot::TreeTarOptions tree;
      tree.clamp_mtime = settings.clamp_mtime;
      tree.overlay_whiteouts = true;
      return snapshot::WriteTreeTar(out, tar, tree);
    });
  }

  // The direct path: the same copy planned in memory, then written from the sources.
  Made Fast(const std::vector<graph::CopyAction>& actions, const LayerSettings& settings,
            std::vector<std::pair<std::string, std::string>>* elf_heads = nullptr,
            std::vector<std::pair<int64_t, int64_t>>* progress = nullptr) {
    internal::CopyPlan plan;
    for (const auto& action : actions) {
      auto options = internal::CopyOptionsFor(action, dir_.path());
      EXPECT_TRUE(options) << options.error().What();
      auto planned = Copy(action, Source(), plan, *options);
      EXPECT_TRUE(planned) << planned.error().What();
    }
    EXPECT_EQ(plan.declined(), "");
    return Archive(settings, [&](snapshot::TarWriter& tar) {
      internal::CopyPlan::WriteOptions write;
      write.clamp_mtime = settings.clamp_mtime;
      write.keep_xattr = snapshot::KeepXattrByDefault;
      write.elf_heads = elf_heads;
      if (progress != nullptr) {
        write.progress = [progress](int64_t copied, int64_t total) { progress->emplace_back(copied, total); };
      }
      return plan.WriteTar(tar, write);
    });
  }

  template <typename F>
  Made Archive(const LayerSettings& settings, F&& write) {
    Discard blob;
    auto writer = content::LayerWriter::Create(blob, settings.compression);
    EXPECT_TRUE(writer);
    Tee tee(**writer);
    snapshot::TarWriter tar(tee);
    auto status = write(tar);
    EXPECT_TRUE(status) << status.error().What();
    EXPECT_TRUE(tar.Finish());
    auto layer = (*writer)->Finish();
    EXPECT_TRUE(layer);
    return {tee.tar, *layer};
  }

  void ExpectSame(const graph::CopyAction& action, const LayerSettings& settings) {
    ExpectSame(std::vector<graph::CopyAction>{action}, settings);
  }
  void ExpectSame(const std::vector<graph::CopyAction>& actions, const LayerSettings& settings) {
    Made slow = Slow(actions, settings);
    Made fast = Fast(actions, settings);
    size_t differ = 0;
    while (differ < std::min(slow.tar.size(), fast.tar.size()) && slow.tar[differ] == fast.tar[differ]) ++differ;
    EXPECT_EQ(slow.tar.size(), fast.tar.size());
    EXPECT_TRUE(slow.tar == fast.tar) << "first difference at byte " << differ << " (entry header near "
                                      << slow.tar.substr(differ / 512 * 512, 100) << ")";
    EXPECT_EQ(slow.layer.diff_id, fast.layer.diff_id);
    EXPECT_EQ(slow.layer.descriptor.digest, fast.layer.descriptor.digest);
    EXPECT_EQ(slow.layer.descriptor.media_type, fast.layer.descriptor.media_type);
  }

  static graph::CopyAction Action(std::string src, std::string dest) {
    graph::CopyAction action;
    action.source_input = 1;
    action.source_path = std::move(src);
    action.dest_path = std::move(dest);
    action.dir_copy_contents = true;
    action.allow_wildcard = true;
    action.follow_symlinks = true;
    return action;
  }

  static LayerSettings Settings(content::Compression compression, std::optional<int64_t> clamp = kEpoch) {
    LayerSettings settings;
    settings.compression.compression = compression;
    settings.clamp_mtime = clamp;
    return settings;
  }

  testing::TempDir dir_;
  fs::path ctx_;
  std::vector<std::string> patterns_;
  int runs_ = 0;
};

// COPY . /data: every kind of entry, .dockerignore with a re-inclusion, each compression.
TEST_F(DirectLayerTest, WholeContextIsByteIdenticalInEveryCompression) {
  for (auto compression : {content::Compression::kGzip, content::Compression::kZstd,
                           content::Compression::kUncompressed}) {
    SCOPED_TRACE(static_cast<int>(compression));
    ExpectSame(Action(".", "/data"), Settings(compression));
  }
}

// Without SOURCE_DATE_EPOCH: /data takes the context root's times, so nothing is "now".
TEST_F(DirectLayerTest, WholeContextIsByteIdenticalWithoutClamp) {
  ExpectSame(Action(".", "/data"), Settings(content::Compression::kGzip, std::nullopt));
}

// Parents created for the destination (0755 under the umask, owned by --chown, "now" clamped).
TEST_F(DirectLayerTest, DestinationParentsAreByteIdentical) {
  ExpectSame(Action(".", "/a/b/c/"), Settings(content::Compression::kGzip));
  ExpectSame(Action("big", "/deep/er/big.bin"), Settings(content::Compression::kZstd));
}

TEST_F(DirectLayerTest, ChownAndChmodAreByteIdentical) {
  auto action = Action(".", "/owned/");
  action.owner = graph::Owner{"1000", "1001"};
  action.chmod = "0640";
  ExpectSame(action, Settings(content::Compression::kGzip));
  action.chmod = "u+rwx,g=rx,o-w";
  ExpectSame(action, Settings(content::Compression::kGzip));
}

TEST_F(DirectLayerTest, WildcardsAndSeveralMatchesAreByteIdentical) {
  ExpectSame(Action("a*", "/w/"), Settings(content::Compression::kGzip));     // a dir and a file, merged
  ExpectSame(Action("*hard*", "/h/"), Settings(content::Compression::kGzip));  // both names of one inode
  ExpectSame(Action("a/*", "/p/"), Settings(content::Compression::kGzip));
}

TEST_F(DirectLayerTest, SingleEntriesAreByteIdentical) {
  ExpectSame(Action("empty", "/e/"), Settings(content::Compression::kGzip));
  ExpectSame(Action("link", "/followed"), Settings(content::Compression::kGzip));
  auto kept = Action("link", "/kept");
  kept.follow_symlinks = false;
  ExpectSame(kept, Settings(content::Compression::kGzip));
  ExpectSame(Action("twin", "/t/"), Settings(content::Compression::kGzip));
  ExpectSame(Action("setuid", "/bin/"), Settings(content::Compression::kGzip));
}

TEST_F(DirectLayerTest, ExcludeParentsAndFixedMtimeAreByteIdentical) {
  auto action = Action(".", "/x");
  action.exclude_patterns = {"a", "*.tmp", "big"};
  ExpectSame(action, Settings(content::Compression::kGzip));
  auto parents = Action("a/deep/*", "/kp/");
  parents.keep_parents = true;
  ExpectSame(parents, Settings(content::Compression::kGzip));
  auto fixed = Action(".", "/m");
  fixed.mtime = 1234567890;
  ExpectSame(fixed, Settings(content::Compression::kZstd, std::nullopt));
}

// COPY a b c /dst/ (one action per source, applied in order to one layer), overwrites included.
TEST_F(DirectLayerTest, SeveralSourcesOfOneCopyAreByteIdentical) {
  ExpectSame({Action("a-c", "/dst/"), Action("a", "/dst/"), Action("hard1", "/dst/"), Action("sub-hard2", "/dst/"),
              Action("empty", "/dst/e/")},
             Settings(content::Compression::kGzip));
}

// The pass records the heads of ELF files (for WrongArchBinary), hardlinked names included.
TEST_F(DirectLayerTest, RecordsElfHeads) {
  std::vector<std::pair<std::string, std::string>> heads;
  Fast({Action(".", "/data")}, Settings(content::Compression::kGzip), &heads);
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0].first, "data/bin/tool");
  EXPECT_EQ(heads[0].second.size(), 64u);
}

// The progress moves inside a huge file (the 9 MiB one), not only from file to file, and ends at
// the total.
TEST_F(DirectLayerTest, ReportsAHugeFilesBytesBeforeItsEnd) {
  std::vector<std::pair<int64_t, int64_t>> progress;
  Fast({Action(".", "/data")}, Settings(content::Compression::kGzip), nullptr, &progress);
  ASSERT_FALSE(progress.empty());
  const int64_t total = progress.back().second;
  EXPECT_EQ(progress.back().first, total);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  // Reported only when a file completes, one step would be the whole 9 MiB file; reported on its
  // way, no step is much over the tar buffer's MiB.
  int64_t largest_step = progress.front().first;
  for (size_t i = 1; i < progress.size(); ++i) {
    largest_step = std::max(largest_step, progress[i].first - progress[i - 1].first);
  }
  EXPECT_GT(total, int64_t{9} << 20);
  EXPECT_LT(largest_step, int64_t{2} << 20);
}

// A file replaced after the copy was planned fails the step, naming it, instead of a layer no
// real copy could have made.
TEST_F(DirectLayerTest, FileReplacedDuringTheCopyFailsClearly) {
  auto action = Action(".", "/data");
  auto options = internal::CopyOptionsFor(action, dir_.path());
  ASSERT_TRUE(options);
  internal::CopyPlan plan;
  ASSERT_TRUE(Copy(action, Source(), plan, *options));
  fs::rename(ctx_ / "a-c", dir_ / "old-a-c");  // kept: its inode is not reused
  Write("a-c", "replaced by another file");
  Discard sink;
  snapshot::TarWriter tar(sink);
  auto status = plan.WriteTar(tar, {});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind(), util::ErrorKind::kConflict);
  EXPECT_NE(status.error().What().find("a-c changed"), std::string::npos) << status.error().What();
}

TEST_F(DirectLayerTest, SwitchTurnsTheDirectPathOff) {
  ::setenv("MANIFOLD_COPY_DIRECT", "0", 1);
  EXPECT_FALSE(DirectCopyEnabled());
  ::unsetenv("MANIFOLD_COPY_DIRECT");
  EXPECT_TRUE(DirectCopyEnabled());
}

}  // namespace
}  // namespace manifold::worker
