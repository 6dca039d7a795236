// Date and time functions: timestamp, timeadd, formatdate, formattimestamp and
// unixtimestampparse, on RFC 3339 timestamps (cty's stdlib datetime and buildx's own).
#include <chrono>
#include <cmath>

#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

using util::ErrorKind;

// A moment and the UTC offset it was written with (Go's time.Time with a fixed zone).
struct Time {
  int64_t unix = 0;  // seconds since the epoch
  int64_t nanos = 0;
  int offset = 0;  // seconds east of UTC
};

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month, day, hour, minute, second, weekday, yday;
};

Civil ToCivil(const Time& t) {
  int64_t local = t.unix + t.offset;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t secs = local - days * 86400;
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  Civil c{};
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  c.yday = static_cast<int>(days - DaysFromCivil(c.year, 1, 1) + 1);
  return c;
}

bool Leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysIn(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}

util::Result<Time> ParseRfc3339(std::string_view s) {
  auto bad = [&](std::string_view why) {
    return util::Fail(ErrorKind::kInvalidArgument, "not a valid RFC3339 timestamp: {}", why);
  };
  size_t p = 0;
  auto num = [&](size_t width, int& into) {
    if (p + width > s.size()) return false;
    into = 0;
    for (size_t i = 0; i < width; ++i) {
      char c = s[p + i];
      if (c < '0' || c > '9') return false;
      into = into * 10 + (c - '0');
    }
    p += width;
    return true;
  };
  auto lit = [&](char c) {
    if (p < s.size() && s[p] == c) {
      ++p;
      return true;
    }
    return false;
  };
  int year, month, day, hour, minute, second;
  if (!num(4, year)) return bad("cannot use the year");
  if (!lit('-') || !num(2, month) || !lit('-') || !num(2, day)) return bad("invalid date");
  if (!lit('T')) return bad("missing required time introducer 'T'");
  if (!num(2, hour) || !lit(':') || !num(2, minute) || !lit(':') || !num(2, second)) {
    return bad("invalid time of day");
  }
  if (month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || day > DaysIn(year, month)) return bad("day out of range");
  if (hour > 23) return bad("hour must be between 0 and 23 inclusive");
  if (minute > 59 || second > 59) return bad("minute or second out of range");
  Time t;
  if (lit('.')) {
    size_t start = p;
    int64_t scale = 100'000'000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      t.nanos += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return bad("missing fractional seconds");
  }
  if (lit('Z')) {
    t.offset = 0;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int sign = s[p++] == '-' ? -1 : 1;
    int oh, om;
    if (!num(2, oh) || !lit(':') || !num(2, om) || oh > 23 || om > 59) return bad("invalid time zone offset");
    t.offset = sign * (oh * 3600 + om * 60);
  } else {
    return bad("missing time zone (Z or ±hh:mm)");
  }
  if (p != s.size()) return bad(fmt::format("extra text \"{}\"", s.substr(p)));
  t.unix = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - t.offset;
  return t;
}

std::string OffsetText(int offset, bool colon) {
  int a = std::abs(offset);
  return fmt::format("{}{:02d}{}{:02d}", offset < 0 ? '-' : '+', a / 3600, colon ? ":" : "",
                     a / 60 % 60);
}

