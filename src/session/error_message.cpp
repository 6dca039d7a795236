// ErrorMessage / ErrorFromMessage.
#include "session/error_message.hpp"

#include <string>

namespace manifold::session {

nlohmann::json ErrorMessage(const util::Error& error) {
  return {{"type", "error"}, {"message", error.What()}, {"kind", util::ErrorKindName(error.kind())}};
}

util::Error ErrorFromMessage(const nlohmann::json& message) {
  std::string text = "the other end reported an error without a message";
  if (auto it = message.find("message"); it != message.end() && it->is_string()) text = it->get<std::string>();
  util::ErrorKind kind = util::ErrorKind::kInternal;
  if (auto it = message.find("kind"); it != message.end() && it->is_string()) {
    for (auto k : {util::ErrorKind::kInvalidArgument, util::ErrorKind::kNotFound, util::ErrorKind::kConflict,
                   util::ErrorKind::kUnavailable, util::ErrorKind::kPermissionDenied, util::ErrorKind::kCancelled,
                   util::ErrorKind::kInternal}) {
      if (util::ErrorKindName(k) == it->get<std::string>()) kind = k;
    }
  }
  return util::Error(kind, std::move(text));
}

}  // namespace manifold::session
