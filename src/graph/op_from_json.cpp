// OpFromJson: the inverse of OpToJson (op_json.cpp), field for field.
#include <climits>
#include <span>

#include "graph/graph_json.hpp"
#include "graph/internal/json_fields.hpp"

namespace manifold::graph {

namespace {
using internal::Fields;
using nlohmann::json;
using util::ErrorKind;
using util::Result;

// The same tables, in the same enum order, as op_json.cpp writes.
constexpr const char* kSourceKinds[] = {"image", "local", "http", "git"};
constexpr const char* kNetworks[] = {"default", "none", "host"};
constexpr const char* kMountTypes[] = {"bind", "cache", "tmpfs", "secret", "ssh"};

template <typename Enum>
Result<Enum> EnumField(const Fields& f, std::string_view key, std::span<const char* const> names) {
  std::string name = MANIFOLD_TRY(f.String(key));
  for (size_t i = 0; i < names.size(); ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\": unknown value \"{}\" (expected one of: {})",
                    f.PathOf(key), name, fmt::join(names, ", "));
}

Result<int> IntField(const Fields& f, std::string_view key) {
  return static_cast<int>(MANIFOLD_TRY(f.Int(key, INT_MIN, INT_MAX)));
}

Result<uint32_t> Uint32Field(const Fields& f, std::string_view key) {
  return static_cast<uint32_t>(MANIFOLD_TRY(f.Unsigned(key, UINT32_MAX)));
}

// OpToJson writes the optional members only when non-empty; absent = empty.
Result<std::string> OptionalString(const Fields& f, std::string_view key) {
  if (!f.Has(key)) return std::string();
  return f.String(key);
}
Result<std::vector<std::string>> OptionalStrings(const Fields& f, std::string_view key) {
  if (!f.Has(key)) return std::vector<std::string>();
  return f.Strings(key);
}

Result<image::Platform> PlatformFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"os", "architecture", "variant", "os.version", "os.features"}));
  image::Platform p;
  p.os = MANIFOLD_TRY(f.String("os"));
  p.architecture = MANIFOLD_TRY(f.String("architecture"));
  p.variant = MANIFOLD_TRY(OptionalString(f, "variant"));
  p.os_version = MANIFOLD_TRY(OptionalString(f, "os.version"));
  p.os_features = MANIFOLD_TRY(OptionalStrings(f, "os.features"));
  return p;
}

// null = no owner (OwnerJson writes null, not an absent member).
Result<std::optional<Owner>> OwnerField(const Fields& f) {
  const json* m = MANIFOLD_TRY(f.Member("owner"));
  if (m->is_null()) return std::optional<Owner>();
  Fields o = MANIFOLD_TRY(f.Object("owner"));
  MANIFOLD_CHECK(o.OnlyKnown({"user", "group"}));
  Owner owner;
  owner.user = MANIFOLD_TRY(o.String("user"));
  owner.group = MANIFOLD_TRY(o.String("group"));
  return owner;
}

Result<std::optional<int64_t>> MtimeField(const Fields& f) {
  const json* m = MANIFOLD_TRY(f.Member("mtime"));
  if (m->is_null()) return std::optional<int64_t>();
  return MANIFOLD_TRY(f.Int("mtime", INT64_MIN, INT64_MAX));
}

Result<SourceOp> SourceFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"kind", "identifier", "platform", "exclude", "checksum", "filename", "keep_git_dir"}));
  SourceOp s;
  s.kind = MANIFOLD_TRY(EnumField<SourceOp::Kind>(f, "kind", kSourceKinds));
  s.identifier = MANIFOLD_TRY(f.String("identifier"));
  if (f.Has("platform")) s.platform = MANIFOLD_TRY(PlatformFrom(MANIFOLD_TRY(f.Object("platform"))));
  s.exclude_patterns = MANIFOLD_TRY(OptionalStrings(f, "exclude"));
  s.checksum = MANIFOLD_TRY(OptionalString(f, "checksum"));
  s.filename = MANIFOLD_TRY(OptionalString(f, "filename"));
  if (f.Has("keep_git_dir")) s.keep_git_dir = MANIFOLD_TRY(f.Bool("keep_git_dir"));
  return s;
}

