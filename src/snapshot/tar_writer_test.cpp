// Tests of TarWriter and the header encoder, read back with libarchive and GNU tar.
#include "snapshot/tar_writer.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>

#include <gtest/gtest.h>

#include <cstdio>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::snapshot {
namespace {

class StringSink final : public content::ByteSink {
 public:
  util::Status Write(std::string_view data) override {
    out.append(data);
    ++writes;
    return {};
  }
  std::string out;
  int writes = 0;
};

struct ReadEntry {
  std::string path, link, data;
  mode_t type = 0;
  int mode = 0;
  int64_t uid = 0, gid = 0, mtime = 0, size = 0;
  unsigned dev_major = 0, dev_minor = 0;
  std::map<std::string, std::string> xattrs;
};

std::vector<ReadEntry> ReadWithLibarchive(const std::string& tar) {
  std::vector<ReadEntry> out;
  archive* a = archive_read_new();
  archive_read_support_format_all(a);
  archive_read_support_filter_all(a);
  EXPECT_EQ(archive_read_open_memory(a, tar.data(), tar.size()), ARCHIVE_OK);
  archive_entry* e;
  int rc;
  // ARCHIVE_WARN: in the C locale libarchive warns that UTF-8 pax paths cannot be converted,
  // and keeps the raw bytes.
  while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    ReadEntry r;
    r.path = archive_entry_pathname(e);
    const char* hl = archive_entry_hardlink(e);
    const char* sl = archive_entry_symlink(e);
    r.link = hl ? hl : sl ? sl : "";
    r.type = archive_entry_filetype(e);
    r.mode = archive_entry_perm(e) | (archive_entry_mode(e) & 07000);
    r.uid = archive_entry_uid(e);
    r.gid = archive_entry_gid(e);
    r.mtime = archive_entry_mtime(e);
    r.size = archive_entry_size(e);
    r.dev_major = archive_entry_rdevmajor(e);
    r.dev_minor = archive_entry_rdevminor(e);
    archive_entry_xattr_reset(e);
    const char* name;
    const void* value;
    size_t size;
    while (archive_entry_xattr_next(e, &name, &value, &size) == ARCHIVE_OK) {
      r.xattrs[name] = std::string(static_cast<const char*>(value), size);
    }
    char buf[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) r.data.append(buf, n);
    out.push_back(std::move(r));
  }
  EXPECT_EQ(rc, ARCHIVE_EOF) << archive_error_string(a);
  archive_read_free(a);
  return out;
}

content::TarEntry Entry(std::string path, content::TarEntryType type) {
  content::TarEntry e;
  e.path = std::move(path);
  e.type = type;
  e.mode = type == content::TarEntryType::kDirectory ? 0755 : 0644;
  e.mtime = 1'700'000'000;
  return e;
}

TEST(TarWriterTest, FieldsSurviveLibarchive) {
  StringSink sink;
  TarWriter tar(sink);
  std::string long_dir(120, 'd');
  std::string long_name = long_dir + "/" + std::string(150, 'f');
  std::string link_target(230, 't');

  content::TarEntry dir = Entry(long_dir, content::TarEntryType::kDirectory);
  dir.mode = 01777;
  ASSERT_TRUE(tar.Add(dir));
  content::TarEntry file = Entry(long_name, content::TarEntryType::kFile);
  file.mode = 04755;
  file.uid = 3'000'000;  // beyond ustar's 7 octal digits: pax uid
  file.gid = 1234;
  file.mtime = -5;       // before the epoch: pax mtime
  file.xattrs = {{"user.bin", std::string("a\0b\nc", 5)}, {"security.capability", "cap"}};
  std::string content(70'000, 'x');
  file.size = static_cast<int64_t>(content.size());
  ASSERT_TRUE(tar.AddData(file, content));
  content::TarEntry sym = Entry("sym", content::TarEntryType::kSymlink);
  sym.link_target = link_target;
  ASSERT_TRUE(tar.Add(sym));
  content::TarEntry hard = Entry("h\xC3\xA9llo-\xE2\x98\x83.txt", content::TarEntryType::kHardlink);
  hard.link_target = long_name;
  ASSERT_TRUE(tar.Add(hard));
  content::TarEntry dev = Entry("dev/null", content::TarEntryType::kCharDevice);
  dev.dev_major = 1;
  dev.dev_minor = 3;
  ASSERT_TRUE(tar.Add(dev));
  ASSERT_TRUE(tar.Add(Entry("fifo", content::TarEntryType::kFifo)));
  ASSERT_TRUE(tar.Add(Entry("empty", content::TarEntryType::kFile)));
  ASSERT_TRUE(tar.Finish());
  EXPECT_EQ(sink.out.size() % 512, 0u);
  EXPECT_EQ(sink.out.substr(sink.out.size() - 1024), std::string(1024, '\0'));

  auto entries = ReadWithLibarchive(sink.out);
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[0].path, long_dir + "/");
  EXPECT_EQ(entries[0].type, AE_IFDIR);
  EXPECT_EQ(entries[0].mode, 01777);
  EXPECT_EQ(entries[1].path, long_name);
  EXPECT_EQ(entries[1].mode, 04755);
  EXPECT_EQ(entries[1].uid, 3'000'000);
  EXPECT_EQ(entries[1].gid, 1234);
  EXPECT_EQ(entries[1].mtime, -5);
  EXPECT_EQ(entries[1].data, content);
  EXPECT_EQ(entries[1].xattrs, file.xattrs);
  EXPECT_EQ(entries[2].type, AE_IFLNK);
  EXPECT_EQ(entries[2].link, link_target);
  EXPECT_EQ(entries[3].path, hard.path);
  EXPECT_EQ(entries[3].link, long_name);
  EXPECT_EQ(entries[4].type, AE_IFCHR);
  EXPECT_EQ(entries[4].dev_major, 1u);
  EXPECT_EQ(entries[4].dev_minor, 3u);
  EXPECT_EQ(entries[5].type, AE_IFIFO);
  EXPECT_EQ(entries[6].size, 0);
}

