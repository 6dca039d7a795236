// dpkg's database: /var/lib/dpkg/status (Debian policy §5.6 fields) and distroless's status.d.
#include "attest/dpkg_scanner.hpp"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "attest/control_file.hpp"
#include "attest/purl.hpp"
#include "util/confined.hpp"

namespace manifold::attest {

namespace {

constexpr size_t kMaxStatusBytes = 64 << 20;
constexpr size_t kMaxStatusDFiles = 100000;
constexpr size_t kMaxStatusDBytes = 1 << 20;
constexpr size_t kMaxCopyrightBytes = 512 << 10;
constexpr size_t kMaxParagraphs = 1000000;
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxTextBytes = 1024;
const std::vector<std::string_view> kFields = {"Package", "Status", "Version", "Architecture", "Source", "Maintainer"};

}  // namespace

void ParseDpkgStatus(std::string_view text, std::string_view location, bool require_installed, const OsRelease& os,
                     ScanReport& report) {
  const auto paragraphs = ParseControl(text, kMaxParagraphs, kFields);
  for (const auto& p : paragraphs) {
    if (require_installed && p.Get("Status") != "install ok installed") continue;
    const std::string_view name = p.Get("Package"), version = p.Get("Version"), arch = p.Get("Architecture");
    if (name.empty() || version.empty()) {
      report.skipped.push_back(fmt::format("{}: an entry without Package or Version", location));
      continue;
    }
    if (name.size() > kMaxNameBytes || version.size() > kMaxNameBytes || arch.size() > kMaxNameBytes ||
        p.Get("Source").size() > kMaxTextBytes || p.Get("Maintainer").size() > kMaxTextBytes) {
      report.skipped.push_back(fmt::format("{}: an entry with a field over the scan's bounds ({:.40}…)", location, name));
      continue;
    }
    Package pkg;
    pkg.source = PackageSource::kDpkg;
    pkg.name = name;
    pkg.version = version;
    pkg.location = location;
    if (!p.Get("Maintainer").empty()) pkg.supplier = PersonSupplier(p.Get("Maintainer"));
    // "Source: busybox (1:1.35.0-4)" names the source package and, when it differs, its version.
    if (const std::string_view source = p.Get("Source"); !source.empty()) {
      pkg.comment = fmt::format("source package: {}", source);
    }
    pkg.purl = FormatPurl({.type = "deb",
                           .namespace_path = os.id.empty() ? "debian" : os.id,
                           .name = pkg.name,
                           .version = pkg.version,
                           .qualifiers = {{"arch", std::string(arch)}, {"distro", os.Distro()}}});
    report.packages.push_back(std::move(pkg));
    ++report.dpkg;
  }
  if (paragraphs.size() == kMaxParagraphs) {
    report.skipped.push_back(fmt::format("{}: stopped after {} entries", location, kMaxParagraphs));
  }
}

std::string Dep5License(std::string_view copyright) {
  const auto paragraphs = ParseControl(copyright, kMaxParagraphs, {"Format", "License"});
  if (paragraphs.empty() || paragraphs.front().Get("Format").empty()) return "";
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& p : paragraphs) {
    std::string_view license = p.Get("License");
    license = license.substr(0, license.find('\n'));  // the short name; the text follows
    if (!license.empty() && license.size() <= kMaxTextBytes && seen.emplace(license).second) names.emplace_back(license);
  }
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " AND ") + (names.size() > 1 && n.find(' ') != n.npos ? "(" + n + ")" : n);
  return out;
}

namespace {

void ScanStatusD(const RootFiles& root, const OsRelease& os, ScanReport& report) {
  constexpr std::string_view kDir = "/var/lib/dpkg/status.d";
  auto dir = util::OpenInRoot(root.fd(), kDir, O_RDONLY | O_DIRECTORY);
  if (!dir) {
    if (dir.error().kind() != util::ErrorKind::kNotFound) report.skipped.push_back(dir.error().What());
    return;
  }
  DIR* stream = fdopendir(dir->get());
  if (stream == nullptr) return;
  dir->release();  // owned by the stream now
  std::vector<std::string> names;
  while (const dirent* e = readdir(stream)) {
    const std::string_view n = e->d_name;
    if (n == "." || n == ".." || n.ends_with(".md5sums")) continue;
    if (names.size() == kMaxStatusDFiles) {
      report.skipped.push_back(fmt::format("{}: stopped after {} files", kDir, kMaxStatusDFiles));
      break;
    }
    names.emplace_back(n);
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) {
    const std::string path = fmt::format("{}/{}", kDir, n);
    // O_NOFOLLOW: an entry that is a symlink (even to a file of the image) is not a database file.
    util::UniqueFd fd(openat(dirfd(stream), n.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    auto text = fd.get() < 0 ? util::Result<std::string>(util::FailErrno(errno, fmt::format("open {}", path)))
                             : ReadBounded(fd.get(), path, kMaxStatusDBytes);
    if (!text) {
      report.skipped.push_back(text.error().What());
      continue;
    }
    ParseDpkgStatus(*text, path, false, os, report);
  }
  closedir(stream);
}

}  // namespace

void ScanDpkg(const RootFiles& root, const OsRelease& os, ScanReport& report) {
  const size_t first = report.packages.size();
  auto status = root.Read("/var/lib/dpkg/status", kMaxStatusBytes);
  if (!status) {
    report.skipped.push_back(status.error().What());
  } else if (*status) {
    ParseDpkgStatus(**status, "/var/lib/dpkg/status", true, os, report);
  }
  ScanStatusD(root, os, report);
  for (size_t i = first; i < report.packages.size(); ++i) {
    Package& pkg = report.packages[i];
    if (pkg.name.find('/') != std::string::npos || pkg.name.starts_with(".")) continue;  // never a path
    auto copyright = root.Read(fmt::format("/usr/share/doc/{}/copyright", pkg.name), kMaxCopyrightBytes);
    if (copyright && *copyright) pkg.license = Dep5License(**copyright);
  }
}

}  // namespace manifold::attest
