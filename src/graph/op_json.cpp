// Canonical JSON for each operation kind.
#include "graph/op_json.hpp"

namespace manifold::graph {

namespace {
using nlohmann::json;

json PlatformJson(const image::Platform& p) {
  json j = {{"os", p.os}, {"architecture", p.architecture}};
  if (!p.variant.empty()) j["variant"] = p.variant;
  if (!p.os_version.empty()) j["os.version"] = p.os_version;
  if (!p.os_features.empty()) j["os.features"] = p.os_features;
  return j;
}

json OwnerJson(const std::optional<Owner>& owner) {
  if (!owner) return nullptr;
  return {{"user", owner->user}, {"group", owner->group}};
}

json MtimeJson(const std::optional<int64_t>& mtime) { return mtime ? json(*mtime) : json(nullptr); }

json SourceJson(const SourceOp& s) {
  static constexpr const char* kKinds[] = {"image", "local", "http", "git"};
  json j = {{"kind", kKinds[static_cast<int>(s.kind)]}, {"identifier", s.identifier}};
  if (s.platform) j["platform"] = PlatformJson(*s.platform);
  if (!s.exclude_patterns.empty()) j["exclude"] = s.exclude_patterns;
  if (!s.checksum.empty()) j["checksum"] = s.checksum;
  if (!s.filename.empty()) j["filename"] = s.filename;
  if (s.keep_git_dir) j["keep_git_dir"] = true;
  return j;
}

json ActionJson(const FileAction& action) {
  struct Visitor {
    json operator()(const CopyAction& c) const {
      return {{"action", "copy"},
              {"input", c.source_input},
              {"src", c.source_path},
              {"dest", c.dest_path},
              {"owner", OwnerJson(c.owner)},
              {"chmod", c.chmod},
              {"follow_symlinks", c.follow_symlinks},
              {"dir_copy_contents", c.dir_copy_contents},
              {"attempt_unpack", c.attempt_unpack},
              {"create_dest_path", c.create_dest_path},
              {"allow_wildcard", c.allow_wildcard},
              {"allow_empty_wildcard", c.allow_empty_wildcard},
              {"parents", c.keep_parents},
              {"exclude", c.exclude_patterns},
              {"mtime", MtimeJson(c.mtime)}};
    }
    json operator()(const MkdirAction& m) const {
      return {{"action", "mkdir"}, {"path", m.path}, {"mode", m.mode},
              {"parents", m.make_parents}, {"owner", OwnerJson(m.owner)}, {"mtime", MtimeJson(m.mtime)}};
    }
    json operator()(const MkfileAction& m) const {
      return {{"action", "mkfile"}, {"path", m.path}, {"mode", m.mode}, {"data", m.data},
              {"owner", OwnerJson(m.owner)}, {"mtime", MtimeJson(m.mtime)}};
    }
    json operator()(const RmAction& r) const {
      return {{"action", "rm"}, {"path", r.path}, {"allow_not_found", r.allow_not_found},
              {"allow_wildcard", r.allow_wildcard}};
    }
  };
  return std::visit(Visitor{}, action);
}

json FileJson(const FileOp& f) {
  json actions = json::array();
  for (const auto& a : f.actions) actions.push_back(ActionJson(a));
  return {{"kind", "file"}, {"actions", actions}, {"link", f.link}};
}

json ExecJson(const ExecOp& e) {
  static constexpr const char* kNetworks[] = {"default", "none", "host"};
  static constexpr const char* kMountTypes[] = {"bind", "cache", "tmpfs", "secret", "ssh"};
  json mounts = json::array();
  for (const auto& m : e.mounts) {
    mounts.push_back({{"type", kMountTypes[static_cast<int>(m.type)]},
                      {"target", m.target},
                      {"input", m.input},
                      {"selector", m.selector},
                      {"readonly", m.readonly},
                      {"id", m.cache_id},
                      {"sharing", m.sharing},
                      {"mode", m.mode ? json(*m.mode) : json()},
                      {"uid", m.uid},
                      {"gid", m.gid},
                      {"required", m.required},
                      {"env", m.env},
                      {"size", m.size}});
  }
  json j = {{"kind", "exec"},
            {"args", e.args},
            {"env", e.env},
            {"cwd", e.cwd},
            {"user", e.user},
            {"platform", PlatformJson(e.platform)},
            {"network", kNetworks[static_cast<int>(e.network)]},
            {"mounts", mounts}};
  // Only when set: the bytes (digest, cache key) of a step without them stay what they were.
  if (e.security == ExecOp::Security::kInsecure) j["security"] = "insecure";
  if (!e.extra_hosts.empty()) {
    json hosts = json::array();
    for (const auto& h : e.extra_hosts) hosts.push_back({{"host", h.host}, {"ip", h.ip}});
    j["extra_hosts"] = std::move(hosts);
  }
  if (!e.ulimits.empty()) {
    json limits = json::array();
    for (const auto& u : e.ulimits) limits.push_back({{"name", u.name}, {"soft", u.soft}, {"hard", u.hard}});
    j["ulimits"] = std::move(limits);
  }
  if (!e.cgroup_parent.empty()) j["cgroup_parent"] = e.cgroup_parent;
  return j;
}
}  // namespace

nlohmann::json OpToJson(const Op& op) {
  struct Visitor {
    json operator()(const SourceOp& s) const { return {{"kind", "source"}, {"source", SourceJson(s)}}; }
    json operator()(const FileOp& f) const { return FileJson(f); }
    json operator()(const ExecOp& e) const { return ExecJson(e); }
  };
  return std::visit(Visitor{}, op);
}

const char* OpKindName(const Op& op) {
  switch (op.index()) {
    case 0: return "source";
    case 1: return "file";
    default: return "exec";
  }
}

}  // namespace manifold::graph
