// Tests of DirectWriter: the same bytes whichever way they are written, and O_DIRECT really used.
#include "util/direct_writer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/pipe_capture.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

std::string Pattern(size_t size, unsigned seed = 0) {
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + i / 7 + seed) & 0xff);
  return out;
}

// Writes `data` in pieces of `piece` bytes.
void WritePieces(DirectWriter& writer, std::string_view data, size_t piece) {
  for (size_t at = 0; at < data.size(); at += piece) {
    auto st = writer.Write(data.substr(at, piece));
    ASSERT_TRUE(st) << st.error().What();
  }
}

// Whether `dir`'s filesystem takes O_DIRECT at all (tmpfs before Linux 6.6 does not).
bool TakesODirect(const std::filesystem::path& dir) {
  UniqueFd fd(::open((dir / "probe").c_str(), O_WRONLY | O_CREAT | O_DIRECT | O_CLOEXEC, 0644));
  return static_cast<bool>(fd);
}

// How many of the file's first `size` bytes' pages are in the page cache.
size_t ResidentPages(const std::filesystem::path& path, size_t size) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd.get(), 0);
  EXPECT_NE(map, MAP_FAILED);
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in_core((size + page - 1) / page);
  EXPECT_EQ(::mincore(map, size, in_core.data()), 0);
  ::munmap(map, size);
  size_t resident = 0;
  for (unsigned char c : in_core) resident += c & 1;
  return resident;
}

TEST(DirectWriter, SameBytesAndHashForEverySizeAndPiece) {
  testing::TempDir dir;
  // 64 KiB and one more: the last size kept in an ordinary buffer and the first that is not.
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{65536}, size_t{65537}, kMiB - 1, kMiB, kMiB + 1,
                      3 * kMiB + 123}) {
    for (size_t piece : {size_t{1000}, size_t{65536}, 2 * kMiB + 3}) {
      const std::string data = Pattern(size, static_cast<unsigned>(piece));
      auto file = TempFile::Create(dir / "out");
      ASSERT_TRUE(file);
      DirectWriter writer(file->fd(), "out", DirectWriter::Hashing::kWritten);
      WritePieces(writer, data, piece);
      ASSERT_TRUE(writer.Finish());
      EXPECT_EQ(writer.size(), static_cast<int64_t>(size));
      EXPECT_EQ(writer.HexDigest(), Sha256::Hex(data)) << size << " in pieces of " << piece;
      EXPECT_EQ(::lseek(file->fd(), 0, SEEK_CUR), static_cast<off_t>(size)) << "offset left at the end";
      EXPECT_EQ(::fcntl(file->fd(), F_GETFL) & O_DIRECT, 0) << "flags restored";
      ASSERT_TRUE(file->Commit());
      EXPECT_TRUE(*ReadFile(dir / "out") == data) << size << " in pieces of " << piece;
    }
  }
}

