// Context checksums: a sorted walk, file digests reused by stat.
#include "worker/context_checksum.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "util/parallel.hpp"
#include "util/sha256.hpp"
#include "util/unique_fd.hpp"

namespace manifold::worker {

namespace {

constexpr int64_t kNanos = 1'000'000'000;

int64_t Nanos(const struct timespec& ts) { return ts.tv_sec * kNanos + ts.tv_nsec; }

int64_t NowNanos() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return Nanos(ts);
}

constexpr std::string_view kSha256Prefix = "sha256:";

// The 32 bytes of a "sha256:<64 hex>" digest; nullopt for anything else (such a row is not
// trusted, its file is hashed again).
std::optional<std::array<uint8_t, 32>> ParseDigest(std::string_view digest) {
  // A table rather than branches: a context of a million files parses a million digests
  // before its walk can start.
  static constexpr auto kNibble = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<int8_t>(c - '0');
    // Upper case is not what Sha256 writes: not a digest this cache made.
    for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<int8_t>(c - 'a' + 10);
    return t;
  }();
  if (!digest.starts_with(kSha256Prefix) || digest.size() != kSha256Prefix.size() + 64) return std::nullopt;
  const auto* hex = reinterpret_cast<const unsigned char*>(digest.data() + kSha256Prefix.size());
  std::array<uint8_t, 32> out{};
  int bad = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = kNibble[hex[2 * i]];
    const int lo = kNibble[hex[2 * i + 1]];
    bad |= hi | lo;  // negative when either is -1
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  if (bad < 0) return std::nullopt;
  return out;
}

std::string FormatDigest(const std::array<uint8_t, 32>& sha256) {
  return std::string(kSha256Prefix) + util::ToHex(sha256.data(), sha256.size());
}

cache::FileStamp StampOf(const struct stat& st) {
  return {static_cast<int64_t>(st.st_dev), static_cast<int64_t>(st.st_ino), static_cast<int64_t>(st.st_size),
          Nanos(st.st_mtim), Nanos(st.st_ctim)};
}