Result<FileAction> CopyFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"action", "input", "src", "dest", "owner", "chmod", "follow_symlinks",
                              "dir_copy_contents", "attempt_unpack", "create_dest_path", "allow_wildcard",
                              "allow_empty_wildcard", "parents", "exclude", "mtime"}));
  CopyAction c;
  c.source_input = MANIFOLD_TRY(IntField(f, "input"));
  c.source_path = MANIFOLD_TRY(f.String("src"));
  c.dest_path = MANIFOLD_TRY(f.String("dest"));
  c.owner = MANIFOLD_TRY(OwnerField(f));
  c.chmod = MANIFOLD_TRY(f.String("chmod"));
  c.follow_symlinks = MANIFOLD_TRY(f.Bool("follow_symlinks"));
  c.dir_copy_contents = MANIFOLD_TRY(f.Bool("dir_copy_contents"));
  c.attempt_unpack = MANIFOLD_TRY(f.Bool("attempt_unpack"));
  c.create_dest_path = MANIFOLD_TRY(f.Bool("create_dest_path"));
  c.allow_wildcard = MANIFOLD_TRY(f.Bool("allow_wildcard"));
  c.allow_empty_wildcard = MANIFOLD_TRY(f.Bool("allow_empty_wildcard"));
  c.keep_parents = MANIFOLD_TRY(f.Bool("parents"));
  c.exclude_patterns = MANIFOLD_TRY(f.Strings("exclude"));
  c.mtime = MANIFOLD_TRY(MtimeField(f));
  return c;
}

Result<FileAction> MkdirFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"action", "path", "mode", "parents", "owner", "mtime"}));
  MkdirAction m;
  m.path = MANIFOLD_TRY(f.String("path"));
  m.mode = MANIFOLD_TRY(Uint32Field(f, "mode"));
  m.make_parents = MANIFOLD_TRY(f.Bool("parents"));
  m.owner = MANIFOLD_TRY(OwnerField(f));
  m.mtime = MANIFOLD_TRY(MtimeField(f));
  return m;
}

Result<FileAction> MkfileFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"action", "path", "mode", "data", "owner", "mtime"}));
  MkfileAction m;
  m.path = MANIFOLD_TRY(f.String("path"));
  m.mode = MANIFOLD_TRY(Uint32Field(f, "mode"));
  m.data = MANIFOLD_TRY(f.String("data"));
  m.owner = MANIFOLD_TRY(OwnerField(f));
  m.mtime = MANIFOLD_TRY(MtimeField(f));
  return m;
}

Result<FileAction> RmFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"action", "path", "allow_not_found", "allow_wildcard"}));
  RmAction r;
  r.path = MANIFOLD_TRY(f.String("path"));
  r.allow_not_found = MANIFOLD_TRY(f.Bool("allow_not_found"));
  r.allow_wildcard = MANIFOLD_TRY(f.Bool("allow_wildcard"));
  return r;
}

Result<FileAction> ActionFrom(const Fields& f) {
  std::string action = MANIFOLD_TRY(f.String("action"));
  if (action == "copy") return CopyFrom(f);
  if (action == "mkdir") return MkdirFrom(f);
  if (action == "mkfile") return MkfileFrom(f);
  if (action == "rm") return RmFrom(f);
  return util::Fail(ErrorKind::kInvalidArgument,
                    "field \"{}\": unknown file action \"{}\" (expected copy, mkdir, mkfile or rm)",
                    f.PathOf("action"), action);
}

Result<FileOp> FileFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"kind", "actions", "link"}));
  FileOp op;
  const json* actions = MANIFOLD_TRY(f.Member("actions"));
  if (!actions->is_array()) return internal::WrongType(f.PathOf("actions"), "an array", *actions);
  for (size_t i = 0; i < actions->size(); ++i) {
    Fields a = MANIFOLD_TRY(Fields::Of((*actions)[i], internal::ElementPath(f.PathOf("actions"), i)));
    op.actions.push_back(MANIFOLD_TRY(ActionFrom(a)));
  }
  op.link = MANIFOLD_TRY(f.Bool("link"));
  return op;
}

Result<ExecMount> MountFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"type", "target", "input", "selector", "readonly", "id", "sharing", "mode", "uid",
                              "gid", "required", "env", "size"}));
  ExecMount m;
  m.type = MANIFOLD_TRY(EnumField<ExecMount::Type>(f, "type", kMountTypes));
  m.target = MANIFOLD_TRY(f.String("target"));
  m.input = MANIFOLD_TRY(IntField(f, "input"));
  m.selector = MANIFOLD_TRY(f.String("selector"));
  m.readonly = MANIFOLD_TRY(f.Bool("readonly"));
  m.cache_id = MANIFOLD_TRY(f.String("id"));
  m.sharing = MANIFOLD_TRY(f.String("sharing"));
  // OpToJson writes an unset mode as null: null and 0 are different mounts.
  if (!MANIFOLD_TRY(f.Member("mode"))->is_null()) m.mode = MANIFOLD_TRY(Uint32Field(f, "mode"));
  m.uid = MANIFOLD_TRY(Uint32Field(f, "uid"));
  m.gid = MANIFOLD_TRY(Uint32Field(f, "gid"));
  m.required = MANIFOLD_TRY(f.Bool("required"));
  m.env = MANIFOLD_TRY(f.String("env"));
  m.size = MANIFOLD_TRY(f.Unsigned("size", UINT64_MAX));
  return m;
}

