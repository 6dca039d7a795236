// /etc/passwd and /etc/group look-ups inside a snapshot.
#include "worker/owners.hpp"

#include <charconv>
#include <string_view>

#include "util/root_path.hpp"
#include "util/temp_file.hpp"

namespace manifold::worker {

namespace {
std::optional<uint32_t> Number(std::string_view s) {
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

/// The id (third field) of `name` in a passwd/group-format file, if listed.
util::Result<std::optional<uint32_t>> LookUp(const std::filesystem::path& root, std::string_view file,
                                             std::string_view name) {
  auto path = MANIFOLD_TRY(util::RootPath(root, file, true, util::EscapePolicy::kClamp));
  auto text = util::ReadFile(path);
  if (!text) return std::optional<uint32_t>();
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    size_t c1 = line.find(':');
    if (c1 == std::string_view::npos || line.substr(0, c1) != name) continue;
    size_t c2 = line.find(':', c1 + 1);
    size_t c3 = c2 == std::string_view::npos ? c2 : line.find(':', c2 + 1);
    if (c3 == std::string_view::npos) continue;
    return Number(line.substr(c2 + 1, c3 - c2 - 1));
  }
  return std::optional<uint32_t>();
}
}  // namespace

util::Result<OwnerIds> ResolveOwner(const graph::Owner& owner, const std::filesystem::path& root) {
  OwnerIds ids;
  if (auto n = Number(owner.user)) {
    ids.uid = *n;
  } else {
    auto uid = MANIFOLD_TRY(LookUp(root, "/etc/passwd", owner.user));
    if (!uid) {
      return util::Fail(util::ErrorKind::kNotFound,
                        "unable to find user {}: no matching entries in /etc/passwd of the destination", owner.user);
    }
    ids.uid = *uid;
  }
  if (owner.group.empty()) {
    ids.gid = ids.uid;
  } else if (auto n = Number(owner.group)) {
    ids.gid = *n;
  } else {
    auto gid = MANIFOLD_TRY(LookUp(root, "/etc/group", owner.group));
    if (!gid) {
      return util::Fail(util::ErrorKind::kNotFound,
                        "unable to find group {}: no matching entries in /etc/group of the destination", owner.group);
    }
    ids.gid = *gid;
  }
  return ids;
}

}  // namespace manifold::worker