std::string FormatRfc3339(const Time& t) {
  Civil c = ToCivil(t);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}", c.year, c.month, c.day, c.hour,
                     c.minute, c.second, t.offset == 0 ? "Z" : OffsetText(t.offset, true));
}

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// cty's formatdate spec: runs of one letter are verbs, '...' quotes literal text ('' is a
// quote), anything else is copied.
util::Result<std::string> FormatDate(std::string_view f, const Time& t) {
  Civil c = ToCivil(t);
  std::string out;
  auto verb_error = [&](std::string_view tok, std::string_view why) {
    return ArgError(0, "format", fmt::format("invalid date format verb \"{}\": {}", tok, why));
  };
  size_t p = 0;
  while (p < f.size()) {
    if (f[p] == '\'') {
      if (p + 1 < f.size() && f[p + 1] == '\'') {
        out += '\'';
        p += 2;
        continue;
      }
      size_t q = p + 1;
      std::string lit;
      for (;;) {
        if (q >= f.size()) return ArgError(0, "format", "unterminated literal '");
        if (f[q] == '\'') {
          if (q + 1 < f.size() && f[q + 1] == '\'') {
            lit += '\'';
            q += 2;
            continue;
          }
          break;
        }
        lit += f[q++];
      }
      out += lit;
      p = q + 1;
      continue;
    }
    if (!IsLetter(f[p])) {
      out += f[p++];
      continue;
    }
    size_t q = p;
    while (q < f.size() && f[q] == f[p]) ++q;
    std::string_view tok = f.substr(p, q - p);
    size_t n = tok.size();
    p = q;
    switch (tok[0]) {
      case 'Y':
        if (n == 4) out += fmt::format("{:04d}", c.year);
        else if (n == 2) out += fmt::format("{:02d}", c.year % 100);
        else return verb_error(tok, "year must either be \"YY\" or \"YYYY\"");
        break;
      case 'M':
        if (n == 1) out += std::to_string(c.month);
        else if (n == 2) out += fmt::format("{:02d}", c.month);
        else if (n == 3) out += std::string(kMonths[c.month - 1], 3);
        else if (n == 4) out += kMonths[c.month - 1];
        else return verb_error(tok, "month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
        break;
      case 'D':
        if (n == 1) out += std::to_string(c.day);
        else if (n == 2) out += fmt::format("{:02d}", c.day);
        else return verb_error(tok, "day of month must either be \"D\" or \"DD\"");
        break;
      case 'E':
        if (n == 3) out += std::string(kDays[c.weekday], 3);
        else if (n == 4) out += kDays[c.weekday];
        else return verb_error(tok, "day of week must either be \"EEE\" or \"EEEE\"");
        break;
      case 'h':
        if (n == 1) out += std::to_string(c.hour);
        else if (n == 2) out += fmt::format("{:02d}", c.hour);
        else return verb_error(tok, "24-hour must either be \"h\" or \"hh\"");
        break;
      case 'H': {
        int h = c.hour % 12 == 0 ? 12 : c.hour % 12;
        if (n == 1) out += std::to_string(h);
        else if (n == 2) out += fmt::format("{:02d}", h);
        else return verb_error(tok, "12-hour must either be \"H\" or \"HH\"");
        break;
      }
      case 'A':
      case 'a':
        if (n != 2) return verb_error(tok, fmt::format("must be \"{0}{0}\"", tok[0]));
        out += c.hour < 12 ? (tok[0] == 'A' ? "AM" : "am") : (tok[0] == 'A' ? "PM" : "pm");
        break;
      case 'm':
        if (n == 1) out += std::to_string(c.minute);
        else if (n == 2) out += fmt::format("{:02d}", c.minute);
        else return verb_error(tok, "minute must either be \"m\" or \"mm\"");
        break;
      case 's':
        if (n == 1) out += std::to_string(c.second);
        else if (n == 2) out += fmt::format("{:02d}", c.second);
        else return verb_error(tok, "second must either be \"s\" or \"ss\"");
        break;
      case 'Z':
        if (n == 1) out += t.offset == 0 ? "Z" : OffsetText(t.offset, true);
        else if (n == 3) out += t.offset == 0 ? "UTC" : OffsetText(t.offset, false);
        else if (n == 4) out += OffsetText(t.offset, false);
        else if (n == 5) out += OffsetText(t.offset, true);
        else return verb_error(tok, "timezone must be Z, ZZZZ, or ZZZZZ");
        break;
      default: return ArgError(0, "format", fmt::format("invalid date format verb \"{}\"", tok));
    }
    MANIFOLD_CHECK(CheckBytes(out.size()));
  }
  return out;
}

util::Result<Time> TimestampArg(const Args& args, size_t i) {
  std::string s = MANIFOLD_TRY(StringArg(args, i, "timestamp"));
  auto t = ParseRfc3339(s);
  if (!t) return ArgError(i, "timestamp", t.error().message());
  return *t;
}

util::Result<Value> Timestamp(Args) {
  auto now = std::chrono::system_clock::now();
  Time t;
  t.unix = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return Value::String(FormatRfc3339(t));
}

// Go's time.ParseDuration: a signed sequence of decimal numbers with units (ns, us, µs, ms,
// s, m, h), e.g. "1h30m", "-1.5h"; "0" alone is allowed.
util::Result<double> ParseDuration(std::string_view s) {
  auto bad = [&] {
    return util::Fail(ErrorKind::kInvalidArgument, "time: invalid duration \"{}\"", s);
  };
  size_t p = 0;
  double sign = 1;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) sign = s[p++] == '-' ? -1 : 1;
  if (s.substr(p) == "0") return 0.0;
  if (p == s.size()) return bad();
  double total = 0;  // nanoseconds
  while (p < s.size()) {
    size_t start = p;
    double v = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') v = v * 10 + (s[p++] - '0');
    bool whole = p > start;
    if (p < s.size() && s[p] == '.') {
      ++p;
      double scale = 0.1;
      size_t frac_start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        v += (s[p++] - '0') * scale;
        scale /= 10;
      }
      if (!whole && p == frac_start) return bad();
    } else if (!whole) {
      return bad();
    }
    size_t unit_start = p;
    while (p < s.size() && s[p] != '.' && !(s[p] >= '0' && s[p] <= '9')) ++p;
    std::string_view unit = s.substr(unit_start, p - unit_start);
    double mult;
    if (unit == "ns") mult = 1;
    else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") mult = 1e3;
    else if (unit == "ms") mult = 1e6;
    else if (unit == "s") mult = 1e9;
    else if (unit == "m") mult = 60e9;
    else if (unit == "h") mult = 3600e9;
    else if (unit.empty()) return util::Fail(ErrorKind::kInvalidArgument, "time: missing unit in duration \"{}\"", s);
    else return util::Fail(ErrorKind::kInvalidArgument, "time: unknown unit \"{}\" in duration \"{}\"", unit, s);
    total += v * mult;
  }
  if (total > 9.223372036854775807e18) return util::Fail(ErrorKind::kInvalidArgument, "time: invalid duration \"{}\"", s);
  return sign * total;
}

