// Test-only helpers for Apply: tars written by python3's tarfile, a sentinel that proves
// nothing outside the root changed, and a tree fingerprint for round trips.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "snapshot/apply.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::snapshot::test {

namespace fs = std::filesystem;

// Python prelude: f(name, data), d(name), sym(name, target), hard(name, target),
// node(name, type, major, minor); keyword arguments set TarInfo fields (mode, uid, ...),
// `xattrs={...}` adds SCHILY.xattr pax records.
inline constexpr std::string_view kPrelude = R"PY(
import io, sys, tarfile
t = tarfile.open(sys.argv[1], 'w', format=tarfile.PAX_FORMAT)
def _add(ti, data=b'', xattrs=None, **kw):
    for k, v in kw.items(): setattr(ti, k, v)
    if xattrs:
        ti.pax_headers = {'SCHILY.xattr.' + k: v for k, v in xattrs.items()}
    ti.size = len(data) if ti.type in (tarfile.REGTYPE, tarfile.AREGTYPE) else 0
    t.addfile(ti, io.BytesIO(data) if ti.size else None)
def f(name, data=b'', mode=0o644, **kw):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.mtime = 1000000000
    _add(ti, data.encode() if isinstance(data, str) else data, **kw)
def d(name, mode=0o755, **kw):
    ti = tarfile.TarInfo(name); ti.type = tarfile.DIRTYPE; ti.mode = mode; ti.mtime = 1000000000
    _add(ti, **kw)
def sym(name, target, **kw):
    ti = tarfile.TarInfo(name); ti.type = tarfile.SYMTYPE; ti.linkname = target; ti.mode = 0o777
    _add(ti, **kw)
def hard(name, target, **kw):
    ti = tarfile.TarInfo(name); ti.type = tarfile.LNKTYPE; ti.linkname = target
    _add(ti, **kw)
def node(name, type, major=0, minor=0, mode=0o644, **kw):
    ti = tarfile.TarInfo(name); ti.type = type; ti.devmajor = major; ti.devminor = minor
    ti.mode = mode
    _add(ti, **kw)
CHR, BLK, FIFO = tarfile.CHRTYPE, tarfile.BLKTYPE, tarfile.FIFOTYPE
)PY";

/// Runs a shell command; fails the test (returns false) when it exits non-zero.
inline bool Shell(const std::string& command) {
  int rc = std::system(command.c_str());
  EXPECT_EQ(rc, 0) << command;
  return rc == 0;
}

/// Writes `body` (python using the prelude) and runs it to produce the tar at `out`.
inline void MakeTar(const fs::path& out, std::string_view body) {
  fs::path script = out.string() + ".py";
  std::ofstream(script) << kPrelude << body << "\nt.close()\n";
  ASSERT_TRUE(Shell(fmt::format("python3 {} {}", script.string(), out.string())));
}

/// Applies the archive file at `tar` onto `root`.
inline util::Result<ApplyStats> ApplyFile(const fs::path& tar, const fs::path& root,
                                          const ApplyOptions& options = {}) {
  util::UniqueFd fd(::open(tar.c_str(), O_RDONLY | O_CLOEXEC));
  EXPECT_TRUE(fd.valid()) << tar;
  return Apply(fd.get(), root, options);
}

/// One line per file under `dir` (type, mode, owner, size, mtime, content or link target,
/// xattrs); directories' mtimes are left out when `dir_mtimes` is false.
inline std::map<std::string, std::string> Fingerprint(const fs::path& dir, bool dir_mtimes = true) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) continue;
    std::string rel = p.lexically_relative(dir).string();  // never through symlinks
    std::string line = fmt::format("{:o} {}:{}", st.st_mode, st.st_uid, st.st_gid);
    if (S_ISREG(st.st_mode)) {
      line += fmt::format(" size={} mtime={} nlink={}", st.st_size, st.st_mtim.tv_sec, st.st_nlink);
      line += " data=" + util::ReadFile(p).value_or("?");
    } else if (S_ISLNK(st.st_mode)) {
      line += " -> " + fs::read_symlink(p).string();
    } else if (S_ISDIR(st.st_mode) && dir_mtimes) {
      line += fmt::format(" mtime={}", st.st_mtim.tv_sec);
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
      line += fmt::format(" rdev={}", st.st_rdev);
    }
    char names[1024];
    ssize_t n = ::llistxattr(p.c_str(), names, sizeof names);
    for (ssize_t i = 0; i < n; i += static_cast<ssize_t>(std::strlen(names + i)) + 1) {
      char value[256];
      ssize_t v = ::lgetxattr(p.c_str(), names + i, value, sizeof value);
      if (v >= 0) line += fmt::format(" {}={}", names + i, std::string(value, static_cast<size_t>(v)));
    }
    out[rel] = line;
  }
  return out;
}

/// A sentinel directory holding `root/` (where archives go), `outside/` (with a secret
/// file, the target of hostile links) and `tars/`; Untouched() says whether anything in the
/// sentinel outside `root/` and `tars/` changed.
class Sentinel {
 public:
  Sentinel() {
    fs::create_directories(root());
    fs::create_directories(outside() / "dir");
    fs::create_directories(tars());
    std::ofstream(outside() / "secret") << "outer";
    std::ofstream(outside() / "dir/file") << "outer file";
    before_ = Outside();
  }
  fs::path root() const { return tmp_ / "root"; }
  fs::path outside() const { return tmp_ / "outside"; }
  fs::path tars() const { return tmp_ / "tars"; }
  /// Where `abs` (an absolute host path) lands when an archive's link points at it.
  fs::path InRoot(const fs::path& abs) const { return root() / abs.relative_path(); }
  /// Everything in the sentinel that is not root/ or tars/, fingerprinted.
  std::map<std::string, std::string> Outside() const {
    auto all = Fingerprint(tmp_.path());
    std::erase_if(all, [](const auto& kv) {
      return kv.first.starts_with("root") || kv.first.starts_with("tars");
    });
    return all;
  }
  ::testing::AssertionResult Untouched() const {
    auto now = Outside();
    if (now == before_) return ::testing::AssertionSuccess();
    auto failure = ::testing::AssertionFailure() << "the sentinel changed outside the root:";
    for (const auto& [k, v] : now) {
      auto it = before_.find(k);
      if (it == before_.end() || it->second != v) failure << "\n  now: " << k << " " << v;
    }
    for (const auto& [k, v] : before_) {
      if (!now.contains(k)) failure << "\n  gone: " << k;
    }
    return failure;
  }

 private:
  testing::TempDir tmp_;
  std::map<std::string, std::string> before_;
};

}  // namespace manifold::snapshot::test
