// ArchiveInput: a libarchive read callback over a descriptor, inflating gzip members with ISA-L.
#include "content/archive_input.hpp"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "content/archive_library.hpp"

namespace manifold::content {
namespace {

// Reads of 256 KiB keep read(2) calls few; inflating into 256 KiB hands libarchive blocks as
// large as its own gzip filter's (it asks for 64 KiB at a time and copies across calls anyway).
constexpr size_t kInput = 256 * 1024;
constexpr size_t kOutput = 256 * 1024;
// The errno given with a corrupt stream's message (libarchive's own ARCHIVE_ERRNO_MISC, which
// its public header does not export).
constexpr int kFormatError = -1;

bool GzipMagicAt(const uint8_t* p) { return p[0] == 0x1f && p[1] == 0x8b; }

const char* InflateError(int rc) {
  switch (rc) {
    case ISAL_INVALID_BLOCK: return "an invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "an invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "an invalid deflate distance";
    case ISAL_INVALID_WRAPPER: return "an invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "a gzip header naming a method other than deflate";
    case ISAL_INCORRECT_CHECKSUM: return "a CRC-32 or length that does not match the data";
    default: return "an error of the inflater";
  }
}

}  // namespace

struct ArchiveInput::Inflater {
  inflate_state state;
  // A member's deflate data begins. Its header was read by ReadHeader (ISA-L 2.30's own gzip
  // header parsing rejects a valid FHCRC once the header spans two calls); ISA-L inflates and
  // then checks the trailer, the CRC-32 and the size of what it wrote. isal_inflate_init
  // clears where the input is, so the caller sets next_in/avail_in before each isal_inflate.
  void Start() {
    isal_inflate_init(&state);
    state.crc_flag = ISAL_GZIP_NO_HDR_VER;
  }
};

ArchiveInput::ArchiveInput(int fd) : fd_(fd), in_(new uint8_t[kInput]) {}

ArchiveInput::~ArchiveInput() = default;

la_ssize_t ArchiveInput::Fill(archive* a, size_t keep) {
  if (keep > 0 && in_start_ > 0) std::memmove(in_.get(), in_.get() + in_start_, keep);
  in_start_ = 0;
  in_end_ = keep;
  for (;;) {
    ssize_t n = ::read(fd_, in_.get() + in_end_, kInput - in_end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Archive().set_error(a, errno, "reading the stream: %s", std::strerror(errno));
      return -1;
    }
    if (n == 0) input_done_ = true;
    in_end_ += static_cast<size_t>(n);
    return n;
  }
}

bool ArchiveInput::Peek(archive* a, size_t want, bool& failed) {
  failed = false;
  while (in_end_ - in_start_ < want && !input_done_) {
    if (Fill(a, in_end_ - in_start_) < 0) {
      failed = true;
      return false;
    }
  }
  return in_end_ - in_start_ >= want;
}

int ArchiveInput::Open(archive* a) {
  bool failed = false;
  if (Peek(a, 2, failed)) {
    gzip_ = GzipMagicAt(in_.get() + in_start_);
  } else if (failed) {
    return ARCHIVE_FATAL;
  }
  if (gzip_) {
    inflater_ = std::make_unique<Inflater>();
    phase_ = Phase::kHeader;
    out_.reset(new uint8_t[kOutput]);
  }
  return Archive().read_open(a, this, nullptr, &ReadCallback, nullptr);
}

la_ssize_t ArchiveInput::ReadCallback(archive* a, void* self, const void** buffer) {
  auto* input = static_cast<ArchiveInput*>(self);
  return input->gzip_ ? input->ReadInflated(a, buffer) : input->ReadRaw(a, buffer);
}

la_ssize_t ArchiveInput::ReadRaw(archive* a, const void** buffer) {
  if (in_start_ == in_end_) {
    if (input_done_) return 0;
    if (Fill(a, 0) < 0) return -1;
  }
  *buffer = in_.get() + in_start_;
  auto n = static_cast<la_ssize_t>(in_end_ - in_start_);
  in_start_ = in_end_;
  return n;
}

bool ArchiveInput::NeedHeaderBytes(archive* a, size_t n) {
  bool failed = false;
  if (Peek(a, n, failed)) return true;
  if (!failed) Archive().set_error(a, kFormatError, "truncated gzip stream: it ends inside a member's header");
  return false;
}

bool ArchiveInput::Take(archive* a, size_t n, uint32_t* crc) {
  if (!NeedHeaderBytes(a, n)) return false;
  *crc = crc32_gzip_refl(*crc, in_.get() + in_start_, n);
  in_start_ += n;
  return true;
}

bool ArchiveInput::SkipZeroTerminated(archive* a, uint32_t* crc) {
  for (;;) {
    if (!NeedHeaderBytes(a, 1)) return false;
    const uint8_t* start = in_.get() + in_start_;
    const auto* nul = static_cast<const uint8_t*>(std::memchr(start, 0, in_end_ - in_start_));
    const size_t n = nul != nullptr ? static_cast<size_t>(nul - start) + 1 : in_end_ - in_start_;
    *crc = crc32_gzip_refl(*crc, start, n);
    in_start_ += n;
    if (nul != nullptr) return true;
  }
}

// RFC 1952, 2.3: ID1 ID2 CM FLG MTIME(4) XFL OS, then the fields FLG names, in this order.
bool ArchiveInput::ReadHeader(archive* a) {
  constexpr uint8_t kText = 1, kHeaderCrc = 2, kExtra = 4, kName = 8, kComment = 16;
  uint32_t crc = 0;
  if (!NeedHeaderBytes(a, 10)) return false;
  const uint8_t* h = in_.get() + in_start_;
  const uint8_t method = h[2], flags = h[3];
  if (!GzipMagicAt(h) || method != 8 || (flags & ~(kText | kHeaderCrc | kExtra | kName | kComment)) != 0) {
    Archive().set_error(a, kFormatError, "corrupt gzip stream: %s",
                        InflateError(method != 8 ? ISAL_UNSUPPORTED_METHOD : ISAL_INVALID_WRAPPER));
    return false;
  }
  if (!Take(a, 10, &crc)) return false;
  if ((flags & kExtra) != 0) {
    if (!NeedHeaderBytes(a, 2)) return false;
    const size_t length = in_[in_start_] | (size_t{in_[in_start_ + 1]} << 8);
    if (!Take(a, 2, &crc) || !Take(a, length, &crc)) return false;
  }
  if ((flags & kName) != 0 && !SkipZeroTerminated(a, &crc)) return false;
  if ((flags & kComment) != 0 && !SkipZeroTerminated(a, &crc)) return false;
  if ((flags & kHeaderCrc) != 0) {
    if (!NeedHeaderBytes(a, 2)) return false;
    const uint32_t stored = in_[in_start_] | (uint32_t{in_[in_start_ + 1]} << 8);
    if (stored != (crc & 0xffff)) {
      Archive().set_error(a, kFormatError, "corrupt gzip stream: a header CRC that does not match the header");
      return false;
    }
    in_start_ += 2;
  }
  return true;
}

la_ssize_t ArchiveInput::ReadInflated(archive* a, const void** buffer) {
  inflate_state& s = inflater_->state;
  for (;;) {
    if (phase_ == Phase::kDone) return 0;
    if (phase_ == Phase::kHeader) {
      if (!ReadHeader(a)) return -1;
      inflater_->Start();
      phase_ = Phase::kBody;
    }
    if (phase_ == Phase::kMemberEnd) {
      // Another member may follow (a concatenation is one stream); anything else after it is
      // ignored, as libarchive's gzip filter ignores it.
      bool failed = false;
      if (Peek(a, 2, failed) && GzipMagicAt(in_.get() + in_start_)) {
        phase_ = Phase::kHeader;
      } else if (failed) {
        return -1;
      } else {
        phase_ = Phase::kDone;
      }
      continue;
    }
    if (in_start_ == in_end_ && !input_done_ && Fill(a, 0) < 0) return -1;
    s.next_in = in_.get() + in_start_;
    s.avail_in = static_cast<uint32_t>(in_end_ - in_start_);
    s.next_out = out_.get();
    s.avail_out = static_cast<uint32_t>(kOutput);
    const size_t before = in_end_ - in_start_;
    int rc = isal_inflate(&s);
    in_start_ = in_end_ - s.avail_in;
    const size_t produced = kOutput - s.avail_out;
    const bool consumed = s.avail_in < before;
    if (rc != ISAL_DECOMP_OK) {
      Archive().set_error(a, kFormatError, "corrupt gzip stream: %s", InflateError(rc));
      return -1;
    }
    if (s.block_state == ISAL_BLOCK_FINISH) {
      phase_ = Phase::kMemberEnd;  // the deflate data and its trailer are read and checked
    } else if (produced == 0 && !consumed) {
      // The inflater wants more than it was given: more input, or the stream is cut short.
      if (input_done_) {
        Archive().set_error(a, kFormatError, "truncated gzip stream: it ends inside a member");
        return -1;
      }
      if (Fill(a, in_end_ - in_start_) < 0) return -1;
    }
    if (produced > 0) {
      *buffer = out_.get();
      return static_cast<la_ssize_t>(produced);
    }
  }
}

}  // namespace manifold::content