util::Result<Value> TimeAdd(Args args) {
  Time t = MANIFOLD_TRY(TimestampArg(args, 0));
  std::string d = MANIFOLD_TRY(StringArg(args, 1, "duration"));
  auto ns = ParseDuration(d);
  if (!ns) return ArgError(1, "duration", ns.error().message());
  auto add = static_cast<int64_t>(*ns);
  int64_t total_ns = t.nanos + add % 1'000'000'000;
  t.unix += add / 1'000'000'000 + (total_ns >= 1'000'000'000 ? 1 : total_ns < 0 ? -1 : 0);
  t.nanos = (total_ns % 1'000'000'000 + 1'000'000'000) % 1'000'000'000;
  return Value::String(FormatRfc3339(t));
}

util::Result<Value> FormatDateFn(Args args) {
  std::string f = MANIFOLD_TRY(StringArg(args, 0, "format"));
  Time t = MANIFOLD_TRY(TimestampArg(args, 1));
  return Value::String(MANIFOLD_TRY(FormatDate(f, t)));
}

// Go's time.Time range for Unix seconds that this code formats sensibly (years 0..9999).
util::Result<Time> UnixArg(const Args& args, size_t i, std::string_view param) {
  double n = MANIFOLD_TRY(NumberArg(args, i, param));
  if (n != std::trunc(n) || std::fabs(n) > 253402300799.0) {
    return ArgError(i, param, "unix timestamp must be an integer");
  }
  Time t;
  t.unix = static_cast<int64_t>(n);
  return t;
}

util::Result<Value> FormatTimestamp(Args args) {
  std::string f = MANIFOLD_TRY(StringArg(args, 0, "format"));
  Time t;
  if (args[1].kind() == Kind::kString) {
    auto parsed = ParseRfc3339(args[1].AsString());
    if (!parsed) {
      if (f == "X") return ArgError(1, "time", "timestamp string must be RFC3339");
      return ArgError(1, "time", parsed.error().message());
    }
    t = *parsed;
  } else if (args[1].kind() == Kind::kNumber) {
    t = MANIFOLD_TRY(UnixArg(args, 1, "time"));
  } else {
    return ArgError(1, "time", "must be a string timestamp or a unix timestamp number");
  }
  if (f == "X") return Value::String(std::to_string(t.unix));
  return Value::String(MANIFOLD_TRY(FormatDate(f, t)));
}

util::Result<Value> UnixTimestampParse(Args args) {
  Time t = MANIFOLD_TRY(UnixArg(args, 0, "unix_timestamp"));
  Civil c = ToCivil(t);
  // ISO 8601 week: the week (Monday first) holding the year's first Thursday is week 1.
  int iso_weekday = c.weekday == 0 ? 7 : c.weekday;
  Time thursday = t;
  thursday.unix += static_cast<int64_t>(4 - iso_weekday) * 86400;
  Civil th = ToCivil(thursday);
  int iso_week = (th.yday - 1) / 7 + 1;
  Object o;
  o["year"] = Value::Number(static_cast<double>(c.year));
  o["year_day"] = Value::Number(c.yday);
  o["day"] = Value::Number(c.day);
  o["month"] = Value::Number(c.month);
  o["month_name"] = Value::String(kMonths[c.month - 1]);
  o["weekday"] = Value::Number(c.weekday);
  o["weekday_name"] = Value::String(kDays[c.weekday]);
  o["hour"] = Value::Number(c.hour);
  o["minute"] = Value::Number(c.minute);
  o["second"] = Value::Number(c.second);
  o["rfc3339"] = Value::String(FormatRfc3339(t));
  o["iso_year"] = Value::Number(static_cast<double>(th.year));
  o["iso_week"] = Value::Number(iso_week);
  return Value::MakeObject(std::move(o));
}

}  // namespace

void AddDatetimeFunctions(EvalContext& ctx) {
  ctx.SetFunction("formatdate", Function{2, 2, FormatDateFn});
  ctx.SetFunction("formattimestamp", Function{2, 2, FormatTimestamp});
  ctx.SetFunction("timeadd", Function{2, 2, TimeAdd});
  ctx.SetFunction("timestamp", Function{0, 0, Timestamp});
  ctx.SetFunction("unixtimestampparse", Function{1, 1, UnixTimestampParse});
}

}  // namespace manifold::hcl::internal
