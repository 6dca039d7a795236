// Go build info: ELF section lookup (System V gABI ch. 4) and Go's blob format
// (cmd/link writes it; debug/buildinfo documents how it is read).
#include "attest/go_buildinfo.hpp"

#include <array>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace manifold::attest {

namespace {

constexpr std::string_view kMagic = "\xff Go buildinf:";
constexpr size_t kHeaderBytes = 32;
constexpr size_t kMaxSectionNames = 1 << 20;
constexpr uint32_t kShtNobits = 8;

std::unexpected<util::Error> Corrupt(std::string_view why) {
  return util::Fail(util::ErrorKind::kInvalidArgument, "corrupt Go build info: {}", why);
}

struct Endian {
  bool little = true;
  uint64_t Get(const uint8_t* p, size_t n) const {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{p[little ? i : n - 1 - i]} << (8 * i);
    return v;
  }
};

struct Section {
  uint32_t name = 0, type = 0;
  uint64_t offset = 0, size = 0;
};

// Go's binary.Uvarint: at most 10 bytes; false on overflow or truncation.
bool Uvarint(std::string_view& data, uint64_t* value) {
  *value = 0;
  for (size_t i = 0; i < data.size() && i < 10; ++i) {
    const auto b = static_cast<uint8_t>(data[i]);
    if (i == 9 && b > 1) return false;
    *value |= uint64_t{b & 0x7fu} << (7 * i);
    if (b < 0x80) {
      data.remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

util::Result<std::string_view> String(std::string_view& data, std::string_view what) {
  uint64_t n = 0;
  if (!Uvarint(data, &n)) return Corrupt(fmt::format("bad length of the {}", what));
  if (n > data.size()) {
    return Corrupt(fmt::format("the {} ({} bytes) is truncated at {}", what, n, data.size()));
  }
  const std::string_view s = data.substr(0, n);
  data.remove_prefix(n);
  return s;
}

}  // namespace

util::Result<GoBuildInfo> DecodeGoBuildInfo(std::string_view data) {
  // The blob starts at a 16-byte boundary (debug/buildinfo searches for it likewise).
  size_t at = 0;
  while (at + kHeaderBytes <= data.size() && data.substr(at, kMagic.size()) != kMagic) at += 16;
  if (at + kHeaderBytes > data.size()) return Corrupt("no build info header in .go.buildinfo");
  data.remove_prefix(at);
  const auto flags = static_cast<uint8_t>(data[15]);
  if ((flags & 2) == 0) {
    return util::Fail(util::ErrorKind::kUnavailable,
                      "Go build info in the pre-1.18 pointer form is not supported (rebuild with Go 1.18 or later)");
  }
  data.remove_prefix(kHeaderBytes);
  GoBuildInfo info;
  info.go_version = MANIFOLD_TRY(String(data, "Go version"));
  if (info.go_version.empty()) return Corrupt("empty Go version");
  std::string_view mod = MANIFOLD_TRY(String(data, "module info"));
  // Framed by 16 sentinel bytes on each side (cmd/go's modload.infoStart/infoEnd).
  if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') {
    mod = mod.substr(16, mod.size() - 32);
  } else {
    mod = {};
  }
  MANIFOLD_CHECK(ParseGoModInfo(mod, info));
  return info;
}

util::Result<std::optional<GoBuildInfo>> ReadGoBuildInfo(const ByteSource& file) {
  std::array<uint8_t, 64> h{};
  if (file.size() < 52) return std::nullopt;
  MANIFOLD_CHECK(file.ReadAt(0, std::span(h).first(std::min<uint64_t>(h.size(), file.size()))));
  if (std::memcmp(h.data(), "\x7f" "ELF", 4) != 0) return std::nullopt;
  const bool is64 = h[4] == 2;
  if ((h[4] != 1 && h[4] != 2) || (h[5] != 1 && h[5] != 2)) return std::nullopt;
  const Endian e{h[5] == 1};
  if (is64 && file.size() < 64) return std::nullopt;
  const uint64_t shoff = is64 ? e.Get(&h[0x28], 8) : e.Get(&h[0x20], 4);
  const size_t shentsize = e.Get(&h[is64 ? 0x3A : 0x2E], 2);
  const size_t shnum = e.Get(&h[is64 ? 0x3C : 0x30], 2);
  const size_t shstrndx = e.Get(&h[is64 ? 0x3E : 0x32], 2);
  // No section headers (or extended numbering, which only objects with ≥ 65280 sections use).
  if (shoff == 0 || shnum == 0 || shstrndx >= shnum) return std::nullopt;
  if (shentsize != (is64 ? 64u : 40u)) return Corrupt("unexpected section header size");
  std::vector<uint8_t> table(shnum * shentsize);
  MANIFOLD_CHECK(file.ReadAt(shoff, table));
  auto section = [&](size_t i) {
    const uint8_t* p = &table[i * shentsize];
    return Section{static_cast<uint32_t>(e.Get(p, 4)), static_cast<uint32_t>(e.Get(p + 4, 4)),
                   is64 ? e.Get(p + 24, 8) : e.Get(p + 16, 4), is64 ? e.Get(p + 32, 8) : e.Get(p + 20, 4)};
  };
  const Section names = section(shstrndx);
  if (names.size > kMaxSectionNames) return Corrupt("section name table over 1 MiB");
  std::string name_bytes(names.size, '\0');
  MANIFOLD_CHECK(file.ReadAt(names.offset, std::span(reinterpret_cast<uint8_t*>(name_bytes.data()), name_bytes.size())));
  constexpr std::string_view kWanted(".go.buildinfo\0", 14);
  for (size_t i = 0; i < shnum; ++i) {
    const Section s = section(i);
    if (s.name >= name_bytes.size() || std::string_view(name_bytes).substr(s.name, kWanted.size()) != kWanted) continue;
    if (s.type == kShtNobits) return Corrupt(".go.buildinfo has no bytes in the file");
    std::string bytes(std::min<uint64_t>(s.size, kMaxGoBuildInfoBytes), '\0');
    MANIFOLD_CHECK(file.ReadAt(s.offset, std::span(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size())));
    return MANIFOLD_TRY(DecodeGoBuildInfo(bytes));
  }
  return std::nullopt;
}

}  // namespace manifold::attest
