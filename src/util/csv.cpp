// SplitCsv: comma-separated fields with double-quoted fields.
#include "util/csv.hpp"

namespace manifold::util {

Result<std::vector<std::string>> SplitCsv(std::string_view text) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  if (quoted) return Fail(ErrorKind::kInvalidArgument, "unterminated quote in {:?}", std::string(text));
  fields.push_back(std::move(field));
  return fields;
}

}  // namespace manifold::util
