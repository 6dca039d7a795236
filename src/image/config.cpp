// ImageConfig JSON: field names from image-spec config.md and Docker's image spec (v1.2/1.3).
#include "image/config.hpp"

#include "image/internal/json_fields.hpp"
#include "image/json_canonical.hpp"

namespace manifold::image {

using internal::Json;

namespace {

Json SetToJson(const std::set<std::string>& set) {
  Json out = Json::object();
  for (const auto& key : set) out[key] = Json::object();
  return out;
}

Json HealthToJson(const HealthConfig& h) {
  Json out = Json::object();
  if (!h.test.empty()) out["Test"] = h.test;
  if (h.interval != 0) out["Interval"] = h.interval;
  if (h.timeout != 0) out["Timeout"] = h.timeout;
  if (h.start_period != 0) out["StartPeriod"] = h.start_period;
  if (h.start_interval != 0) out["StartInterval"] = h.start_interval;
  if (h.retries != 0) out["Retries"] = h.retries;
  return out;
}

Json ContainerConfigToJson(const ContainerConfig& c) {
  Json out = Json::object();
  if (!c.user.empty()) out["User"] = c.user;
  if (!c.exposed_ports.empty()) out["ExposedPorts"] = SetToJson(c.exposed_ports);
  if (!c.env.empty()) out["Env"] = c.env;
  if (!c.entrypoint.empty()) out["Entrypoint"] = c.entrypoint;
  if (!c.cmd.empty()) out["Cmd"] = c.cmd;
  if (!c.volumes.empty()) out["Volumes"] = SetToJson(c.volumes);
  if (!c.working_dir.empty()) out["WorkingDir"] = c.working_dir;
  if (!c.labels.empty()) out["Labels"] = c.labels;
  if (!c.stop_signal.empty()) out["StopSignal"] = c.stop_signal;
  if (c.args_escaped) out["ArgsEscaped"] = true;
  if (c.healthcheck) out["Healthcheck"] = HealthToJson(*c.healthcheck);
  if (!c.on_build.empty()) out["OnBuild"] = c.on_build;
  if (!c.shell.empty()) out["Shell"] = c.shell;
  return out;
}

util::Status ReadHealth(const Json& json, std::string_view where, HealthConfig& h) {
  MANIFOLD_CHECK(internal::ExpectObject(json, where));
  MANIFOLD_CHECK(internal::ReadStringList(json, "Test", where, h.test));
  MANIFOLD_CHECK(internal::ReadInt64(json, "Interval", where, h.interval));
  MANIFOLD_CHECK(internal::ReadInt64(json, "Timeout", where, h.timeout));
  MANIFOLD_CHECK(internal::ReadInt64(json, "StartPeriod", where, h.start_period));
  MANIFOLD_CHECK(internal::ReadInt64(json, "StartInterval", where, h.start_interval));
  MANIFOLD_CHECK(internal::ReadInt64(json, "Retries", where, h.retries));
  return {};
}

util::Status ReadContainerConfig(const Json& json, ContainerConfig& c) {
  constexpr std::string_view kWhere = "config";
  MANIFOLD_CHECK(internal::ExpectObject(json, kWhere));
  MANIFOLD_CHECK(internal::ReadString(json, "User", kWhere, c.user));
  MANIFOLD_CHECK(internal::ReadStringSet(json, "ExposedPorts", kWhere, c.exposed_ports));
  MANIFOLD_CHECK(internal::ReadStringList(json, "Env", kWhere, c.env));
  for (size_t i = 0; i < c.env.size(); ++i) {
    // image-spec config.md: entries are VARNAME=VARVALUE (upstream checks ^[^=]+=.*$).
    size_t eq = c.env[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "config.Env[{}] {:?} must look like NAME=value", i, c.env[i]);
    }
  }
  MANIFOLD_CHECK(internal::ReadStringList(json, "Entrypoint", kWhere, c.entrypoint));
  MANIFOLD_CHECK(internal::ReadStringList(json, "Cmd", kWhere, c.cmd));
  MANIFOLD_CHECK(internal::ReadStringSet(json, "Volumes", kWhere, c.volumes));
  MANIFOLD_CHECK(internal::ReadString(json, "WorkingDir", kWhere, c.working_dir));
  MANIFOLD_CHECK(internal::ReadStringMap(json, "Labels", kWhere, c.labels));
  MANIFOLD_CHECK(internal::ReadString(json, "StopSignal", kWhere, c.stop_signal));
  MANIFOLD_CHECK(internal::ReadBool(json, "ArgsEscaped", kWhere, c.args_escaped));
  if (const Json* health = internal::Field(json, "Healthcheck")) {
    HealthConfig h;
    MANIFOLD_CHECK(ReadHealth(*health, "config.Healthcheck", h));
    c.healthcheck = std::move(h);
  }
  MANIFOLD_CHECK(internal::ReadStringList(json, "OnBuild", kWhere, c.on_build));
  MANIFOLD_CHECK(internal::ReadStringList(json, "Shell", kWhere, c.shell));
  return {};
}

util::Status CheckCreated(const std::string& created, std::string_view path) {
  if (!created.empty() && !internal::IsRfc3339(created)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?} is not an RFC 3339 date-time",
                      path, created);
  }
  return {};
}

