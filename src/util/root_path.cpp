// Symlink resolution confined to a root directory.
#include "util/root_path.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <vector>

namespace manifold::util {

std::deque<std::string> SplitPath(std::string_view path) {
  std::deque<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

namespace {

// Whether CleanPath would give `path` back as it is: no empty, "." or ".." component, no
// trailing '/'. Paths a walk builds are, and some are matched by the million.
bool IsClean(std::string_view path) {
  if (path.empty() || path == "/" || path.back() == '/') return false;
  for (size_t start = path[0] == '/' ? 1 : 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string CleanPath(std::string_view path) {
  if (IsClean(path)) return std::string(path);
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> out;
  for (auto& part : SplitPath(path)) {
    if (part == ".") continue;
    if (part == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!absolute) {
        out.push_back("..");
      }
      continue;
    }
    out.push_back(part);
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result += '/';
    result += out[i];
  }
  return result.empty() ? "." : result;
}

Result<std::filesystem::path> RootPath(const std::filesystem::path& root, std::string_view path,
                                       bool follow_last, EscapePolicy policy) {
  std::deque<std::string> pending = SplitPath(path);
  std::vector<std::string> resolved;  // components below root, all existing non-symlinks so far
  int links = 0;
  auto escape = [&]() -> Status {
    if (policy == EscapePolicy::kRefuse) {
      return Fail(ErrorKind::kPermissionDenied, "path {:?} leads outside {}", std::string(path), root.string());
    }
    return {};
  };
  bool missing = false;  // once a component is missing, the rest is taken literally
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (resolved.empty()) {
        MANIFOLD_CHECK(escape());
      } else {
        resolved.pop_back();
      }
      continue;
    }
    resolved.push_back(part);
    if (missing) continue;
    if (pending.empty() && !follow_last) break;
    std::filesystem::path current = root;
    for (const auto& r : resolved) current /= r;
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) {
        missing = true;
        continue;
      }
      return FailErrno(errno, "lstat " + current.string());
    }
    if (!S_ISLNK(st.st_mode)) continue;
    if (++links > 255) {
      return Fail(ErrorKind::kInvalidArgument, "too many levels of symbolic links resolving {:?}", std::string(path));
    }
    std::vector<char> target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1);
    ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
    if (n < 0) return FailErrno(errno, "readlink " + current.string());
    std::string_view link(target.data(), static_cast<size_t>(n));
    resolved.pop_back();
    if (!link.empty() && link[0] == '/') {
      if (policy == EscapePolicy::kRefuse) {
        return Fail(ErrorKind::kPermissionDenied, "symlink {} -> {} points outside {}",
                    current.string(), std::string(link), root.string());
      }
      resolved.clear();
    }
    auto link_parts = SplitPath(link);
    for (auto it = link_parts.rbegin(); it != link_parts.rend(); ++it) pending.push_front(*it);
  }
  std::filesystem::path out = root;
  for (const auto& r : resolved) out /= r;
  return out;
}

}  // namespace manifold::util
