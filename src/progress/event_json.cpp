// Progress events to and from JSON.
#include "progress/event_json.hpp"

#include "progress/raw_json_renderer.hpp"

namespace manifold::progress {

namespace {
using nlohmann::json;
using util::ErrorKind;

// EventKindName's switch covers every kind (-Wswitch), and an enum class's values start at 0
// without gaps: walking up to its "unknown" finds every kind, including ones added later.
util::Result<EventKind> KindNamed(std::string_view name) {
  for (int i = 0; std::string_view(EventKindName(static_cast<EventKind>(i))) != "unknown"; ++i) {
    if (name == EventKindName(static_cast<EventKind>(i))) return static_cast<EventKind>(i);
  }
  return util::Fail(ErrorKind::kInvalidArgument,
                    "progress event: unknown kind \"{}\" (is the node a different manifold version?)", name);
}

util::Result<const json*> Member(const json& j, const char* key, bool (json::*is)() const noexcept,
                                 const char* expected) {
  auto it = j.find(key);
  if (it == j.end()) return util::Fail(ErrorKind::kInvalidArgument, "progress event: \"{}\" is missing", key);
  if (!((*it).*is)()) {
    return util::Fail(ErrorKind::kInvalidArgument, "progress event: \"{}\": expected {}, got {}", key, expected,
                      it->type_name());
  }
  return &*it;
}

util::Result<std::string> String(const json& j, const char* key) {
  return MANIFOLD_TRY(Member(j, key, &json::is_string, "a string"))->get<std::string>();
}

util::Result<int64_t> Int(const json& j, const char* key) {
  const json* m = MANIFOLD_TRY(Member(j, key, &json::is_number_integer, "an integer"));
  if (m->is_number_unsigned() && m->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return util::Fail(ErrorKind::kInvalidArgument, "progress event: \"{}\": {} is out of range", key, m->dump());
  }
  return m->get<int64_t>();
}
}  // namespace

nlohmann::json EventToJson(const Event& e) {
  return {{"kind", EventKindName(e.kind)}, {"vertex", e.vertex},   {"name", e.name},  {"platforms", e.platforms},
          {"text", e.text},                {"current", e.current}, {"total", e.total}};
}

util::Result<Event> EventFromJson(const nlohmann::json& j) {
  if (!j.is_object()) {
    return util::Fail(ErrorKind::kInvalidArgument, "progress event: expected an object, got {}", j.type_name());
  }
  Event e;
  e.kind = MANIFOLD_TRY(KindNamed(MANIFOLD_TRY(String(j, "kind"))));
  e.vertex = MANIFOLD_TRY(String(j, "vertex"));
  e.name = MANIFOLD_TRY(String(j, "name"));
  const json* platforms = MANIFOLD_TRY(Member(j, "platforms", &json::is_array, "an array of strings"));
  for (const json& p : *platforms) {
    if (!p.is_string()) {
      return util::Fail(ErrorKind::kInvalidArgument, "progress event: \"platforms\": expected strings, got {}",
                        p.type_name());
    }
    e.platforms.push_back(p.get<std::string>());
  }
  e.text = MANIFOLD_TRY(String(j, "text"));
  e.current = MANIFOLD_TRY(Int(j, "current"));
  e.total = MANIFOLD_TRY(Int(j, "total"));
  e.time = Clock::now();
  return e;
}

}  // namespace manifold::progress
