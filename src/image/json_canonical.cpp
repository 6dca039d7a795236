// Canonical JSON serialization and non-throwing parsing.
#include "image/json_canonical.hpp"

namespace manifold::image {

std::string CanonicalJson(const nlohmann::json& json) {
  // A user's label or env value may carry invalid UTF-8; dump() would throw on it.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

using Json = nlohmann::json;

// A SAX handler that accepts everything and records the first syntax error: nlohmann reports
// errors to SAX handlers as values, so locating one needs no exception.
struct ErrorLocator : nlohmann::json_sax<Json> {
  size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& e) override {
    position = pos;
    message = e.what();
    return false;
  }
};

}  // namespace

util::Result<nlohmann::json> ParseJson(std::string_view bytes, std::string_view what) {
  Json value = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (!value.is_discarded()) return value;
  ErrorLocator locator;
  Json::sax_parse(bytes.begin(), bytes.end(), &locator);
  return util::Fail(util::ErrorKind::kInvalidArgument, "{}: invalid JSON at byte {}: {}", what,
                    locator.position, locator.message);
}

}  // namespace manifold::image
