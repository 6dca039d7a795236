// Tests of ArchiveInput: gzip inflated by ISA-L reads as libarchive's own gzip filter reads it.
#include "content/archive_input.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>

#include "content/archive_library.hpp"
#include "support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace manifold::content {
namespace {

// Compressible and not: text runs between random runs, as a layer of binaries and files is.
std::string Payload(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    out[i] = (i / 3000) % 3 == 0 ? static_cast<char>(rng()) : static_cast<char>('a' + (i * 7 / 13) % 26);
  }
  return out;
}

// What a gzip header may carry besides the required fields (RFC 1952, 2.3.1).
struct HeaderFields {
  std::string name;     // FNAME, as `gzip -N` writes
  std::string extra;    // FEXTRA
  std::string comment;  // FCOMMENT
  bool hcrc = false;    // FHCRC
};

// One gzip member made by zlib (not by the code under test's library), optionally naming a file
// in its header, or with every optional field.
std::string Gzip(const std::string& data, const char* name = nullptr, const HeaderFields* fields = nullptr) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  gz_header header{};
  std::string extra = fields ? fields->extra : "";
  if (name != nullptr || fields != nullptr) {
    if (name != nullptr) header.name = reinterpret_cast<Bytef*>(const_cast<char*>(name));
    if (fields != nullptr) {
      header.name = reinterpret_cast<Bytef*>(const_cast<char*>(fields->name.c_str()));
      header.comment = reinterpret_cast<Bytef*>(const_cast<char*>(fields->comment.c_str()));
      header.extra = reinterpret_cast<Bytef*>(extra.data());
      header.extra_len = static_cast<uInt>(extra.size());
      header.hcrc = fields->hcrc ? 1 : 0;
    }
    EXPECT_EQ(deflateSetHeader(&z, &header), Z_OK);
  }
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct Read {
  std::string data;
  std::string error;  // empty when the whole stream was read
  bool inflating = false;
};

// Reads `fd` whole through libarchive's raw format: through ArchiveInput, or (`native`) through
// archive_read_open_fd and libarchive's own filters, the behaviour ArchiveInput keeps.
Read ReadRaw(int fd, bool native = false) {
  EXPECT_TRUE(LoadArchive().has_value());
  Read result;
  ArchiveInput input(fd);
  archive* a = Archive().read_new();
  Archive().read_support_format_raw(a);
  Archive().read_support_filter_gzip(a);
  Archive().read_support_filter_zstd(a);
  Archive().read_support_filter_none(a);
  auto fail = [&] {
    const char* message = Archive().error_string(a);
    result.error = message ? message : "error without a message";
  };
  int opened = native ? Archive().read_open_fd(a, fd, 1 << 16) : input.Open(a);
  result.inflating = input.inflating();
  archive_entry* entry = nullptr;
  if (opened != ARCHIVE_OK || Archive().read_next_header(a, &entry) != ARCHIVE_OK) {
    fail();
  } else {
    char buffer[70000];  // not a divisor of the input's or output's block
    for (;;) {
      la_ssize_t n = Archive().read_data(a, buffer, sizeof buffer);
      if (n < 0) {
        fail();
        break;
      }
      if (n == 0) break;
      result.data.append(buffer, static_cast<size_t>(n));
    }
  }
  Archive().read_free(a);
  return result;
}

