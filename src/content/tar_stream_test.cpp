// Tests of TarWriter: its bytes are libarchive's own blocked output, however the data came.
#include "content/tar_stream.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/sha256.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"
#include "support/pipe_capture.hpp"
#include "support/temp_dir.hpp"

namespace manifold::content {
namespace {

struct TestEntry {
  std::string name;
  bool directory = false;
  std::string data;
};

std::string Bytes(size_t size, unsigned seed) {
  std::string out(size, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

// Sizes around the 512-byte record and the 10240-byte block, one past the sink's buffer, and a
// name long enough for a pax header.
std::vector<TestEntry> Entries() {
  std::vector<TestEntry> out;
  out.push_back({"blobs/", true, ""});
  unsigned seed = 1;
  for (size_t size : {0, 1, 511, 512, 513, 10240, 65536, 70001, 300000}) {
    out.push_back({"blobs/f" + std::to_string(size), false, Bytes(size, seed++)});
  }
  out.push_back({std::string(150, 'n') + "/long", false, Bytes(1000, seed++)});
  return out;
}

la_ssize_t AppendTo(archive*, void* client, const void* data, size_t size) {
  static_cast<std::string*>(client)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

// The archive as libarchive writes it with its default blocking, through the calls TarWriter
// made before it copied data itself: the bytes every output had before.
std::string Reference(const std::vector<TestEntry>& entries, int64_t mtime) {
  std::string out;
  archive* a = archive_write_new();
  EXPECT_EQ(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
  EXPECT_EQ(archive_write_add_filter_none(a), ARCHIVE_OK);
  EXPECT_EQ(archive_write_open(a, &out, nullptr, &AppendTo, nullptr), ARCHIVE_OK);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry, e.directory ? 0755 : 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    archive_entry_set_mtime(entry, mtime, 0);
    archive_entry_set_uid(entry, 0);
    archive_entry_set_gid(entry, 0);
    EXPECT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
    archive_entry_free(entry);
    if (!e.data.empty()) {
      EXPECT_EQ(archive_write_data(a, e.data.data(), e.data.size()), static_cast<la_ssize_t>(e.data.size()));
    }
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK);
  archive_write_free(a);
  return out;
}

// A file of `data` in the test's directory, open for reading: the same filesystem as the
// outputs, so that copy_file_range applies.
util::UniqueFd SourceFile(std::string_view data) {
  static int count = 0;
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("tar-stream-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
  EXPECT_TRUE(util::WriteFileAtomic(path, data));
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  ::unlink(path.c_str());
  return fd;
}

enum class Mode { kWriteData, kFromFd, kFromFdHashed };

util::Status WriteEntries(int out, const std::vector<TestEntry>& entries, int64_t mtime, Mode mode) {
  auto tar = MANIFOLD_TRY(TarWriter::Open(out, "test tar"));
  for (const auto& e : entries) {
    if (e.directory) {
      MANIFOLD_CHECK(tar.AddDirectory(e.name, mtime));
      continue;
    }
    MANIFOLD_CHECK(tar.BeginFile(e.name, static_cast<int64_t>(e.data.size()), mtime));
    if (mode == Mode::kWriteData) {
      MANIFOLD_CHECK(tar.WriteData(e.data));
      continue;
    }
    util::UniqueFd in = SourceFile(e.data);
    util::Sha256 hash;
    // Two pieces, as a caller copying in bounded pieces does.
    int64_t half = static_cast<int64_t>(e.data.size()) / 2;
    util::Sha256* h = mode == Mode::kFromFdHashed ? &hash : nullptr;
    int64_t first = MANIFOLD_TRY(tar.WriteDataFromFd(in.get(), half, h));
    int64_t second = MANIFOLD_TRY(tar.WriteDataFromFd(in.get(), static_cast<int64_t>(e.data.size()) - half, h));
    EXPECT_EQ(first + second, static_cast<int64_t>(e.data.size())) << e.name;
    if (h != nullptr) {
      EXPECT_EQ(hash.HexDigest(), util::Sha256::Hex(e.data)) << e.name;
    }
  }
  return tar.Finish();
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(out.size()))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

std::string ThroughPipe(const std::vector<TestEntry>& entries, Mode mode) {
  util::Status st;
  std::string piped = testing::CaptureThroughPipe([&](int fd) { st = WriteEntries(fd, entries, 7, mode); });
  EXPECT_TRUE(st) << st.error().What();
  return piped;
}

TEST(TarWriter, BytesAreLibarchivesBlockedOutputWhicheverWayDataComes) {
  testing::TempDir dir;
  const auto entries = Entries();
  const std::string reference = Reference(entries, 7);
  ASSERT_EQ(reference.size() % 10240, 0u);

  for (Mode mode : {Mode::kWriteData, Mode::kFromFd, Mode::kFromFdHashed}) {
    SCOPED_TRACE(static_cast<int>(mode));
    // A regular file (copy_file_range for kFromFd), written after bytes already there, so that
    // the kernel copies land at the file's offset, not at 0.
    util::UniqueFd file(::open((dir / "out.tar").c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    ASSERT_TRUE(util::WriteAll(file.get(), "prefix"));
    auto st = WriteEntries(file.get(), entries, 7, mode);
    ASSERT_TRUE(st) << st.error().What();
    EXPECT_TRUE(ReadAll(file.get()) == "prefix" + reference);

    // A pipe (sendfile).
    EXPECT_TRUE(ThroughPipe(entries, mode) == reference);

    // An O_APPEND file: copy_file_range (EBADF) and sendfile (EINVAL) both refuse it, so the
    // bytes go by read/write.
    util::UniqueFd append(::open((dir / "append.tar").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644));
    st = WriteEntries(append.get(), entries, 7, mode);
    ASSERT_TRUE(st) << st.error().What();
    EXPECT_TRUE(util::ReadFile(dir / "append.tar").value_or("") == reference);
  }
}

TEST(TarWriter, ShortSourceLeavesTheEntryShortAndTheArchiveUnfinished) {
  testing::TempDir dir;
  util::UniqueFd file(::open((dir / "out.tar").c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  const std::string data((3 << 20) + 1000, 'x');
  {
    auto tar = *TarWriter::Open(file.get(), "short tar");
    ASSERT_TRUE(tar.BeginFile("blob", 4 << 20, 0));
    util::UniqueFd in = SourceFile(data);
    auto copied = tar.WriteDataFromFd(in.get(), 4 << 20);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, static_cast<int64_t>(data.size()));
    auto finished = tar.Finish();
    ASSERT_FALSE(finished);
    EXPECT_NE(finished.error().What().find("1047576 bytes short"), std::string::npos) << finished.error().What();
    EXPECT_FALSE(tar.WriteDataFromFd(in.get(), (1 << 20) + 1));  // more than declared
  }
  // Abandoned: what reached the file (the whole MiBs written so far) is a prefix of the header
  // and the data, with no padding and no end-of-archive marker after it.
  std::string written = ReadAll(file.get());
  EXPECT_GE(written.size(), 2u << 20);
  EXPECT_LE(written.size(), 512u + data.size());
  EXPECT_TRUE(written.substr(512) == data.substr(0, written.size() - 512));
}

}  // namespace
}  // namespace manifold::content