// The part of a selector before any wildcard, as a clean relative path ("" = the whole
// context). "..", or anything odd, also selects the whole context: never less than is read.
std::string FixedPrefix(std::string_view selector) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= selector.size()) {
    size_t end = selector.find('/', start);
    if (end == std::string_view::npos) end = selector.size();
    std::string part(selector.substr(start, end - start));
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." || part.find_first_of("*?[\\") != std::string::npos) break;
    parts.push_back(std::move(part));
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

}  // namespace

std::string SelectedSubtree(const std::filesystem::path& context_dir, std::string_view selector) {
  std::string prefix = FixedPrefix(selector);
  std::filesystem::path walk = context_dir;
  for (const auto& part : std::filesystem::path(prefix)) {
    walk /= part;
    struct stat st {};
    if (::lstat(walk.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) return "";
  }
  return prefix;
}

namespace {

// The path of the context dir with exactly one '/' after it: what its files' paths (the keys
// of their rows in the cache) start with, as `dir / rel` spells them.
std::string BaseOf(const std::filesystem::path& context_dir) {
  std::string base = context_dir.string();
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/";
}

// Whether a digest of a file in the state `stamp`, computed at `checked_ns`, may be reused:
// only when the file's last change was well before it was hashed, as a change in the same
// tick as the hash could leave mtime and ctime as they were.
bool Trusted(const cache::FileStamp& stamp, int64_t checked_ns) { return stamp.ctime_ns + kNanos < checked_ns; }

void AppendDigest(std::string& out, const std::array<uint8_t, 32>& sha256) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += kSha256Prefix;
  for (uint8_t b : sha256) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
}

}  // namespace

util::Result<internal::KnownDigests*> ContextChecksums::KnownIn(const std::string& base) {
  auto [it, added] = known_.try_emplace(base);
  internal::KnownDigests& known = it->second;
  if (!added || meta_ == nullptr) return &known;
  // Rows are streamed: neither their strings nor a map of them all is ever held.
  auto read = meta_->VisitFileDigests(base.substr(0, base.size() - 1), [&](const cache::FileDigestRow& row) {
    if (!row.path.starts_with(base) || !Trusted(row.stamp, row.checked_ns)) return;
    auto sha256 = ParseDigest(row.digest);
    if (sha256) known.Add(row.path.substr(base.size()), {row.stamp, *sha256});
  });
  if (!read) {
    known_.erase(it);
    return std::unexpected(std::move(read.error()));
  }
  return &known;
}

util::Result<std::array<uint8_t, 32>> ContextChecksums::Hash(const std::string& base, const std::string& rel,
                                                            const cache::FileStamp& stamp) {
  const int64_t checked = NowNanos();
  // rel "": the selector named the context dir itself, a file.
  std::string path = rel.empty() ? std::filesystem::path(base).parent_path().string() : base + rel;
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return util::FailErrno(errno, "reading " + path);
  auto sha256 = ParseDigest("sha256:" + MANIFOLD_TRY(util::Sha256OfFd(fd.get(), path)));
  MANIFOLD_ASSERT(sha256.has_value(), "Sha256OfFd gives 64 lower-case hex characters");
  std::lock_guard lock(mu_);
  if (Trusted(stamp, checked)) {
    // Present: Checksum and FileDigestIn read the context's digests before they hash.
    known_.at(base).Add(rel, {stamp, *sha256});
  }
  fresh_.push_back({std::move(path), stamp, checked, *sha256});
  return *sha256;
}

util::Result<std::string> ContextChecksums::FileDigestIn(const std::filesystem::path& context_dir,
                                                        const std::filesystem::path& path, const struct stat& st) {
  const std::string base = BaseOf(context_dir);
  const cache::FileStamp stamp = StampOf(st);
  std::string rel = path.string();
  if (!rel.starts_with(base)) return util::Fail(util::ErrorKind::kInternal, "{} is not in {}", rel, base);
  rel.erase(0, base.size());
  {
    std::lock_guard lock(mu_);
    internal::KnownDigests* known = MANIFOLD_TRY(KnownIn(base));
    const size_t slash = rel.rfind('/');
    const std::string_view dir = slash == std::string::npos ? std::string_view() : std::string_view(rel).substr(0, slash);
    const std::string_view name = slash == std::string::npos ? std::string_view(rel) : std::string_view(rel).substr(slash + 1);
    std::optional<std::array<uint8_t, 32>> hit;
    known->Match(dir, 1, [&](size_t) { return name; }, [&](size_t, const internal::KnownFile& file) {
      if (file.stamp == stamp) hit = file.sha256;
    });
    if (hit) return FormatDigest(*hit);
  }
  return FormatDigest(MANIFOLD_TRY(Hash(base, rel, stamp)));
}

namespace {

// An entry of the walk: its lstat taken when its directory was read, and its recorded digest
// when that still holds.
struct WalkEntry {
  std::string rel;
  size_t name_pos = 0;  // where its name starts in rel
  bool missing = false;
  mode_t mode = 0;
  int64_t size = 0;
  uint64_t rdev = 0;
  cache::FileStamp stamp;
  std::optional<std::array<uint8_t, 32>> sha256;

  std::string_view name() const { return std::string_view(rel).substr(name_pos); }
};

WalkEntry Lstat(int dir_fd, const char* name, std::string rel, size_t name_pos) {
  WalkEntry e;
  e.rel = std::move(rel);
  e.name_pos = name_pos;
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    e.missing = true;
    return e;
  }
  e.mode = st.st_mode;
  e.size = st.st_size;
  e.rdev = static_cast<uint64_t>(st.st_rdev);
  e.stamp = StampOf(st);
  return e;
}

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// The entries of the directory `path` (`rel` in the context) in name order, each lstat'ed
// through the directory's fd: the kernel resolves no path per file, which for a context of
// small files was most of the walk's cost.
util::Result<std::vector<WalkEntry>> ReadDir(const std::string& path, const std::string& rel) {
  // O_NOFOLLOW: the walk found a directory here; if a symlink replaced it since, the walk
  // must not follow it out of the context.
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return util::FailErrno(errno, "reading " + path);
  std::unique_ptr<DIR, DirCloser> dir(::fdopendir(fd.get()));
  if (!dir) return util::FailErrno(errno, "reading " + path);
  fd.release();  // the DIR owns it now
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(dir.get())) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  std::vector<WalkEntry> entries;
  entries.reserve(names.size());
  const size_t name_pos = rel.empty() ? 0 : rel.size() + 1;
  for (const auto& name : names) {
    std::string child;
    child.reserve(name_pos + name.size());
    if (!rel.empty()) (child += rel) += '/';
    child += name;
    entries.push_back(Lstat(::dirfd(dir.get()), name.c_str(), std::move(child), name_pos));
  }
  return entries;
}

