// TEMPORARY (lead's branch): canonical references only; the regref branch brings the real one.
#include "registry/reference.hpp"
namespace manifold::registry {
util::Result<Reference> ParseReference(std::string_view text) {
  Reference r;
  std::string s(text);
  if (auto at = s.find('@'); at != std::string::npos) {
    r.digest = MANIFOLD_TRY(image::Digest::Parse(s.substr(at + 1)));
    s.resize(at);
  }
  auto slash = s.find('/');
  std::string first = s.substr(0, slash);
  if (slash == std::string::npos || (first.find('.') == std::string::npos && first.find(':') == std::string::npos && first != "localhost")) {
    r.domain = "docker.io";
  } else {
    r.domain = first;
    s = s.substr(slash + 1);
  }
  auto colon = s.rfind(':');
  if (colon != std::string::npos) {
    r.tag = s.substr(colon + 1);
    s.resize(colon);
  }
  r.path = s;
  if (r.domain == "docker.io" && r.path.find('/') == std::string::npos) r.path = "library/" + r.path;
  if (r.tag.empty() && !r.digest) r.tag = "latest";
  return r;
}
}  // namespace manifold::registry
