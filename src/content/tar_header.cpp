// Encoding of ustar headers and pax extended records (POSIX.1-2008 pax, IEEE 1003.1 ustar).
#include "content/tar_header.hpp"

#include <algorithm>
#include <cstring>

namespace manifold::content {
namespace {

constexpr int64_t kMaxOctal7 = 07777777;        // 8-byte fields: 7 digits + NUL
constexpr int64_t kMaxOctal11 = 077777777777;   // 12-byte fields: 11 digits + NUL

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != 0; });
}

// A ustar string field holds it only if it fits and is plain ASCII (non-ASCII goes to pax,
// which is defined as UTF-8, so readers need not guess the header's charset).
bool FitsUstar(std::string_view s, size_t width) { return s.size() <= width && IsAscii(s); }

void PutOctal(char* field, size_t width, int64_t value) {
  // width-1 zero-padded octal digits then NUL; the caller ensures it fits (or writes 0).
  if (value < 0) value = 0;
  field[width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0;) {
    field[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
}

void PutString(char* field, size_t width, std::string_view s) {
  // For fields that a pax record overrides: keep what is ASCII so old readers see something.
  size_t n = std::min(s.size(), width);
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    field[i] = (c < 0x80 && c != 0) ? static_cast<char>(c) : '_';
  }
}

void AppendRecord(std::string& out, std::string_view key, std::string_view value) {
  // "<len> <key>=<value>\n" where <len> counts the whole record including its own digits.
  size_t base = key.size() + value.size() + 3;
  size_t len = base + 1;
  while (len != base + std::to_string(len).size()) len = base + std::to_string(len).size();
  out += std::to_string(len);
  out += ' ';
  out += key;
  out += '=';
  out += value;
  out += '\n';
}

char TypeFlag(TarEntryType type) {
  switch (type) {
    case TarEntryType::kFile: return '0';
    case TarEntryType::kHardlink: return '1';
    case TarEntryType::kSymlink: return '2';
    case TarEntryType::kCharDevice: return '3';
    case TarEntryType::kBlockDevice: return '4';
    case TarEntryType::kDirectory: return '5';
    case TarEntryType::kFifo: return '6';
  }
  return '0';
}

// One 512-byte ustar header block; numeric fields that do not fit are written as 0 (the pax
// record carries the value).
void AppendUstar(std::string& out, std::string_view name, char typeflag, uint32_t mode, int64_t uid,
                 int64_t gid, int64_t size, int64_t mtime, std::string_view linkname,
                 uint32_t dev_major, uint32_t dev_minor) {
  char h[kTarBlockSize];
  std::memset(h, 0, sizeof(h));
  PutString(h + 0, 100, name);
  PutOctal(h + 100, 8, mode & 07777);
  PutOctal(h + 108, 8, uid <= kMaxOctal7 ? uid : 0);
  PutOctal(h + 116, 8, gid <= kMaxOctal7 ? gid : 0);
  PutOctal(h + 124, 12, size <= kMaxOctal11 ? size : 0);
  PutOctal(h + 136, 12, mtime <= kMaxOctal11 ? mtime : 0);
  h[156] = typeflag;
  PutString(h + 157, 100, linkname);
  std::memcpy(h + 257, "ustar\0" "00", 8);
  PutOctal(h + 329, 8, dev_major <= kMaxOctal7 ? dev_major : 0);
  PutOctal(h + 337, 8, dev_minor <= kMaxOctal7 ? dev_minor : 0);
  // The checksum is the byte sum with the checksum field itself read as eight spaces.
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  PutOctal(h + 148, 7, sum);
  h[155] = ' ';
  out.append(h, sizeof(h));
}

}  // namespace

util::Status ValidateTarEntry(const TarEntry& e) {
  auto bad = [&](std::string_view why) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "tar entry {:?}: {}", e.path, why);
  };
  if (e.path.empty()) return bad("empty path");
  if (e.path.find('\0') != std::string::npos) return bad("NUL in path");
  if (e.path.front() == '/') return bad("absolute path");
  size_t start = 0;
  while (start <= e.path.size()) {
    size_t end = std::min(e.path.find('/', start), e.path.size());
    std::string_view part = std::string_view(e.path).substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return bad("empty, '.' or '..' component");
    start = end + 1;
  }
  bool is_link = e.type == TarEntryType::kSymlink || e.type == TarEntryType::kHardlink;
  if (is_link && e.link_target.empty()) return bad("link without a target");
  if (e.link_target.find('\0') != std::string::npos) return bad("NUL in link target");
  if (e.type != TarEntryType::kFile && e.size != 0) return bad("size on a non-file");
  if (e.size < 0) return bad("negative size");
  for (const auto& [name, value] : e.xattrs) {
    if (name.empty() || name.find('\0') != std::string::npos || name.find('=') != std::string::npos) {
      return bad("invalid xattr name");
    }
  }
  return {};
}

void AppendTarHeader(const TarEntry& e, std::string& out) {
  std::string name = e.path;
  if (e.type == TarEntryType::kDirectory) name += '/';
  bool is_link = e.type == TarEntryType::kSymlink || e.type == TarEntryType::kHardlink;
  std::string_view linkname = is_link ? std::string_view(e.link_target) : std::string_view();

  std::map<std::string, std::string> records;  // sorted by key: deterministic order
  if (!FitsUstar(name, 100)) records["path"] = name;
  if (!FitsUstar(linkname, 100)) records["linkpath"] = std::string(linkname);
  if (e.size > kMaxOctal11) records["size"] = std::to_string(e.size);
  if (e.uid < 0 || e.uid > kMaxOctal7) records["uid"] = std::to_string(e.uid);
  if (e.gid < 0 || e.gid > kMaxOctal7) records["gid"] = std::to_string(e.gid);
  if (e.mtime < 0 || e.mtime > kMaxOctal11) records["mtime"] = std::to_string(e.mtime);
  for (const auto& [key, value] : e.xattrs) records["SCHILY.xattr." + key] = value;

  if (!records.empty()) {
    std::string body;
    for (const auto& [key, value] : records) AppendRecord(body, key, value);
    // The extended header's own name is informational; Go's "<dir>/PaxHeaders.0/<base>".
    size_t slash = e.path.rfind('/');
    std::string pax_name = slash == std::string::npos
                               ? "PaxHeaders.0/" + e.path
                               : e.path.substr(0, slash) + "/PaxHeaders.0/" + e.path.substr(slash + 1);
    AppendUstar(out, pax_name, 'x', 0644, 0, 0, static_cast<int64_t>(body.size()), 0, {}, 0, 0);
    out += body;
    out.append((kTarBlockSize - body.size() % kTarBlockSize) % kTarBlockSize, '\0');
  }
  bool is_device = e.type == TarEntryType::kCharDevice || e.type == TarEntryType::kBlockDevice;
  AppendUstar(out, name, TypeFlag(e.type), e.mode, e.uid, e.gid,
              e.type == TarEntryType::kFile ? e.size : 0, e.mtime, linkname,
              is_device ? e.dev_major : 0, is_device ? e.dev_minor : 0);
}

}  // namespace manifold::content
