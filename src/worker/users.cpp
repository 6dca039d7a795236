// ResolveUser: Docker's USER spec against a rootfs's /etc/passwd and /etc/group.
#include "worker/users.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

#include "util/root_path.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;


bool IsNumber(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A decimal id; 0 for anything else (a malformed line must not stop a build with an exception).
uint32_t Id(const std::string& s) {
  uint32_t id = 0;
  std::from_chars(s.data(), s.data() + s.size(), id);
  return id;
}

// The lines of /etc/passwd or /etc/group inside `root` (missing file: none).
std::vector<std::vector<std::string>> ReadDb(const fs::path& root, const char* file) {
  std::vector<std::vector<std::string>> rows;
  auto path = util::RootPath(root, file, true, util::EscapePolicy::kClamp);
  if (!path) return rows;
  std::ifstream in(*path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t colon; (colon = line.find(':', start)) != std::string::npos; start = colon + 1) {
      fields.push_back(line.substr(start, colon - start));
    }
    fields.push_back(line.substr(start));
    if (fields.size() >= 4) rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace

// Docker's USER: name or uid, optionally ":group"; a user's primary group comes from passwd,
// supplementary groups from group.
util::Result<User> ResolveUser(const std::string& spec, const fs::path& root) {
  User u;
  if (spec.empty()) return u;
  std::string name = spec.substr(0, spec.find(':'));
  std::string group = spec.find(':') == std::string::npos ? "" : spec.substr(spec.find(':') + 1);
  auto passwd = ReadDb(root, "/etc/passwd");
  std::string user_name;
  bool found = false;
  for (const auto& row : passwd) {
    if (row[0] == name || (IsNumber(name) && row[2] == name)) {
      u.uid = Id(row[2]);
      u.gid = Id(row[3]);
      user_name = row[0];
      found = true;
      break;
    }
  }
  if (!found) {
    if (!IsNumber(name)) return util::Fail(util::ErrorKind::kNotFound, "USER {}: no such user in /etc/passwd", name);
    u.uid = u.gid = Id(name);
  }
  auto groups = ReadDb(root, "/etc/group");
  if (!group.empty()) {
    bool group_found = false;
    for (const auto& row : groups) {
      if (row[0] == group || (IsNumber(group) && row[2] == group)) {
        u.gid = Id(row[2]);
        group_found = true;
        break;
      }
    }
    if (!group_found) {
      if (!IsNumber(group)) return util::Fail(util::ErrorKind::kNotFound, "USER {}: no such group in /etc/group", spec);
      u.gid = Id(group);
    }
  } else if (!user_name.empty()) {
    for (const auto& row : groups) {
      std::string members = "," + row[3] + ",";
      if (members.find("," + user_name + ",") != std::string::npos) u.groups.push_back(Id(row[2]));
    }
  }
  return u;
}

}  // namespace manifold::worker
