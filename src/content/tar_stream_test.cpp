// Tests of TarWriter: libarchive's reader and GNU tar read back what it wrote, however the data came.
#include "content/tar_stream.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "content/compress.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"
#include "support/pipe_capture.hpp"
#include "support/shell_output.hpp"
#include "support/string_sink.hpp"
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

std::string ThroughSocket(const std::vector<TestEntry>& entries, Mode mode) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    ADD_FAILURE() << "socketpair: " << std::strerror(errno);
    return "";
  }
  util::UniqueFd ours(fds[0]);
  util::UniqueFd theirs(fds[1]);
  std::string received;
  std::thread reader([&] {
    char buf[65536];
    ssize_t n;
    while ((n = ::read(ours.get(), buf, sizeof buf)) > 0) received.append(buf, static_cast<size_t>(n));
  });
  util::Status st = WriteEntries(theirs.get(), entries, 7, mode);
  ::shutdown(theirs.get(), SHUT_WR);
  reader.join();
  EXPECT_TRUE(st) << st.error().What();
  return received;
}

std::string ReadFully(archive* a) {
  std::string out;
  char buf[65536];
  la_ssize_t n;
  while ((n = archive_read_data(a, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(n, 0) << archive_error_string(a);
  return out;
}

// An independent reader: libarchive's, strict about tar (no filters, no other formats).
void ExpectLibarchiveReads(const std::string& tar, const std::vector<TestEntry>& entries, int64_t mtime) {
  archive* a = archive_read_new();
  ASSERT_EQ(archive_read_support_format_tar(a), ARCHIVE_OK);
  ASSERT_EQ(archive_read_open_memory(a, tar.data(), tar.size()), ARCHIVE_OK);
  for (const auto& e : entries) {
    SCOPED_TRACE(e.name);
    archive_entry* entry = nullptr;
    ASSERT_EQ(archive_read_next_header(a, &entry), ARCHIVE_OK) << archive_error_string(a);
    EXPECT_EQ(std::string(archive_entry_pathname(entry)), e.name);
    EXPECT_EQ(archive_entry_filetype(entry), e.directory ? AE_IFDIR : AE_IFREG);
    EXPECT_EQ(archive_entry_perm(entry), e.directory ? 0755 : 0644);
    EXPECT_EQ(archive_entry_size(entry), static_cast<la_int64_t>(e.data.size()));
    EXPECT_EQ(archive_entry_mtime(entry), mtime);
    EXPECT_EQ(archive_entry_uid(entry), 0);
    EXPECT_EQ(archive_entry_gid(entry), 0);
    auto empty = [](const char* s) { return s == nullptr || *s == '\0'; };
    EXPECT_TRUE(empty(archive_entry_uname(entry)));
    EXPECT_TRUE(empty(archive_entry_gname(entry)));
    EXPECT_TRUE(ReadFully(a) == e.data);
  }
  archive_entry* entry = nullptr;
  EXPECT_EQ(archive_read_next_header(a, &entry), ARCHIVE_EOF);
  archive_read_free(a);
}

// Another: GNU tar lists it (modes, owners, sizes, times, names) and extracts the same data.
void ExpectGnuTarReads(const std::filesystem::path& file, const std::vector<TestEntry>& entries,
                       const std::filesystem::path& into) {
  std::string listing = testing::ShellOutput("TZ=UTC tar --numeric-owner --full-time -tvf " + file.string());
  std::string expected;
  for (const auto& e : entries) {
    expected += fmt::format("{} 0/0 {:>10} 1970-01-01 00:00:07 {}\n", e.directory ? "drwxr-xr-x" : "-rw-r--r--",
                            e.data.size(), e.name);
  }
  // GNU tar pads owner/size columns to its widest; compare with runs of spaces squeezed.
  auto squeeze = [](std::string s) {
    s.erase(std::unique(s.begin(), s.end(), [](char a, char b) { return a == ' ' && b == ' '; }), s.end());
    return s;
  };
  EXPECT_EQ(squeeze(listing), squeeze(expected));
  std::filesystem::create_directories(into);
  testing::ShellOutput("tar -xf " + file.string() + " -C " + into.string());
  for (const auto& e : entries) {
    if (e.directory) {
      EXPECT_TRUE(std::filesystem::is_directory(into / e.name)) << e.name;
    } else {
      EXPECT_TRUE(util::ReadFile(into / e.name).value_or("?") == e.data) << e.name;
    }
  }
}

TEST(TarWriter, IndependentReadersReadTheSameArchiveWhicheverWayDataComes) {
  testing::TempDir dir;
  const auto entries = Entries();
  std::string first;

  for (Mode mode : {Mode::kWriteData, Mode::kFromFd, Mode::kFromFdHashed}) {
    SCOPED_TRACE(static_cast<int>(mode));
    // A regular file (copy_file_range for kFromFd), written after bytes already there, so that
    // the kernel copies land at the file's offset, not at 0.
    util::UniqueFd file(::open((dir / "out.tar").c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    ASSERT_TRUE(util::WriteAll(file.get(), "prefix"));
    auto st = WriteEntries(file.get(), entries, 7, mode);
    ASSERT_TRUE(st) << st.error().What();
    std::string written = ReadAll(file.get());
    ASSERT_TRUE(written.starts_with("prefix"));
    const std::string tar = written.substr(6);
    if (first.empty()) {
      // tar's blocking: whole 10240-byte blocks, ending in at least the two zero records.
      EXPECT_EQ(tar.size() % 10240, 0u);
      EXPECT_EQ(tar.find_last_not_of('\0') + 1 + 1024 <= tar.size(), true);
      ExpectLibarchiveReads(tar, entries, 7);
      ASSERT_TRUE(util::WriteFileAtomic(dir / "first.tar", tar));
      ExpectGnuTarReads(dir / "first.tar", entries, dir / "extracted");
      first = tar;
    }
    // Reproducible: the same bytes whichever way the data came and wherever they went.
    EXPECT_TRUE(tar == first);

    // A pipe and a socket (sendfile).
    EXPECT_TRUE(ThroughPipe(entries, mode) == first);
    EXPECT_TRUE(ThroughSocket(entries, mode) == first);

    // An O_APPEND file: copy_file_range (EBADF) and sendfile (EINVAL) both refuse it, so the
    // bytes go by read/write.
    util::UniqueFd append(::open((dir / "append.tar").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644));
    st = WriteEntries(append.get(), entries, 7, mode);
    ASSERT_TRUE(st) << st.error().What();
    EXPECT_TRUE(util::ReadFile(dir / "append.tar").value_or("") == first);
  }
}

TEST(TarWriter, EmptyArchiveIsOneBlockOfZeros) {
  std::string piped = testing::CaptureThroughPipe([&](int fd) {
    auto tar = TarWriter::Open(fd, "empty tar");
    ASSERT_TRUE(tar);
    ASSERT_TRUE(tar->Finish());
  });
  EXPECT_TRUE(piped == std::string(10240, '\0'));
}

TEST(TarWriter, ErrorsNameTheDestination) {
  util::UniqueFd full(::open("/dev/full", O_WRONLY | O_CLOEXEC));
  ASSERT_TRUE(full);
  auto tar = TarWriter::Open(full.get(), "the full tar");
  ASSERT_TRUE(tar);
  auto st = tar->AddFile("big", std::string(1 << 17, 'x'), 0);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().What().find("the full tar"), std::string::npos) << st.error().What();

  auto bad = TarWriter::Open(full.get(), "the bad tar");
  ASSERT_TRUE(bad);
  st = bad->AddFile(std::string("nul\0name", 8), "x", 0);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().What().find("the bad tar"), std::string::npos) << st.error().What();
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


// ZstdCompressor writes incompressible 2 MiB chunks as raw frames between libzstd's frames: the
// reader must go on past the end of a frame (RFC 8878 §3.1: a stream is one or more frames).
TEST(TarReader, ReadsAZstdStreamOfSeveralFrames) {
  std::string text(3 << 20, '\0');
  for (size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + (i * 7 / 13) % 26);
  std::vector<TestEntry> entries = {{"text", false, text}, {"random", false, Bytes(5 << 20, 9)},
                                    {"small", false, "tail"}};
  std::string tar = ThroughPipe(entries, Mode::kWriteData);
  testing::StringSink sink;
  CompressorOptions options;
  options.compression = Compression::kZstd;
  auto compressor = MakeCompressor(options, sink);
  ASSERT_TRUE(compressor);
  ASSERT_TRUE((*compressor)->Write(tar));
  ASSERT_TRUE((*compressor)->Finish());
  size_t frames = 0;
  for (std::string_view rest = sink.out; !rest.empty(); ++frames) {
    size_t size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    ASSERT_FALSE(ZSTD_isError(size));
    rest.remove_prefix(size);
  }
  EXPECT_GE(frames, 3u) << "expected libzstd, raw and libzstd frames";

  util::UniqueFd fd = SourceFile(sink.out);
  auto reader = TarReader::Open(fd.get(), "multi-frame tar");
  ASSERT_TRUE(reader) << reader.error().What();
  for (const auto& e : entries) {
    auto entry = reader->Next();
    ASSERT_TRUE(entry) << entry.error().What();
    ASSERT_TRUE(entry->has_value()) << "missing " << e.name;
    EXPECT_EQ((*entry)->name, e.name);
    std::string data;
    for (;;) {
      auto piece = reader->ReadData();
      ASSERT_TRUE(piece) << piece.error().What();
      if (piece->empty()) break;
      data.append(*piece);
    }
    EXPECT_TRUE(data == e.data) << e.name;
  }
  auto end = reader->Next();
  ASSERT_TRUE(end) << end.error().What();
  EXPECT_FALSE(end->has_value());
}

}  // namespace
}  // namespace manifold::content
