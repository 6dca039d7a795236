// Runtime probes remembered per boot, keyed by the runtime binary's identity.
#include "executor/probe_memo.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "util/sha256.hpp"
#include "util/temp_file.hpp"

namespace manifold::executor {

namespace {

std::string BootId() {
  auto id = util::ReadFile("/proc/sys/kernel/random/boot_id");
  if (!id) return "";
  std::string text = *id;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Everything that must be equal for a remembered result to apply; empty when unknown.
std::string Identity(const std::string& path, const std::string& conditions) {
  struct stat st {};
  std::string boot = BootId();
  if (boot.empty() || ::stat(path.c_str(), &st) != 0) return "";
  // v2: `conditions` joined the identity (a v1 memo said nothing of the cgroup view).
  return fmt::format("v2 uid={} boot={} {} path={} dev={} ino={} size={} mtime={}.{} ctime={}.{}", ::geteuid(), boot,
                     conditions, path,
                     static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), st.st_size,
                     st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

}  // namespace

std::filesystem::path BootMemoDir() {
  if (const char* forced = std::getenv("MANIFOLD_PROBE_MEMO_DIR")) return forced;
  if (::geteuid() == 0) return "/run/manifold";
  if (const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR"); runtime_dir && *runtime_dir) {
    return std::filesystem::path(runtime_dir) / "manifold";
  }
  return {};
}

RuntimeProbe RememberedProbe(const std::filesystem::path& memo_dir, const std::string& path,
                             const std::string& conditions,
                             const std::function<RuntimeProbe(const std::string&)>& probe) {
  const std::string identity = memo_dir.empty() ? "" : Identity(path, conditions);
  if (identity.empty()) return probe(path);
  const std::filesystem::path memo = memo_dir / ("runtime-probe-" + util::Sha256::Hex(path).substr(0, 16));
  if (auto text = util::ReadFile(memo)) {
    // Line 1: the identity; line 2: "works" or "fails <the runtime's message>".
    size_t newline = text->find('\n');
    if (newline != std::string::npos && text->substr(0, newline) == identity) {
      std::string verdict = text->substr(newline + 1);
      if (verdict == "works") return RuntimeProbe{true, ""};
      if (verdict.starts_with("fails ")) return RuntimeProbe{false, verdict.substr(6)};
    }
  }
  RuntimeProbe result = probe(path);
  // Only a directory of our own: /run/manifold is created 0700, and one that is not a
  // directory owned by us is not used.
  std::error_code ec;
  std::filesystem::create_directories(memo_dir, ec);
  struct stat st {};
  if (::lstat(memo_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid()) {
    ::chmod(memo_dir.c_str(), 0700);
    std::string failure = result.failure;
    for (char& c : failure) {
      if (c == '\n') c = ' ';
    }
    (void)util::WriteFileAtomic(memo, identity + "\n" + (result.works ? "works" : "fails " + failure));
  }
  return result;
}

}  // namespace manifold::executor