TEST(TarWriterTest, PlainEntriesHaveNoPaxHeaderAndFixedBytes) {
  StringSink sink;
  TarWriter tar(sink);
  content::TarEntry e = Entry("a/b.txt", content::TarEntryType::kFile);
  e.size = 3;
  ASSERT_TRUE(tar.AddData(e, "abc"));
  ASSERT_TRUE(tar.Finish());
  ASSERT_EQ(sink.out.size(), 512u + 512u + 1024u);
  std::string_view h(sink.out.data(), 512);
  EXPECT_EQ(h.substr(0, 8), std::string_view("a/b.txt\0", 8));
  EXPECT_EQ(h.substr(100, 8), std::string_view("0000644\0", 8));
  EXPECT_EQ(h.substr(124, 12), std::string_view("00000000003\0", 12));
  EXPECT_EQ(h[156], '0');
  EXPECT_EQ(h.substr(257, 8), std::string_view("ustar\0" "00", 8));
  EXPECT_EQ(h.substr(265, 64), std::string(64, '\0')) << "uname/gname must be empty";
  EXPECT_EQ(sink.out.substr(512, 4), std::string("abc\0", 4));
}

TEST(TarWriterTest, GnuTarListsWhatWasWritten) {
  if (std::system("command -v tar >/dev/null") != 0) GTEST_SKIP() << "GNU tar not installed";
  testing::TempDir dir;
  StringSink sink;
  TarWriter tar(sink);
  content::TarEntry e = Entry(std::string(200, 'n'), content::TarEntryType::kFile);
  e.size = 1;
  e.uid = 42;
  ASSERT_TRUE(tar.AddData(e, "z"));
  ASSERT_TRUE(tar.Finish());
  ASSERT_TRUE(util::WriteFileAtomic(dir / "x.tar", sink.out));
  std::string cmd = "tar --numeric-owner -tvf " + (dir / "x.tar").string();
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[1024] = {};
  size_t n = std::fread(buf, 1, sizeof(buf) - 1, p);
  EXPECT_EQ(::pclose(p), 0);
  std::string listing(buf, n);
  EXPECT_NE(listing.find("-rw-r--r-- 42/0"), std::string::npos) << listing;
  EXPECT_NE(listing.find(std::string(200, 'n')), std::string::npos) << listing;
}

TEST(TarWriterTest, StreamsFilesThroughBoundedWrites) {
  testing::TempDir dir;
  std::string content(3 * TarWriter::kBufferSize + 123, 'q');
  ASSERT_TRUE(util::WriteFileAtomic(dir / "big", content));
  util::UniqueFd fd(::open((dir / "big").c_str(), O_RDONLY));
  StringSink sink;
  TarWriter tar(sink);
  content::TarEntry e = Entry("big", content::TarEntryType::kFile);
  e.size = static_cast<int64_t>(content.size());
  std::vector<int64_t> reads;
  ASSERT_TRUE(tar.AddFile(e, fd.get(), [&](int64_t read) { reads.push_back(read); }));
  ASSERT_TRUE(tar.Finish());
  EXPECT_GE(sink.writes, 4);
  // The file's progress before its end: once per buffer filled, growing, never past its size.
  ASSERT_GE(reads.size(), 3u);
  EXPECT_TRUE(std::is_sorted(reads.begin(), reads.end()));
  EXPECT_LT(reads.back(), e.size);
  auto entries = ReadWithLibarchive(sink.out);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].data, content);
}

TEST(TarWriterTest, FileShorterThanDeclaredIsAConflict) {
  testing::TempDir dir;
  ASSERT_TRUE(util::WriteFileAtomic(dir / "f", "short"));
  util::UniqueFd fd(::open((dir / "f").c_str(), O_RDONLY));
  StringSink sink;
  TarWriter tar(sink);
  content::TarEntry e = Entry("f", content::TarEntryType::kFile);
  e.size = 100;
  auto st = tar.AddFile(e, fd.get());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), util::ErrorKind::kConflict);
  EXPECT_FALSE(tar.Finish());
}

TEST(TarWriterTest, RejectsBadEntries) {
  StringSink sink;
  TarWriter tar(sink);
  for (const char* path : {"", "/abs", "a//b", "a/../b", "./a", "a/."}) {
    auto st = tar.Add(Entry(path, content::TarEntryType::kDirectory));
    ASSERT_FALSE(st) << path;
    EXPECT_EQ(st.error().kind(), util::ErrorKind::kInvalidArgument);
  }
  EXPECT_FALSE(tar.Add(Entry("link", content::TarEntryType::kSymlink)));  // no target
  content::TarEntry f = Entry("f", content::TarEntryType::kFile);
  f.size = 3;
  EXPECT_FALSE(tar.Add(f));            // content missing
  EXPECT_FALSE(tar.AddData(f, "ab"));  // size mismatch
  EXPECT_TRUE(tar.Finish());
  EXPECT_EQ(sink.out, std::string(1024, '\0'));
}

}  // namespace
}  // namespace manifold::snapshot
