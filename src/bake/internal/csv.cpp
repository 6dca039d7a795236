// SplitCsv and JoinCsv: the subset of RFC 4180 that Go's encoding/csv reads by default.
#include "bake/internal/csv.hpp"

namespace manifold::bake::internal {

util::Result<std::vector<std::string>> SplitCsv(std::string_view record, char separator) {
  std::vector<std::string> fields;
  if (record.empty()) return fields;
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < record.size() && record[i] == '"') {
      ++i;
      while (true) {
        if (i >= record.size()) {
          return util::Fail(util::ErrorKind::kInvalidArgument,
                            "extraneous or missing \" in quoted-field");
        }
        if (record[i] == '"') {
          if (i + 1 < record.size() && record[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += record[i++];
      }
      if (i < record.size() && record[i] != separator) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "extraneous or missing \" in quoted-field");
      }
    } else {
      while (i < record.size() && record[i] != separator) {
        if (record[i] == '"') {
          return util::Fail(util::ErrorKind::kInvalidArgument, "bare \" in non-quoted-field");
        }
        field += record[i++];
      }
    }
    fields.push_back(std::move(field));
    if (i >= record.size()) break;
    ++i;  // the separator; a trailing one leaves an empty last field, as Go's reader does
    if (i == record.size()) {
      fields.emplace_back();
      break;
    }
  }
  return fields;
}

std::string JoinCsv(const std::vector<std::string>& fields, char separator) {
  std::string out;
  for (size_t n = 0; n < fields.size(); ++n) {
    if (n > 0) out += separator;
    const std::string& f = fields[n];
    bool quote = !f.empty() && f[0] == ' ';
    for (char c : f) quote = quote || c == separator || c == '"' || c == '\n' || c == '\r';
    if (!quote) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

}  // namespace manifold::bake::internal
