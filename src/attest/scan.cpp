// One scan: the databases at known paths first, then a single walk for what lives anywhere.
#include "attest/scan.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "attest/apk_scanner.hpp"
#include "attest/dpkg_scanner.hpp"
#include "attest/go_buildinfo.hpp"
#include "attest/go_packages.hpp"
#include "attest/npm_scanner.hpp"
#include "attest/os_release.hpp"
#include "attest/python_scanner.hpp"

namespace manifold::attest {

namespace {

std::string_view BaseName(std::string_view path) { return path.substr(path.rfind('/') + 1); }

// Opens `name` in `dir_fd` (and then `inner` in it, when given) without following symlinks;
// O_NONBLOCK so that a FIFO cannot stall the scan.
util::Result<std::string> ReadAt(int dir_fd, std::string_view name, std::string_view inner, std::string_view path,
                                 size_t max_bytes) {
  util::UniqueFd fd(openat(dir_fd, std::string(name).c_str(),
                           (inner.empty() ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return util::FailErrno(errno, fmt::format("open {}", path));
  if (!inner.empty()) {
    fd = util::UniqueFd(openat(fd.get(), std::string(inner).c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) return util::FailErrno(errno, fmt::format("open {}/{}", path, inner));
  }
  return ReadBounded(fd.get(), path, max_bytes);
}

void ScanGoBinary(const WalkEntry& entry, ScanReport& report) {
  util::UniqueFd fd(openat(entry.dir_fd, std::string(entry.name).c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return;  // unreadable executables are not package databases
  FdByteSource file(fd.get(), static_cast<uint64_t>(entry.st->st_size), std::string(entry.path));
  auto info = ReadGoBuildInfo(file);
  if (!info) {
    report.skipped.push_back(fmt::format("{}: {}", entry.path, info.error().What()));
  } else if (*info) {
    AddGoPackages(**info, entry.path, report);
  }
}

bool Visit(const WalkEntry& e, ScanReport& report) {
  const mode_t mode = e.st->st_mode;
  const bool python = IsPythonMetadataEntry(BaseName(e.parent_path), e.name);
  if (S_ISDIR(mode)) {
    if (python) {
      const std::string_view inner = e.name.ends_with(".dist-info") ? "METADATA" : "PKG-INFO";
      auto text = ReadAt(e.dir_fd, e.name, inner, e.path, kMaxPythonMetadataBytes);
      if (text) {
        ParsePythonMetadata(*text, fmt::format("{}/{}", e.path, inner), report);
      } else if (text.error().kind() != util::ErrorKind::kNotFound) {
        report.skipped.push_back(text.error().What());
      }
      return false;  // the rest of a dist-info is RECORD, entry points, licences
    }
    return !IsNpmBundledModules(e.path);
  }
  if (!S_ISREG(mode)) return false;
  if (python) {  // a single-file *.egg-info is PKG-INFO itself
    auto text = ReadAt(e.dir_fd, e.name, "", e.path, kMaxPythonMetadataBytes);
    if (text) ParsePythonMetadata(*text, e.path, report);
    else report.skipped.push_back(text.error().What());
  } else if (e.name == "package.json" && IsNodePackageJson(e.path)) {
    auto text = ReadAt(e.dir_fd, e.name, "", e.path, kMaxPackageJsonBytes);
    if (text) ParsePackageJson(*text, e.path, report);
    else report.skipped.push_back(text.error().What());
  } else if ((mode & 0111) != 0 && e.st->st_size >= 52) {
    ScanGoBinary(e, report);
  }
  return false;
}

auto Key(const Package& p) { return std::tie(p.source, p.name, p.version, p.location, p.purl, p.comment); }

}  // namespace

util::Result<ScanReport> ScanRootFs(const std::filesystem::path& dir, const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const RootFiles root = MANIFOLD_TRY(RootFiles::Open(dir));
  ScanReport report;
  const OsRelease os = ReadOsRelease(root, report);
  ScanDpkg(root, os, report);
  ScanApk(root, os, report);
  WalkTree(root, options.walk, [&](const WalkEntry& e) { return Visit(e, report); }, report);
  auto& pkgs = report.packages;
  std::sort(pkgs.begin(), pkgs.end(), [](const Package& a, const Package& b) { return Key(a) < Key(b); });
  pkgs.erase(std::unique(pkgs.begin(), pkgs.end(), [](const Package& a, const Package& b) { return Key(a) == Key(b); }),
             pkgs.end());
  std::sort(report.skipped.begin(), report.skipped.end());
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace manifold::attest