// A file whose line waits for its digest: the line so far ends at text_end in the batch text.
struct PendingFile {
  size_t text_end = 0;
  util::Result<std::array<uint8_t, 32>> sha256 = std::array<uint8_t, 32>{};
};

// Files are hashed in batches on a few threads (a context's files are independent); the lines
// still enter the sum in walk order. A batch is bounded in files and in text so a huge context
// keeps a small memory, not in bytes read: a big file ending a batch by itself was hashed alone,
// every other thread idle (a 256 MiB file beside 20,000 small ones: 0.4 s of the 1.3 s checksum).
constexpr size_t kBatchFiles = 4096;
constexpr size_t kBatchText = 1 << 20;
constexpr size_t kStoreEvery = 16384;  // new digests

}  // namespace

util::Result<std::string> ContextChecksums::Checksum(const ContextOutput& context, std::string_view selector) {
  const std::string base = BaseOf(context.dir());
  {
    std::lock_guard lock(mu_);
    MANIFOLD_TRY(KnownIn(base));
  }
  // Looks up the recorded digests of `entries`, the sorted entries of directory `rel_dir`,
  // and keeps those whose file is as it was.
  auto match = [&](std::string_view rel_dir, std::vector<WalkEntry>& entries) {
    std::lock_guard lock(mu_);
    known_.at(base).Match(
        rel_dir, entries.size(), [&](size_t i) { return entries[i].name(); },
        [&](size_t i, const internal::KnownFile& file) {
          if (S_ISREG(entries[i].mode) && !entries[i].missing && file.stamp == entries[i].stamp) {
            entries[i].sha256 = file.sha256;
          }
        });
  };

  std::string prefix = SelectedSubtree(context.dir(), selector);
  util::Sha256 sum;
  sum.Update(fmt::format("selector {}\n", prefix));
  std::string text;                   // lines not yet summed; a pending file's stops before its digest
  std::vector<PendingFile> files;     // of this batch
  std::vector<WalkEntry> pending;     // the entries of `files`, one each
  std::string tail;
  auto flush = [&]() -> util::Status {
    util::ParallelFor(files.size(), files.size() > 1 ? util::HashThreads() : 1, [&](size_t i) {
      files[i].sha256 = Hash(base, pending[i].rel, pending[i].stamp);
    });
    size_t pos = 0;
    for (auto& file : files) {
      if (!file.sha256) return std::unexpected(std::move(file.sha256.error()));
      sum.Update(text.data() + pos, file.text_end - pos);
      tail.clear();
      tail += ' ';
      AppendDigest(tail, *file.sha256);
      tail += '\n';
      sum.Update(tail);
      pos = file.text_end;
    }
    sum.Update(text.data() + pos, text.size() - pos);
    text.clear();
    files.clear();
    pending.clear();
    // Stored as they come rather than all at the end: a context hashed for the first time
    // would otherwise hold each new digest twice (here and in known_) until the solve ends,
    // ~160 MB more for a million files.
    return Store(kStoreEvery);
  };
  auto out = std::back_inserter(text);
  auto path_of = [&](const std::string& rel) { return rel.empty() ? context.dir().string() : base + rel; };

  // Depth-first over sorted names, so the same tree always gives the same lines.
  std::vector<WalkEntry> stack;
  {
    const size_t slash = prefix.rfind('/');
    const std::string root_path = path_of(prefix);
    std::vector<WalkEntry> root;
    root.push_back(Lstat(AT_FDCWD, root_path.c_str(), prefix, slash == std::string::npos ? 0 : slash + 1));
    match(slash == std::string::npos ? std::string_view() : std::string_view(prefix).substr(0, slash), root);
    stack = std::move(root);
  }
  while (!stack.empty()) {
    if (files.size() >= kBatchFiles || text.size() >= kBatchText) MANIFOLD_CHECK(flush());
    WalkEntry entry = std::move(stack.back());
    stack.pop_back();
    const std::string& rel = entry.rel;
    if (entry.missing) {
      fmt::format_to(out, "missing {}\n", rel);
      continue;
    }
    const bool excluded = !rel.empty() && context.Excluded(rel);
    if (S_ISDIR(entry.mode)) {
      if (excluded && !context.MustWalk(rel)) continue;
      if (!excluded) fmt::format_to(out, "d {} {:o}\n", rel, entry.mode & 07777);
      auto children = MANIFOLD_TRY(ReadDir(path_of(rel), rel));
      match(rel, children);
      // Reverse order on the stack pops them sorted.
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));
      continue;
    }
    if (excluded) continue;
    if (S_ISREG(entry.mode)) {
      fmt::format_to(out, "f {} {:o} {}", rel, entry.mode & 07777, entry.size);
      if (entry.sha256) {
        text += ' ';
        AppendDigest(text, *entry.sha256);
        text += '\n';
      } else {
        pending.push_back(std::move(entry));
        files.push_back({text.size(), std::array<uint8_t, 32>{}});
      }
    } else if (S_ISLNK(entry.mode)) {
      std::error_code ec;
      auto target = std::filesystem::read_symlink(path_of(rel), ec);
      fmt::format_to(out, "l {} {}\n", rel, target.string());
    } else {
      fmt::format_to(out, "o {} {:o} {}\n", rel, entry.mode, entry.rdev);
    }
  }
  MANIFOLD_CHECK(flush());
  return "sha256:" + sum.HexDigest();
}

util::Status ContextChecksums::Flush() { return Store(0); }

util::Status ContextChecksums::Store(size_t at_least) {
  std::lock_guard lock(mu_);
  if (fresh_.size() < at_least) return {};
  if (meta_ == nullptr) {
    fresh_.clear();
    return {};
  }
  // In slices: a copy of every new digest at once would double this object's memory (20,000
  // files: ~5 MiB) at the build's peak.
  constexpr size_t kSlice = 4096;
  for (size_t start = 0; start < fresh_.size(); start += kSlice) {
    std::map<std::string, cache::FileDigest> slice;
    for (size_t i = start; i < std::min(fresh_.size(), start + kSlice); ++i) {
      const Fresh& f = fresh_[i];
      slice.insert_or_assign(f.path, cache::FileDigest{f.stamp, f.checked_ns, FormatDigest(f.sha256)});
    }
    MANIFOLD_CHECK(meta_->SetFileDigests(slice));
  }
  fresh_.clear();
  fresh_.shrink_to_fit();
  return {};
}

util::Status ContextChecksums::FlushAndRelease() {
  MANIFOLD_CHECK(Flush());
  std::lock_guard lock(mu_);
  known_.clear();
  return {};
}

}  // namespace manifold::worker