class ArchiveInputTest : public ::testing::Test {
 protected:
  // A file holding `bytes`, opened for reading.
  util::UniqueFd File(const std::string& bytes) {
    auto path = dir_ / ("f" + std::to_string(files_++));
    util::UniqueFd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    EXPECT_EQ(::write(out.get(), bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    return util::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  }
  Read Both(const std::string& bytes, Read& native) {
    auto fd = File(bytes);
    Read ours = ReadRaw(fd.get());
    auto again = File(bytes);
    native = ReadRaw(again.get(), /*native=*/true);
    return ours;
  }
  testing::TempDir dir_;
  int files_ = 0;
};

TEST_F(ArchiveInputTest, InflatesAGzipMemberAcrossBufferBoundaries) {
  const std::string data = Payload(3'000'017, 1);
  Read native;
  Read ours = Both(Gzip(data), native);
  EXPECT_TRUE(ours.inflating);
  EXPECT_EQ(ours.error, "");
  EXPECT_TRUE(ours.data == data) << ours.data.size() << " bytes, want " << data.size();
  EXPECT_TRUE(native.data == data);
}

TEST_F(ArchiveInputTest, ReadsConcatenatedMembersAsOneStream) {
  const std::string a = Payload(700'001, 2), b = Payload(5, 3), c = Payload(300'000, 4);
  Read native;
  Read ours = Both(Gzip(a) + Gzip(b, "b.txt") + Gzip(c), native);
  EXPECT_EQ(ours.error, "");
  EXPECT_TRUE(ours.data == a + b + c);
  EXPECT_TRUE(native.data == ours.data);
}

// Header fields longer than the input buffer, and a header CRC: skipped, whatever their size.
TEST_F(ArchiveInputTest, ReadsHeadersWithLongOptionalFields) {
  const std::string data = Payload(50'000, 11);
  HeaderFields fields;
  fields.name = std::string(300'000, 'n');
  fields.extra = std::string(65'000, 'x');
  fields.comment = std::string(300'000, 'c');
  fields.hcrc = true;
  for (int mask = 1; mask < 16; mask *= 2) {  // each field alone, long and short
    HeaderFields one;
    if (mask & 1) one.name = fields.name;
    if (mask & 2) one.extra = fields.extra;
    if (mask & 4) one.comment = fields.comment;
    if (mask & 8) one.hcrc = true;
    Read n1;
    Read o1 = Both(Gzip(data, nullptr, &one), n1);
    EXPECT_EQ(o1.error, "") << "mask " << mask;
    HeaderFields small;
    if (mask & 1) small.name = "short";
    if (mask & 2) small.extra = "ex";
    if (mask & 4) small.comment = "c";
    if (mask & 8) small.hcrc = true;
    o1 = Both(Gzip(data, nullptr, &small), n1);
    EXPECT_EQ(o1.error, "") << "small mask " << mask;
  }
  {  // together, and in a second member (its header starts inside a buffer)
    Read n1;
    Read o1 = Both(Gzip(data, nullptr, &fields), n1);
    EXPECT_EQ(o1.error, "") << "all fields, one member";
    HeaderFields name_only;
    name_only.name = fields.name;
    o1 = Both(Gzip(data, nullptr, &name_only) + Gzip(data, nullptr, &name_only), n1);
    EXPECT_EQ(o1.error, "") << "long name, two members";
    HeaderFields hcrc_only;
    hcrc_only.hcrc = true;
    o1 = Both(Gzip(data, nullptr, &hcrc_only) + Gzip(data, nullptr, &hcrc_only), n1);
    EXPECT_EQ(o1.error, "") << "hcrc, two members";
  }
  Read native;
  Read ours = Both(Gzip(data, nullptr, &fields) + Gzip(data, nullptr, &fields), native);
  EXPECT_EQ(ours.error, "");
  EXPECT_TRUE(ours.data == data + data);
  EXPECT_TRUE(native.data == ours.data);
}

TEST_F(ArchiveInputTest, IgnoresBytesAfterTheLastMemberAsLibarchiveDoes) {
  const std::string data = Payload(100'000, 5);
  Read native;
  Read ours = Both(Gzip(data) + std::string(1000, '\0') + "trailing", native);
  EXPECT_EQ(ours.error, native.error);
  EXPECT_TRUE(ours.data == data);
  EXPECT_TRUE(native.data == ours.data);
}

TEST_F(ArchiveInputTest, RejectsAHeaderOfAnotherMethodOrWithReservedFlags) {
  const std::string gz = Gzip(Payload(1000, 13));
  std::string method = gz;
  method[2] = 7;  // CM: only 8, deflate, is defined
  EXPECT_NE(ReadRaw(File(method).get()).error.find("a method other than deflate"), std::string::npos);
  std::string reserved = gz;
  reserved[3] = static_cast<char>(reserved[3] | 0x20);  // FLG bit 5 is reserved
  EXPECT_NE(ReadRaw(File(reserved).get()).error.find("an invalid gzip header"), std::string::npos);
}

TEST_F(ArchiveInputTest, RejectsAWrongHeaderCrc) {
  HeaderFields fields;
  fields.name = "layer.tar";
  fields.hcrc = true;
  std::string gz = Gzip(Payload(1000, 12), nullptr, &fields);
  const size_t hcrc_at = 10 + fields.name.size() + 1;  // the fixed header, the name and its NUL
  gz[hcrc_at] ^= 0x01;
  Read ours = ReadRaw(File(gz).get());
  EXPECT_NE(ours.error.find("header CRC"), std::string::npos) << ours.error;
}

// Stricter than libarchive 3.6's gzip filter, which reads the trailer without checking it; as
// strict as Go's compress/gzip, through which containerd and BuildKit read layers.
TEST_F(ArchiveInputTest, RejectsAWrongChecksumOrLength) {
  const std::string data = Payload(200'000, 6);
  std::string bad_crc = Gzip(data);
  bad_crc[bad_crc.size() - 8] ^= 0x01;  // the trailer: CRC-32, then the length mod 2^32
  Read ours = ReadRaw(File(bad_crc).get());
  EXPECT_NE(ours.error.find("CRC-32 or length"), std::string::npos) << ours.error;

  std::string bad_length = Gzip(data);
  bad_length[bad_length.size() - 4] ^= 0x01;
  ours = ReadRaw(File(bad_length).get());
  EXPECT_NE(ours.error.find("CRC-32 or length"), std::string::npos) << ours.error;
}

TEST_F(ArchiveInputTest, RejectsATruncatedOrCorruptStream) {
  const std::string gz = Gzip(Payload(500'000, 7));
  Read native;
  Read ours = Both(gz.substr(0, gz.size() - 100), native);
  EXPECT_NE(ours.error.find("truncated"), std::string::npos) << ours.error;
  EXPECT_NE(native.error, "");

  ours = Both(gz.substr(0, 2), native);  // the magic alone
  EXPECT_NE(ours.error, "");

  std::string corrupt = gz;
  for (size_t i = 100; i < 400; ++i) corrupt[i] = static_cast<char>(0xff);
  ours = Both(corrupt, native);
  EXPECT_NE(ours.error.find("corrupt gzip"), std::string::npos) << ours.error;
}

TEST_F(ArchiveInputTest, HandsOtherStreamsToLibarchiveUnchanged) {
  const std::string data = Payload(400'000, 8);
  Read plain = ReadRaw(File(data).get());
  EXPECT_FALSE(plain.inflating);
  EXPECT_EQ(plain.error, "");
  EXPECT_TRUE(plain.data == data);

  std::string zst(ZSTD_compressBound(data.size()), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), data.data(), data.size(), 3));
  Read zstd = ReadRaw(File(zst).get());
  EXPECT_FALSE(zstd.inflating);
  EXPECT_EQ(zstd.error, "");
  EXPECT_TRUE(zstd.data == data);

  Read one = ReadRaw(File("\x1f").get());  // one byte: too short to be gzip
  EXPECT_FALSE(one.inflating);
  EXPECT_EQ(one.data, "\x1f");
}

// A pipe delivers the magic a byte at a time and the rest in small writes: the sniffing and the
// member boundaries must not depend on how read(2) cuts the stream.
TEST_F(ArchiveInputTest, ReadsAPipeCutAnywhere) {
  const std::string data = Payload(600'000, 9);
  const std::string gz = Gzip(data) + Gzip(data);
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  util::UniqueFd read_end(fds[0]), write_end(fds[1]);
  std::thread writer([&] {
    size_t at = 0;
    std::mt19937 rng(10);
    while (at < gz.size()) {
      size_t n = at < 4 ? 1 : std::min<size_t>(gz.size() - at, 1 + rng() % 9000);
      ASSERT_EQ(::write(write_end.get(), gz.data() + at, n), static_cast<ssize_t>(n));
      at += n;
    }
    write_end.reset();
  });
  Read ours = ReadRaw(read_end.get());
  writer.join();
  EXPECT_TRUE(ours.inflating);
  EXPECT_EQ(ours.error, "");
  EXPECT_TRUE(ours.data == data + data);
}

}  // namespace
}  // namespace manifold::content