TEST(DirectWriter, FullChunksPastEightMiBBypassThePageCacheTheRestDoesNot) {
  testing::TempDir dir;
  if (!TakesODirect(dir.path())) GTEST_SKIP() << dir.path() << " does not take O_DIRECT";
  const std::string data = Pattern(12 * kMiB + 5000);
  UniqueFd fd(::open((dir / "blob").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
  DirectWriter writer(fd.get(), "blob");
  WritePieces(writer, data, 300000);
  ASSERT_TRUE(writer.Finish());
  // The first 8 MiB went through the page cache, the next 4 MiB of full chunks to the device,
  // the last 5000 bytes (two pages) through the cache again.
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  EXPECT_LE(ResidentPages(dir / "blob", data.size()), 8 * kMiB / page + 2);
  EXPECT_GE(ResidentPages(dir / "blob", 8 * kMiB), 8 * kMiB / page - 16) << "small outputs stay buffered";
  EXPECT_TRUE(*ReadFile(dir / "blob") == data);
}

TEST(DirectWriter, UnalignedStartAndAppendOnlyFilesAreWrittenOrdinarily) {
  testing::TempDir dir;
  const std::string data = Pattern(2 * kMiB + 77);
  for (int extra_flags : {0, O_APPEND}) {
    ASSERT_TRUE(WriteFileAtomic(dir / "out", "head!"));
    UniqueFd fd(::open((dir / "out").c_str(), O_WRONLY | O_CLOEXEC | extra_flags));
    ASSERT_EQ(::lseek(fd.get(), 0, SEEK_END), 5);
    DirectWriter writer(fd.get(), "out");
    WritePieces(writer, data, 500000);
    ASSERT_TRUE(writer.Finish());
    EXPECT_EQ(::fcntl(fd.get(), F_GETFL) & (O_DIRECT | O_APPEND), extra_flags);
    EXPECT_TRUE(*ReadFile(dir / "out") == "head!" + data) << extra_flags;
  }
}

TEST(DirectWriter, PipeGetsTheBytesInOrder) {
  const std::string data = Pattern(3 * kMiB + 999);
  std::string got = testing::CaptureThroughPipe([&](int fd) {
    DirectWriter writer(fd, "pipe");
    WritePieces(writer, data, 70000);
    ASSERT_TRUE(writer.Finish());
  });
  EXPECT_TRUE(got == data);
}

TEST(DirectWriter, WriteFromFdReadsFromTheOffsetAndAdvancesIt) {
  testing::TempDir dir;
  const std::string source = Pattern(11 * kMiB + 7, 3);
  ASSERT_TRUE(WriteFileAtomic(dir / "in", source));
  // From 0 (8 MiB or more read with O_DIRECT where it can be) and from an unaligned offset (read
  // ordinarily); all of the rest, and less; after a few unaligned bytes already in the chunk.
  for (off_t from : {off_t{0}, off_t{100}}) {
    for (int64_t want : {int64_t{11 * kMiB + 7} - from, int64_t{9 * kMiB + 1}, int64_t{3 * kMiB + 1}, int64_t{5000}}) {
      UniqueFd in(::open((dir / "in").c_str(), O_RDONLY | O_CLOEXEC));
      ASSERT_EQ(::lseek(in.get(), from, SEEK_SET), from);
      auto file = TempFile::Create(dir / "out");
      ASSERT_TRUE(file);
      DirectWriter writer(file->fd(), "out", DirectWriter::Hashing::kWritten);
      ASSERT_TRUE(writer.Write("512-byte header stand-in"));
      Sha256 read_hash;
      auto copied = writer.WriteFromFd(in.get(), want, &read_hash);
      ASSERT_TRUE(copied) << copied.error().What();
      EXPECT_EQ(*copied, want);
      EXPECT_EQ(::lseek(in.get(), 0, SEEK_CUR), from + want);
      ASSERT_TRUE(writer.Write("trailer"));
      ASSERT_TRUE(writer.Finish());
      const std::string expected = "512-byte header stand-in" + source.substr(static_cast<size_t>(from), static_cast<size_t>(want)) + "trailer";
      EXPECT_EQ(read_hash.HexDigest(), Sha256::Hex(source.substr(static_cast<size_t>(from), static_cast<size_t>(want))));
      EXPECT_EQ(writer.HexDigest(), Sha256::Hex(expected));
      ASSERT_TRUE(file->Commit());
      EXPECT_TRUE(*ReadFile(dir / "out") == expected) << from << " " << want;
    }
  }
}

TEST(DirectWriter, ShortSourceReturnsWhatItHad) {
  testing::TempDir dir;
  const std::string source = Pattern(kMiB + 10);
  ASSERT_TRUE(WriteFileAtomic(dir / "in", source));
  UniqueFd in(::open((dir / "in").c_str(), O_RDONLY | O_CLOEXEC));
  UniqueFd out(::open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
  DirectWriter writer(out.get(), "out");
  auto copied = writer.WriteFromFd(in.get(), 4 * kMiB);
  ASSERT_TRUE(copied);
  EXPECT_EQ(*copied, static_cast<int64_t>(source.size()));
  ASSERT_TRUE(writer.Finish());
  EXPECT_TRUE(*ReadFile(dir / "out") == source);
}

TEST(DirectWriter, AFailedWriteNamesTheFile) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir / "ro", ""));
  UniqueFd fd(::open((dir / "ro").c_str(), O_RDONLY | O_CLOEXEC));
  DirectWriter writer(fd.get(), "the output");
  Status st = writer.Write(Pattern(3 * kMiB));
  if (st) st = writer.Finish();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().What().find("the output"), std::string::npos) << st.error().What();
}

}  // namespace
}  // namespace manifold::util
