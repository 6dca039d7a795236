// ParseRunMount: BuildKit's `--mount` grammar (dockerfile instructions' runmount) over our ExecMount.
#include "frontend/internal/run_mounts.hpp"

#include <charconv>

#include "util/csv.hpp"
#include "util/root_path.hpp"

namespace manifold::frontend::internal {
namespace {

using graph::ExecMount;

util::Result<bool> ParseBool(const std::string& key, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return util::Fail(util::ErrorKind::kInvalidArgument, "--mount {}={:?}: expected true or false", key, value);
}

util::Result<uint32_t> ParseNumber(const std::string& key, const std::string& value, int base) {
  uint32_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n, base);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--mount {}={:?}: expected {} number", key, value,
                      base == 8 ? "an octal" : "a decimal");
  }
  return n;
}

// "64m", "1g", "512k" or bytes, as docker's units.RAMInBytes reads tmpfs sizes.
util::Result<uint64_t> ParseSize(const std::string& value) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  std::string unit(end, value.data() + value.size());
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  if (!unit.empty() && unit.back() == 'i') unit.pop_back();
  uint64_t scale = unit.empty() ? 1 : unit == "k" ? 1ull << 10 : unit == "m" ? 1ull << 20 : unit == "g" ? 1ull << 30 : 0;
  if (ec != std::errc() || scale == 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--mount size={:?}: expected a size like 64m or 1g", value);
  }
  return n * scale;
}

util::Result<ExecMount::Type> ParseType(const std::string& value) {
  if (value == "bind") return ExecMount::Type::kBind;
  if (value == "cache") return ExecMount::Type::kCache;
  if (value == "tmpfs") return ExecMount::Type::kTmpfs;
  if (value == "secret") return ExecMount::Type::kSecret;
  if (value == "ssh") return ExecMount::Type::kSsh;
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "--mount type={:?} is not a mount type (bind, cache, tmpfs, secret or ssh)", value);
}

std::string BaseName(const std::string& path) {
  std::string clean = util::CleanPath(path);
  return clean.substr(clean.rfind('/') + 1);
}

}  // namespace

util::Result<RunMount> ParseRunMount(std::string_view value, const std::string& workdir, const ExpandFn& expand) {
  auto fields = util::SplitCsv(value);
  if (!fields) return std::unexpected(std::move(fields.error()).Context("--mount"));
  RunMount run;
  ExecMount& m = run.mount;
  std::optional<bool> readonly;
  std::optional<uint32_t> uid, gid;
  std::string source, env;
  bool has_env = false, has_sharing = false, has_size = false;
  for (auto& field : *fields) {
    size_t eq = field.find('=');
    std::string key = field.substr(0, eq);
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (eq == std::string::npos) {
      // Flags without a value.
      if (key == "readonly" || key == "ro") readonly = true;
      else if (key == "readwrite" || key == "rw") readonly = false;
      else if (key == "required") m.required = true;
      else return util::Fail(util::ErrorKind::kInvalidArgument, "--mount {:?}: expected key=value", field);
      continue;
    }
    std::string v = MANIFOLD_TRY(expand(field.substr(eq + 1)));
    if (key == "type") m.type = MANIFOLD_TRY(ParseType(v));
    else if (key == "from") run.from = v;
    else if (key == "source" || key == "src") source = v;
    else if (key == "target" || key == "dst" || key == "destination") m.target = v;
    else if (key == "readonly" || key == "ro") readonly = MANIFOLD_TRY(ParseBool(key, v));
    else if (key == "readwrite" || key == "rw") readonly = !MANIFOLD_TRY(ParseBool(key, v));
    else if (key == "required") m.required = MANIFOLD_TRY(ParseBool(key, v));
    else if (key == "id") m.cache_id = v;
    else if (key == "sharing") { m.sharing = v; has_sharing = true; }
    else if (key == "mode") m.mode = MANIFOLD_TRY(ParseNumber(key, v, 8));
    else if (key == "uid") uid = MANIFOLD_TRY(ParseNumber(key, v, 10));
    else if (key == "gid") gid = MANIFOLD_TRY(ParseNumber(key, v, 10));
    else if (key == "size") { m.size = MANIFOLD_TRY(ParseSize(v)); has_size = true; }
    else if (key == "env") { env = v; has_env = true; }
    else {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--mount: unknown key {:?} (known: type, target, source, from, id, sharing, mode, uid, gid, "
                        "readonly, rw, required, size, env)",
                        key);
    }
  }

  using Type = ExecMount::Type;
  const char* type_name = m.type == Type::kBind ? "bind" : m.type == Type::kCache ? "cache" : m.type == Type::kTmpfs ? "tmpfs"
                          : m.type == Type::kSecret ? "secret" : "ssh";
  auto refuse = [&](const char* what) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--mount: {} is not allowed for type={} mounts", what, type_name);
  };
  bool file_info = m.type == Type::kSecret || m.type == Type::kSsh || m.type == Type::kCache;
  if (!file_info && (m.mode || uid || gid)) return refuse("mode/uid/gid");
  if (has_sharing && m.type != Type::kCache) return refuse("sharing");
  if (has_size && m.type != Type::kTmpfs) return refuse("size");
  if (m.required && m.type != Type::kSecret && m.type != Type::kSsh) return refuse("required");
  if (has_env && m.type != Type::kSecret) return refuse("env");
  if (!run.from.empty() && m.type != Type::kBind && m.type != Type::kCache) return refuse("from");
  if (!run.from.empty() && m.type == Type::kCache) {
    return util::Fail(util::ErrorKind::kUnavailable, "--mount type=cache,from=… is not supported yet; seed the cache "
                                                     "in the RUN step instead");
  }
  m.uid = uid.value_or(0);
  m.gid = gid.value_or(0);
  m.readonly = readonly.value_or(m.type == Type::kBind || m.type == Type::kSecret || m.type == Type::kSsh);

  if (m.type == Type::kSecret) {
    if (!source.empty() && !m.cache_id.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--mount type=secret: both source and id are set; use id");
    }
    if (!source.empty()) m.cache_id = source;
    if (m.cache_id.empty() && m.target.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--mount type=secret needs an id (or a target to name it)");
    }
    if (m.cache_id.empty()) m.cache_id = BaseName(m.target);
    if (m.target.empty() && !has_env) m.target = "/run/secrets/" + m.cache_id;
    m.env = env;
    if (!m.mode) m.mode = 0400;
  } else if (m.type == Type::kSsh) {
    if (m.cache_id.empty()) m.cache_id = "default";
    if (m.target.empty()) m.target = "/run/buildkit/ssh_agent.0";
    if (!m.mode) m.mode = 0600;
  } else {
    if (m.target.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--mount type={} needs a target=PATH", type_name);
    }
    m.selector = source.empty() ? "/" : util::CleanPath("/" + source);
  }
  if (!m.target.empty()) {
    m.target = util::CleanPath(m.target.starts_with("/") ? m.target : (workdir.empty() ? "/" : workdir) + "/" + m.target);
    if (m.target == "/") return util::Fail(util::ErrorKind::kInvalidArgument, "--mount: cannot mount over /");
  }
  if (m.type == Type::kCache) {
    if (m.cache_id.empty()) m.cache_id = m.target;
    if (m.sharing.empty()) m.sharing = "shared";
    if (m.sharing != "shared" && m.sharing != "private" && m.sharing != "locked") {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--mount sharing={:?}: expected shared, private or locked",
                        m.sharing);
    }
    if (!m.mode) m.mode = 0755;
  }
  return run;
}

}  // namespace manifold::frontend::internal
