// Tests of CopyFdData: every way (kernel copy, sendfile, read/write, hashed) gives the same bytes.
#include "util/fd_copy.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {
namespace {

std::string Pattern(size_t size) {
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return out;
}

UniqueFd OpenAt(const std::filesystem::path& path, int flags, off_t offset) {
  UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC, 0644));
  EXPECT_TRUE(fd) << path;
  EXPECT_EQ(::lseek(fd.get(), offset, SEEK_SET), offset);
  return fd;
}

TEST(CopyFdData, RegularFilesFromAndToTheirOffsets) {
  testing::TempDir dir;
  const std::string data = Pattern(3 << 20);
  ASSERT_TRUE(WriteFileAtomic(dir / "in", data));
  ASSERT_TRUE(WriteFileAtomic(dir / "out", "head"));
  for (bool hashed : {false, true}) {
    UniqueFd in = OpenAt(dir / "in", O_RDONLY, 1000);
    UniqueFd out = OpenAt(dir / "out", O_WRONLY, 4);
    Sha256 hash;
    auto copied = CopyFdData(in.get(), out.get(), 2 << 20, hashed ? &hash : nullptr);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, 2 << 20);
    EXPECT_EQ(::lseek(in.get(), 0, SEEK_CUR), 1000 + (2 << 20));
    EXPECT_EQ(::lseek(out.get(), 0, SEEK_CUR), 4 + (2 << 20));
    EXPECT_TRUE(*ReadFile(dir / "out") == "head" + data.substr(1000, 2 << 20)) << hashed;
    if (hashed) {
      EXPECT_EQ(hash.HexDigest(), Sha256::Hex(data.substr(1000, 2 << 20)));
    }
  }
}

TEST(CopyFdData, PipeAndAppendOutputsFallBack) {
  testing::TempDir dir;
  const std::string data = Pattern((1 << 20) + 4321);
  ASSERT_TRUE(WriteFileAtomic(dir / "in", data));
  for (bool hashed : {false, true}) {
    // A pipe: copy_file_range does not apply (sendfile does, unless hashed).
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    UniqueFd read_end(fds[0]), write_end(fds[1]);
    std::string piped;
    std::thread drain([&] {
      char buf[65536];
      ssize_t n;
      while ((n = ::read(read_end.get(), buf, sizeof buf)) > 0) piped.append(buf, static_cast<size_t>(n));
    });
    UniqueFd in = OpenAt(dir / "in", O_RDONLY, 0);
    Sha256 hash;
    auto copied = CopyFdData(in.get(), write_end.get(), static_cast<int64_t>(data.size()), hashed ? &hash : nullptr);
    write_end.reset();
    drain.join();
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, static_cast<int64_t>(data.size()));
    EXPECT_TRUE(piped == data) << hashed;

    // O_APPEND: copy_file_range fails with EBADF and sendfile with EINVAL: read/write.
    ASSERT_TRUE(WriteFileAtomic(dir / "append", "head"));
    UniqueFd append = OpenAt(dir / "append", O_WRONLY | O_APPEND, 0);
    in = OpenAt(dir / "in", O_RDONLY, 0);
    copied = CopyFdData(in.get(), append.get(), static_cast<int64_t>(data.size()), hashed ? &hash : nullptr);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_TRUE(*ReadFile(dir / "append") == "head" + data) << hashed;
  }
}

TEST(CopyFdData, StopsAtTheEndOfTheInput) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir / "in", "short"));
  for (bool hashed : {false, true}) {
    UniqueFd in = OpenAt(dir / "in", O_RDONLY, 0);
    UniqueFd out = OpenAt(dir / "out", O_WRONLY | O_CREAT | O_TRUNC, 0);
    Sha256 hash;
    auto copied = CopyFdData(in.get(), out.get(), 100, hashed ? &hash : nullptr);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, 5);
    EXPECT_EQ(*ReadFile(dir / "out"), "short");
  }
  // A write that fails is an error, not a fallback.
  UniqueFd in = OpenAt(dir / "in", O_RDONLY, 0);
  UniqueFd read_only = OpenAt(dir / "out", O_RDONLY, 0);
  EXPECT_FALSE(CopyFdData(in.get(), read_only.get(), 5, nullptr));
}

}  // namespace
}  // namespace manifold::util
