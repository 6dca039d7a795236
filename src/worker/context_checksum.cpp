// Context checksums: a sorted walk, file digests reused by stat.
#include "worker/context_checksum.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
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
  if (!digest.starts_with(kSha256Prefix) || digest.size() != kSha256Prefix.size() + 64) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not what Sha256 writes: not a digest this cache made
  };
  std::array<uint8_t, 32> out{};
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(digest[kSha256Prefix.size() + 2 * i]);
    int lo = nibble(digest[kSha256Prefix.size() + 2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
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

util::Status ContextChecksums::LoadOnce(const std::filesystem::path& context_dir) {
  if (meta_ == nullptr || loaded_dirs_.contains(context_dir)) return {};
  loaded_dirs_[context_dir] = true;
  auto rows = MANIFOLD_TRY(meta_->FileDigests(context_dir));
  // Row by row, so the strings of all rows and the compact copies are never held at once.
  while (!rows.empty()) {
    auto row = rows.extract(rows.begin());
    auto sha256 = ParseDigest(row.mapped().digest);
    if (!sha256) continue;
    known_.try_emplace(std::move(row.key()), Known{row.mapped().stamp, row.mapped().checked_ns, *sha256});
  }
  return {};
}

util::Result<std::string> ContextChecksums::FileDigest(const std::filesystem::path& path, const struct stat& st) {
  const cache::FileStamp stamp = StampOf(st);
  {
    std::lock_guard lock(mu_);
    auto it = known_.find(path.string());
    // Trusted only when the file's last change was well before it was hashed: a change in the
    // same tick as the hash could leave mtime and ctime as they were.
    if (it != known_.end() && it->second.stamp == stamp && stamp.ctime_ns + kNanos < it->second.checked_ns) {
      return FormatDigest(it->second.sha256);
    }
  }
  const int64_t checked = NowNanos();
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return util::FailErrno(errno, "reading " + path.string());
  std::string digest = "sha256:" + MANIFOLD_TRY(util::Sha256OfFd(fd.get(), path.string()));
  auto sha256 = ParseDigest(digest);
  MANIFOLD_ASSERT(sha256.has_value(), "Sha256OfFd gives 64 lower-case hex characters");
  std::lock_guard lock(mu_);
  auto [it, added] = known_.insert_or_assign(path.string(), Known{stamp, checked, *sha256});
  fresh_.push_back(it);
  return digest;
}

util::Result<std::string> ContextChecksums::FileDigestIn(const std::filesystem::path& context_dir,
                                                        const std::filesystem::path& path, const struct stat& st) {
  {
    std::lock_guard lock(mu_);
    MANIFOLD_CHECK(LoadOnce(context_dir));
  }
  return FileDigest(path, st);
}

namespace {

// One line of a checksum, in walk order; a regular file's line waits for its digest.
struct PendingLine {
  std::string text;           // the whole line, or the part before the digest
  std::filesystem::path path;  // set: a regular file to hash
  struct stat st {};
  util::Result<std::string> digest = std::string();
};

// Files are hashed in batches on a few threads (a context's files are independent); the lines
// still enter the sum in walk order. A batch is bounded in lines so a huge context keeps a small
// memory, not in bytes: a big file ending a batch by itself was hashed alone, every other
// thread idle (a 256 MiB file beside 20,000 small ones: 0.4 s of the 1.3 s checksum).
constexpr size_t kBatchLines = 4096;

}  // namespace

util::Result<std::string> ContextChecksums::Checksum(const ContextOutput& context, std::string_view selector) {
  {
    std::lock_guard lock(mu_);
    MANIFOLD_CHECK(LoadOnce(context.dir()));
  }
  std::string prefix = SelectedSubtree(context.dir(), selector);
  util::Sha256 sum;
  sum.Update(fmt::format("selector {}\n", prefix));
  std::vector<PendingLine> batch;
  std::vector<size_t> files;  // indices into batch of lines waiting for a digest
  auto flush = [&]() -> util::Status {
    util::ParallelFor(files.size(), files.size() > 1 ? util::HashThreads() : 1, [&](size_t i) {
      PendingLine& line = batch[files[i]];
      line.digest = FileDigest(line.path, line.st);
    });
    for (auto& line : batch) {
      if (line.path.empty()) {
        sum.Update(line.text);
        continue;
      }
      if (!line.digest) return std::unexpected(std::move(line.digest.error()));
      sum.Update(fmt::format("{} {}\n", line.text, *line.digest));
    }
    batch.clear();
    files.clear();
    return {};
  };
  auto add_line = [&](std::string text) {
    batch.emplace_back();
    batch.back().text = std::move(text);
  };
  // Depth-first over sorted names, so the same tree always gives the same lines.
  std::vector<std::string> stack{prefix};
  while (!stack.empty()) {
    if (batch.size() >= kBatchLines) MANIFOLD_CHECK(flush());
    std::string rel = std::move(stack.back());
    stack.pop_back();
    std::filesystem::path path = rel.empty() ? context.dir() : context.dir() / rel;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      add_line(fmt::format("missing {}\n", rel));
      continue;
    }
    const bool excluded = !rel.empty() && context.Excluded(rel);
    if (S_ISDIR(st.st_mode)) {
      if (excluded && !context.MustWalk(rel)) continue;
      if (!excluded) add_line(fmt::format("d {} {:o}\n", rel, st.st_mode & 07777));
      std::vector<std::string> names;
      if (DIR* dir = ::opendir(path.c_str())) {
        while (struct dirent* e = ::readdir(dir)) {
          std::string_view name = e->d_name;
          if (name != "." && name != "..") names.emplace_back(name);
        }
        ::closedir(dir);
      } else {
        return util::FailErrno(errno, "reading " + path.string());
      }
      // Reverse order on the stack pops them sorted.
      std::sort(names.rbegin(), names.rend());
      for (auto& name : names) stack.push_back(rel.empty() ? name : rel + "/" + name);
      continue;
    }
    if (excluded) continue;
    if (S_ISREG(st.st_mode)) {
      files.push_back(batch.size());
      PendingLine& line = batch.emplace_back();
      line.text = fmt::format("f {} {:o} {}", rel, st.st_mode & 07777, st.st_size);
      line.path = path;
      line.st = st;
    } else if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      auto target = std::filesystem::read_symlink(path, ec);
      add_line(fmt::format("l {} {}\n", rel, target.string()));
    } else {
      add_line(fmt::format("o {} {:o} {}\n", rel, st.st_mode, static_cast<uint64_t>(st.st_rdev)));
    }
  }
  MANIFOLD_CHECK(flush());
  return "sha256:" + sum.HexDigest();
}

util::Status ContextChecksums::Flush() {
  std::lock_guard lock(mu_);
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
      const auto& [path, known] = *fresh_[i];
      slice.try_emplace(path, cache::FileDigest{known.stamp, known.checked_ns, FormatDigest(known.sha256)});
    }
    MANIFOLD_CHECK(meta_->SetFileDigests(slice));
  }
  fresh_.clear();
  return {};
}

util::Status ContextChecksums::FlushAndRelease() {
  MANIFOLD_CHECK(Flush());
  std::lock_guard lock(mu_);
  known_.clear();
  loaded_dirs_.clear();
  return {};
}

}  // namespace manifold::worker
