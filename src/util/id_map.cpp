// Reading /proc/self/uid_map.
#include "util/id_map.hpp"

#include <pwd.h>

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "util/temp_file.hpp"

namespace manifold::util {
namespace {

bool NextNumber(std::string_view& line, uint32_t& out) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), out);
  if (ec != std::errc() || end == line.data()) return false;
  line.remove_prefix(static_cast<size_t>(end - line.data()));
  return true;
}

}  // namespace

std::vector<IdMapLine> ParseIdMap(std::string_view text) {
  std::vector<IdMapLine> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    IdMapLine l;
    if (NextNumber(line, l.inside) && NextNumber(line, l.outside) && NextNumber(line, l.count) &&
        line.find_first_not_of(" \t\r") == std::string_view::npos) {
      lines.push_back(l);
    }
  }
  return lines;
}

bool IsInitialIdMap(const std::vector<IdMapLine>& lines) {
  return lines.size() == 1 && lines[0].inside == 0 && lines[0].outside == 0 && lines[0].count == 4294967295U;
}

const UserNamespaceInfo& CurrentUserNamespace() {
  static const UserNamespaceInfo info = [] {
    UserNamespaceInfo i;
    auto text = ReadFile("/proc/self/uid_map");
    // Without /proc (or before 3.5 kernels) there is no user namespace to speak of.
    if (!text) return i;
    auto lines = ParseIdMap(*text);
    i.rootless = !IsInitialIdMap(lines);
    for (const auto& l : lines) i.uid_count += l.count;
    for (const auto& l : lines) {
      if (l.inside == 0) i.outside_uid = l.outside;
    }
    return i;
  }();
  return info;
}

std::string SingleIdAdvice() {
  const auto& ns = CurrentUserNamespace();
  if (!ns.rootless || ns.uid_count != 1) return "";
  std::string user = std::to_string(ns.outside_uid);
  if (struct passwd* pw = ::getpwuid(ns.outside_uid)) user = pw->pw_name;
  return fmt::format(
      "this rootless build has a single id ({} has no range in /etc/subuid and /etc/subgid, or newuidmap is not "
      "installed): files and processes owned by any id but root cannot exist here; as root, give {} 65536 "
      "ids no other user has (`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {}`, a free "
      "range) and `apt-get install uidmap`",
      user, user, user);
}

}  // namespace manifold::util
