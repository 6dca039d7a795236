// Apply: GNU tar round trips, compression detection, replacement rules, owners and modes.
#include "snapshot/apply.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include "content/compress.hpp"
#include "snapshot/apply_test_support.hpp"
#include "util/id_map.hpp"

namespace manifold::snapshot {
namespace {

using test::ApplyFile;
using test::MakeTar;
using test::Shell;
namespace fs = std::filesystem;

class ApplyTest : public ::testing::Test {
 protected:
  util::Result<ApplyStats> Run(const std::string& body, const ApplyOptions& options = {}) {
    fs::path tar = s_.tars() / "layer.tar";
    MakeTar(tar, body);
    return ApplyFile(tar, s_.root(), options);
  }
  fs::path Root(const fs::path& rel) const { return s_.root() / rel; }
  static struct stat Lstat(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
    return st;
  }
  void TearDown() override { EXPECT_TRUE(s_.Untouched()); }
  test::Sentinel s_;
};

TEST_F(ApplyTest, GnuTarRoundTripKeepsEverything) {
  testing::TempDir src_dir;
  fs::path src = src_dir / "tree";
  std::string long_dir(120, 'd');
  std::string long_file(150, 'f');
  fs::create_directories(src / "bin");
  fs::create_directories(src / "etc/sub");
  fs::create_directories(src / long_dir / long_dir);
  std::ofstream(src / "bin/tool") << "tool";
  std::ofstream(src / "etc/config") << "cfg";
  std::ofstream(src / long_dir / long_dir / long_file) << "deep";
  fs::permissions(src / "bin/tool", fs::perms(04755));
  fs::permissions(src / "etc/config", fs::perms(0600));
  fs::permissions(src / "etc/sub", fs::perms(0700));
  fs::create_symlink("../bin/tool", src / "etc/link");
  fs::create_symlink("/etc/config", src / "abs");
  fs::create_hard_link(src / "etc/config", src / "hard");
  ASSERT_EQ(::setxattr((src / "etc/config").c_str(), "user.test", "hello", 5, 0), 0);
  ASSERT_EQ(::mkfifo((src / "fifo").c_str(), 0640), 0);
  ASSERT_TRUE(Shell(fmt::format("truncate -s 4M {0}/sparse && printf end | dd of={0}/sparse bs=1 "
                                "seek=3145728 conv=notrunc status=none",
                                src.string())));
  if (::geteuid() == 0) {
    ASSERT_EQ(::lchown((src / "etc/config").c_str(), 1234, 5678), 0);
  }
  ASSERT_TRUE(Shell(fmt::format("find {} -exec touch -h -d @1000000000 {{}} +", src.string())));
  fs::path tar = s_.tars() / "gnu.tar";
  ASSERT_TRUE(Shell(fmt::format("tar --xattrs --xattrs-include='*' --sparse --numeric-owner -cpf {} -C {} .",
                                tar.string(), src.string())));

  auto stats = ApplyFile(tar, s_.root());
  ASSERT_TRUE(stats) << stats.error().What();
  EXPECT_EQ(test::Fingerprint(s_.root()), test::Fingerprint(src));
  EXPECT_EQ(stats->files, 4u) << "the second name of etc/config is a hard link entry";
  EXPECT_EQ(stats->hardlinks, 1u);
  EXPECT_EQ(stats->symlinks, 2u);
  EXPECT_EQ(stats->devices, 1u) << "the fifo";
  EXPECT_GE(stats->bytes, 4u + 3 + 4 + 3);
  EXPECT_LT(stats->bytes, 64u * 1024) << "sparse holes are not data";
  EXPECT_EQ(Lstat(Root("hard")).st_ino, Lstat(Root("etc/config")).st_ino);
  EXPECT_LT(Lstat(Root("sparse")).st_blocks * 512, 1024 * 1024) << "holes stay holes";
  EXPECT_EQ(fs::read_symlink(Root("abs")), "/etc/config");
}

TEST_F(ApplyTest, NamesAreBytesEvenInTheCLocale) {
  auto r = Run("f('dir/h\\u00e9llo-\\u00fc', 'x')\nf('p/' + 'x' * 200 + '/' + 'y' * 200, 'long')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(Root("dir/h\xc3\xa9llo-\xc3\xbc")), "x");
  EXPECT_EQ(*util::ReadFile(Root("p/" + std::string(200, 'x') + "/" + std::string(200, 'y'))), "long");
}

class ApplyCompressionTest : public ApplyTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(ApplyCompressionTest, DetectsTheFilterByMagic) {
  fs::path tar = s_.tars() / "layer.tar";
  MakeTar(tar, "d('a')\nf('a/b', 'hello ' * 1000)\nsym('a/c', 'b')");
  std::string compressor = GetParam();
  fs::path input = tar;
  if (!compressor.empty()) {
    ASSERT_TRUE(Shell(fmt::format("{} -c {} > {}.z", compressor, tar.string(), tar.string())));
    input = tar.string() + ".z";
  }
  auto r = ApplyFile(input, s_.root());
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(util::ReadFile(Root("a/b"))->size(), 6000u);
  EXPECT_EQ(r->bytes, 6000u);
  EXPECT_EQ(fs::read_symlink(Root("a/c")), "b");
}

INSTANTIATE_TEST_SUITE_P(Filters, ApplyCompressionTest,
                         ::testing::Values("", "gzip", "zstd -q", "xz", "bzip2"),
                         [](const auto& info) {
                           std::string name = info.param;
                           return name.empty() ? std::string("plain") : name.substr(0, name.find(' '));
                         });

// content::ZstdCompressor writes incompressible 2 MiB chunks as raw frames between libzstd's
// frames: the reader must go on past the end of a frame (RFC 8878 §3.1: one or more frames).
TEST_F(ApplyTest, ReadsAZstdStreamOfSeveralFrames) {
  fs::path tar = s_.tars() / "layer.tar";
  MakeTar(tar, "import random\nrandom.seed(5)\nf('text', 'hello ' * 700000)\n"
               "f('random', random.randbytes(5 << 20))\nf('after', 'x')");
  fs::path zst = tar.string() + ".zst";
  {
    util::UniqueFd out(::open(zst.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    ASSERT_TRUE(out.valid());
    content::FdSink sink(out.get());
    content::CompressorOptions options;
    options.compression = content::Compression::kZstd;
    auto compressor = content::MakeCompressor(options, sink);
    ASSERT_TRUE(compressor);
    ASSERT_TRUE((*compressor)->Write(*util::ReadFile(tar)));
    ASSERT_TRUE((*compressor)->Finish());
  }
  std::string blob = *util::ReadFile(zst);
  size_t frames = 0;
  for (std::string_view rest = blob; !rest.empty(); ++frames) {
    size_t size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    ASSERT_FALSE(ZSTD_isError(size));
    rest.remove_prefix(size);
  }
  EXPECT_GE(frames, 3u) << "expected libzstd, raw and libzstd frames";
  auto r = ApplyFile(zst, s_.root());
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(util::ReadFile(Root("text"))->size(), 4'200'000u);
  EXPECT_EQ(util::ReadFile(Root("random"))->size(), size_t{5} << 20);
  EXPECT_EQ(*util::ReadFile(Root("after")), "x");
  EXPECT_EQ(r->bytes, 4'200'000u + (5u << 20) + 1);
}

TEST_F(ApplyTest, CorruptAndTruncatedStreamsAreCleanErrors) {
  fs::path tar = s_.tars() / "big.tar";
  MakeTar(tar, "import os\nf('random', os.urandom(1 << 20))\nf('after', 'x')");
  ASSERT_TRUE(Shell(fmt::format("gzip -c {0} > {0}.gz && head -c 300000 {0}.gz > {0}.cut.gz && "
                                "head -c 700000 {0} > {0}.cut && printf 'not an archive at all' > {0}.junk && "
                                ": > {0}.empty",
                                tar.string())));
  for (const char* suffix : {".cut.gz", ".cut", ".junk"}) {
    auto r = ApplyFile(tar.string() + suffix, s_.root());
    ASSERT_FALSE(r) << suffix;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << r.error().What();
    EXPECT_NE(r.error().What().find(s_.root().string()), std::string::npos) << r.error().What();
  }
  auto cut = ApplyFile(tar.string() + ".cut.gz", s_.root());
  EXPECT_NE(cut.error().What().find("\"random\""), std::string::npos) << "names the entry: " << cut.error().What();
  auto empty = ApplyFile(tar.string() + ".empty", s_.root());
  ASSERT_TRUE(empty) << empty.error().What();
  EXPECT_EQ(empty->files + empty->dirs, 0u);
}

TEST_F(ApplyTest, MissingRootIsNotFound) {
  fs::path tar = s_.tars() / "t.tar";
  MakeTar(tar, "f('a')");
  auto r = ApplyFile(tar, s_.root() / "missing");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kNotFound);
}

TEST_F(ApplyTest, ReplacementFollowsOciChangesets) {
  fs::create_directories(Root("x/inner"));
  std::ofstream(Root("x/inner/f")) << "old";
  std::ofstream(Root("y")) << "file";
  fs::create_directories(Root("z"));
  std::ofstream(Root("z/c")) << "kept";
  std::ofstream(Root("other")) << "untouched";
  fs::create_hard_link(Root("other"), Root("h"));
  auto r = Run("f('x', 'now a file')\nd('y')\nd('z', mode=0o750)\nf('h', 'new')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(Root("x")), "now a file");
  EXPECT_TRUE(fs::is_directory(Root("y")));
  EXPECT_EQ(*util::ReadFile(Root("z/c")), "kept") << "a directory entry merges";
  EXPECT_EQ(Lstat(Root("z")).st_mode & 07777, 0750u);
  EXPECT_EQ(*util::ReadFile(Root("h")), "new");
  EXPECT_EQ(*util::ReadFile(Root("other")), "untouched") << "never written through a hard link";
}

TEST_F(ApplyTest, DirectoryModesAndTimesAreSetLast) {
  auto r = Run("d('ro', mode=0o555)\nf('ro/child', 'c')\nd('ro/sub', mode=0o500)\nf('ro/sub/g', 'g')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Lstat(Root("ro")).st_mode & 07777, 0555u);
  EXPECT_EQ(Lstat(Root("ro/sub")).st_mode & 07777, 0500u);
  EXPECT_EQ(Lstat(Root("ro")).st_mtim.tv_sec, 1000000000);
  EXPECT_EQ(Lstat(Root("ro/child")).st_mtim.tv_sec, 1000000000);
  fs::permissions(Root("ro"), fs::perms(0755));  // so that the fixture can clean up as non-root
  fs::permissions(Root("ro/sub"), fs::perms(0755));
}

TEST_F(ApplyTest, HardlinksShareTheInode) {
  auto r = Run("f('a', 'x')\nhard('b', 'a')\nhard('./c', '/a')\nsym('s', 'nowhere')\nhard('hs', 's')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(Lstat(Root("a")).st_ino, Lstat(Root("b")).st_ino);
  EXPECT_EQ(Lstat(Root("a")).st_ino, Lstat(Root("c")).st_ino);
  EXPECT_TRUE(fs::is_symlink(Root("hs"))) << "a link to a symlink links the symlink";
  EXPECT_EQ(r->hardlinks, 3u);
  auto missing = Run("hard('m', 'not-there')");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().What().find("\"m\""), std::string::npos) << missing.error().What();
  EXPECT_NE(missing.error().What().find("hard link target"), std::string::npos) << missing.error().What();
}

TEST_F(ApplyTest, OwnersAndSetuidBits) {
  if (::geteuid() != 0) GTEST_SKIP() << "chown needs root";
  auto r = Run("f('s', 'x', mode=0o4755, uid=1234, gid=5678)\nsym('l', 's', uid=7, gid=8)\n"
               "d('d', mode=0o2775, uid=9, gid=10)");
  ASSERT_TRUE(r) << r.error().What();
  auto s = Lstat(Root("s"));
  EXPECT_EQ(s.st_uid, 1234u);
  EXPECT_EQ(s.st_gid, 5678u);
  EXPECT_EQ(s.st_mode & 07777, 04755u) << "chmod after chown keeps setuid";
  EXPECT_EQ(Lstat(Root("l")).st_uid, 7u);
  EXPECT_EQ(Lstat(Root("d")).st_mode & 07777, 02775u);

  ApplyOptions forced;
  forced.chown = Owner{42, 43};
  ASSERT_TRUE(Run("f('s', 'x', uid=1)\nsym('l', 's', uid=1)\nd('d', uid=1)", forced));
  for (auto p : {"s", "l", "d"}) {
    EXPECT_EQ(Lstat(Root(p)).st_uid, 42u) << p;
    EXPECT_EQ(Lstat(Root(p)).st_gid, 43u) << p;
  }
  ApplyOptions keep;
  keep.preserve_owners = false;
  ASSERT_TRUE(Run("f('n', 'x', uid=1234)", keep));
  EXPECT_EQ(Lstat(Root("n")).st_uid, 0u);
}

TEST_F(ApplyTest, DevicesAsRoot) {
  if (::geteuid() != 0 || util::CurrentUserNamespace().rootless) GTEST_SKIP() << "mknod needs root of the host";
  auto r = Run("node('dev/null', CHR, 1, 3, mode=0o666)\nnode('dev/loop9', BLK, 7, 9)\nnode('p', FIFO)");
  ASSERT_TRUE(r) << r.error().What();
  auto st = Lstat(Root("dev/null"));
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(st.st_rdev, makedev(1, 3));
  EXPECT_EQ(st.st_mode & 07777, 0666u);
  EXPECT_TRUE(S_ISBLK(Lstat(Root("dev/loop9")).st_mode));
  EXPECT_TRUE(S_ISFIFO(Lstat(Root("p")).st_mode));
  EXPECT_EQ(r->devices, 3u);
}

}  // namespace
}  // namespace manifold::snapshot