util::Status ReadHistory(const Json& json, std::vector<HistoryEntry>& out) {
  if (!json.is_array()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "history must be an array, not {}",
                      json.type_name());
  }
  for (size_t i = 0; i < json.size(); ++i) {
    std::string where = fmt::format("history[{}]", i);
    HistoryEntry h;
    MANIFOLD_CHECK(internal::ExpectObject(json[i], where));
    MANIFOLD_CHECK(internal::ReadString(json[i], "created", where, h.created));
    MANIFOLD_CHECK(CheckCreated(h.created, where + ".created"));
    MANIFOLD_CHECK(internal::ReadString(json[i], "created_by", where, h.created_by));
    MANIFOLD_CHECK(internal::ReadString(json[i], "author", where, h.author));
    MANIFOLD_CHECK(internal::ReadString(json[i], "comment", where, h.comment));
    MANIFOLD_CHECK(internal::ReadBool(json[i], "empty_layer", where, h.empty_layer));
    out.push_back(std::move(h));
  }
  return {};
}

util::Status ReadRootfs(const Json& json, std::vector<Digest>& diff_ids) {
  MANIFOLD_CHECK(internal::ExpectObject(json, "rootfs"));
  std::string type;
  MANIFOLD_CHECK(internal::ReadString(json, "type", "rootfs", type));
  if (type != "layers") {
    return util::Fail(util::ErrorKind::kInvalidArgument, "rootfs.type must be \"layers\", not {:?}", type);
  }
  std::vector<std::string> ids;
  if (!internal::Field(json, "diff_ids")) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "rootfs.diff_ids is missing");
  }
  MANIFOLD_CHECK(internal::ReadStringList(json, "diff_ids", "rootfs", ids));
  for (size_t i = 0; i < ids.size(); ++i) {
    auto digest = Digest::Parse(ids[i]);
    if (!digest) return std::unexpected(std::move(digest.error()).Context("rootfs.diff_ids[{}]", i));
    diff_ids.push_back(std::move(*digest));
  }
  return {};
}

// Top-level fields of config.md (and Docker's extensions) that ImageConfig::extra may not name.
bool IsSpecField(std::string_view name) {
  for (std::string_view known : {"created", "author", "architecture", "os", "variant", "os.version", "os.features",
                                 "config", "rootfs", "history", "container_config", "container", "docker_version"}) {
    if (name == known) return true;
  }
  return false;
}

}  // namespace

std::string SerializeConfig(const ImageConfig& c) {
  Json out = Json::object();
  if (!c.created.empty()) out["created"] = c.created;
  if (!c.author.empty()) out["author"] = c.author;
  out["architecture"] = c.platform.architecture;
  out["os"] = c.platform.os;
  if (!c.platform.variant.empty()) out["variant"] = c.platform.variant;
  if (!c.platform.os_version.empty()) out["os.version"] = c.platform.os_version;
  if (!c.platform.os_features.empty()) out["os.features"] = c.platform.os_features;
  out["config"] = ContainerConfigToJson(c.config);
  Json diff_ids = Json::array();
  for (const Digest& d : c.diff_ids) diff_ids.push_back(d.str());
  out["rootfs"] = Json{{"type", "layers"}, {"diff_ids", std::move(diff_ids)}};
  if (!c.history.empty()) {
    Json history = Json::array();
    for (const HistoryEntry& h : c.history) {
      Json entry = Json::object();
      if (!h.created.empty()) entry["created"] = h.created;
      if (!h.created_by.empty()) entry["created_by"] = h.created_by;
      if (!h.author.empty()) entry["author"] = h.author;
      if (!h.comment.empty()) entry["comment"] = h.comment;
      if (h.empty_layer) entry["empty_layer"] = true;
      history.push_back(std::move(entry));
    }
    out["history"] = std::move(history);
  }
  for (const auto& [name, value] : c.extra) {
    MANIFOLD_ASSERT(!IsSpecField(name), "ImageConfig::extra must not name a field the image spec defines");
    out[name] = value;
  }
  return CanonicalJson(out);
}

util::Result<ImageConfig> ParseConfig(std::string_view bytes) {
  Json json = MANIFOLD_TRY(ParseJson(bytes, "image config"));
  auto fail_context = [](util::Error e) { return std::unexpected(std::move(e).Context("image config")); };
  ImageConfig c;
  util::Status status = [&]() -> util::Status {
    MANIFOLD_CHECK(internal::ExpectObject(json, ""));
    for (const char* required : {"architecture", "os", "rootfs"}) {
      if (!internal::Field(json, required)) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{} is missing", required);
      }
    }
    MANIFOLD_CHECK(internal::ReadString(json, "created", "", c.created));
    MANIFOLD_CHECK(CheckCreated(c.created, "created"));
    MANIFOLD_CHECK(internal::ReadString(json, "author", "", c.author));
    MANIFOLD_CHECK(internal::ReadString(json, "architecture", "", c.platform.architecture));
    MANIFOLD_CHECK(internal::ReadString(json, "os", "", c.platform.os));
    MANIFOLD_CHECK(internal::ReadString(json, "variant", "", c.platform.variant));
    MANIFOLD_CHECK(internal::ReadString(json, "os.version", "", c.platform.os_version));
    MANIFOLD_CHECK(internal::ReadStringList(json, "os.features", "", c.platform.os_features));
    if (const Json* config = internal::Field(json, "config")) {
      MANIFOLD_CHECK(ReadContainerConfig(*config, c.config));
    }
    MANIFOLD_CHECK(ReadRootfs(json.at("rootfs"), c.diff_ids));
    if (const Json* history = internal::Field(json, "history")) {
      MANIFOLD_CHECK(ReadHistory(*history, c.history));
    }
    return {};
  }();
  if (!status) return fail_context(std::move(status.error()));
  return c;
}

}  // namespace manifold::image
