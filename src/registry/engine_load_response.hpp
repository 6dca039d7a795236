// EngineLoadResponse: reading the JSON message stream a Docker Engine answers `POST /images/load` with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::registry {

/// Consumes the response body of `POST /images/load` piece by piece. The Engine writes one JSON
/// object per line (docker's jsonmessage stream, even when the HTTP status is 200): `stream`
/// lines say what was loaded ("Loaded image: app:1.0", "Loaded image ID: sha256:…"), and an
/// `error` / `errorDetail.message` object says why the load failed. Lines that are not JSON
/// objects are ignored, as the docker CLI skips what it does not understand; a line longer
/// than kMaxLine is an error (nothing legitimate is that long). Not thread-safe.
class EngineLoadResponse {
 public:
  static constexpr size_t kMaxLine = 1 << 20;

  /// Feeds the next piece of the body. Errors: an over-long line (kInvalidArgument).
  util::Status Feed(std::string_view bytes);
  /// Ends the body: parses a last line without a newline, then reports the Engine's error
  /// message as kInvalidArgument (the archive or the image was refused) if there was one.
  util::Status Finish();

  /// The names the Engine reported loading ("app:1.0"), in order.
  const std::vector<std::string>& loaded_names() const { return names_; }
  /// The image IDs of images loaded without a name ("sha256:…").
  const std::vector<std::string>& loaded_ids() const { return ids_; }
  /// The first error the Engine reported, or "".
  const std::string& error() const { return error_; }

 private:
  void Line(std::string_view line);

  std::string pending_;
  std::vector<std::string> names_;
  std::vector<std::string> ids_;
  std::string error_;
};

}  // namespace manifold::registry