// The optional exec members (op_json.cpp writes them only when set); absent = the default.
util::Status ExecMetaFrom(const Fields& f, ExecOp& e) {
  if (f.Has("security")) {
    std::string security = MANIFOLD_TRY(f.String("security"));
    if (security != "insecure") {
      return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\": unknown value \"{}\" (expected insecure)",
                        f.PathOf("security"), security);
    }
    e.security = ExecOp::Security::kInsecure;
  }
  if (f.Has("extra_hosts")) {
    const json* hosts = MANIFOLD_TRY(f.Member("extra_hosts"));
    if (!hosts->is_array()) return internal::WrongType(f.PathOf("extra_hosts"), "an array", *hosts);
    for (size_t i = 0; i < hosts->size(); ++i) {
      Fields h = MANIFOLD_TRY(Fields::Of((*hosts)[i], internal::ElementPath(f.PathOf("extra_hosts"), i)));
      MANIFOLD_CHECK(h.OnlyKnown({"host", "ip"}));
      e.extra_hosts.push_back({MANIFOLD_TRY(h.String("host")), MANIFOLD_TRY(h.String("ip"))});
    }
  }
  if (f.Has("ulimits")) {
    const json* limits = MANIFOLD_TRY(f.Member("ulimits"));
    if (!limits->is_array()) return internal::WrongType(f.PathOf("ulimits"), "an array", *limits);
    for (size_t i = 0; i < limits->size(); ++i) {
      Fields u = MANIFOLD_TRY(Fields::Of((*limits)[i], internal::ElementPath(f.PathOf("ulimits"), i)));
      MANIFOLD_CHECK(u.OnlyKnown({"name", "soft", "hard"}));
      e.ulimits.push_back({MANIFOLD_TRY(u.String("name")), MANIFOLD_TRY(u.Int("soft", -1, INT64_MAX)),
                           MANIFOLD_TRY(u.Int("hard", -1, INT64_MAX))});
    }
  }
  e.cgroup_parent = MANIFOLD_TRY(OptionalString(f, "cgroup_parent"));
  return {};
}

Result<ExecOp> ExecFrom(const Fields& f) {
  MANIFOLD_CHECK(f.OnlyKnown({"kind", "args", "env", "cwd", "user", "platform", "network", "mounts", "security",
                              "extra_hosts", "ulimits", "cgroup_parent"}));
  ExecOp e;
  e.args = MANIFOLD_TRY(f.Strings("args"));
  e.env = MANIFOLD_TRY(f.Strings("env"));
  e.cwd = MANIFOLD_TRY(f.String("cwd"));
  e.user = MANIFOLD_TRY(f.String("user"));
  e.platform = MANIFOLD_TRY(PlatformFrom(MANIFOLD_TRY(f.Object("platform"))));
  e.network = MANIFOLD_TRY(EnumField<ExecOp::Network>(f, "network", kNetworks));
  const json* mounts = MANIFOLD_TRY(f.Member("mounts"));
  if (!mounts->is_array()) return internal::WrongType(f.PathOf("mounts"), "an array", *mounts);
  for (size_t i = 0; i < mounts->size(); ++i) {
    Fields m = MANIFOLD_TRY(Fields::Of((*mounts)[i], internal::ElementPath(f.PathOf("mounts"), i)));
    e.mounts.push_back(MANIFOLD_TRY(MountFrom(m)));
  }
  MANIFOLD_CHECK(ExecMetaFrom(f, e));
  return e;
}
}  // namespace

util::Result<Op> OpFromJson(const nlohmann::json& j) {
  Fields f = MANIFOLD_TRY(Fields::Of(j, ""));
  std::string kind = MANIFOLD_TRY(f.String("kind"));
  if (kind == "source") {
    MANIFOLD_CHECK(f.OnlyKnown({"kind", "source"}));
    return SourceFrom(MANIFOLD_TRY(f.Object("source")));
  }
  if (kind == "file") return FileFrom(f);
  if (kind == "exec") return ExecFrom(f);
  return util::Fail(ErrorKind::kInvalidArgument, "field \"kind\": unknown op kind \"{}\" (expected source, file or exec)",
                    kind);
}

}  // namespace manifold::graph
