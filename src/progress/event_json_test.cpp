// Progress events survive the trip from a remote node, every kind, and bad input is an error.
#include "progress/event_json.hpp"

#include <gtest/gtest.h>

#include "progress/raw_json_renderer.hpp"

namespace manifold::progress {
namespace {

using nlohmann::json;

constexpr EventKind kAllKinds[] = {EventKind::kStarted, EventKind::kCached, EventKind::kLog,
                                   EventKind::kBytes,   EventKind::kDone,   EventKind::kError,
                                   EventKind::kCancelled, EventKind::kWarning};

TEST(EventJson, EveryKindRoundTrips) {
  // The table above must list them all: the one past the last has no name.
  ASSERT_STREQ(EventKindName(static_cast<EventKind>(std::size(kAllKinds))), "unknown");
  for (EventKind kind : kAllKinds) {
    Event e;
    e.kind = kind;
    e.vertex = "sha256:0123456789abcdef";
    e.name = "[linux/arm64 stage-1 2/4] RUN make";
    e.platforms = {"linux/arm64", "linux/arm/v7"};
    e.text = "line with \"quotes\" and ü";
    e.current = 1234567890123;
    e.total = -1;
    e.time = Clock::time_point{};  // long ago: the arrival time must replace it
    json sent = EventToJson(e);
    EXPECT_EQ(sent["kind"], EventKindName(kind));
    EXPECT_FALSE(sent.contains("time"));

    auto before = Clock::now();
    auto back = EventFromJson(json::parse(sent.dump()));
    ASSERT_TRUE(back) << back.error().What();
    EXPECT_EQ(back->kind, kind);
    EXPECT_EQ(back->vertex, e.vertex);
    EXPECT_EQ(back->name, e.name);
    EXPECT_EQ(back->platforms, e.platforms);
    EXPECT_EQ(back->text, e.text);
    EXPECT_EQ(back->current, e.current);
    EXPECT_EQ(back->total, e.total);
    EXPECT_GE(back->time, before);
    EXPECT_EQ(EventToJson(*back), sent);
  }
}

TEST(EventJson, InvalidUtf8TextIsReplacedNotFatal) {
  Event e;
  e.kind = EventKind::kLog;
  e.text = "bad \xff byte";
  std::string wire = EventToJson(e).dump(-1, ' ', false, json::error_handler_t::replace);
  auto back = EventFromJson(json::parse(wire));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->text, "bad \xEF\xBF\xBD byte");
}

void ExpectRejected(const json& j, const std::string& needle) {
  auto r = EventFromJson(j);
  ASSERT_FALSE(r) << j.dump();
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().What().find(needle), std::string::npos) << r.error().What();
}

TEST(EventJson, BadEventsAreErrorsNamingTheMember) {
  json good = EventToJson(Event{});
  ASSERT_TRUE(EventFromJson(good));
  json extra = good;
  extra["elapsed"] = 1.5;  // a member it does not know is ignored
  EXPECT_TRUE(EventFromJson(extra));

  ExpectRejected(json(), "expected an object, got null");
  ExpectRejected(json::array(), "expected an object, got array");
  json kind = good;
  kind["kind"] = "exploded";
  ExpectRejected(kind, "unknown kind \"exploded\"");
  kind["kind"] = 3;
  ExpectRejected(kind, "\"kind\": expected a string, got number");
  for (const char* key : {"kind", "vertex", "name", "platforms", "text", "current", "total"}) {
    json missing = good;
    missing.erase(key);
    ExpectRejected(missing, fmt::format("\"{}\" is missing", key));
  }
  json platforms = good;
  platforms["platforms"] = json::array({"linux/amd64", 7});
  ExpectRejected(platforms, "\"platforms\": expected strings, got number");
  json current = good;
  current["current"] = "12";
  ExpectRejected(current, "\"current\": expected an integer, got string");
  current["current"] = 1.5;
  ExpectRejected(current, "\"current\": expected an integer, got number");
  current["current"] = 18446744073709551615ull;
  ExpectRejected(current, "\"current\": 18446744073709551615 is out of range");
}

}  // namespace
}  // namespace manifold::progress
